# livepatch_callbacks_fail: Linux's test-callbacks.sh "target module not
# present", "pre-patch callback -ENODEV" and "module_coming + pre-patch
# callback -ENODEV" with the real modules: a failing vmlinux pre_patch
# refuses the patch; a failing pre_patch of a module object refuses the
# module's load (its init never runs), the patch stays; memory comes back.
# Then a patch of a function the module does not have: loaded first, it
# makes the module's load fail; loaded after the module, it fails itself.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# memcheck mark
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo/enabled
kelp# rmmod test_klp_callbacks_demo
kelp# dmesg -c
*] test_klp_callbacks_demo: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting patching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing patching transition (glob)
*] test_klp_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko pre_patch_ret=-19
insmod: ERROR: could not insert module /lib/modules/test_klp_callbacks_demo.ko: No such device
kelp# rmmod test_klp_callbacks_mod
kelp# dmesg -c
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] livepatch: enabling patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing patching transition (glob)
*] test_klp_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: pre-patch callback failed for object 'vmlinux' (glob)
*] livepatch: failed to enable patch 'test_klp_callbacks_demo' (glob)
*] livepatch: 'test_klp_callbacks_demo': canceling patching transition, going to unpatch (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# echo -19 > /sys/module/test_klp_callbacks_demo/parameters/pre_patch_ret
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
insmod: ERROR: could not insert module /lib/modules/test_klp_callbacks_mod.ko: No such device
kelp# lsmod
Module                  Size  Used by
test_klp_callbacks_demo * 1 (glob)
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
*] livepatch: pre-patch callback failed for object 'test_klp_callbacks_mod' (glob)
*] livepatch: patch 'test_klp_callbacks_demo' failed for module 'test_klp_callbacks_mod', refusing to load module 'test_klp_callbacks_mod' (glob)
*] livepatch: 'test_klp_callbacks_demo': initializing unpatching transition (glob)
*] test_klp_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'test_klp_callbacks_demo': completing unpatching transition (glob)
*] test_klp_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'test_klp_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_modfunc_missing.ko
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
*] livepatch: symbol 'test_klp_no_such_function' not found in symbol table (glob)
insmod: ERROR: could not insert module /lib/modules/test_klp_callbacks_mod.ko: Invalid parameters
kelp# echo 0 > /sys/kernel/livepatch/test_klp_modfunc_missing/enabled
kelp# rmmod test_klp_modfunc_missing
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# insmod /lib/modules/test_klp_modfunc_missing.ko
*] livepatch: symbol 'test_klp_no_such_function' not found in symbol table (glob)
insmod: ERROR: could not insert module /lib/modules/test_klp_modfunc_missing.ko: Invalid parameters
kelp# rmmod test_klp_callbacks_mod
kelp# dmesg -c
*] livepatch: enabling patch 'test_klp_modfunc_missing' (glob)
*] livepatch: 'test_klp_modfunc_missing': initializing patching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': starting patching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': completing patching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': patching complete (glob)
*] livepatch: symbol 'test_klp_no_such_function' not found in symbol table (glob)
*] livepatch: failed to initialize patch 'test_klp_modfunc_missing' for module 'test_klp_callbacks_mod' (-22) (glob)
*] livepatch: patch 'test_klp_modfunc_missing' failed for module 'test_klp_callbacks_mod', refusing to load module 'test_klp_callbacks_mod' (glob)
*] livepatch: 'test_klp_modfunc_missing': initializing unpatching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': starting unpatching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': completing unpatching transition (glob)
*] livepatch: 'test_klp_modfunc_missing': unpatching complete (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
*] livepatch: symbol 'test_klp_no_such_function' not found in symbol table (glob)
*] test_klp_callbacks_mod: test_klp_callbacks_mod_exit (glob)
kelp# lsmod
Module                  Size  Used by
kelp# memcheck
memcheck: unchanged since mark
