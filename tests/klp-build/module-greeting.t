# module-greeting: a module's function; the module is loaded before the
# patch, then removed and loaded again while patched (the patch applies as
# it comes), and the static counter and THIS_MODULE are the module's own.
#! cmdline: loglevel=4
kelp# insmod /lib/modules/livepatch-sample-mod.ko
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
hello from livepatch_sample_mod (call 1)
host$ tools/kelpctl --vm $COM2 load build/klp-test/module-greeting.ko
...
kelpctl: klp_module_greeting: patched
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
greetings from livepatch_sample_mod (call 2, patched)
kelp# rmmod livepatch_sample_mod
kelp# insmod /lib/modules/livepatch-sample-mod.ko
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
greetings from livepatch_sample_mod (call 1, patched)
host$ tools/kelpctl --vm $COM2 unload klp_module_greeting
...
kelpctl: klp_module_greeting removed
kelp# cat /sys/kernel/livepatch_sample_mod/greeting
hello from livepatch_sample_mod (call 2)
