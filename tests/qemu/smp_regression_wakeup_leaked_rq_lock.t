# smp_regression_wakeup_leaked_rq_lock: wake_up_state() locked the wakee's
# run queue and the one its hint chose; when the task's affinity changed
# under the hint it queued the task on its own CPU instead, and unlocked
# only that queue, leaving the other locked for good: every CPU then spun
# on it (seen under load on 4 CPUs, the migration storm started from the
# shell). The storm runs three times; the shell must still answer.
#! smp: 4
#! cmdline: loglevel=4
#! timeout: 120

kelp# ktest smp_migration_storm*
TAP version 13
# module: ktest_smp
1..1
ok 1 - smp_migration_storm_keeps_patch_state
# ktest: 1 passed, 0 failed
kelp# ktest smp_migration_storm*
TAP version 13
# module: ktest_smp
1..1
ok 1 - smp_migration_storm_keeps_patch_state
# ktest: 1 passed, 0 failed
kelp# ktest smp_migration_storm*
TAP version 13
# module: ktest_smp
1..1
ok 1 - smp_migration_storm_keeps_patch_state
# ktest: 1 passed, 0 failed
kelp# echo still here
still here
