/*
 * Cross-CPU calls (include/kelp/smp.h): a request (struct smp_call) is put
 * on the target CPU's call_queue under its call_lock, then the target gets
 * a CALL_FUNCTION_VECTOR IPI and runs every queued request from its
 * handler. A waiting caller spins on the request's done flag; while it
 * spins it runs the requests queued for its own CPU, so two CPUs calling
 * each other (even with IRQs off) cannot wait for each other forever.
 * On top: on_each_cpu, stop_machine, schedule_on_each_cpu, reschedule IPIs
 * and the kernel TLB shootdown.
 */
#include <kelp/apic.h>
#include <kelp/completion.h>
#include <kelp/export.h>
#include <kelp/kthread.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/panic.h>
#include <kelp/smp.h>
#include <kelp/workqueue.h>
#include <kelp/x86.h>

struct smp_call {
	struct list_head node;		/* on the target's call_queue, under its call_lock */
	smp_call_func_t func;
	void *info;
	bool wait;			/* the caller spins on done; else the handler frees it */
	int done;			/* set (release) once func returned on the target */
};

u64 smp_ipi_sent, smp_tlb_shootdowns;

/* See smp.h. */
void smp_send_reschedule(int cpu)
{
	__atomic_fetch_add(&smp_ipi_sent, 1, __ATOMIC_RELAXED);
	lapic_send_ipi_vector(cpu_data[cpu]->apic_id, RESCHEDULE_VECTOR);
}

/* Runs and retires every request queued for this CPU. IRQs off. */
static void smp_run_queue(void)
{
	struct cpu *c = this_cpu();
	struct smp_call *sc, *n;
	LIST_HEAD(batch);

	raw_spin_lock(&c->call_lock);
	list_splice_init(&c->call_queue, &batch);
	raw_spin_unlock(&c->call_lock);
	list_for_each_entry_safe(sc, n, &batch, node) {
		sc->func(sc->info);
		if (!sc->wait) {
			kfree(sc);
			continue;
		}
		/* Release: func's effects are visible before done; pairs with smp_call_wait()'s acquire. */
		smp_store_release(&sc->done, 1);
	}
}

/* See smp.h. */
void smp_call_function_interrupt(void)
{
	smp_run_queue();
}

/* Queues sc on CPU cpu and sends the IPI. */
static void smp_call_queue(int cpu, struct smp_call *sc)
{
	struct cpu *c = cpu_data[cpu];
	unsigned long flags = local_irq_save();

	raw_spin_lock(&c->call_lock);
	list_add_tail(&sc->node, &c->call_queue);
	raw_spin_unlock(&c->call_lock);
	local_irq_restore(flags);
	__atomic_fetch_add(&smp_ipi_sent, 1, __ATOMIC_RELAXED);
	lapic_send_ipi_vector(c->apic_id, CALL_FUNCTION_VECTOR);
}

/* Spins until sc ran, serving this CPU's own queue meanwhile (see file comment). */
static void smp_call_wait(struct smp_call *sc)
{
	/* Acquire: pairs with the release in smp_run_queue(). */
	while (!smp_load_acquire(&sc->done)) {
		if (irqs_disabled() && !list_empty(&this_cpu()->call_queue))
			smp_run_queue();
		cpu_relax();
	}
}

/* func(info) here with IRQs off, as on the other CPUs. */
static void smp_call_local(smp_call_func_t func, void *info)
{
	unsigned long flags = local_irq_save();

	func(info);
	local_irq_restore(flags);
}

/* See smp.h. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait)
{
	struct smp_call on_stack = { .func = func, .info = info, .wait = true }, *sc = &on_stack;

	preempt_disable();
	if (cpu == smp_processor_id()) {
		smp_call_local(func, info);
		preempt_enable();
		return 0;
	}
	if (cpu < 0 || !cpu_online(cpu)) {
		preempt_enable();
		return -ENXIO;
	}
	if (!wait) {
		sc = kmalloc(sizeof(*sc), GFP_ATOMIC);
		if (!sc) {
			preempt_enable();
			return -ENOMEM;
		}
		*sc = (struct smp_call){ .func = func, .info = info, .wait = false };
	}
	smp_call_queue(cpu, sc);
	if (wait)
		smp_call_wait(sc);
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(smp_call_function_single);

/* func on the online CPUs of mask but this one; preemption is off. */
static void smp_call_many(u64 mask, smp_call_func_t func, void *info, bool wait)
{
	struct smp_call *calls = NULL;
	int me = smp_processor_id(), cpu, n = 0;

	mask &= ~(1ULL << me);
	if (wait && mask)
		calls = kcalloc(NR_CPUS, sizeof(*calls), GFP_ATOMIC);
	for_each_online_cpu(cpu) {
		if (!((mask >> cpu) & 1))
			continue;
		if (wait && !calls) {
			smp_call_function_single(cpu, func, info, true);	/* no memory: one by one */
			continue;
		}
		if (wait) {
			calls[cpu] = (struct smp_call){ .func = func, .info = info, .wait = true };
			smp_call_queue(cpu, &calls[cpu]);
			n++;
		} else {
			smp_call_function_single(cpu, func, info, false);
		}
	}
	if (calls) {
		for (cpu = 0; n && cpu < NR_CPUS; cpu++)
			if (calls[cpu].func)
				smp_call_wait(&calls[cpu]);
		kfree(calls);
	}
}

/* See smp.h. */
void smp_call_function(smp_call_func_t func, void *info, bool wait)
{
	preempt_disable();
	smp_call_many(~0ULL, func, info, wait);
	preempt_enable();
}
EXPORT_SYMBOL(smp_call_function);

/* See smp.h. */
void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	preempt_disable();
	smp_call_many(~0ULL, func, info, wait);
	smp_call_local(func, info);
	preempt_enable();
}
EXPORT_SYMBOL(on_each_cpu);

/* ---- stop_machine ---- */

static DEFINE_MUTEX(stop_machine_mutex);

struct stop_state {
	int arrived;		/* CPUs spinning with IRQs off */
	int go;			/* stop_machine_all: set once every CPU arrived */
	int ran;		/* stop_machine_all: CPUs whose fn returned */
	int release;		/* set by the caller once fn returned */
	int left;		/* CPUs that saw release and no longer use this struct */
	int (*each)(void *data);	/* stop_machine_all's fn, run on the other CPUs too */
	void *data;
	int sum;		/* the other CPUs' results, added up */
};

/* The other CPUs' side: IRQs are off (an IPI handler); spin until released. */
static void stop_cpu_spin(void *info)
{
	struct stop_state *st = info;

	__atomic_fetch_add(&st->arrived, 1, __ATOMIC_RELEASE);	/* pairs with stop_machine()'s acquire */
	if (st->each) {
		/* only once every CPU stopped: the machine is still while fn runs */
		while (!smp_load_acquire(&st->go))	/* pairs with its release */
			cpu_relax();
		__atomic_fetch_add(&st->sum, st->each(st->data), __ATOMIC_RELAXED);
		__atomic_fetch_add(&st->ran, 1, __ATOMIC_RELEASE);	/* pairs with the caller's acquire */
	}
	while (!smp_load_acquire(&st->release))	/* pairs with its release */
		cpu_relax();
	__atomic_fetch_add(&st->left, 1, __ATOMIC_RELEASE);
}

/* stop_machine and stop_machine_all: each NULL runs fn on the caller's CPU only. */
static int stop_machine_run(int (*fn)(void *data), void *data, bool each)
{
	struct stop_state st = { .each = each ? fn : NULL, .data = data };
	unsigned long flags;
	int others, ret;

	mutex_lock(&stop_machine_mutex);
	preempt_disable();
	others = num_online_cpus() - 1;
	smp_call_many(~0ULL, stop_cpu_spin, &st, false);
	flags = local_irq_save();
	while (smp_load_acquire(&st.arrived) < others)
		cpu_relax();
	smp_store_release(&st.go, 1);
	ret = fn(data);
	if (each) {
		while (smp_load_acquire(&st.ran) < others)
			cpu_relax();
		ret += __atomic_load_n(&st.sum, __ATOMIC_RELAXED);
	}
	smp_store_release(&st.release, 1);
	/* st is on this stack: wait until nobody reads it any more */
	while (smp_load_acquire(&st.left) < others)
		cpu_relax();
	local_irq_restore(flags);
	preempt_enable();
	mutex_unlock(&stop_machine_mutex);
	return ret;
}

/* See smp.h. */
int stop_machine(int (*fn)(void *data), void *data)
{
	return stop_machine_run(fn, data, false);
}
EXPORT_SYMBOL(stop_machine);

/* See smp.h. */
int stop_machine_all(int (*fn)(void *data), void *data)
{
	return stop_machine_run(fn, data, true);
}
EXPORT_SYMBOL(stop_machine_all);

/* ---- schedule_on_each_cpu ---- */

struct each_cpu_work {
	struct work_struct work;
	struct completion done;
};

static int each_cpu_thread(void *data)
{
	struct each_cpu_work *w = data;

	w->work.func(&w->work);
	complete(&w->done);
	return 0;
}

/* See smp.h. */
int schedule_on_each_cpu(void (*func)(struct work_struct *work))
{
	struct each_cpu_work *w = kcalloc(NR_CPUS, sizeof(*w), GFP_KERNEL);
	int cpu, err = 0;

	if (!w)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		struct task *t;

		INIT_WORK(&w[cpu].work, func);
		init_completion(&w[cpu].done);
		t = kthread_create(each_cpu_thread, &w[cpu], "kworker/%d:e", cpu);
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			w[cpu].work.func = NULL;
			continue;
		}
		kthread_bind(t, cpu);
		wake_up_process(t);
		put_task_struct(t);	/* it ends on its own */
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (w[cpu].work.func)
			wait_for_completion(&w[cpu].done);
	kfree(w);
	return err;
}
EXPORT_SYMBOL(schedule_on_each_cpu);

/* ---- TLB shootdown ---- */

struct tlb_range {
	unsigned long start, end;
};

/* Every translation of this CPU, global ones too: toggling CR4.PGE flushes them all. */
static void tlb_flush_all_local(void *unused)
{
	write_cr4(read_cr4() ^ X86_CR4_PGE);
	write_cr4(read_cr4() ^ X86_CR4_PGE);
}

static void tlb_flush_local(void *info)
{
	const struct tlb_range *r = info;

	if (r->end - r->start > 32 * PAGE_SIZE) {
		tlb_flush_all_local(NULL);
		return;
	}
	for (unsigned long va = r->start; va < r->end; va += PAGE_SIZE)
		invlpg(va);
}

/* See smp.h. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct tlb_range r = { start & ~(PAGE_SIZE - 1), end };

	if (num_online_cpus() > 1) {
		__atomic_fetch_add(&smp_tlb_shootdowns, 1, __ATOMIC_RELAXED);
		on_each_cpu(tlb_flush_local, &r, true);
	} else {
		smp_call_local(tlb_flush_local, &r);
	}
}
EXPORT_SYMBOL_FOR_KTEST(flush_tlb_kernel_range);

/* See smp.h. */
void flush_tlb_all(void)
{
	if (num_online_cpus() > 1) {
		__atomic_fetch_add(&smp_tlb_shootdowns, 1, __ATOMIC_RELAXED);
		on_each_cpu(tlb_flush_all_local, NULL, true);
	} else {
		smp_call_local(tlb_flush_all_local, NULL);
	}
}
EXPORT_SYMBOL_FOR_KTEST(flush_tlb_all);
