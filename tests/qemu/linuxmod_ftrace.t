# linuxmod_ftrace: tests/linuxmod/lm_ftrace.c, a module written as for
# Linux, uses the ftrace exports of issue 17: ftrace_set_filter_ips, the
# notrace hash, the global filter, ftrace_free_filter, the direct-call API
# (register/modify/unregister_ftrace_direct with an x86-64 trampoline as
# Linux's samples/ftrace write them: the call from the fentry site, a
# shared site through ftrace_regs_caller, a second direct or IPMODIFY user
# refused), and trace_printk, trace_puts and trace_dump_stack, whose lines
# land in /sys/kernel/tracing/trace in Linux's format. At rmmod it calls
# ftrace_dump(DUMP_ALL): Linux's "Dumping ftrace buffer:" block on the
# console (a kprobe event's line with its name), tracing off afterwards.
# Nothing leaks.
#! cmdline: loglevel=4
#! smp: 2
kelp# memcheck mark
kelp# dmesg -C
kelp# echo > /sys/kernel/tracing/trace
kelp# insmod /lib/modules/lm_ftrace.ko
kelp# dmesg -c
*] lm_ftrace: * checks, 0 failed (glob)
kelp# cat /sys/kernel/tracing/enabled_functions
kelp# cat /sys/kernel/tracing/set_ftrace_filter
#### all functions enabled ####
kelp# cat /sys/kernel/tracing/set_ftrace_notrace
kelp# cat /sys/kernel/tracing/trace
# tracer: nop
#
\# entries-in-buffer/entries-written: 6/6   #P:\d+ (re)
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: lm_ftrace_init: lm_ftrace: printk 42 forty-two (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: lm_ftrace_init: lm_ftrace: no arguments (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: lm_ftrace_init: lm_ftrace: puts constant (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: lm_ftrace_init: dynamic (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: lm_ftrace_init: lm_ftrace: __trace_printk dynamic (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: <stack trace> (re)
 => lm_ftrace_stack_leaf
 => lm_ftrace_init
 => load_module
 => __x64_sys_finit_module
 => do_syscall_64
 => syscall_return_to_entry
kelp# echo "p:lmp __x64_sys_getpid" > /sys/kernel/tracing/kprobe_events
kelp# echo 1 > /sys/kernel/tracing/events/kprobes/lmp/enable
kelp# getpid_loop 1
getpid_loop: 1 calls, 0 unexpected results
kelp# echo 0 > /sys/kernel/tracing/events/kprobes/lmp/enable
kelp# rmmod lm_ftrace
\[\s*\d+\.\d+\] Dumping ftrace buffer: (re)
\[\s*\d+\.\d+\] --------------------------------- (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lm_ftrace_init: lm_ftrace: printk 42 forty-two (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lm_ftrace_init: lm_ftrace: no arguments (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lm_ftrace_init: lm_ftrace: puts constant (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lm_ftrace_init: dynamic (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lm_ftrace_init: lm_ftrace: __trace_printk dynamic (re)
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : <stack trace> (re)
\[\s*\d+\.\d+\]  => lm_ftrace_stack_leaf (re)
\[\s*\d+\.\d+\]  => lm_ftrace_init (re)
\[\s*\d+\.\d+\]  => load_module (re)
\[\s*\d+\.\d+\]  => __x64_sys_finit_module (re)
\[\s*\d+\.\d+\]  => do_syscall_64 (re)
\[\s*\d+\.\d+\]  => syscall_return_to_entry (re)
...
\[\s*\d+\.\d+\]    <\.\.\.>-\d+ +\d+ +\d+us : lmp: \(__x64_sys_getpid\+0x0/0x[0-9a-f]+\) (re)
...
\[\s*\d+\.\d+\]    rmmod-\d+ +\d+ +\d+us : lm_ftrace_exit: lm_ftrace: unloading (re)
\[\s*\d+\.\d+\] --------------------------------- (re)
kelp# dmesg -c
...
*] lm_ftrace: exit: * checks, 0 failed (glob)
kelp# cat /sys/kernel/tracing/tracing_on
0
kelp# cat /sys/kernel/tracing/trace
# tracer: nop
#
\# entries-in-buffer/entries-written: 0/0   #P:\d+ (re)
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
kelp# echo 1 > /sys/kernel/tracing/tracing_on
kelp# echo > /sys/kernel/tracing/kprobe_events
kelp# memcheck
memcheck: unchanged since mark
