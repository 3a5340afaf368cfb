# livepatch_soak_long (`make soak`, not part of `make test`): the livepatch
# soak of tests/qemu/livepatch_soak.t (soak-livepatch.ko) on 4 CPUs until
# 10,000 transitions ended (at most 2 hours): random enable/insmod/disable/
# reverse/force/rmmod while a busy and a sleeping thread on each CPU call
# the patched functions, the independent stack check after every
# transition; no wrong result, no stuck transition, no task left pending,
# no verify failure, memory and module area back to their start.
# SOAK_SMP=N picks the CPU count (tests/qemu/run.py --smp does not
# override `#! smp:`, so the Makefile rewrites it).
#! smp: 4
#! cmdline: loglevel=4 sysctl.kernel.hung_task_timeout_secs=60
#! timeout: 7300
#! boot-timeout: 300
kelp# insmod /lib/modules/target-bench.ko
kelp# insmod /lib/modules/target-ktest.ko
kelp# insmod /lib/modules/soak-livepatch.ko seconds=7200 transitions=10000
TAP version 13
# module: soak_livepatch
1..1
# klp soak: seed \d+, 7200 s, 10000 transitions, \d+ CPUs (re)
...
# klp soak: \d+ transitions .* 0 wrong; 0 stuck (re)
ok 1 - klp_soak
# ktest: 1 passed, 0 failed
kelp# rmmod soak_livepatch target_ktest target_bench
