/*
 * Bringing the application processors up (include/kelp/smp.h). For each
 * enabled CPU of the MADT, in order, up to nr_cpus: allocate its struct
 * cpu, its idle task's stack and its three IST stacks (vmap stacks, with
 * guard pages), fill the trampoline's mailbox, send INIT-SIPI-SIPI, and
 * wait for the CPU to mark itself online. One AP at a time: the mailbox
 * and the temporary page tables are shared.
 * An AP runs start_secondary(): the kernel's page tables, its own GS base,
 * GDT/TSS, the shared IDT, its syscall MSRs, local APIC and APIC timer
 * (calibrated once, on the boot CPU); then it marks itself online and
 * becomes its idle task, swapper/N, in the scheduler's idle loop.
 */
#include <kelp/acpi.h>
#include <kelp/export.h>
#include <kelp/apic.h>
#include <kelp/arch.h>
#include <kelp/boot_info.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/sched.h>
#include <kelp/smp.h>
#include <kelp/string.h>
#include <kelp/syscall.h>
#include <kelp/time.h>
#include <kelp/traps.h>
#include <kelp/x86.h>

/* Low memory (reserved by pmm: below 1 MiB): the trampoline and its page tables. */
#define TRAMPOLINE_PHYS	0x8000
#define TRAMP_PML4	0x9000
#define TRAMP_PDPT	0xa000
#define TRAMP_PD	0xb000
#define AP_TIMEOUT_MS	2000	/* TCG with more vCPUs than host cores is slow */

extern const char trampoline_start[], trampoline_end[];
extern const char trampoline_cr3[], trampoline_efer[], trampoline_stack[], trampoline_arg[],
	trampoline_entry[];

static notrace __noreturn void start_secondary(struct cpu *c);

struct cpu *cpu_data[NR_CPUS];
u64 cpu_online_mask;
EXPORT_SYMBOL(cpu_online_mask);
u64 cpu_possible_mask;
EXPORT_SYMBOL(cpu_possible_mask);

/* What an AP needs before it has a GS base: written by the boot CPU before the SIPI. */
static u64 smp_boot_cr3, smp_boot_cr4;
static unsigned long ap_ist_top[NR_CPUS][3];

/* See smp.h. */
unsigned int num_online_cpus(void)
{
	/* Pairs with the release in start_secondary(). */
	u64 m = smp_load_acquire(&cpu_online_mask);
	unsigned int n = 0;

	for (; m; m &= m - 1)	/* no popcnt: the kernel's flags leave it out of the ISA */
		n++;
	return n;
}
EXPORT_SYMBOL(num_online_cpus);

/* A u64 field of the low-memory copy of the trampoline. */
static u64 *trampoline_field(const char *field)
{
	return phys_to_virt(TRAMPOLINE_PHYS + (field - trampoline_start));
}

/*
 * Copies the trampoline to TRAMPOLINE_PHYS and builds its page tables: the
 * first 2 MiB identity-mapped (one large page) and the kernel half of the
 * running page tables, shared, so the AP's jump to the higher half works.
 */
static void trampoline_setup(void)
{
	u64 *pml4 = phys_to_virt(TRAMP_PML4);
	u64 *pdpt = phys_to_virt(TRAMP_PDPT);
	u64 *pd = phys_to_virt(TRAMP_PD);
	const u64 *kernel_pml4 = phys_to_virt(smp_boot_cr3);

	memcpy(phys_to_virt(TRAMPOLINE_PHYS), trampoline_start, trampoline_end - trampoline_start);
	memset(pml4, 0, PAGE_SIZE);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	pd[0] = PTE_PRESENT | PTE_WRITE | PTE_HUGE;
	pdpt[0] = TRAMP_PD | PTE_PRESENT | PTE_WRITE;
	pml4[0] = TRAMP_PDPT | PTE_PRESENT | PTE_WRITE;
	memcpy(&pml4[256], &kernel_pml4[256], 256 * sizeof(u64));
	*trampoline_field(trampoline_cr3) = TRAMP_PML4;
	/* LMA (bit 10) is the CPU's to set; the rest as on the boot CPU. */
	*trampoline_field(trampoline_efer) = rdmsr(MSR_EFER) & ~(1ULL << 10);
	*trampoline_field(trampoline_entry) = (u64)start_secondary;
}

/*
 * The AP's C entry, on its idle stack, with the trampoline's page tables
 * and no GS base yet. Never returns.
 */
static notrace __noreturn void start_secondary(struct cpu *c)
{
	write_cr3(smp_boot_cr3);
	write_cr4(smp_boot_cr4);
	wrmsr(MSR_GS_BASE, (u64)c);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	gdt_init_cpu(c->id, ap_ist_top[c->id]);
	idt_load();
	syscall_cpu_init();
	lapic_cpu_enable(false);
	lapic_timer_start(LOCAL_TIMER_VECTOR);
	/*
	 * Pairs with the acquire loads of smp_wait_online(), cpu_online(),
	 * num_online_cpus() and online_show(): everything above (and the boot
	 * CPU's setup of this CPU's run queue) is done before the bit shows.
	 */
	__atomic_fetch_or(&cpu_online_mask, 1ULL << c->id, __ATOMIC_RELEASE);
	cpu_idle_loop();	/* takes interrupts from its first hlt */
}

/* The AP's idle task: the context start_secondary() runs in (listed once the CPU is up). */
static struct task *smp_alloc_idle(int id, void *stack)
{
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	snprintf(t->comm, sizeof(t->comm), "swapper/%d", id);
	t->stack_lo = (unsigned long)stack;
	t->stack_hi = (unsigned long)stack + THREAD_STACK_SIZE;
	return t;
}

/* struct cpu, idle task and stacks of CPU id; NULL if memory ran out (nothing kept). */
static struct cpu *smp_alloc_cpu(int id)
{
	void *stack = vmap_stack_alloc(), *ist[3] = { NULL, NULL, NULL };
	struct cpu *c = kzalloc(sizeof(*c), GFP_KERNEL);
	struct task *idle = stack ? smp_alloc_idle(id, stack) : NULL;
	int i;

	for (i = 0; i < 3; i++)
		ist[i] = vmap_stack_alloc();
	if (!c || !idle || !ist[0] || !ist[1] || !ist[2]) {
		for (i = 0; i < 3; i++)
			if (ist[i])
				vmap_stack_free(ist[i]);
		if (stack)
			vmap_stack_free(stack);
		kfree(idle);
		kfree(c);
		return NULL;
	}
	for (i = 0; i < 3; i++)
		ap_ist_top[id][i] = (unsigned long)ist[i] + THREAD_STACK_SIZE;
	c->self = c;
	c->id = id;
	sched_init_cpu(c, idle);
	return c;
}

/* Waits up to ms for CPU id's online bit; true if it came. */
static bool smp_wait_online(int id, unsigned int ms)
{
	for (unsigned int us = 0; us < ms * 1000; us += 50) {
		/* Pairs with the release in start_secondary(). */
		if (smp_load_acquire(&cpu_online_mask) & (1ULL << id))
			return true;
		udelay(50);
	}
	return false;
}

/*
 * Intel's INIT-SIPI-SIPI: a second STARTUP only if the first one did not
 * start the CPU within 200 us (a STARTUP to a running CPU would restart
 * it). 0, or -EIO.
 */
static int smp_kick_cpu(int id, u32 apic_id)
{
	int err = lapic_send_init(apic_id);

	if (!err)
		err = lapic_send_startup(apic_id, TRAMPOLINE_PHYS >> 12);
	if (!err && !smp_wait_online(id, 1)) {
		err = lapic_send_startup(apic_id, TRAMPOLINE_PHYS >> 12);
		if (!err && !smp_wait_online(id, AP_TIMEOUT_MS))
			err = -EIO;
	}
	return err;
}

/* Starts one AP as CPU id. 0, -ENOMEM, or -EIO (it did not answer). */
static int smp_boot_cpu(int id, u32 apic_id)
{
	struct cpu *c = smp_alloc_cpu(id);
	int err;

	if (!c) {
		pr_err("smpboot: no memory for CPU#%d\n", id);
		return -ENOMEM;
	}
	c->apic_id = apic_id;
	cpu_data[id] = c;
	*trampoline_field(trampoline_stack) = c->idle->stack_hi - 16;
	*trampoline_field(trampoline_arg) = (u64)c;
	err = smp_kick_cpu(id, apic_id);
	if (err) {
		/*
		 * A late AP may still run on what it was given: keep it all
		 * (a few pages, once), and never reuse the id.
		 */
		pr_err("smpboot: do_boot_cpu failed(%d) to wakeup CPU#%d (APIC %u)\n", err, id,
		       apic_id);
		return err;
	}
	task_list_add(c->idle);
	return 0;
}

/* nr_cpus=N from the command line, at least 1; NR_CPUS without it. */
static unsigned int smp_max_cpus(void)
{
	unsigned int n;
	char buf[16];

	if (!boot_cmdline_get(boot_info.cmdline, "nr_cpus", buf, sizeof(buf)))
		return NR_CPUS;
	if (kstrtouint(buf, 10, &n) || !n) {
		pr_warn("smp: bad nr_cpus=%s, ignored\n", buf);
		return NR_CPUS;
	}
	return n < NR_CPUS ? n : NR_CPUS;
}

/* See smp.h. */
void smp_init(void)
{
	unsigned int max = smp_max_cpus(), next = 1;
	u32 boot_apic;
	int err;

	cpu_data[0] = this_cpu();
	cpu_online_mask = 1;
	cpu_possible_mask = 1;
	if (!acpi_madt_found)
		goto out;
	err = lapic_init(acpi_madt.lapic_addr);
	if (err) {
		pr_warn("smp: no usable local APIC (%d): one CPU\n", err);
		goto out;
	}
	boot_apic = lapic_id();
	this_cpu()->apic_id = boot_apic;
	pr_info("smp: Bringing up secondary CPUs ...\n");
	if (acpi_madt.cpu_count < 2 || max < 2)
		goto out;
	lapic_timer_calibrate_start();
	smp_boot_cr3 = read_cr3();
	smp_boot_cr4 = read_cr4();
	trampoline_setup();
	if (lapic_timer_calibrate_end())
		pr_warn("APIC timer: did not count: the other CPUs get no tick of their own\n");
	for (u32 i = 0; i < acpi_madt.cpu_count && next < max; i++) {
		const struct acpi_cpu *ac = &acpi_madt.cpus[i];

		if (!ac->enabled || ac->apic_id == boot_apic)
			continue;
		if (ac->apic_id > 0xff) {
			pr_warn("smp: CPU with x2APIC id %u skipped (xAPIC mode)\n", ac->apic_id);
			continue;
		}
		cpu_possible_mask |= 1ULL << next;
		/* An id is never reused, even when its CPU failed: it may come up late. */
		if (smp_boot_cpu(next++, ac->apic_id) == -ENOMEM)
			break;
	}
out:
	pr_info("smp: Brought up 1 node, %u CPU%s\n", num_online_cpus(),
		num_online_cpus() == 1 ? "" : "s");
}
