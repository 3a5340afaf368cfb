# module_sig_upload: COM2 uploads follow the same signature rules as insmod
# (enforcement on: the test configuration). tools/klp-send and
# tools/kelpctl report the kernel's refusal text; a refused upload leaves
# no file in /lib/modules and gives back all it took (memcheck, after a
# first upload has set up the receiver). A module signed in Linux's format
# (openssl cms) and a signed live patch load over COM2.
#! cmdline: loglevel=4
host$ tools/klp-send --socket $COM2 --load build/modules/sig/unsigned.ko
klp-send: sent unsigned.ko (* bytes) in * s, * bytes/s (glob)
klp-send: ERROR: could not insert module unsigned.ko: Key was rejected by service
kelp# memcheck mark
host$ tools/klp-send --socket $COM2 --load build/modules/sig/tampered.ko
klp-send: sent tampered.ko (* bytes) in * s, * bytes/s (glob)
klp-send: ERROR: could not insert module tampered.ko: Key was rejected by service
[*] module: signature does not verify (glob)
host$ tools/kelpctl --vm $COM2 load build/modules/sig/otherkey.ko; echo "exit $?"
kelpctl: sent otherkey.ko (* bytes) in * s (glob)
kelpctl: ERROR: could not insert module otherkey.ko: Key was rejected by service
exit 1
host$ tools/kelpctl --vm $COM2 load build/modules/sig/twice.ko; echo "exit $?"
kelpctl: sent twice.ko (* bytes) in * s (glob)
kelpctl: ERROR: could not insert module twice.ko: Bad message
exit 1
[*] module: signature appended twice (glob)
kelp# memcheck
memcheck: unchanged since mark
kelp# ls /lib/modules/unsigned.ko
ls: /lib/modules/unsigned.ko: No such file or directory
kelp# ls /lib/modules/tampered.ko
ls: /lib/modules/tampered.ko: No such file or directory
kelp# ls /lib/modules/otherkey.ko
ls: /lib/modules/otherkey.ko: No such file or directory
kelp# ls /lib/modules/twice.ko
ls: /lib/modules/twice.ko: No such file or directory
host$ tools/klp-send --socket $COM2 --load build/modules/sig/linux.ko
klp-send: sent linux.ko (* bytes) in * s, * bytes/s (glob)
klp-send: linux.ko loaded
kelp# rmmod hello
host$ tools/kelpctl --vm $COM2 load build/modules/livepatch-sample.ko
...
kelpctl: livepatch_sample: patched
kelp# cat /proc/cmdline
this has been live patched
host$ tools/kelpctl --vm $COM2 unload livepatch_sample
...
kelpctl: livepatch_sample removed
kelp# cat /proc/sys/kernel/tainted
32768
