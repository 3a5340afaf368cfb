# modules: insmod/lsmod/rmmod of a sample module with parameters, its
# /sys/module directory (parameters shown and stored), /proc/modules, and
# its init and exit messages in dmesg. Last, the module's functions are
# ftrace sites: filtered by glob, enabled, and the exit traced (the trace
# is read after the unload, so the entry shows the address; rmmod is a
# user program that has exited by then: its task shows as <...>-PID).
#! firmware: bios uefi
#! cmdline: loglevel=4

kelp# insmod /lib/modules/hello.ko flag=1 count=7 who=kelp
kelp# lsmod
Module                  Size  Used by
hello                  12288  0
kelp# ls /sys/module/hello
holders
initstate
parameters
refcnt
sections
taint
kelp# ls -l /sys/module/hello/parameters
-rw-r--r--    1 root     root            0 count
-r--r--r--    1 root     root            0 flag
-r--r--r--    1 root     root            0 limit
-rw-r--r--    1 root     root            0 who
kelp# cat /sys/module/hello/parameters/flag /sys/module/hello/parameters/count /sys/module/hello/parameters/limit /sys/module/hello/parameters/who
Y
7
10
kelp
kelp# echo 42 > /sys/module/hello/parameters/count
kelp# echo 4x > /sys/module/hello/parameters/count
echo: write error: Invalid argument
kelp# echo 1 > /sys/module/hello/parameters/limit
sh: can't create /sys/module/hello/parameters/limit: Permission denied
kelp# echo everyone > /sys/module/hello/parameters/who
kelp# cat /sys/module/hello/parameters/count /sys/module/hello/parameters/who
42
everyone
kelp# cat /sys/module/hello/refcnt /sys/module/hello/initstate
0
live
kelp# ls /sys/module/hello/sections
.bss
.data
.gnu.linkonce.this_module
.rodata
.rodata.str1.1
.rodata.str1.8
.text
__mcount_loc
__param
kelp# cat /sys/module/hello/sections/.text
0xffffffffc[0-9a-f]{7} (re)
kelp# cat /proc/modules
hello 12288 0 - Live 0x[0-9a-f]{16} (re)
kelp# rmmod hello.ko
kelp# lsmod
Module                  Size  Used by
kelp# ls /sys/module
module
kelp# insmod /lib/modules/hello.ko
kelp# rmmod /lib/modules/hello.ko
kelp# dmesg
...
\[\s*\d+\.\d+\] hello: hello kelp: flag=1 count=7 limit=10 (re)
\[\s*\d+\.\d+\] hello: goodbye everyone: count=42 (re)
\[\s*\d+\.\d+\] hello: hello world: flag=0 count=3 limit=10 (re)
\[\s*\d+\.\d+\] hello: goodbye world: count=3 (re)
kelp# insmod /lib/modules/hello.ko
kelp# echo hello_* > /sys/kernel/tracing/set_ftrace_filter
kelp# cat /sys/kernel/tracing/set_ftrace_filter
hello_init [hello]
hello_exit [hello]
kelp# echo function > /sys/kernel/tracing/current_tracer
kelp# cat /sys/kernel/tracing/enabled_functions
hello_init [hello] (1) R    \ttramp: ftrace_regs_caller (esc)
hello_exit [hello] (1) R    \ttramp: ftrace_regs_caller (esc)
kelp# rmmod hello
kelp# cat /sys/kernel/tracing/trace
# tracer: function
#
\# entries-in-buffer/entries-written: 1/1   #P:\d+ (re)
#
#           TASK-PID     CPU#     TIMESTAMP  FUNCTION
#              | |         |         |         |
\s*\S+-\d+ +\[\d{3}\] \s*\d+\.\d{6}: 0xffffffffc[0-9a-f]{7} <-delete_module (re)
kelp# echo nop > /sys/kernel/tracing/current_tracer
kelp# echo > /sys/kernel/tracing/set_ftrace_filter
kelp# cat /sys/kernel/tracing/enabled_functions
