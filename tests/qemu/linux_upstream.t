# linux_upstream: Linux's own livepatch sample and selftest modules, built
# unchanged with -Werror from Debian's linux-source (make linuxmod-check,
# which make test runs first, leaves them in build/upstream-ko/), are sent
# in with tools/klp-send (replacing Kelp's copies of the same names in
# /lib/modules) and exercised as upstream's README and selftest scripts do:
# each loads, patches what it says, and unloads. The log lines are
# upstream's. Kelp's own copies run the scripts' full sequences in the
# livepatch_* scenarios; docs/linux-compat.md lists every module.
#! smp: 2
#! cmdline: loglevel=4
#! timeout: 120
host$ n=0; for f in build/upstream-ko/*.ko; do tools/klp-send --socket $COM2 "$f" >/dev/null || exit 1; n=$((n+1)); done; [ $n -ge 18 ] && echo uploaded
uploaded
kelp# dmesg -C
kelp# insmod /lib/modules/livepatch-sample.ko
kelp# cat /proc/cmdline
this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/livepatch_sample/enabled
kelp# rmmod livepatch_sample
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# dmesg -c
*] livepatch_sample: loading out-of-tree module taints kernel. (glob)
*] livepatch_sample: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'livepatch_sample' (glob)
...
*] livepatch: 'livepatch_sample': unpatching complete (glob)
kelp# insmod /lib/modules/livepatch-shadow-mod.ko
kelp# sleep 2
kelp# insmod /lib/modules/livepatch-shadow-fix1.ko
kelp# sleep 2
kelp# insmod /lib/modules/livepatch-shadow-fix2.ko
kelp# sleep 4
kelp# echo 0 > /sys/kernel/livepatch/livepatch_shadow_fix2/enabled
kelp# echo 0 > /sys/kernel/livepatch/livepatch_shadow_fix1/enabled
kelp# rmmod livepatch_shadow_fix2 livepatch_shadow_fix1 livepatch_shadow_mod
kelp# dmesg -c
*] dummy_alloc: dummy @ *, expires @ * (glob)
...
*] livepatch: 'livepatch_shadow_fix1': patching complete (glob)
...
*] livepatch_shadow_fix1: livepatch_fix1_dummy_alloc: dummy @ *, expires @ * (glob)
...
*] livepatch: 'livepatch_shadow_fix2': patching complete (glob)
...
*] cleanup_work_func: jiffies = * (glob)
...
*] livepatch: 'livepatch_shadow_fix2': unpatching complete (glob)
...
*] livepatch: 'livepatch_shadow_fix1': unpatching complete (glob)
*] livepatch_shadow_fix1: livepatch_fix1_dummy_leak_dtor: dummy @ *, prevented leak @ * (glob)
...
*] dummy_free: dummy @ *, expired = * (glob)
...
kelp# insmod /lib/modules/livepatch-callbacks-busymod.ko
kelp# insmod /lib/modules/livepatch-callbacks-demo.ko
kelp# insmod /lib/modules/livepatch-callbacks-mod.ko
kelp# echo 0 > /sys/kernel/livepatch/livepatch_callbacks_demo/enabled
kelp# rmmod livepatch_callbacks_demo livepatch_callbacks_mod livepatch_callbacks_busymod
kelp# dmesg -c
*] livepatch_callbacks_busymod: livepatch_callbacks_mod_init (glob)
*] livepatch_callbacks_busymod: busymod_work_func, sleeping 0 seconds ... (glob)
*] livepatch_callbacks_busymod: busymod_work_func exit (glob)
*] livepatch: enabling patch 'livepatch_callbacks_demo' (glob)
*] livepatch: 'livepatch_callbacks_demo': initializing patching transition (glob)
*] livepatch_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch_callbacks_demo: pre_patch_callback: livepatch_callbacks_busymod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'livepatch_callbacks_demo': starting patching transition (glob)
*] livepatch: 'livepatch_callbacks_demo': completing patching transition (glob)
*] livepatch_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch_callbacks_demo: post_patch_callback: livepatch_callbacks_busymod -> [MODULE_STATE_LIVE] Normal state (glob)
*] livepatch: 'livepatch_callbacks_demo': patching complete (glob)
*] livepatch: applying patch 'livepatch_callbacks_demo' to loading module 'livepatch_callbacks_mod' (glob)
*] livepatch_callbacks_demo: pre_patch_callback: livepatch_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] livepatch_callbacks_demo: post_patch_callback: livepatch_callbacks_mod -> [MODULE_STATE_COMING] Full formed, running module_init (glob)
*] livepatch_callbacks_mod: livepatch_callbacks_mod_init (glob)
...
*] livepatch: 'livepatch_callbacks_demo': unpatching complete (glob)
*] livepatch_callbacks_mod: livepatch_callbacks_mod_exit (glob)
*] livepatch_callbacks_busymod: livepatch_callbacks_mod_exit (glob)
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# insmod /lib/modules/test_klp_atomic_replace.ko replace=1
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# cat /proc/meminfo
test_klp_atomic_replace: this has been live patched
kelp# ls /sys/kernel/livepatch
test_klp_atomic_replace
kelp# rmmod test_klp_livepatch
kelp# echo 0 > /sys/kernel/livepatch/test_klp_atomic_replace/enabled
kelp# rmmod test_klp_atomic_replace
kelp# dmesg -c
...
*] livepatch: 'test_klp_atomic_replace': patching complete (glob)
*] livepatch: 'test_klp_atomic_replace': initializing unpatching transition (glob)
...
*] livepatch: 'test_klp_atomic_replace': unpatching complete (glob)
kelp# insmod /lib/modules/test_klp_callbacks_busy.ko block_transition=N
kelp# insmod /lib/modules/test_klp_callbacks_demo.ko
kelp# insmod /lib/modules/test_klp_callbacks_mod.ko
kelp# insmod /lib/modules/test_klp_callbacks_demo2.ko replace=1
kelp# echo 0 > /sys/kernel/livepatch/test_klp_callbacks_demo2/enabled
kelp# rmmod test_klp_callbacks_demo2 test_klp_callbacks_demo test_klp_callbacks_mod test_klp_callbacks_busy
kelp# dmesg -c
*] test_klp_callbacks_busy: test_klp_callbacks_busy_init (glob)
*] test_klp_callbacks_busy: busymod_work_func enter (glob)
*] test_klp_callbacks_busy: busymod_work_func exit (glob)
...
*] test_klp_callbacks_demo: pre_patch_callback: test_klp_callbacks_busy -> [MODULE_STATE_LIVE] Normal state (glob)
...
*] livepatch: 'test_klp_callbacks_demo': patching complete (glob)
*] livepatch: applying patch 'test_klp_callbacks_demo' to loading module 'test_klp_callbacks_mod' (glob)
...
*] test_klp_callbacks_mod: test_klp_callbacks_mod_init (glob)
...
*] test_klp_callbacks_demo2: pre_patch_callback: vmlinux (glob)
...
*] livepatch: 'test_klp_callbacks_demo2': patching complete (glob)
...
*] livepatch: 'test_klp_callbacks_demo2': unpatching complete (glob)
...
*] test_klp_callbacks_busy: test_klp_callbacks_busy_exit (glob)
kelp# insmod /lib/modules/test_klp_shadow_vars.ko
kelp# rmmod test_klp_shadow_vars
kelp# dmesg -c
*] test_klp_shadow_vars: klp_shadow_get(obj=*, id=0x1234) = * (glob)
*] test_klp_shadow_vars:   got expected NULL result (glob)
...
*] test_klp_shadow_vars: klp_shadow_free_all(id=0x1235, dtor=*) (glob)
...
kelp# insmod /lib/modules/test_klp_state.ko
...
kelp# insmod /lib/modules/test_klp_state2.ko
...
kelp# insmod /lib/modules/test_klp_state3.ko
...
kelp# ls /sys/kernel/livepatch
test_klp_state3
kelp# rmmod test_klp_state test_klp_state2
kelp# echo 0 > /sys/kernel/livepatch/test_klp_state3/enabled
...
kelp# rmmod test_klp_state3
kelp# dmesg -c
...
*] test_klp_state: allocate_loglevel_state: allocating space to store console_loglevel (glob)
...
*] test_klp_state2: allocate_loglevel_state: space to store console_loglevel already allocated (glob)
...
*] test_klp_state3: free_loglevel_state: freeing space for the stored console_loglevel (glob)
*] livepatch: 'test_klp_state3': unpatching complete (glob)
kelp# test_syscall cpus /lib/modules/test_klp_syscall.ko
test_klp_syscall: Remaining not livepatched processes: 0
kelp# echo 0 > /sys/kernel/livepatch/test_klp_syscall/enabled
kelp# rmmod test_klp_syscall
kelp# cat /sys/kernel/tracing/enabled_functions
kelp# lsmod
Module                  Size  Used by
