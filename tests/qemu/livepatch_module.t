# livepatch_module: patches built as real modules (patches/*.c, Linux's API
# only) loaded with insmod: livepatch-sample (Linux's sample, patching
# cmdline_proc_show) holds its module while enabled (rmmod: in use), is
# freed when disabled, then rmmod succeeds; livepatch-callbacks-demo runs
# its four callbacks in Linux's order, and a failing pre_patch refuses
# the load (No such device); a module without MODULE_INFO(livepatch, "Y")
# is refused with Linux's message (Invalid parameters); livepatch-block
# stalls on a thread sleeping in the function it patches, is forced, and
# its module can then never be removed.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/livepatch-sample.ko
kelp# lsmod
Module                  Size  Used by
livepatch_sample       12288  1
kelp# cat /proc/cmdline
this has been live patched
kelp# ls /sys/kernel/livepatch/livepatch_sample/vmlinux
cmdline_proc_show,1
patched
kelp# rmmod livepatch_sample
rmmod: ERROR: Module livepatch_sample is in use
kelp# echo 0 > /sys/kernel/livepatch/livepatch_sample/enabled
kelp# ls /sys/kernel/livepatch
kelp# rmmod livepatch_sample
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# lsmod
Module                  Size  Used by
kelp# dmesg -c
*] livepatch_sample: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'livepatch_sample' (glob)
*] livepatch: 'livepatch_sample': initializing patching transition (glob)
*] livepatch: 'livepatch_sample': starting patching transition (glob)
*] livepatch: 'livepatch_sample': completing patching transition (glob)
*] livepatch: 'livepatch_sample': patching complete (glob)
*] livepatch: 'livepatch_sample': initializing unpatching transition (glob)
*] livepatch: 'livepatch_sample': starting unpatching transition (glob)
*] livepatch: 'livepatch_sample': completing unpatching transition (glob)
*] livepatch: 'livepatch_sample': unpatching complete (glob)
kelp# insmod /lib/modules/livepatch-callbacks-demo.ko
kelp# echo 0 > /sys/kernel/livepatch/livepatch_callbacks_demo/enabled
kelp# rmmod livepatch_callbacks_demo
kelp# insmod /lib/modules/livepatch-callbacks-demo.ko pre_patch_ret=-19
insmod: ERROR: could not insert module /lib/modules/livepatch-callbacks-demo.ko: No such device
kelp# lsmod
Module                  Size  Used by
kelp# ls /sys/kernel/livepatch
kelp# dmesg -c
*] livepatch: enabling patch 'livepatch_callbacks_demo' (glob)
*] livepatch: 'livepatch_callbacks_demo': initializing patching transition (glob)
*] livepatch_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': starting patching transition (glob)
*] livepatch: 'livepatch_callbacks_demo': completing patching transition (glob)
*] livepatch_callbacks_demo: post_patch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': patching complete (glob)
*] livepatch: 'livepatch_callbacks_demo': initializing unpatching transition (glob)
*] livepatch_callbacks_demo: pre_unpatch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': starting unpatching transition (glob)
*] livepatch: 'livepatch_callbacks_demo': completing unpatching transition (glob)
*] livepatch_callbacks_demo: post_unpatch_callback: vmlinux (glob)
*] livepatch: 'livepatch_callbacks_demo': unpatching complete (glob)
*] livepatch: enabling patch 'livepatch_callbacks_demo' (glob)
*] livepatch: 'livepatch_callbacks_demo': initializing patching transition (glob)
*] livepatch_callbacks_demo: pre_patch_callback: vmlinux (glob)
*] livepatch: pre-patch callback failed for object 'vmlinux' (glob)
*] livepatch: failed to enable patch 'livepatch_callbacks_demo' (glob)
*] livepatch: 'livepatch_callbacks_demo': canceling patching transition, going to unpatch (glob)
*] livepatch: 'livepatch_callbacks_demo': completing unpatching transition (glob)
*] livepatch: 'livepatch_callbacks_demo': unpatching complete (glob)
kelp# insmod /lib/modules/mod_klp_unmarked.ko
*] livepatch: module mod_klp_unmarked is not marked as a livepatch module (glob)
insmod: ERROR: could not insert module /lib/modules/mod_klp_unmarked.ko: Invalid parameters
kelp# dmesg -c
*] livepatch: module mod_klp_unmarked is not marked as a livepatch module (glob)
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
kelp# echo 0 > /proc/sys/kernel/livepatch_signal_ms
kelp# workload block 1
kelp# insmod /lib/modules/livepatch-block.ko
kelp# cat /sys/kernel/livepatch/livepatch_block/transition
1
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
\s+\d+ D         0 00000004 +\d+ wl-block/0 (re)
...
kelp# echo 1 > /sys/kernel/livepatch/livepatch_block/force
kelp# cat /sys/kernel/livepatch/livepatch_block/transition
0
kelp# echo 0 > /sys/kernel/livepatch/livepatch_block/enabled
kelp# ls /sys/kernel/livepatch
kelp# rmmod livepatch_block
rmmod: ERROR: Module livepatch_block is in use
kelp# lsmod
...
livepatch_block * (glob)
workload * (glob)
kelp# cat /proc/sys/kernel/tainted
32768
kelp# workload stop
