/*
 * Workqueues (kernel/workqueue.c), Linux's API: a work item is a function
 * run later in process context by a worker thread. A work item is queued
 * at most once at a time (the PENDING bit: queueing a pending item returns
 * false); it may re-queue or free itself from its function. Each workqueue
 * has one worker, so its items run one at a time in queue order; the system
 * workqueue (system_wq, worker "kworker/0") serves schedule_work(). Delayed
 * work is queued by a timer. An item must not flush or cancel_sync an item
 * of its own workqueue (it would wait for itself).
 */
#ifndef KELP_WORKQUEUE_H
#define KELP_WORKQUEUE_H

#include <kelp/types.h>
#include <kelp/list.h>
#include <kelp/timer.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

#define WORK_STRUCT_PENDING_BIT 0

struct work_struct {
	volatile unsigned long data;	/* WORK_STRUCT_PENDING_BIT, atomic */
	struct list_head entry;		/* on wq->list, under wq->lock */
	work_func_t func;
	struct workqueue_struct *wq;	/* where it was last queued */
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;	/* target when the timer fires */
};

void delayed_work_timer_fn(struct timer_list *t);

#define __WORK_INITIALIZER(n, f) { 0, LIST_HEAD_INIT((n).entry), (f), NULL }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = {                    \
	.work = __WORK_INITIALIZER((n).work, (f)),                              \
	.timer = { .function = delayed_work_timer_fn } }

#define INIT_WORK(w, f) do {                                                     \
	(w)->data = 0;                                                          \
	INIT_LIST_HEAD(&(w)->entry);                                            \
	(w)->func = (f);                                                        \
	(w)->wq = NULL;                                                         \
} while (0)
#define INIT_DELAYED_WORK(dw, f) do {                                            \
	INIT_WORK(&(dw)->work, (f));                                            \
	timer_setup(&(dw)->timer, delayed_work_timer_fn, 0);                    \
	(dw)->wq = NULL;                                                        \
} while (0)

#define to_delayed_work(w) container_of(w, struct delayed_work, work)
#define work_pending(w) (((w)->data >> WORK_STRUCT_PENDING_BIT) & 1)
#define delayed_work_pending(dw) work_pending(&(dw)->work)

extern struct workqueue_struct *system_wq;
/* Linux's other system workqueues: all system_wq in Kelp (one kind of worker). */
extern struct workqueue_struct *system_highpri_wq, *system_long_wq, *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq, *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

/* Starts the system workqueue. Boot, after sched_init(). */
void workqueue_init(void);
/* A workqueue with its own worker thread named name. Returns NULL on ENOMEM. Task context. */
struct workqueue_struct *alloc_workqueue(const char *name, unsigned int flags, int max_active);
#define alloc_ordered_workqueue(name, flags) alloc_workqueue(name, flags, 1)
/* Runs what is queued, stops the worker and frees wq. Task context. */
void destroy_workqueue(struct workqueue_struct *wq);

/* Queue work; false if it was already pending. Any context. */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool schedule_work(struct work_struct *work);
/* Queue work after delay jiffies (0: now); false if already pending. Any context. */
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay);
bool schedule_delayed_work(struct delayed_work *dw, unsigned long delay);
/* (Re)arms dw for delay whether or not it was pending; returns true if it was. Any context. */
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw, unsigned long delay);

/* Waits until the last queueing of work has run; true if it had to wait. Task context. */
bool flush_work(struct work_struct *work);
/* Queues dw now if its timer is pending, then flush_work(). Task context. */
bool flush_delayed_work(struct delayed_work *dw);
/* Waits for everything queued on wq so far. Task context. */
void flush_workqueue(struct workqueue_struct *wq);
void flush_scheduled_work(void);
/* Linux's out-of-line names (cpu is a preference Kelp's unbound workers ignore). */
#define WORK_CPU_UNBOUND (-1)
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dw,
			   unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dw,
			 unsigned long delay);
void __flush_workqueue(struct workqueue_struct *wq);

/*
 * Dequeues work if pending and waits for a running instance to finish; on
 * return work is neither pending nor running (unless re-queued later).
 * Returns true if it was pending. Task context.
 */
bool cancel_work_sync(struct work_struct *work);
/* Same for delayed work (disarms the timer too). Task context. */
bool cancel_delayed_work_sync(struct delayed_work *dw);
/* Disarms/dequeues without waiting; true if it was pending. Any context. */
bool cancel_delayed_work(struct delayed_work *dw);
/* Dequeues work without waiting for a running instance; true if it was pending. Any context. */
bool cancel_work(struct work_struct *work);

/*
 * Flushes wq until it is empty, including items its own items queue on it
 * (Linux's drain_workqueue; others must not queue meanwhile). Task context.
 */
void drain_workqueue(struct workqueue_struct *wq);
/* Accepted and ignored: every Kelp workqueue has one worker (max_active 1). Any context. */
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active);
/* True if wq has items waiting (cpu is ignored, as by queue_work_on()). Any context. */
bool workqueue_congested(int cpu, struct workqueue_struct *wq);

/* Linux's work_busy() bits: a snapshot, for debugging output only. */
#define WORK_BUSY_PENDING (1U << 0)
#define WORK_BUSY_RUNNING (1U << 1)
/* WORK_BUSY_PENDING and/or WORK_BUSY_RUNNING for work, now. Any context. */
unsigned int work_busy(struct work_struct *work);
/* The item the calling worker thread is running, or NULL outside one. Task context. */
struct work_struct *current_work(void);

/* Linux's execute_in_process_context(): fn runs now, or from system_wq in IRQ context. */
struct execute_work {
	struct work_struct work;
};
/* 0 if fn ran now (task context), 1 if it was queued (IRQ context). Any context. */
int execute_in_process_context(work_func_t fn, struct execute_work *ew);

#endif /* KELP_WORKQUEUE_H */
