# livepatch_sysfs: Linux's test-sysfs.sh ("sysfs test", "object/patched",
# "replace disabled", "stack_order value") with the real selftest modules
# (tests/modules/test_klp_*.c) loaded by insmod and removed by rmmod:
# object/patched of test_klp_callbacks_demo reads 0, 1 once its target
# test_klp_callbacks_mod loads, 0 again when it unloads. Plus the errors
# of bad writes and loads: the current value (or garbage) to enabled is
# EINVAL, force outside a transition is EINVAL, read-only files refuse
# writes, a second insmod is EEXIST and an enabled patch's module is in
# use.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# ls -l /sys/kernel/livepatch
drwxr-xr-x    1 root     root            0 test_klp_livepatch
kelp# ls -l /sys/kernel/livepatch/test_klp_livepatch
-rw-r--r--    1 root     root            0 enabled
--w-------    1 root     root            0 force
-r--r--r--    1 root     root            0 replace
-r--r--r--    1 root     root            0 stack_order
-r--r--r--    1 root     root            0 transition
drwxr-xr-x    1 root     root            0 vmlinux
kelp# ls -l /sys/kernel/livepatch/test_klp_livepatch/vmlinux
drwxr-xr-x    1 root     root            0 cmdline_proc_show,1
-r--r--r--    1 root     root            0 patched
kelp# ls -l /sys/kernel/livepatch/test_klp_livepatch/vmlinux/cmdline_proc_show,1
kelp# /bin/stat --format '%A' /sys/kernel/livepatch/test_klp_livepatch
drwxr-xr-x
kelp# cd /sys/kernel/livepatch/test_klp_livepatch
kelp# stat --format '%A %a %F %n' enabled force replace stack_order transition vmlinux vmlinux/patched
-rw-r--r-- 644 regular file enabled
--w------- 200 regular file force
-r--r--r-- 444 regular file replace
-r--r--r-- 444 regular file stack_order
-r--r--r-- 444 regular file transition
drwxr-xr-x 755 directory vmlinux
-r--r--r-- 444 regular file vmlinux/patched
kelp# stat -c %A nothing enabled
stat: cannot stat 'nothing': No such file or directory
-rw-r--r--
kelp# stat --printf='%n\t%s\n' force
force	0
kelp# stat -c %Z force
stat: '%Z': invalid directive
kelp# stat enabled
  File: enabled
  Size: 0         	Blocks: 0          IO Block: 4096   regular file
Device: 0,0	Inode: * Links: 1 (glob)
Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)
kelp# cd /
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/enabled
1
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/replace
0
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/stack_order
1
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/transition
0
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/vmlinux/patched
1
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/force
cat: /sys/kernel/livepatch/test_klp_livepatch/force: Permission denied
kelp# echo 1 > /sys/kernel/livepatch/test_klp_livepatch/enabled
echo: write error: Invalid argument
kelp# echo 2 > /sys/kernel/livepatch/test_klp_livepatch/enabled
echo: write error: Invalid argument
kelp# echo x > /sys/kernel/livepatch/test_klp_livepatch/enabled
echo: write error: Invalid argument
kelp# echo 1 > /sys/kernel/livepatch/test_klp_livepatch/force
echo: write error: Invalid argument
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/force
kelp# echo 1 > /sys/kernel/livepatch/test_klp_livepatch/transition
sh: can't create /sys/kernel/livepatch/test_klp_livepatch/transition: Permission denied
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/vmlinux/patched
sh: can't create /sys/kernel/livepatch/test_klp_livepatch/vmlinux/patched: Permission denied
kelp# insmod /lib/modules/test_klp_livepatch.ko
insmod: ERROR: could not insert module /lib/modules/test_klp_livepatch.ko: File exists
kelp# rmmod test_klp_livepatch
rmmod: ERROR: Module test_klp_livepatch is in use
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# dmesg -c
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
0
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
1
kelp# rmmod test_klp_callbacks_mod
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/test_klp_callbacks_mod/patched
0
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/vmlinux/patched
1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_demo: post_patch_callback: test_klp_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: reverting patch 'test_klp_callbacks_demo' on unloading module 'test_klp_callbacks_mod' (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: test_klp_callbacks_mod -> [MODULE_STATE_GOING] Going away (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=0
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/replace
0
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_atomic_replace' (glob)
*] livepatch: 'test_klp_atomic_replace': initializing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': patching complete (glob)
*] livepatch: 'test_klp_atomic_replace': initializing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_atomic_replace.ko
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
1
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# cat /sys/kernel/livepatch/test_klp_callbacks_demo/stack_order
2
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/stack_order
3
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# cat /sys/kernel/livepatch/test_klp_atomic_replace/stack_order
1
kelp# cat /sys/kernel/livepatch/test_klp_livepatch/stack_order
2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_atomic_replace' (glob)
*] livepatch: 'test_klp_atomic_replace': initializing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing patching transition (glob)
*] livepatch: 'test_klp_atomic_replace': patching complete (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
*] livepatch: 'test_klp_atomic_replace': initializing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': starting unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': completing unpatching transition (glob)
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
