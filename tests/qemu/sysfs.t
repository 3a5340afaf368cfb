# sysfs: /sys has /sys/kernel, /sys/module and /sys/kernel/livepatch; the
# test attributes of /sys/kernel/kelp_test take good values, refuse bad ones
# with the store's error, and enforce their modes (the test module
# kelp_test.ko makes them).
#! cmdline: loglevel=4

kelp# insmod /lib/modules/kelp_test.ko
kelp# ls /sys /sys/kernel
/sys:
devices
kernel
module
/sys/kernel:
build_id
debug
kelp_test
livepatch
tracing
kelp# cat /sys/kernel/build_id
[0-9a-f]{40} (re)
kelp# ls -l /sys/kernel/kelp_test
-rw-r--r--    1 root     root            0 flag
--w-------    1 root     root            0 secret
-r--r--r--    1 root     root            0 stores
kelp# cat /sys/kernel/kelp_test/flag
0
kelp# echo 1 > /sys/kernel/kelp_test/flag
kelp# cat /sys/kernel/kelp_test/flag
1
kelp# echo 2 > /sys/kernel/kelp_test/flag
echo: write error: Invalid argument
kelp# echo foo > /sys/kernel/kelp_test/flag
echo: write error: Invalid argument
kelp# echo > /sys/kernel/kelp_test/flag
echo: write error: Invalid argument
kelp# cat /sys/kernel/kelp_test/flag
1
kelp# echo 0 > /sys/kernel/kelp_test/flag
kelp# cat /sys/kernel/kelp_test/flag /sys/kernel/kelp_test/stores
0
2
kelp# echo 1 > /sys/kernel/kelp_test/stores
sh: can't create /sys/kernel/kelp_test/stores: Permission denied
kelp# cat /sys/kernel/kelp_test/secret
cat: /sys/kernel/kelp_test/secret: Permission denied
kelp# echo x > /sys/kernel/kelp_test/secret
kelp# cat /sys/kernel/kelp_test/stores
3
kelp# echo x > /sys/kernel/new_file
sh: can't create /sys/kernel/new_file: Permission denied
kelp# mkdir /sys/kernel/dir
mkdir: can't create directory '/sys/kernel/dir': Operation not permitted
