# livepatch_seed001_smp4: seed 001 at 4 CPUs (docs/livepatch.md, "The seed
# threads on SMP"): atomic replace with no-ops while a caller on every CPU
# calls the patched functions, every result checked (30 rounds at 4 CPUs of
# test_klp_replace_a/b/c.ko, each replaced module removed), and the
# regression of the crash it found (a task preempted on its way into an
# older patch's function was switched, and resumed into freed module
# text). livepatch_smp.t runs both at 2 CPUs, ktest.t at 1.
#! smp: 4
#! ktest: klp_smp_seed001*,klp_smp_entry*
#! cmdline: loglevel=4
#! boot-timeout: 300

kelp# echo done
done
