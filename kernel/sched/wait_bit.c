/*
 * Waiting on bits and variables (include/kelp/wait_bit.h): 256 shared
 * wait queues, picked by a multiplicative hash of the address (and bit
 * number), set up on first use. A waiter's entry carries its key; the wake
 * functions here accept a wake-up only when the waker's key names the same
 * word and bit (and, for bits, the bit is clear by then), so waiters of
 * other words that share the queue sleep on.
 */
#include <kelp/wait_bit.h>
#include <kelp/sched.h>
#include <kelp/time.h>
#include <kelp/export.h>

#define WAIT_TABLE_BITS 8
#define WAIT_TABLE_SIZE (1 << WAIT_TABLE_BITS)

static struct wait_queue_head bit_wait_table[WAIT_TABLE_SIZE];
static bool bit_wait_ready;
static DEFINE_SPINLOCK(bit_wait_init_lock);

/* The table, initialised once; the acquire pairs with the release below. */
static struct wait_queue_head *bit_wait_tab(void)
{
	unsigned long flags;

	if (smp_load_acquire(&bit_wait_ready))
		return bit_wait_table;
	spin_lock_irqsave(&bit_wait_init_lock, flags);
	if (!bit_wait_ready) {
		for (int i = 0; i < WAIT_TABLE_SIZE; i++)
			init_waitqueue_head(&bit_wait_table[i]);
		smp_store_release(&bit_wait_ready, true);
	}
	spin_unlock_irqrestore(&bit_wait_init_lock, flags);
	return bit_wait_table;
}

/* The top WAIT_TABLE_BITS bits of v times 2^64 / golden ratio: neighbouring words spread. */
static unsigned int bit_wait_hash(unsigned long v)
{
	return (unsigned int)((v * 0x61c8864680b583ebUL) >> (64 - WAIT_TABLE_BITS));
}

/* See wait_bit.h. */
struct wait_queue_head *bit_waitqueue(void *word, int bit)
{
	return bit_wait_tab() + bit_wait_hash((unsigned long)word << 6 | (unsigned int)(bit & 63));
}
EXPORT_SYMBOL(bit_waitqueue);

/* See wait_bit.h. */
struct wait_queue_head *__var_waitqueue(void *p)
{
	return bit_wait_tab() + bit_wait_hash((unsigned long)p);
}
EXPORT_SYMBOL(__var_waitqueue);

/* See wait_bit.h. */
int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wbq = container_of(wq_entry, struct wait_bit_queue_entry,
							 wq_entry);

	if (!key || wbq->key.flags != key->flags || wbq->key.bit_nr != key->bit_nr ||
	    test_bit(key->bit_nr, key->flags))
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}
EXPORT_SYMBOL(wake_bit_function);

/* A variable's waiter accepts wake-ups for that variable only. */
static int var_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wbq = container_of(wq_entry, struct wait_bit_queue_entry,
							 wq_entry);

	if (!key || wbq->key.flags != key->flags || wbq->key.bit_nr != key->bit_nr)
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}

/* See wait_bit.h. */
void init_wait_var_entry(struct wait_bit_queue_entry *wbq_entry, void *var, int flags)
{
	wbq_entry->key.flags = var;
	wbq_entry->key.bit_nr = -1;
	wbq_entry->key.timeout = 0;
	wbq_entry->wq_entry.flags = flags;
	wbq_entry->wq_entry.private = current;
	wbq_entry->wq_entry.func = var_wake_function;
	INIT_LIST_HEAD(&wbq_entry->wq_entry.entry);
}
EXPORT_SYMBOL(init_wait_var_entry);

/*
 * See wait_bit.h. The bit is tested after the state is set (in
 * prepare_to_wait), so a clear + wake_up_bit in between is not lost; the
 * final test has acquire order for what the clearer wrote.
 */
int __wait_on_bit(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		  wait_bit_action_f *action, unsigned int mode)
{
	int ret = 0;

	do {
		prepare_to_wait(wq_head, &wbq_entry->wq_entry, mode);
		if (test_bit(wbq_entry->key.bit_nr, wbq_entry->key.flags))
			ret = action(&wbq_entry->key, mode);
	} while (test_bit_acquire(wbq_entry->key.bit_nr, wbq_entry->key.flags) && !ret);
	finish_wait(wq_head, &wbq_entry->wq_entry);
	return ret;
}
EXPORT_SYMBOL(__wait_on_bit);

/* See wait_bit.h. */
int out_of_line_wait_on_bit(void *word, int bit, wait_bit_action_f *action, unsigned int mode)
{
	DEFINE_WAIT_BIT(wbq, word, bit);

	return __wait_on_bit(bit_waitqueue(word, bit), &wbq, action, mode);
}
EXPORT_SYMBOL(out_of_line_wait_on_bit);

/* See wait_bit.h. */
int out_of_line_wait_on_bit_timeout(void *word, int bit, wait_bit_action_f *action,
				    unsigned int mode, unsigned long timeout)
{
	DEFINE_WAIT_BIT(wbq, word, bit);

	wbq.key.timeout = jiffies + timeout;
	return __wait_on_bit(bit_waitqueue(word, bit), &wbq, action, mode);
}
EXPORT_SYMBOL(out_of_line_wait_on_bit_timeout);

/*
 * See wait_bit.h. An exclusive waiter: one clear wakes one locker. A
 * waiter whose action failed still tries the bit once, and if it got it
 * returns 0 (it owns the lock); otherwise it returns the error.
 */
int __wait_on_bit_lock(struct wait_queue_head *wq_head, struct wait_bit_queue_entry *wbq_entry,
		       wait_bit_action_f *action, unsigned int mode)
{
	int ret = 0;

	for (;;) {
		prepare_to_wait_exclusive(wq_head, &wbq_entry->wq_entry, mode);
		if (test_bit(wbq_entry->key.bit_nr, wbq_entry->key.flags)) {
			ret = action(&wbq_entry->key, mode);
			if (ret)
				finish_wait(wq_head, &wbq_entry->wq_entry);
		}
		if (!test_and_set_bit(wbq_entry->key.bit_nr, wbq_entry->key.flags)) {
			if (!ret)
				finish_wait(wq_head, &wbq_entry->wq_entry);
			return 0;
		}
		if (ret)
			return ret;
	}
}
EXPORT_SYMBOL(__wait_on_bit_lock);

/* See wait_bit.h. */
int out_of_line_wait_on_bit_lock(void *word, int bit, wait_bit_action_f *action,
				 unsigned int mode)
{
	DEFINE_WAIT_BIT(wbq, word, bit);

	return __wait_on_bit_lock(bit_waitqueue(word, bit), &wbq, action, mode);
}
EXPORT_SYMBOL(out_of_line_wait_on_bit_lock);

/* See wait_bit.h. The key goes to the wake functions, which pick their waiters. */
void __wake_up_bit(struct wait_queue_head *wq_head, void *word, int bit)
{
	struct wait_bit_key key = __WAIT_BIT_KEY_INITIALIZER(word, bit);

	if (waitqueue_active(wq_head))
		__wake_up(wq_head, TASK_NORMAL, 1, &key);
}
EXPORT_SYMBOL(__wake_up_bit);

/* See wait_bit.h. */
void wake_up_bit(void *word, int bit)
{
	__wake_up_bit(bit_waitqueue(word, bit), word, bit);
}
EXPORT_SYMBOL(wake_up_bit);

/* See wait_bit.h. */
void wake_up_var(void *var)
{
	__wake_up_bit(__var_waitqueue(var), var, -1);
}
EXPORT_SYMBOL(wake_up_var);

/* 0 or -EINTR after a sleep in mode (see wait_bit.h). */
static int bit_wait_after(int mode)
{
	return (mode & TASK_INTERRUPTIBLE) && signal_pending(current) ? -EINTR : 0;
}

/* See wait_bit.h. */
int bit_wait(struct wait_bit_key *key, int mode)
{
	(void)key;
	schedule();
	return bit_wait_after(mode);
}
EXPORT_SYMBOL(bit_wait);

/* See wait_bit.h. */
int bit_wait_io(struct wait_bit_key *key, int mode)
{
	(void)key;
	io_schedule();
	return bit_wait_after(mode);
}
EXPORT_SYMBOL(bit_wait_io);

/* See wait_bit.h. */
int bit_wait_timeout(struct wait_bit_key *key, int mode)
{
	unsigned long now = READ_ONCE(jiffies);

	if ((long)(now - key->timeout) >= 0)
		return -EAGAIN;
	schedule_timeout(key->timeout - now);
	return bit_wait_after(mode);
}
EXPORT_SYMBOL(bit_wait_timeout);

/* See wait_bit.h. */
int bit_wait_io_timeout(struct wait_bit_key *key, int mode)
{
	unsigned long now = READ_ONCE(jiffies);

	if ((long)(now - key->timeout) >= 0)
		return -EAGAIN;
	io_schedule_timeout(key->timeout - now);
	return bit_wait_after(mode);
}
EXPORT_SYMBOL(bit_wait_io_timeout);
