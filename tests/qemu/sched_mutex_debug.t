# sched_mutex_debug: the mutex debug checks. Unlocking a mutex one does not
# own warns (with the names of the mutex, the caller and the owner) and
# changes nothing; locking a mutex one already holds panics, naming it,
# after the lock validator (on in the tests) reported the recursion with
# the place of both acquisitions.
#! cmdline: loglevel=5 panic=-1
#! exit: 0

kelp# crash mutex-unlock
\[ *\d+\.\d+\] ------------\[ cut here \]------------ (re)
\[ *\d+\.\d+\] mutex: lkdtm_mutex unlocked by crash/\d+ but owned by nobody/-1 (re)
\[ *\d+\.\d+\] WARNING: CPU: \d+ PID: \d+ at kernel/sched/mutex.c:\d+ \S+ (re)
...
\[ *\d+\.\d+\] ---\[ end trace 0000000000000000 \]--- (re)
kelp# echo still here
still here
kelp# crash mutex-recursive
...
\[ *\d+\.\d+\] WARNING: possible recursive locking detected (re)
\[ *\d+\.\d+\] -+ (re)
\[ *\d+\.\d+\] crash/\d+ is trying to acquire lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_mutex\), at: lkdtm_MUTEX_RECURSIVE\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] but task is already holding lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_mutex\), at: lkdtm_MUTEX_RECURSIVE\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: mutex: recursive locking of lkdtm_mutex by crash/\d+ \(deadlock\) (re)
...
