# ftrace: the function tracer through the /sys/kernel/tracing files (the
# `tracing` command until there is a filesystem): filter on a function,
# switch to the function tracer, run a command, find it in `trace`, back
# to nop; enabled_functions follows; bad writes fail with EINVAL; and
# kernel.ftrace_enabled through sysctl.
#! cmdline: loglevel=4

kelp# tracing
available_filter_functions
available_tracers
current_tracer
enabled_functions
set_ftrace_filter
trace
tracing_on
kelp# tracing current_tracer
nop
kelp# tracing available_tracers
function nop
kelp# tracing -c available_filter_functions
\d{3,} (re)
kelp# tracing set_ftrace_filter
#### all functions enabled ####
kelp# tracing set_ftrace_filter cmd_uname cmd_upti*
kelp# tracing set_ftrace_filter
cmd_uname
cmd_uptime
kelp# tracing current_tracer function
kelp# tracing current_tracer
function
kelp# tracing enabled_functions
cmd_uname (1) R    \ttramp: ftrace_regs_caller (esc)
cmd_uptime (1) R    \ttramp: ftrace_regs_caller (esc)
kelp# uname
Kelp
kelp# tracing trace
# tracer: function
#
# entries-in-buffer/entries-written: 1/1   #P:1
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
          <idle>-0       \[000\] \s*\d+\.\d{6}: cmd_uname <-shell_exec_line (re)
kelp# tracing tracing_on 0
kelp# uname
Kelp
kelp# tracing -c trace
7
kelp# tracing tracing_on 1
kelp# tracing trace clear
kelp# tracing -c trace
6
kelp# tracing current_tracer nop
kelp# tracing enabled_functions
kelp# uname
Kelp
kelp# tracing -c trace
6
kelp# tracing set_ftrace_filter no_such_function
tracing: set_ftrace_filter: write error: Invalid argument
kelp# tracing current_tracer bogus
tracing: current_tracer: write error: Invalid argument
kelp# tracing tracing_on 2
tracing: tracing_on: write error: Invalid argument
kelp# tracing enabled_functions x
tracing: enabled_functions: Permission denied
kelp# tracing nosuchfile
tracing: nosuchfile: No such file or directory
kelp# tracing set_ftrace_filter ''
kelp# tracing set_ftrace_filter
#### all functions enabled ####
kelp# sysctl kernel.ftrace_enabled
kernel.ftrace_enabled = 1
kelp# sysctl -n kernel/ftrace_enabled
1
kelp# sysctl kernel.ftrace_enabled=0
kernel.ftrace_enabled = 0
kelp# sysctl kernel.ftrace_enabled=3
sysctl: setting key "kernel.ftrace_enabled": Invalid argument
kelp# sysctl -w kernel.ftrace_enabled=1
kernel.ftrace_enabled = 1
kelp# sysctl kernel.nope
sysctl: cannot stat /proc/sys/kernel/nope: No such file or directory
kelp# tracing current_tracer function
kelp# tracing -c enabled_functions
\d{3,} (re)
kelp# uptime
up * (glob)
kelp# tracing current_tracer nop
kelp# tracing -c enabled_functions
0
kelp# tracing -c trace
\d{3,} (re)
