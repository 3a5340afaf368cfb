# kprobe_events: Linux's dynamic kprobe events through
# /sys/kernel/tracing/kprobe_events: p and r definitions with and without
# a group and a name (p SYMBOL is named p_SYMBOL_0), the listing, the
# events/GROUP/NAME/enable files, hits in the trace buffer in Linux's
# format (a return probe shows the caller), an enabled event refusing
# deletion, a module's function (MOD:SYM), malformed lines refused with
# EINVAL (unknown symbols and modules ENOENT,
# duplicates EEXIST), and `>` clearing the list. Linux 6.12's details: the
# default name of `p MOD:SYM` is p_MOD_SYM_0, the trace header's #P is the
# number of CPUs (two here), events/enable and events/GROUP/enable switch
# every event (reading 0, 1, X for mixed), kprobe_profile counts hits and
# misses, error_log keeps the refused lines with Linux's texts and a
# caret (`>` empties it), and /proc/kallsyms has kprobe_ftrace_ops.
# Under memcheck: nothing leaks.
#! cmdline: loglevel=4
#! smp: 2
kelp# memcheck mark
kelp# echo "p:myprobe __x64_sys_uname" > /sys/kernel/tracing/kprobe_events
kelp# echo "r:myret __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
kelp# echo "p __x64_sys_getpid" >> /sys/kernel/tracing/kprobe_events
kelp# echo "p:mygrp/grpprobe __x64_sys_getpid" >> /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
p:kprobes/myprobe __x64_sys_uname
r:kprobes/myret __x64_sys_uname
p:kprobes/p___x64_sys_getpid_0 __x64_sys_getpid
p:mygrp/grpprobe __x64_sys_getpid
kelp# ls /sys/kernel/tracing/events
enable
kprobes
mygrp
kelp# ls /sys/kernel/tracing/events/kprobes
enable
myprobe
myret
p___x64_sys_getpid_0
kelp# cat /sys/kernel/tracing/events/enable
0
kelp# cat /sys/kernel/tracing/events/kprobes/enable
0
kelp# ls /sys/kernel/tracing/events/kprobes/myprobe
enable
kelp# cat /sys/kernel/tracing/events/kprobes/myprobe/enable
0
kelp# echo 1 > /sys/kernel/tracing/events/kprobes/myprobe/enable
kelp# echo 1 > /sys/kernel/tracing/events/kprobes/myret/enable
kelp# echo > /sys/kernel/tracing/trace
kelp# uname
Kelp
kelp# cat /sys/kernel/tracing/events/kprobes/myprobe/enable
1
kelp# cat /sys/kernel/tracing/trace
# tracer: nop
#
# entries-in-buffer/entries-written: 2/2   #P:2
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[00[01]\] \s*\d+\.\d{6}: myprobe: \(__x64_sys_uname\+0x0/0x[0-9a-f]+\) (re)
\s*\S+-\d+ +\[00[01]\] \s*\d+\.\d{6}: myret: \(do_syscall_64\+0x[0-9a-f]+/0x[0-9a-f]+ <- __x64_sys_uname\) (re)
kelp# cat /sys/kernel/tracing/events/kprobes/enable
X
kelp# cat /sys/kernel/tracing/events/enable
X
kelp# cat /sys/kernel/tracing/kprobe_profile
  myprobe                                                    1               0
  myret                                                      1               0
  p___x64_sys_getpid_0                                       0               0
  grpprobe                                                   0               0
kelp# echo 1 > /sys/kernel/tracing/events/mygrp/enable
kelp# cat /sys/kernel/tracing/events/mygrp/grpprobe/enable
1
kelp# cat /sys/kernel/tracing/events/mygrp/enable
1
kelp# echo 1 > /sys/kernel/tracing/events/enable
kelp# cat /sys/kernel/tracing/events/enable
1
kelp# cat /sys/kernel/tracing/events/kprobes/p___x64_sys_getpid_0/enable
1
kelp# echo 0 > /sys/kernel/tracing/events/kprobes/enable
kelp# cat /sys/kernel/tracing/events/kprobes/myprobe/enable
0
kelp# cat /sys/kernel/tracing/events/enable
X
kelp# echo 2 > /sys/kernel/tracing/events/enable
echo: write error: Invalid argument
kelp# echo 0 > /sys/kernel/tracing/events/enable
kelp# cat /sys/kernel/tracing/events/enable
0
kelp# echo 1 > /sys/kernel/tracing/events/kprobes/myprobe/enable
kelp# echo 1 > /sys/kernel/tracing/events/kprobes/myret/enable
kelp# echo "-:myprobe" >> /sys/kernel/tracing/kprobe_events
echo: write error: Device or resource busy
kelp# cat /sys/kernel/tracing/error_log
kelp# echo 0 > /sys/kernel/tracing/events/kprobes/myprobe/enable
kelp# echo 0 > /sys/kernel/tracing/events/kprobes/myret/enable
kelp# echo "-:myprobe" >> /sys/kernel/tracing/kprobe_events
kelp# echo "-:mygrp/grpprobe" >> /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
r:kprobes/myret __x64_sys_uname
p:kprobes/p___x64_sys_getpid_0 __x64_sys_getpid
kelp# echo "q:foo __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:9bad __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo __x64_sys_uname+4" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo __x64_sys_uname $arg1" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p1:foo __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "r5000:foo __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:a/b/c __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo mod:sym" >> /sys/kernel/tracing/kprobe_events
echo: write error: No such file or directory
kelp# echo "p:foo mod:sym:x" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo 0xffffffff80100000" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "p:foo no_such_symbol_here" >> /sys/kernel/tracing/kprobe_events
echo: write error: No such file or directory
kelp# echo "p:foo kallsyms_lookup_name" >> /sys/kernel/tracing/kprobe_events
echo: write error: Invalid argument
kelp# echo "-:nosuch" >> /sys/kernel/tracing/kprobe_events
echo: write error: No such file or directory
kelp# echo "r:myret __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
echo: write error: File exists
kelp# cat /sys/kernel/tracing/error_log
\[\s*\d+\.\d{6}\] trace_kprobe: error: Maxactive is too big (re)
  Command: r5000:foo __x64_sys_uname
            ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Event name must follow the same rules as C identifiers (re)
  Command: p:a/b/c __x64_sys_uname
               ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Invalid probed address or symbol (re)
  Command: p:foo mod:sym
                 ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Invalid probed address or symbol (re)
  Command: p:foo mod:sym:x
                        ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Invalid probed address or symbol (re)
  Command: p:foo 0xffffffff80100000
                 ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Invalid probed address or symbol (re)
  Command: p:foo no_such_symbol_here
                 ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Failed to register probe event (re)
  Command: p:foo kallsyms_lookup_name
                 ^
\[\s*\d+\.\d{6}\] trace_kprobe: error: Given group/event name is already used by another event (re)
  Command: r:myret __x64_sys_uname
           ^
kelp# echo > /sys/kernel/tracing/error_log
kelp# cat /sys/kernel/tracing/error_log
kelp# echo "r10:myret2 __x64_sys_uname" >> /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
r:kprobes/myret __x64_sys_uname
p:kprobes/p___x64_sys_getpid_0 __x64_sys_getpid
r10:kprobes/myret2 __x64_sys_uname
kelp# insmod /lib/modules/mod_export.ko
kelp# echo "p mod_export:mod_export_add" >> /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
r:kprobes/myret __x64_sys_uname
p:kprobes/p___x64_sys_getpid_0 __x64_sys_getpid
r10:kprobes/myret2 __x64_sys_uname
p:kprobes/p_mod_export_mod_export_add_0 mod_export:mod_export_add
kelp# rmmod mod_export
kelp# echo > /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
kelp# ls /sys/kernel/tracing/events
enable
kelp# cat /sys/kernel/tracing/events/enable
?
kelp# cat /sys/kernel/tracing/kprobe_profile
kelp# kallsyms kprobe_ftrace_ops
[0-9a-f]{16} [dDbB] kprobe_ftrace_ops (re)
kelp# echo > /sys/kernel/tracing/trace
kelp# memcheck
memcheck: unchanged since mark
