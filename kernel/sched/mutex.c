/*
 * Sleeping mutexes with FIFO hand-off (see include/kelp/mutex.h). The
 * owner field changes only under wait_lock: a free mutex is taken by the
 * locker, a contended one is handed by mutex_unlock() to the first waiter,
 * which finds itself owner when it wakes. A waiter interrupted by a wake
 * signal leaves the queue, unless the hand-off reached it first.
 */
#include <kelp/mutex.h>
#include <kelp/sched.h>
#include <kelp/errno.h>
#include <kelp/panic.h>
#include <kelp/export.h>

struct mutex_waiter {
	struct list_head node;
	struct task *task;
};

/* See mutex.h. */
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key)
{
	m->owner = NULL;
	__spin_lock_init(&m->wait_lock, NULL, NULL);	/* internal, innermost: not validated */
	INIT_LIST_HEAD(&m->waiters);
	m->name = name;
	lockdep_init_map(&m->dep_map, name, key);
}
EXPORT_SYMBOL(__mutex_init);

static void mutex_debug_lock(struct mutex *m)
{
	if (READ_ONCE(m->owner) == current)
		panic("mutex: recursive locking of %s by %s/%d (deadlock)", m->name,
		      current->comm, current->pid);
}

/*
 * Sleeps until owner; state is the sleep state. Returns 0 or -EINTR.
 * The validator hears of it before any wait (a deadlock is reported, not
 * entered) and forgets it again if a signal ends the wait.
 */
static int __mutex_lock(struct mutex *m, long state, unsigned int subclass, unsigned long ip)
{
	struct mutex_waiter w = { .task = current };
	unsigned long flags;
	int ret = 0;

	might_sleep();
	if (lockdep_on)
		lock_acquire(&m->dep_map, subclass, false, ip);
	mutex_debug_lock(m);	/* after: the validator's report says more than the panic */
	spin_lock_irqsave(&m->wait_lock, flags);
	if (!m->owner) {
		m->owner = current;
		goto out;
	}
	list_add_tail(&w.node, &m->waiters);
	for (;;) {
		set_current_state(state);
		spin_unlock_irqrestore(&m->wait_lock, flags);
		schedule();
		spin_lock_irqsave(&m->wait_lock, flags);
		if (m->owner == current)
			break;
		if (state == TASK_INTERRUPTIBLE && signal_pending(current)) {
			list_del(&w.node);
			ret = -EINTR;
			break;
		}
	}
	__set_current_state(TASK_RUNNING);
out:
	spin_unlock_irqrestore(&m->wait_lock, flags);
	if (ret && lockdep_on)
		lock_release(&m->dep_map, ip);
	return ret;
}

/* See mutex.h. */
void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock);

/* See mutex.h. */
void mutex_lock_nested(struct mutex *m, unsigned int subclass)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock_nested);

/* See mutex.h. */
int mutex_lock_interruptible(struct mutex *m)
{
	return __mutex_lock(m, TASK_INTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock_interruptible);

/* See mutex.h. */
bool mutex_trylock(struct mutex *m)
{
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (!m->owner) {
		m->owner = current;
		ok = true;
	}
	spin_unlock_irqrestore(&m->wait_lock, flags);
	if (ok && lockdep_on)
		lock_acquire(&m->dep_map, 0, true, _RET_IP_);
	return ok;
}
EXPORT_SYMBOL(mutex_trylock);

/* See mutex.h. */
void mutex_unlock(struct mutex *m)
{
	struct mutex_waiter *w;
	unsigned long flags;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (m->owner != current) {
		struct task *o = m->owner;

		spin_unlock_irqrestore(&m->wait_lock, flags);
		WARN(1, "mutex: %s unlocked by %s/%d but owned by %s/%d\n", m->name,
		     current->comm, current->pid, o ? o->comm : "nobody", o ? o->pid : -1);
		return;
	}
	if (lockdep_on)
		lock_release(&m->dep_map, _RET_IP_);
	w = list_first_entry_or_null(&m->waiters, struct mutex_waiter, node);
	if (w) {
		list_del(&w->node);
		m->owner = w->task;
		wake_up_process(w->task);
	} else {
		m->owner = NULL;
	}
	spin_unlock_irqrestore(&m->wait_lock, flags);
}
EXPORT_SYMBOL(mutex_unlock);

/* See mutex.h. */
bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
EXPORT_SYMBOL(mutex_is_locked);

/* See mutex.h. */
struct task *mutex_owner(struct mutex *m)
{
	return READ_ONCE(m->owner);
}
EXPORT_SYMBOL_FOR_KTEST(mutex_owner);
