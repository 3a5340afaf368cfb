# lockdep_irq: a spinlock taken in hard-IRQ context (a timer callback) and
# then by a task with IRQs on is reported as an inconsistent lock state:
# the interrupt could arrive while the task holds it on the same CPU.
#! cmdline: loglevel=1

kelp# dmesg -c > /dev/null
kelp# crash lockdep-irq
...
kelp# dmesg
\[ *\d+\.\d+\] lkdtm: Performing direct entry LOCKDEP_IRQ_UNSAFE (re)
...
\[ *\d+\.\d+\] WARNING: inconsistent lock state (re)
\[ *\d+\.\d+\] -+ (re)
\[ *\d+\.\d+\] inconsistent \{IN-HARDIRQ-W\} -> \{HARDIRQ-ON-W\} usage. (re)
\[ *\d+\.\d+\] crash/\d+ takes: (re)
\[ *\d+\.\d+\]  \(lkdtm_irq_lock\), at: lkdtm_LOCKDEP_IRQ_UNSAFE\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\] \{IN-HARDIRQ-W\} state was registered at: (re)
\[ *\d+\.\d+\]   lkdtm_timer_fn\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\]   lock\(lkdtm_irq_lock\); (re)
\[ *\d+\.\d+\]   <Interrupt> (re)
\[ *\d+\.\d+\]     lock\(lkdtm_irq_lock\); (re)
...
\[ *\d+\.\d+\] stack backtrace: (re)
...
kelp# cat /proc/lockdep_stats
...
 reports:                                        1
