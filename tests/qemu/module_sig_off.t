# module_sig_off: without enforcement (module.sig_enforce=0), Linux's
# behaviour: an unsigned module, or one signed by an unknown key, loads and
# taints the kernel (E, TAINT_UNSIGNED_MODULE = 8192) with Linux's message,
# once; a bad signature is still refused. Enforcement can be turned on at
# run time, not off again.
#! cmdline: loglevel=4 module.sig_enforce=0
kelp# cat /sys/module/module/parameters/sig_enforce
N
kelp# insmod /lib/modules/hello.ko
kelp# cat /proc/sys/kernel/tainted
0
kelp# rmmod hello
kelp# insmod /lib/test/sig/tampered.ko
*] module: signature does not verify (glob)
insmod: ERROR: could not insert module /lib/test/sig/tampered.ko: Key was rejected by service
kelp# insmod /lib/test/sig/unsigned.ko
kelp# cat /proc/modules /sys/module/hello/taint
hello * 0 - Live 0x* (E) (glob)
E
kelp# cat /proc/sys/kernel/tainted
8192
kelp# rmmod hello
kelp# insmod /lib/test/sig/otherkey.ko
kelp# rmmod hello
kelp# dmesg
...
*] hello: module verification failed: signature and/or required key missing - tainting kernel (glob)
*] hello: hello world: flag=0 count=3 limit=10 (glob)
*] hello: goodbye world: count=3 (glob)
*] module: signed by a key not in the trusted keyring (glob)
*] hello: hello world: flag=0 count=3 limit=10 (glob)
*] hello: goodbye world: count=3 (glob)
kelp# echo N > /sys/module/module/parameters/sig_enforce
kelp# echo Y > /sys/module/module/parameters/sig_enforce
kelp# echo N > /sys/module/module/parameters/sig_enforce
echo: write error: Read-only file system
kelp# cat /sys/module/module/parameters/sig_enforce
Y
kelp# insmod /lib/test/sig/unsigned.ko
insmod: ERROR: could not insert module /lib/test/sig/unsigned.ko: Key was rejected by service
