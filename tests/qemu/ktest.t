# ktest: every in-kernel test case, run at boot (ktest=all), each counted.
# At the suite's CPU count (2 in make test); the SMP ktests also run at 2
# and 4 CPUs in smp_ktest.t and livepatch_smp.t.
#! ktest: all
#! cmdline: loglevel=4
#! boot-timeout: 600

kelp# echo done
done
