# linuxmod_sysfs: lm_sysfs (tests/linuxmod/lm_sysfs.c), a module written
# as for Linux, checks the kobject/sysfs exports of issue 17 at load (bad
# input included) and leaves /sys/kernel/lm_sysfs for a person to look
# at. Symbolic links: ls -l shows "name -> ../b", readlink prints it, a path
# through a link resolves, cat reads through it, cd through it lands in
# the target's real directory, 41 links in one path are ELOOP. Its `ctl`
# file drives the rest: sysfs_chmod_file (the new mode refuses the write
# at once), sysfs_merge_group/unmerge (files appear and go),
# sysfs_update_group (is_visible hides a file), kobject_rename and
# kobject_move (the link follows the target), and the last put of a
# linked kobject: it is released and the link dangles (ENOENT through it).
# rmmod takes everything away; a second run under memcheck leaves no
# memory behind.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/lm_sysfs.ko
*] kobject: must have a ktype to be initialized properly! (glob)
*] kobject: kobject_add_internal failed for lm_kset with -EEXIST, don't try to register things with the same name in the same directory. (glob)
kelp# ls -l /sys/kernel/lm_sysfs
drwxr-xr-x    1 root     root            0 a
drwxr-xr-x    1 root     root            0 b
--w-------    1 root     root            0 ctl
drwxr-xr-x    1 root     root            0 d
drwxr-xr-x    1 root     root            0 lm_kset
kelp# ls -l /sys/kernel/lm_sysfs/a
drwxr-xr-x    1 root     root            0 grp
lrwxrwxrwx    1 root     root            0 self -> ../a
lrwxrwxrwx    1 root     root            0 to_b -> ../b
lrwxrwxrwx    1 root     root            0 to_d -> ../d
-rw-r--r--    1 root     root            0 value
kelp# ls -l /sys/kernel/lm_sysfs/a/grp
lrwxrwxrwx    1 root     root            0 b_link -> ../../b
-r--r--r--    1 root     root            0 shown
kelp# ls /sys/kernel/lm_sysfs/lm_kset
m1
kelp# readlink /sys/kernel/lm_sysfs/a/grp/b_link
../../b
kelp# stat -c '%A %F %N' /sys/kernel/lm_sysfs/a/to_b
lrwxrwxrwx symbolic link '/sys/kernel/lm_sysfs/a/to_b' -> '../b'
kelp# stat -L -c '%A %F' /sys/kernel/lm_sysfs/a/to_b
drwxr-xr-x directory
kelp# readlink /sys/kernel/lm_sysfs/a/value
kelp# echo $?
1
kelp# cat /sys/kernel/lm_sysfs/a/to_b/value
b: 0
kelp# echo 7 > /sys/kernel/lm_sysfs/a/to_b/value
kelp# cat /sys/kernel/lm_sysfs/b/value /sys/kernel/lm_sysfs/a/grp/b_link/value
b: 7
b: 7
kelp# ls /sys/kernel/lm_sysfs/a/to_b
value
kelp# ls -l /sys/kernel/lm_sysfs/a/to_b/
-rw-r--r--    1 root     root            0 value
kelp# cd /sys/kernel/lm_sysfs/a/self/to_b
kelp# pwd
/sys/kernel/lm_sysfs/b
kelp# cat value
b: 7
kelp# cd ../a
kelp# pwd
/sys/kernel/lm_sysfs/a
kelp# cd /
kelp# cat /sys/kernel/lm_sysfs/a/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/value
a: 0
kelp# cat /sys/kernel/lm_sysfs/a/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/value
cat: /sys/kernel/lm_sysfs/a/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/self/value: Too many levels of symbolic links
kelp# echo chmod > /sys/kernel/lm_sysfs/ctl
kelp# ls -l /sys/kernel/lm_sysfs/a/value
-r--r--r--    1 root     root            0 /sys/kernel/lm_sysfs/a/value
kelp# echo 5 > /sys/kernel/lm_sysfs/a/value
sh: can't create /sys/kernel/lm_sysfs/a/value: Permission denied
kelp# echo unchmod > /sys/kernel/lm_sysfs/ctl
kelp# echo 5 > /sys/kernel/lm_sysfs/a/value
kelp# cat /sys/kernel/lm_sysfs/a/value
a: 5
kelp# echo merge > /sys/kernel/lm_sysfs/ctl
kelp# ls /sys/kernel/lm_sysfs/a/grp
b_link
extra
shown
kelp# cat /sys/kernel/lm_sysfs/a/grp/extra
extra
kelp# echo merge > /sys/kernel/lm_sysfs/ctl
echo: write error: File exists
kelp# echo unmerge > /sys/kernel/lm_sysfs/ctl
kelp# ls /sys/kernel/lm_sysfs/a/grp
b_link
shown
kelp# echo hide > /sys/kernel/lm_sysfs/ctl
kelp# ls /sys/kernel/lm_sysfs/a/grp
b_link
kelp# echo show > /sys/kernel/lm_sysfs/ctl
kelp# ls /sys/kernel/lm_sysfs/a/grp
b_link
shown
kelp# echo rename > /sys/kernel/lm_sysfs/ctl
kelp# ls -l /sys/kernel/lm_sysfs/a/to_b
lrwxrwxrwx    1 root     root            0 /sys/kernel/lm_sysfs/a/to_b -> ../b_renamed
kelp# ls -l /sys/kernel/lm_sysfs/a/grp/b_link
lrwxrwxrwx    1 root     root            0 /sys/kernel/lm_sysfs/a/grp/b_link -> ../../b_renamed
kelp# cat /sys/kernel/lm_sysfs/a/to_b/value
b_renamed: 7
kelp# ls /sys/kernel/lm_sysfs/b
ls: /sys/kernel/lm_sysfs/b: No such file or directory
kelp# echo move > /sys/kernel/lm_sysfs/ctl
kelp# ls -l /sys/kernel/lm_sysfs/a
drwxr-xr-x    1 root     root            0 b_renamed
drwxr-xr-x    1 root     root            0 grp
lrwxrwxrwx    1 root     root            0 self -> ../a
lrwxrwxrwx    1 root     root            0 to_b -> b_renamed
lrwxrwxrwx    1 root     root            0 to_d -> ../d
-rw-r--r--    1 root     root            0 value
kelp# cat /sys/kernel/lm_sysfs/a/b_renamed/value /sys/kernel/lm_sysfs/a/grp/b_link/value
b_renamed: 7
b_renamed: 7
kelp# echo unmove > /sys/kernel/lm_sysfs/ctl
kelp# echo unrename > /sys/kernel/lm_sysfs/ctl
kelp# ls /sys/kernel/lm_sysfs
a
b
ctl
d
lm_kset
kelp# cat /sys/kernel/lm_sysfs/a/to_d/value
d: 0
kelp# echo kill > /sys/kernel/lm_sysfs/ctl
kelp# ls -l /sys/kernel/lm_sysfs/a/to_d
lrwxrwxrwx    1 root     root            0 /sys/kernel/lm_sysfs/a/to_d -> ../d
kelp# readlink /sys/kernel/lm_sysfs/a/to_d
../d
kelp# cat /sys/kernel/lm_sysfs/a/to_d/value
cat: /sys/kernel/lm_sysfs/a/to_d/value: No such file or directory
kelp# ls /sys/kernel/lm_sysfs
a
b
ctl
lm_kset
kelp# echo bogus > /sys/kernel/lm_sysfs/ctl
echo: write error: Invalid argument
kelp# rmmod lm_sysfs
kelp# ls /sys/kernel/lm_sysfs
ls: /sys/kernel/lm_sysfs: No such file or directory
kelp# dmesg -c
*] kobject: must have a ktype to be initialized properly! (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/lm_kset' (glob)
*] kobject: kobject_add_internal failed for lm_kset with -EEXIST, don't try to register things with the same name in the same directory. (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/to_b' (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/value' (glob)
*] lm_sysfs: gone released (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/tmp' (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/grp/b_link' (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/grp/extra' (glob)
*] lm_sysfs: 75 checks, 0 failed (glob)
*] sysfs: cannot create duplicate filename '/kernel/lm_sysfs/a/grp/extra' (glob)
*] lm_sysfs: d released (glob)
*] lm_sysfs: b released (glob)
*] lm_sysfs: a released (glob)
*] lm_sysfs: m1 released (glob)
kelp# memcheck mark
kelp# insmod /lib/modules/lm_sysfs.ko
*] kobject: must have a ktype to be initialized properly! (glob)
*] kobject: kobject_add_internal failed for lm_kset with -EEXIST, don't try to register things with the same name in the same directory. (glob)
kelp# echo kill > /sys/kernel/lm_sysfs/ctl
kelp# echo move > /sys/kernel/lm_sysfs/ctl
kelp# rmmod lm_sysfs
kelp# memcheck
memcheck: unchanged since mark
