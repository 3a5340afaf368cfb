# kmalloc_leak: 100k random kmalloc/kfree operations (sizes from 1 byte to
# three pages, data checked on free) leave the accounting exactly where it
# started: no object and no large allocation is left behind.
#! cmdline: loglevel=4

kelp# meminfo
...
KmallocInUse: +0 bytes in 0 allocations (re)
...
kelp# ktest kmalloc_stress_100k
TAP version 13
1..1
ok 1 - kmalloc_stress_100k
# ktest: 1 passed, 0 failed
kelp# meminfo
...
KmallocInUse: +0 bytes in 0 allocations (re)
...
kmalloc-large +- +0 +- +0 +0 (re)
