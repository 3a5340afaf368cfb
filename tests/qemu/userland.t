# userland: the shell runs in ring 3 (ps: pid 1 init and sh with TIF_USER
# in FLAGS; /proc/<pid>/patch_state works for them); ; and $? and
# redirections; background jobs and kill; a NULL dereference, a privileged
# instruction, ud2 and a divide error kill only their process with Linux's
# report line; a kernel address passed to write gives EFAULT; a malformed
# ELF in /bin is refused; exit ends the shell and init starts another;
# system calls with bad pointers, strings and numbers fail with the right
# errno (badcalls); 1000 spawn/exit cycles and those calls leave memory
# accounting where it was. Without signature enforcement: badcalls hands
# init_module and finit_module garbage that no signature can cover, to
# reach the ELF check's ENOEXEC (enforcing, it is EKEYREJECTED first, as
# in Linux; docs/signing.md).
#! cmdline: module.sig_enforce=0
#! timeout: 120

kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
    0 R        -1 00000000 +\d+ swapper/0 (re)
    1 [RS]        -1 00010000 +\d+ init (re)
    2 S        -1 00000000 +\d+ kworker/0 (re)
...
 +\d+ [RS] +-1 00010000 +\d+ sh (re)
 +\d+ R +-1 00010000 +\d+ ps (re)
kelp# cat /proc/$$/patch_state
-1
kelp# cat /proc/1/patch_state
-1
kelp# echo one; echo two > /tmp/f; echo three >> /tmp/f; cat /tmp/f
one
two
three
kelp# nosuch; echo status $?
sh: nosuch: not found
status 127
kelp# echo '$?' "$?" \$?
$? 0 $?
kelp# sleeper &
\[1\] \d+ (re)
kelp# sleep 1
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
 +\d+ [SR] +-1 00010000 +\d+ sleeper (re)
 +\d+ R +-1 00010000 +\d+ ps (re)
kelp# kill -9 $!; sleep 1
[1]+  Killed sleeper
kelp# busy &
\[1\] \d+ (re)
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
 +\d+ R +-1 00010000 +\d+ busy (re)
 +\d+ R +-1 00010000 +\d+ ps (re)
kelp# kill $!; sleep 1
[1]+  Terminated busy
kelp# echo $!
\d+ (re)
kelp# kill $!
kill: can't kill pid \d+: No such process (re)
kelp# kill 1
kill: can't kill pid 1: Operation not permitted
kelp# kill 2
kill: can't kill pid 2: Operation not permitted
kelp# fault null
\[ *\d+\.\d+\] fault\[\d+\]: segfault at 0 ip [0-9a-f]{16} sp [0-9a-f]{16} error 4 in fault\[400000\+[0-9a-f]+\] (re)
Segmentation fault
kelp# echo $?
139
kelp# fault priv
\[ *\d+\.\d+\] traps: fault\[\d+\] general protection fault ip:[0-9a-f]+ sp:[0-9a-f]+ error:0 in fault\[400000\+[0-9a-f]+\] (re)
Segmentation fault
kelp# fault ud
\[ *\d+\.\d+\] traps: fault\[\d+\] trap invalid opcode ip:[0-9a-f]+ sp:[0-9a-f]+ error:0 in fault\[400000\+[0-9a-f]+\] (re)
Illegal instruction
kelp# fault de
\[ *\d+\.\d+\] traps: fault\[\d+\] trap divide error ip:[0-9a-f]+ sp:[0-9a-f]+ error:0 in fault\[400000\+[0-9a-f]+\] (re)
Floating point exception
kelp# echo $?
136
kelp# fault kaddr
write(1, 0xffffffff80100000, 16) = -1 (Bad address)
kelp# fault kjump
\[ *\d+\.\d+\] fault\[\d+\]: segfault at ffffffff80100000 ip ffffffff80100000 sp [0-9a-f]{16} error 15 (re)
Segmentation fault
kelp# badelf
sh: badelf: Exec format error
kelp# echo $?
127
kelp# /etc/motd
sh: /etc/motd: Exec format error
kelp# badcalls
...
badcalls: 118 checks, 0 failed
kelp# memcheck mark
kelp# spawn_loop 1000 /bin/true
spawn_loop: 1000 runs, 0 failed
kelp# badcalls
...
badcalls: 118 checks, 0 failed
kelp# memcheck
memcheck: unchanged since mark
kelp# exit
kelp# ps
  PID STATE PATCH FLAGS    CPU NAME
...
 +\d+ [RS] +-1 00010000 +\d+ sh (re)
 +\d+ R +-1 00010000 +\d+ ps (re)
kelp# uname -a
Kelp kelp 0.1.0 #1 * x86_64 (glob)
kelp#~ getpid_loop\r\x1b[A
getpid_loop
kelp#~ \x03
^C
kelp# echo $?
130
kelp#~ sleeper\r\x1b[A
sleeper
kelp#~ \x03
^C
kelp#~ ab\x03
ab^C
