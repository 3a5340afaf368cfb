# kprobe_events: Linux's dynamic kprobe events through
# /sys/kernel/tracing/kprobe_events: p and r definitions with and without
# a group and a name (p SYMBOL is named p_SYMBOL_0), the listing, the
# events/GROUP/NAME/enable files, hits in the trace buffer in Linux's
# format (a return probe shows the caller), an enabled event refusing
# deletion, a module's function (MOD:SYM), malformed lines refused with
# EINVAL (unknown symbols and modules ENOENT,
# duplicates EEXIST), and `>` clearing the list. Under memcheck: nothing
# leaks.
#! cmdline: loglevel=4
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
kprobes
mygrp
kelp# ls /sys/kernel/tracing/events/kprobes
myprobe
myret
p___x64_sys_getpid_0
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
# entries-in-buffer/entries-written: 2/2   #P:1
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[000\] \s*\d+\.\d{6}: myprobe: \(__x64_sys_uname\+0x0/0x[0-9a-f]+\) (re)
\s*\S+-\d+ +\[000\] \s*\d+\.\d{6}: myret: \(do_syscall_64\+0x[0-9a-f]+/0x[0-9a-f]+ <- __x64_sys_uname\) (re)
kelp# echo "-:myprobe" >> /sys/kernel/tracing/kprobe_events
echo: write error: Device or resource busy
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
p:kprobes/p_mod_export_add_0 mod_export:mod_export_add
kelp# rmmod mod_export
kelp# echo > /sys/kernel/tracing/kprobe_events
kelp# cat /sys/kernel/tracing/kprobe_events
kelp# ls /sys/kernel/tracing/events
kelp# echo > /sys/kernel/tracing/trace
kelp# memcheck
memcheck: unchanged since mark
