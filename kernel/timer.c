/*
 * Kernel timers: one list of pending timers sorted by expiry, run from the
 * boot CPU's timer tick (timer_run, IRQ context). timer_lock (irqsave)
 * guards the list, every timer's entry and running_timer; it is a leaf
 * lock. A callback runs without the lock held, so it may re-arm its own
 * timer or wake tasks. SMP: del_timer_sync() on another CPU waits until a
 * callback of its timer that already started has returned (running_timer).
 */
#include <kelp/export.h>
#include <kelp/timer.h>
#include <kelp/spinlock.h>
#include <kelp/time.h>

static LIST_HEAD(timer_pending_list);
static DEFINE_SPINLOCK(timer_lock);
static struct timer_list *running_timer;	/* whose callback timer_run() is in */

/* See timer.h. */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags)
{
	t->entry.next = NULL;
	t->entry.prev = NULL;
	t->expires = 0;
	t->function = fn;
}
EXPORT_SYMBOL(timer_setup);

/* See timer.h. */
bool timer_pending(const struct timer_list *t)
{
	return READ_ONCE(t->entry.next) != NULL;
}
EXPORT_SYMBOL(timer_pending);

static void detach(struct timer_list *t)
{
	list_del(&t->entry);
	t->entry.next = NULL;
}

/* Inserts in expiry order (after timers with the same expiry). timer_lock held. */
static void enqueue(struct timer_list *t)
{
	struct list_head *pos = &timer_pending_list;
	struct timer_list *o;

	list_for_each_entry_reverse(o, &timer_pending_list, entry) {
		if ((s64)(o->expires - t->expires) <= 0) {
			pos = &o->entry;
			break;
		}
	}
	list_add(&t->entry, pos);	/* pos is the head when t expires first */
}

/* How __mod_timer() treats a pending timer. */
enum mod_how { MOD_ALWAYS, MOD_PENDING_ONLY, MOD_REDUCE };

/*
 * Arms t for expires as how says. A timer whose function is NULL was shut
 * down (timer_shutdown) and stays off, as in Linux. Returns 1 if t was
 * pending. Any context.
 */
static int __mod_timer(struct timer_list *t, u64 expires, enum mod_how how)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&timer_lock, flags);
	was = timer_pending(t);
	if (!t->function || (how == MOD_PENDING_ONLY && !was) ||
	    (how == MOD_REDUCE && was && (s64)(t->expires - expires) <= 0)) {
		spin_unlock_irqrestore(&timer_lock, flags);
		return was;
	}
	if (was)
		detach(t);
	t->expires = expires;
	enqueue(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

/* See timer.h. */
int mod_timer(struct timer_list *t, u64 expires)
{
	return __mod_timer(t, expires, MOD_ALWAYS);
}
EXPORT_SYMBOL(mod_timer);

/* See timer.h. */
int mod_timer_pending(struct timer_list *t, u64 expires)
{
	return __mod_timer(t, expires, MOD_PENDING_ONLY);
}
EXPORT_SYMBOL(mod_timer_pending);

/* See timer.h. */
int timer_reduce(struct timer_list *t, u64 expires)
{
	return __mod_timer(t, expires, MOD_REDUCE);
}
EXPORT_SYMBOL(timer_reduce);

/* See timer.h. */
void add_timer(struct timer_list *t)
{
	mod_timer(t, t->expires);
}
EXPORT_SYMBOL(add_timer);

/* See timer.h. */
int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&timer_lock, flags);
	was = timer_pending(t);
	if (was)
		detach(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}
EXPORT_SYMBOL(del_timer);

/*
 * See timer.h. Callbacks run in IRQ context on the boot CPU: a caller there
 * can never be interrupting its own timer's callback, one elsewhere spins
 * until the callback returned (it must not hold a lock the callback takes).
 */
int del_timer_sync(struct timer_list *t)
{
	int was;

	while ((was = try_to_del_timer_sync(t)) < 0)
		cpu_relax();
	return was;
}
EXPORT_SYMBOL(del_timer_sync);

/* See timer.h. */
int try_to_del_timer_sync(struct timer_list *t)
{
	unsigned long flags;
	int was = -1;

	spin_lock_irqsave(&timer_lock, flags);
	/* Acquire: pairs with the release in timer_run() after the callback. */
	if (smp_load_acquire(&running_timer) != t) {
		was = timer_pending(t);
		if (was)
			detach(t);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}
EXPORT_SYMBOL(try_to_del_timer_sync);

/* Clears t's function under timer_lock, so timer_run() and __mod_timer() see it. */
static void timer_clear_function(struct timer_list *t)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	t->function = NULL;
	spin_unlock_irqrestore(&timer_lock, flags);
}

/*
 * See timer.h. The function goes first: a callback running meanwhile can
 * no longer re-arm t (__mod_timer() ignores it).
 */
int timer_shutdown(struct timer_list *t)
{
	timer_clear_function(t);
	return del_timer(t);
}
EXPORT_SYMBOL(timer_shutdown);

/* See timer.h and timer_shutdown(). */
int timer_shutdown_sync(struct timer_list *t)
{
	timer_clear_function(t);
	return del_timer_sync(t);
}
EXPORT_SYMBOL(timer_shutdown_sync);

/* Linux 6.2's names of del_timer/del_timer_sync. Same returns and contexts. */
int timer_delete(struct timer_list *t)
{
	return del_timer(t);
}
EXPORT_SYMBOL(timer_delete);

int timer_delete_sync(struct timer_list *t)
{
	return del_timer_sync(t);
}
EXPORT_SYMBOL(timer_delete_sync);

/* What Linux's timer_setup() macro calls (name and key are lockdep's). */
void init_timer_key(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags,
		    const char *name, void *key)
{
	(void)name;
	(void)key;
	timer_setup(t, fn, flags);
}
EXPORT_SYMBOL(init_timer_key);

/* See timer.h. */
void timer_run(void)
{
	for (;;) {
		void (*fn)(struct timer_list *);
		struct timer_list *t;
		unsigned long flags;

		spin_lock_irqsave(&timer_lock, flags);
		t = list_first_entry_or_null(&timer_pending_list, struct timer_list, entry);
		if (!t || (s64)(jiffies - t->expires) < 0) {
			spin_unlock_irqrestore(&timer_lock, flags);
			return;
		}
		detach(t);
		fn = t->function;	/* under the lock: timer_shutdown() clears it */
		running_timer = t;
		spin_unlock_irqrestore(&timer_lock, flags);
		if (fn)
			fn(t);
		/* Release: the callback's last access to t comes before del_timer_sync() sees it done. */
		smp_store_release(&running_timer, NULL);
	}
}
