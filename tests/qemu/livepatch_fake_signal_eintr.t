# livepatch_fake_signal_eintr: a user process asleep in nanosleep when
# test_klp_nanosleep.ko patches __x64_sys_nanosleep stalls the transition
# (the old handler is on its stack) until livepatch's fake signal wakes
# it. Linux restarts a call interrupted by a signal that runs no handler,
# and so does Kelp now: the process leaves the kernel (switching patch
# state), comes back through restart_syscall and sleeps on to its
# deadline in the old code, so `sleep 4` ends with status 0 ("Done"; it
# used to get EINTR: "Done(1)"). A sleep started after the patch runs the
# new handler (ncalls 1). Then the patch is disabled and removed.
# Last, a real signal in the middle of a stalled transition (no fake
# signal for a minute): a process asleep in the old nanosleep with a
# SIGUSR1 handler gets it, the handler runs, the sleep ends with EINTR
# (Linux's answer for nanosleep under a handler), and the transition
# completes as the process leaves the old code. And a kill (SIGTERM, the
# default action) of a process stalling a transition ends it, and the
# transition completes without it.
#! cmdline: loglevel=4
kelp# echo 1000 > /proc/sys/kernel/livepatch_signal_ms
kelp# sleep 4 &
\[1\] \d+ (re)
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_nanosleep.ko
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition
1
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
\s+\d+ S         0 00010004 +\d+ sleep (re)
...
kelp# sleep 2
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition /sys/kernel/test_klp_nanosleep/ncalls
0
1
kelp# dmesg -c
*] test_klp_nanosleep: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_nanosleep' (glob)
*] livepatch: 'test_klp_nanosleep': initializing patching transition (glob)
*] livepatch: 'test_klp_nanosleep': starting patching transition (glob)
*] livepatch: signaling remaining tasks (glob)
*] livepatch: 'test_klp_nanosleep': completing patching transition (glob)
*] livepatch: 'test_klp_nanosleep': patching complete (glob)
kelp# sleep 2
[1]+  Done sleep 4
kelp# echo 0 > /sys/kernel/livepatch/test_klp_nanosleep/enabled
kelp# sleep 1
kelp# ls /sys/kernel/livepatch
kelp# rmmod test_klp_nanosleep
kelp# lsmod
Module                  Size  Used by
kelp# echo 60000 > /proc/sys/kernel/livepatch_signal_ms
kelp# sigtest nap 30 &
\[1\] \d+ (re)
kelp# insmod /lib/modules/test_klp_nanosleep.ko
kelp# sleep 1
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition
1
kelp# kill -USR1 $!; sleep 1
sigtest: nap: Interrupted system call, handler ran 1 times
[1]+  Done sigtest nap 30
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition
0
kelp# echo 0 > /sys/kernel/livepatch/test_klp_nanosleep/enabled
kelp# sleep 1
kelp# rmmod test_klp_nanosleep
kelp# sleep 30 &
\[1\] \d+ (re)
kelp# insmod /lib/modules/test_klp_nanosleep.ko
kelp# sleep 1
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition
1
kelp# kill $!; sleep 1
[1]+  Terminated sleep 30
kelp# cat /sys/kernel/livepatch/test_klp_nanosleep/transition
0
kelp# echo 0 > /sys/kernel/livepatch/test_klp_nanosleep/enabled
kelp# sleep 1
kelp# rmmod test_klp_nanosleep
kelp# lsmod
Module                  Size  Used by
