# signals: user programs on musl get Linux's signals. sigtest checks that a
# handler runs and returns with the right siginfo, that rt_sigreturn puts
# back every general and SSE register (a signal taken at a system call's
# return and one taken at a timer interrupt), that a signal interrupts
# nanosleep and wait4 with EINTR and that wait4 restarts under SA_RESTART,
# SIGCHLD, blocking, SIG_IGN, default actions and a bad sigreturn frame
# (SIGSEGV), mmap/mprotect/munmap (a read of a PROT_NONE page is the
# segfault line), and SSE state and FS base across switches. getpid_hammer (Kelp's test_klp-call_getpid) catches the
# console's Ctrl-C with a signal() handler and says how far it got; kill
# -USR1 on a program without a handler terminates it. Everything, and the
# bad-argument checks of the new system calls (badcalls), leave memory
# accounting where it was. badcalls hands init_module bytes no signature
# covers, expecting ENOEXEC: this runs without signature enforcement.
#! timeout: 60
#! cmdline: module.sig_enforce=0

kelp# sigtest
\[ *\d+\.\d+\] sigtest\[\d+\]: segfault at 7f[0-9a-f]+ ip [0-9a-f]{16} sp [0-9a-f]{16} error 4 in sigtest\[400000\+[0-9a-f]+\] (re)
sigtest: \d+ checks, 0 failed (re)
kelp#~ getpid_hammer\r\x1b[A
getpid_hammer
kelp#~ \x03
\d+ iterations done (re)
kelp# echo $?
0
kelp# sleeper &
\[1\] \d+ (re)
kelp# kill -USR1 $!; sleep 1
[1]+  User defined signal 1 sleeper
kelp# memcheck mark
kelp# sigtest
\[ *\d+\.\d+\] sigtest\[\d+\]: segfault at 7f[0-9a-f]+ ip [0-9a-f]{16} sp [0-9a-f]{16} error 4 in sigtest\[400000\+[0-9a-f]+\] (re)
sigtest: \d+ checks, 0 failed (re)
kelp# badcalls
...
badcalls: \d+ checks, 0 failed (re)
kelp# memcheck
memcheck: unchanged since mark
