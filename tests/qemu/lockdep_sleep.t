# lockdep_sleep: a call that may sleep (mutex_lock) made under a spinlock
# gets Linux's "sleeping function called from invalid context" report,
# with the preempt count and the caller's stack; the validator itself
# stays on (this is not a lock-order report).
#! cmdline: loglevel=1

kelp# dmesg -c > /dev/null
kelp# crash sleep-atomic
...
kelp# dmesg
\[ *\d+\.\d+\] lkdtm: Performing direct entry SLEEP_IN_ATOMIC (re)
\[ *\d+\.\d+\] BUG: sleeping function called from invalid context at kernel/sched/mutex.c:\d+ (re)
\[ *\d+\.\d+\] in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: \d+, name: crash (re)
\[ *\d+\.\d+\] preempt_count: 1, expected: 0 (re)
...
\[ *\d+\.\d+\]  lkdtm_SLEEP_IN_ATOMIC\+0x\w+/0x\w+ \[lkdtm\] (re)
...
kelp# cat /proc/sys/kernel/prove_locking
1
