# ftrace: the function tracer through /sys/kernel/tracing (tracefs):
# filter on functions, switch to the function tracer, run a command, find
# it in `trace`, back to nop; enabled_functions follows; bad writes fail
# with EINVAL; ftrace_enabled through /proc/sys and sysctl; the count of
# available_filter_functions equals the valid sites (a ktest compares);
# set_ftrace_notrace (the global notrace list) takes functions out.
# Since the shell moved to ring 3, uname and echo are user programs: the
# traced functions are system call handlers (__x64_sys_*, called from
# do_syscall_64; the task has exited when the trace is read: <...>). Last, a tracer session leaves
# memory as it found it (memcheck).
#! cmdline: loglevel=4

kelp# ls /sys/kernel/tracing
available_filter_functions
available_tracers
current_tracer
enabled_functions
error_log
events
kprobe_events
kprobe_profile
set_ftrace_filter
set_ftrace_notrace
trace
tracing_on
kelp# cat /sys/kernel/tracing/current_tracer
nop
kelp# cat /sys/kernel/tracing/available_tracers
function nop
kelp# ktest ftrace_available_functions_count
TAP version 13
# module: ktest_ftrace
1..1
ok 1 - ftrace_available_functions_count
# ktest: 1 passed, 0 failed
kelp# cat /sys/kernel/tracing/set_ftrace_filter
#### all functions enabled ####
kelp# echo __x64_sys_uname __x64_sys_unli* > /sys/kernel/tracing/set_ftrace_filter
kelp# cat /sys/kernel/tracing/set_ftrace_filter
__x64_sys_uname
__x64_sys_unlink
kelp# echo __x64_sys_getpid >> /sys/kernel/tracing/set_ftrace_filter
kelp# echo !__x64_sys_unlink >> /sys/kernel/tracing/set_ftrace_filter
kelp# cat /sys/kernel/tracing/set_ftrace_filter
__x64_sys_getpid
__x64_sys_uname
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# cat /sys/kernel/tracing/current_tracer
function
kelp# cat /sys/kernel/tracing/enabled_functions
__x64_sys_getpid (1) R    \ttramp: ftrace_regs_caller (esc)
__x64_sys_uname (1) R    \ttramp: ftrace_regs_caller (esc)
kelp# echo __x64_sys_getp* > /sys/kernel/tracing/set_ftrace_notrace
kelp# cat /sys/kernel/tracing/set_ftrace_notrace
__x64_sys_getpid
__x64_sys_getppid
kelp# cat /sys/kernel/tracing/enabled_functions
__x64_sys_uname (1) R    \ttramp: ftrace_regs_caller (esc)
kelp# echo !__x64_sys_getpid >> /sys/kernel/tracing/set_ftrace_notrace
kelp# cat /sys/kernel/tracing/enabled_functions
__x64_sys_getpid (1) R    \ttramp: ftrace_regs_caller (esc)
__x64_sys_uname (1) R    \ttramp: ftrace_regs_caller (esc)
kelp# echo > /sys/kernel/tracing/set_ftrace_notrace
kelp# cat /sys/kernel/tracing/set_ftrace_notrace
kelp# uname
Kelp
kelp# cat /sys/kernel/tracing/trace
# tracer: function
#
\# entries-in-buffer/entries-written: 1/1   #P:\d+ (re)
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: __x64_sys_uname <-do_syscall_64 (re)
kelp# echo 0 > /sys/kernel/tracing/tracing_on
kelp# uname
Kelp
kelp# cat /sys/kernel/tracing/tracing_on
0
kelp# echo 1 > /sys/kernel/tracing/tracing_on
kelp# echo > /sys/kernel/tracing/trace
kelp# getpid_loop 1
getpid_loop: 1 calls, 0 unexpected results
kelp# cat /sys/kernel/tracing/trace
# tracer: function
#
\# entries-in-buffer/entries-written: 2/2   #P:\d+ (re)
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: __x64_sys_getpid <-do_syscall_64 (re)
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: __x64_sys_getpid <-do_syscall_64 (re)
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# cat /sys/kernel/tracing/enabled_functions
kelp# echo no_such_function > /sys/kernel/tracing/set_ftrace_filter
echo: write error: Invalid argument
kelp# echo bogus > /sys/kernel/tracing/current_tracer
echo: write error: Invalid argument
kelp# echo 2 > /sys/kernel/tracing/tracing_on
echo: write error: Invalid argument
kelp# echo x > /sys/kernel/tracing/enabled_functions
sh: can't create /sys/kernel/tracing/enabled_functions: Permission denied
kelp# cat /sys/kernel/tracing/nosuchfile
cat: /sys/kernel/tracing/nosuchfile: No such file or directory
kelp# echo > /sys/kernel/tracing/set_ftrace_filter
kelp# cat /sys/kernel/tracing/set_ftrace_filter
#### all functions enabled ####
kelp# cat /proc/sys/kernel/ftrace_enabled
1
kelp# sysctl kernel.ftrace_enabled
kernel.ftrace_enabled = 1
kelp# echo 0 > /proc/sys/kernel/ftrace_enabled
kelp# sysctl -n kernel/ftrace_enabled
0
kelp# sysctl kernel.ftrace_enabled=3
sysctl: setting key "kernel.ftrace_enabled": Invalid argument
kelp# sysctl -w kernel.ftrace_enabled=1
kernel.ftrace_enabled = 1
kelp# sysctl kernel.nope
sysctl: cannot stat /proc/sys/kernel/nope: No such file or directory
kelp# sysctl -q kernel.ftrace_enabled=0
kelp# sysctl --values kernel.ftrace_enabled
0
kelp# sysctl -q -w kernel.ftrace_enabled=1
kelp# sysctl --values kernel.ftrace_enabled
1
kelp# sysctl -e kernel.nope
kelp# sysctl -x kernel.ftrace_enabled
sysctl: invalid option '-x'
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# uptime
up * (glob)
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# cat /sys/kernel/tracing/enabled_functions
kelp# cat /sys/kernel/tracing/trace
...
\s+\S+-\d+\s+\[\d{3}\] \s*\d+\.\d{6}: \w+ <-\w+ (re)
...
kelp# echo > /sys/kernel/tracing/trace
kelp# memcheck mark
kelp# echo *_proc_show > /sys/kernel/tracing/set_ftrace_filter
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# cat /proc/uptime
* (glob)
kelp# cat /sys/kernel/tracing/enabled_functions
...
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# echo > /sys/kernel/tracing/set_ftrace_filter
kelp# memcheck
memcheck: unchanged since mark
