# smp_ktest: the SMP stress ktests (ktest-smp.ko: spinlock counter from
# every CPU, mutex and completion ping-pong, cross-CPU calls, stop_machine,
# migration storm, affinity, TLB shootdown, grace periods) on 4 CPUs; the
# full ktest run (ktest.t) covers them on the default CPU count.
#! smp: 4
#! ktest: smp*
#! cmdline: loglevel=4
#! boot-timeout: 300

kelp# cat /sys/devices/system/cpu/online
0-3
