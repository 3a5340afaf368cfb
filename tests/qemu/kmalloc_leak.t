# kmalloc_leak: 100k random kmalloc/kfree operations (sizes from 1 byte to
# three pages, data checked on free) leave the accounting exactly where it
# started: no object and no large allocation is left behind (the case
# compares kmalloc_get_stats() before and after; meminfo shows the totals).
#! cmdline: loglevel=4

kelp# meminfo
...
KmallocInUse: +\d+ bytes in \d+ allocations (re)
...
kelp# ktest kmalloc_stress_100k
TAP version 13
# module: ktest_mm
1..1
ok 1 - kmalloc_stress_100k
# ktest: 1 passed, 0 failed
kelp# meminfo
...
KmallocInUse: +\d+ bytes in \d+ allocations (re)
...
kmalloc-large +- +\d+ +- +\d+ +\d+ (re)
