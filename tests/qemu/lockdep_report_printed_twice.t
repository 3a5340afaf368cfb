# lockdep_report_printed_twice: regression. The validator formats its
# report under its lock and prints it after dropping it; a CPU that was
# spinning on that lock on its way into a validated lock then found the
# buffer full and printed the same report again, interleaved line by line
# with the first (lockdep_kernfs.t failed at 4 CPUs in CI). Now the buffer
# is taken under the lock and only the CPU that wrote it prints it. Here a
# thread on every other CPU takes a validated spinlock in a loop while the
# AB-BA pair is reported: one report, its lines in order.
#! smp: 2
#! cmdline: loglevel=1

kelp# dmesg -c > /dev/null
kelp# crash lockdep-abba-busy
...
kelp# dmesg
\[ *\d+\.\d+\] lkdtm: Performing direct entry LOCKDEP_ABBA_CONTENDED (re)
...
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] ====================================================== (re)
\[ *\d+\.\d+\] WARNING: possible circular locking dependency detected (re)
\[ *\d+\.\d+\] \-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\-\- (re)
\[ *\d+\.\d+\] crash/\d+ is trying to acquire lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_lock_a\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] but task is already holding lock: (re)
\[ *\d+\.\d+\]  \(lkdtm_lock_b\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] which lock already depends on the new lock\. (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] the existing dependency chain \(in reverse order\) is: (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] \-> \#1 \(lkdtm_lock_b\): (re)
\[ *\d+\.\d+\]        taken at lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        while holding \(lkdtm_lock_a\) taken at lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        __mutex_lock\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]        mutex_lock\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]        lkdtm_LOCKDEP_ABBA\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        lkdtm_LOCKDEP_ABBA_CONTENDED\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        DIRECT_store\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        kobj_attr_store\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] \-> \#0 \(lkdtm_lock_a\): (re)
\[ *\d+\.\d+\]        being taken now at lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        while holding \(lkdtm_lock_b\) (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] other info that might help us debug this: (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\]  Possible unsafe locking scenario: (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\]        CPU0                    CPU1 (re)
\[ *\d+\.\d+\]        \-\-\-\-                    \-\-\-\- (re)
\[ *\d+\.\d+\]   lock\(lkdtm_lock_b\); (re)
\[ *\d+\.\d+\]                                lock\(lkdtm_lock_a\); (re)
\[ *\d+\.\d+\]                                lock\(lkdtm_lock_b\); (re)
\[ *\d+\.\d+\]   lock\(lkdtm_lock_a\); (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\]  \*\*\* DEADLOCK \*\*\* (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] 2 locks held by crash/\d+: (re)
\[ *\d+\.\d+\]  \#0: \(DIRECT\), at: sys_write\+0x\w+/0x\w+ (re)
\[ *\d+\.\d+\]  \#1: \(lkdtm_lock_b\), at: lkdtm_lock_b_then_a\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]  (re)
\[ *\d+\.\d+\] stack backtrace: (re)
...
