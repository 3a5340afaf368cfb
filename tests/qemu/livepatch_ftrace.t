# livepatch_ftrace: Linux's test-ftrace.sh with the real selftest module
# (tests/modules/test_klp_livepatch.c). "livepatch interaction with
# ftrace_enabled sysctl": with kernel.ftrace_enabled=0 the patch's ftrace
# handler cannot be registered (-16), so the load fails with EBUSY and
# the transition is cancelled; with 1 it loads, and turning ftrace off
# while a live patch needs it is refused (EBUSY), the patch staying in
# effect. "trace livepatched function and check that the live patch
# remains in effect": the function tracer on the replacement
# (livepatch_cmdline_proc_show) records it and /proc/cmdline stays
# patched. "livepatch a traced function ...": the tracer on the original
# cmdline_proc_show first, then the patch: both work at once. Linux's
# echoes into /dev/kmsg are commands here; the dmesg lines are Linux's.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# sysctl -w kernel.ftrace_enabled=0
kernel.ftrace_enabled = 0
kelp# insmod /lib/modules/test_klp_livepatch.ko
*] livepatch: failed to register ftrace handler for function 'cmdline_proc_show' (-16) (glob)
insmod: ERROR: could not insert module /lib/modules/test_klp_livepatch.ko: Device or resource busy
kelp# sysctl -w kernel.ftrace_enabled=1
kernel.ftrace_enabled = 1
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# sysctl -w kernel.ftrace_enabled=0
sysctl: setting key "kernel.ftrace_enabled": Device or resource busy
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
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
kelp# echo 0 > /sys/kernel/tracing/tracing_on
kelp# echo > /sys/kernel/tracing/trace
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# echo livepatch_cmdline_proc_show > /sys/kernel/tracing/set_ftrace_filter
kelp# echo 1 > /sys/kernel/tracing/tracing_on
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /sys/kernel/tracing/trace
...
\s+\S+-\d+\s+\[\d+\] \s*\d+\.\d{6}: livepatch_cmdline_proc_show <-\w+ (re)
...
kelp# echo 0 > /sys/kernel/tracing/tracing_on
kelp# echo > /sys/kernel/tracing/set_ftrace_filter
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# echo > /sys/kernel/tracing/trace
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
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# echo cmdline_proc_show > /sys/kernel/tracing/set_ftrace_filter
kelp# echo 1 > /sys/kernel/tracing/tracing_on
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# cat /proc/cmdline
test_klp_livepatch: this has been live patched
kelp# cat /sys/kernel/tracing/trace
...
\s+\S+-\d+\s+\[\d+\] \s*\d+\.\d{6}: cmdline_proc_show <-\w+ (re)
...
kelp# echo 0 > /sys/kernel/tracing/tracing_on
kelp# echo > /sys/kernel/tracing/set_ftrace_filter
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
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
