# ktest: every in-kernel test case, run at boot (ktest=all), each counted.
#! ktest: all
#! cmdline: loglevel=4
#! boot-timeout: 300

kelp# echo done
done
