/*
 * Kernel timers (kernel/timer.c), Linux's timer_list: a callback run from
 * the timer interrupt once jiffies reaches `expires`. Pending timers sit on
 * one list sorted by expiry under timer_lock (irqsave, a leaf lock).
 * Callbacks run in IRQ context with interrupts off: they must not sleep.
 * Callbacks run on the boot CPU's tick; del_timer_sync() on another CPU
 * waits until a callback of its timer that already started has returned.
 */
#ifndef KELP_TIMER_H
#define KELP_TIMER_H

#include <kelp/types.h>
#include <kelp/list.h>

struct timer_list {
	struct list_head entry;		/* on the pending list; next == NULL when idle */
	u64 expires;			/* in jiffies */
	void (*function)(struct timer_list *);
};

#define from_timer(var, timer, field) container_of(timer, __typeof__(*var), field)

/* Prepares t to call fn; flags are accepted for Linux compatibility. Any context. */
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags);
/* (Re)arms t for jiffies value expires. Returns 1 if it was pending, else 0. Any context. */
int mod_timer(struct timer_list *t, u64 expires);
/* Arms a timer that is not pending. Any context. */
void add_timer(struct timer_list *t);
/* Disarms t. Returns 1 if it was pending. Any context. */
int del_timer(struct timer_list *t);
/* Same, and the callback is not running when it returns. Task context. */
int del_timer_sync(struct timer_list *t);
/* Linux 6.2's names of the two above, and what Linux's timer_setup() calls. */
int timer_delete(struct timer_list *t);
int timer_delete_sync(struct timer_list *t);
void init_timer_key(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags,
		    const char *name, void *key);
/* Re-arms t only if it is pending; returns 1 if it was (and now expires then), 0. Any context. */
int mod_timer_pending(struct timer_list *t, u64 expires);
/* Arms t, or moves it earlier if pending later; returns 1 if it was pending. Any context. */
int timer_reduce(struct timer_list *t, u64 expires);
/* del_timer(), or -1 (nothing done) while t's callback runs. Any context. */
int try_to_del_timer_sync(struct timer_list *t);
/*
 * Disarms t for good (Linux 6.2): the function is cleared, so later
 * mod_timer()/add_timer() calls do nothing. Returns 1 if it was pending.
 * timer_shutdown: any context; timer_shutdown_sync: also waits for a
 * running callback, task context.
 */
int timer_shutdown(struct timer_list *t);
int timer_shutdown_sync(struct timer_list *t);
/* True while t is armed. */
bool timer_pending(const struct timer_list *t);
/* Runs expired timers; called by the tick. IRQ context. */
void timer_run(void);

#endif /* KELP_TIMER_H */
