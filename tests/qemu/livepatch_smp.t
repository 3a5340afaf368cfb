# livepatch_smp: issue 15's races with their two sides on two CPUs
# (docs/livepatch.md, "The seed threads on SMP"): seed 000 (a store
# freeing the patch, rmmod and sysfs reads of its files on three threads),
# 001 (atomic replace with no-ops under callers on every CPU; 4 CPUs:
# livepatch_seed001_smp4.t), 004 (1000 forced transitions while every CPU
# calls the patched function), and the regressions of the SMP bugs the
# stress ktests hit (free queued before a transition is marked over, a new
# task's state copied under tasklist_lock, a task preempted on its way
# into an older patch's function switched).
#! smp: 2
#! ktest: klp_smp*
#! cmdline: loglevel=4
#! boot-timeout: 900

kelp# echo done
done
