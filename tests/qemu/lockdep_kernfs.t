# lockdep_kernfs: seeds 000/003 in miniature. A sysfs file's active
# references are a lock class: its store holds one while it takes a mutex,
# and removing the file while holding that mutex would wait for such a
# store for ever. The validator reports the order at the removal, though
# no store is in flight: the first time the order appears.
#! cmdline: loglevel=1

kelp# dmesg -c > /dev/null
kelp# crash lockdep-kernfs
...
kelp# dmesg
\[ *\d+\.\d+\] lkdtm: Performing direct entry KERNFS_ADD (re)
\[ *\d+\.\d+\] lkdtm: Performing direct entry KERNFS_REMOVE_LOCKED (re)
...
\[ *\d+\.\d+\] WARNING: possible circular locking dependency detected (re)
...
\[ *\d+\.\d+\]  \(poke\), at: \S+ (re)
...
\[ *\d+\.\d+\]  \(lkdtm_kn_mutex\), at: lkdtm_KERNFS_REMOVE_LOCKED\+0x\w+/0x\w+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] -> #1 \(lkdtm_kn_mutex\): (re)
\[ *\d+\.\d+\]        taken at poke_store\+0x\w+/0x\w+ \[lkdtm\] (re)
\[ *\d+\.\d+\]        while holding \(poke\) taken at \S+ (re)
...
\[ *\d+\.\d+\] -> #0 \(poke\): (re)
\[ *\d+\.\d+\]        being taken now at \S+ (re)
\[ *\d+\.\d+\]        while holding \(lkdtm_kn_mutex\) (re)
...
\[ *\d+\.\d+\] stack backtrace: (re)
...
\[ *\d+\.\d+\]  kernfs_remove\+0x\w+/0x\w+ (re)
...
\[ *\d+\.\d+\]  lkdtm_KERNFS_REMOVE_LOCKED\+0x\w+/0x\w+ \[lkdtm\] (re)
...
kelp# ls /sys/kernel/lkdtm
ls: /sys/kernel/lkdtm: No such file or directory
