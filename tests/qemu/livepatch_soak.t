# livepatch_soak: the 30-second livepatch soak on 2 CPUs (soak-livepatch.ko,
# tests/ktest/livepatch/klp_soak.c; `make soak` runs the long one): random
# enable/insmod/disable/reverse/force/rmmod of this module's patches and of
# test_klp_replace_a/b.ko while a busy and a sleeping thread on each CPU
# call the patched functions and a blocker thread sleeps in one (its
# transitions stall until released, forced or reversed), the
# independent stack check after every
# transition; no wrong result, no stuck transition, no task left pending,
# no verify failure, memory and module area back to their start. The seed
# is printed: `insmod soak-livepatch.ko seed=N` replays an order. A task
# asleep in D for 20 s is reported with its stack (the hung task
# detector), and a timeout shows where every CPU was (run.py's hang dump).
#! smp: 2
#! cmdline: loglevel=4 sysctl.kernel.hung_task_timeout_secs=20
#! timeout: 120
kelp# insmod /lib/modules/target-bench.ko
kelp# insmod /lib/modules/target-ktest.ko
kelp# insmod /lib/modules/soak-livepatch.ko seconds=30
TAP version 13
# module: soak_livepatch
1..1
# klp soak: seed \d+, 30 s, 0 transitions, 2 CPUs (re)
...
# klp soak: \d+ transitions .* 0 wrong; 0 stuck (re)
ok 1 - klp_soak
# ktest: 1 passed, 0 failed
kelp# rmmod soak_livepatch target_ktest target_bench
