# livepatch_kprobe: Linux's test-kprobe.sh with Kelp's test_klp_kprobe
# (tests/modules/test_klp_kprobe.c) and test_klp_livepatch, both on
# cmdline_proc_show. A kprobe with a post_handler is an IPMODIFY user of
# the function's fentry site, so the live patch fails with -EBUSY and
# Linux's messages; the other way round, the kprobe's register_kprobe
# fails with -EBUSY (Linux logs nothing then). A kprobe without a
# post_handler coexists with the patch. Linux's greps into /dev/kmsg are
# dmesg here; the dmesg lines are Linux's, in Linux's order. Runs under
# memcheck: nothing is left once everything is unloaded. A probe on a
# module's function (symbol=MODULE:SYMBOL) goes away with that module.
# /sys/kernel/debug/kprobes/enabled (which the script sets to 1 first)
# and list are Linux's.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# cat /sys/kernel/debug/kprobes/enabled
1
kelp# echo 0 > /sys/kernel/debug/kprobes/enabled
kelp# cat /sys/kernel/debug/kprobes/enabled
0
kelp# echo 1 > /sys/kernel/debug/kprobes/enabled
kelp# echo 1 > /sys/kernel/debug/kprobes/enabled
kelp# echo x > /sys/kernel/debug/kprobes/enabled
echo: write error: Invalid argument
kelp# dmesg -c
*] Kprobes globally disabled (glob)
*] Kprobes globally enabled (glob)
kelp# insmod /lib/modules/test_klp_kprobe.ko has_post_handler=y
kelp# cat /sys/kernel/debug/kprobes/list
ffffffff8???????  k  cmdline_proc_show+0x0    [FTRACE] (glob)
kelp# insmod /lib/modules/test_klp_livepatch.ko
*] livepatch: failed to register ftrace handler for function 'cmdline_proc_show' (-16) (glob)
insmod: ERROR: could not insert module /lib/modules/test_klp_livepatch.ko: Device or resource busy
kelp# rmmod test_klp_kprobe
kelp# dmesg -c
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: failed to register ftrace handler for function 'cmdline_proc_show' (-16) (glob)
*] livepatch: failed to patch object 'vmlinux' (glob)
*] livepatch: failed to enable patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': canceling patching transition, going to unpatch (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_kprobe.ko has_post_handler=n
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# rmmod test_klp_kprobe
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
*] livepatch: 'test_klp_livepatch': initializing patching transition (glob)
*] livepatch: 'test_klp_livepatch': starting patching transition (glob)
*] livepatch: 'test_klp_livepatch': completing patching transition (glob)
*] livepatch: 'test_klp_livepatch': patching complete (glob)
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# insmod /lib/modules/test_klp_kprobe.ko has_post_handler=y
insmod: ERROR: could not insert module /lib/modules/test_klp_kprobe.ko: Device or resource busy
kelp# insmod /lib/modules/test_klp_kprobe.ko has_post_handler=n
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# rmmod test_klp_kprobe
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# insmod /lib/modules/mod_export.ko
kelp# insmod /lib/modules/test_klp_kprobe.ko symbol=mod_export:mod_export_add
kelp# cat /sys/kernel/debug/kprobes/list
ffffffff????????  k  mod_export_add+0x0  mod_export [FTRACE] (glob)
kelp# rmmod mod_export
kelp# cat /sys/kernel/debug/kprobes/list
kelp# rmmod test_klp_kprobe
kelp# insmod /lib/modules/test_klp_kprobe.ko symbol=no_such_mod:f
insmod: ERROR: could not insert module /lib/modules/test_klp_kprobe.ko: Unknown symbol in module
kelp# memcheck
memcheck: unchanged since mark
