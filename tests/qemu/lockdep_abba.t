# lockdep_abba: the lock validator (on in the tests, lockdep=1) reports an
# AB-BA pair of mutexes the first time the second order appears, before
# anything blocks: the chain that exists, with where each lock was taken
# and while holding what, the lock being taken now, the two-CPU picture
# and the locks held; the first chain with the call chain that made it,
# the second with the backtrace. Then it goes quiet (one report per boot).
#! cmdline: loglevel=1

kelp# cat /proc/sys/kernel/prove_locking
1
kelp# dmesg -c > /dev/null
kelp# crash lockdep-abba
...
kelp# dmesg
\[ *\d+\.\d+\] lkdtm: Performing direct entry LOCKDEP_ABBA (re)
...
\[ *\d+\.\d+\] WARNING: possible circular locking dependency detected (re)
\[ *\d+\.\d+\] -+ (re)
\[ *\d+\.\d+\] crash/\d+ is trying to acquire lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_lock_a\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] but task is already holding lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_lock_b\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] the existing dependency chain \(in reverse order\) is: (re)
...
\[ *\d+\.\d+\] -> #1 \(lkdtm_lock_b\): (re)
\[ *\d+\.\d+\]        taken at lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        while holding \(lkdtm_lock_a\) taken at lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        __mutex_lock\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]        mutex_lock\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]        lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        DIRECT_store\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] -> #0 \(lkdtm_lock_a\): (re)
\[ *\d+\.\d+\]        being taken now at lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        while holding \(lkdtm_lock_b\) (re)
...
\[ *\d+\.\d+\]   lock\(lkdtm_lock_b\); (re)
\[ *\d+\.\d+\]                                lock\(lkdtm_lock_a\); (re)
\[ *\d+\.\d+\]                                lock\(lkdtm_lock_b\); (re)
\[ *\d+\.\d+\]   lock\(lkdtm_lock_a\); (re)
...
\[ *\d+\.\d+\]  \*\*\* DEADLOCK \*\*\* (re)
...
\[ *\d+\.\d+\] 2 locks held by crash/\d+: (re)
\[ *\d+\.\d+\]  #0: \(DIRECT\), at: \S+ (re)
\[ *\d+\.\d+\]  #1: \(lkdtm_lock_b\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] stack backtrace: (re)
...
\[ *\d+\.\d+\]  lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]  lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
...
kelp# cat /proc/sys/kernel/prove_locking
0
kelp# echo 1 > /proc/sys/kernel/prove_locking
echo: write error: Operation not permitted
kelp# cat /proc/lockdep_stats
 lock-classes: +\d+ \[max: 512\] (re)
 direct dependencies: +\d+ \[max: 4096\] (re)
 debug_locks:                                    0
 reports:                                        1
