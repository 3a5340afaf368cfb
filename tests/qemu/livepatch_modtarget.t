# livepatch_modtarget: patches/livepatch-module.c patches greeting_show of
# the module patches/livepatch-sample-mod.c and counts in the module's
# static `calls` through a .klp.rela relocation. Target first, then the
# patch: the count goes on where the module left it (the relocation is
# resolved to the module's variable). The target can be removed while
# patched (the patch does not pin it: reverted at GOING); loaded again,
# the patch applies to it at COMING with the relocation resolved to the
# new copy's variable. Patch first, then target: applied at COMING. Then
# .klp.rela input the kernel refuses: an unknown symbol, a position that
# does not exist, a malformed name; nothing leaks.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/livepatch-sample-mod.ko
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
hello from livepatch_sample_mod (call 1)
kelp# insmod /lib/modules/livepatch-module.ko
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
this has been live patched (call 2)
kelp# cat /sys/kernel/livepatch/livepatch_module/livepatch_sample_mod/patched
1
kelp# ls /sys/kernel/livepatch/livepatch_module/livepatch_sample_mod
greeting_show,1
patched
kelp# lsmod
Module                  Size  Used by
livepatch_module * 1 (glob)
livepatch_sample_mod * 0 (glob)
kelp# rmmod livepatch_sample_mod
kelp# cat /sys/kernel/livepatch/livepatch_module/livepatch_sample_mod/patched
0
kelp# insmod /lib/modules/livepatch-sample-mod.ko
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
this has been live patched (call 1)
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
this has been live patched (call 2)
kelp# echo 0 > /sys/kernel/livepatch/livepatch_module/enabled
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
hello from livepatch_sample_mod (call 3)
kelp# rmmod livepatch_module
kelp# rmmod livepatch_sample_mod
kelp# dmesg -c
*] livepatch_module: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'livepatch_module' (glob)
*] livepatch: 'livepatch_module': initializing patching transition (glob)
*] livepatch: 'livepatch_module': starting patching transition (glob)
*] livepatch: 'livepatch_module': completing patching transition (glob)
*] livepatch_module: livepatch_sample_mod patched, 1 calls so far (glob)
*] livepatch: 'livepatch_module': patching complete (glob)
*] livepatch: reverting patch 'livepatch_module' on unloading module 'livepatch_sample_mod' (glob)
*] livepatch_module: livepatch_sample_mod unpatched (glob)
*] livepatch: applying patch 'livepatch_module' to loading module 'livepatch_sample_mod' (glob)
*] livepatch_module: livepatch_sample_mod patched, 0 calls so far (glob)
*] livepatch: 'livepatch_module': initializing unpatching transition (glob)
*] livepatch: 'livepatch_module': starting unpatching transition (glob)
*] livepatch: 'livepatch_module': completing unpatching transition (glob)
*] livepatch_module: livepatch_sample_mod unpatched (glob)
*] livepatch: 'livepatch_module': unpatching complete (glob)
kelp# insmod /lib/modules/livepatch-module.ko
kelp# cat /sys/kernel/livepatch/livepatch_module/livepatch_sample_mod/patched
0
kelp# insmod /lib/modules/livepatch-sample-mod.ko
kelp# cat /sys/kernel/livepatch/livepatch_module/livepatch_sample_mod/patched
1
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
this has been live patched (call 1)
kelp# rmmod livepatch_sample_mod
kelp# echo 0 > /sys/kernel/livepatch/livepatch_module/enabled
kelp# rmmod livepatch_module
kelp# dmesg -c
*] livepatch: enabling patch 'livepatch_module' (glob)
*] livepatch: 'livepatch_module': initializing patching transition (glob)
*] livepatch: 'livepatch_module': starting patching transition (glob)
*] livepatch: 'livepatch_module': completing patching transition (glob)
*] livepatch: 'livepatch_module': patching complete (glob)
*] livepatch: applying patch 'livepatch_module' to loading module 'livepatch_sample_mod' (glob)
*] livepatch_module: livepatch_sample_mod patched, 0 calls so far (glob)
*] livepatch: reverting patch 'livepatch_module' on unloading module 'livepatch_sample_mod' (glob)
*] livepatch_module: livepatch_sample_mod unpatched (glob)
*] livepatch: 'livepatch_module': initializing unpatching transition (glob)
*] livepatch: 'livepatch_module': starting unpatching transition (glob)
*] livepatch: 'livepatch_module': completing unpatching transition (glob)
*] livepatch: 'livepatch_module': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_reloc_unknown.ko
*] livepatch: symbol 'klp_no_such_symbol' not found in symbol table (glob)
...
insmod: ERROR: could not insert module /lib/modules/test_klp_reloc_unknown.ko: Invalid parameters
kelp# insmod /lib/modules/test_klp_reloc_sympos.ko
*] livepatch: symbol position 2 for symbol 'cmdline_proc_show' in object 'vmlinux' not found (glob)
...
insmod: ERROR: could not insert module /lib/modules/test_klp_reloc_sympos.ko: Invalid parameters
kelp# insmod /lib/modules/test_klp_reloc_bad.ko
*] livepatch: symbol .klp.sym.vmlinux.saved_command_line has an incorrectly formatted name (glob)
...
insmod: ERROR: could not insert module /lib/modules/test_klp_reloc_bad.ko: Invalid parameters
kelp# lsmod
Module                  Size  Used by
kelp# ls /sys/kernel/livepatch
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# memcheck
memcheck: unchanged since mark
