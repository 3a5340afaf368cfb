# syscall-uname: a system call's behaviour, seen from a user program (uname).
#! cmdline: loglevel=4
kelp# uname -a
Kelp kelp * (glob)
host$ tools/kelpctl --vm $COM2 load build/klp-test/syscall-uname.ko
...
kelpctl: klp_syscall_uname: patched
kelp# uname -a
Kelp kelp-patched * (glob)
host$ tools/kelpctl --vm $COM2 unload klp_syscall_uname
...
kelpctl: klp_syscall_uname removed
kelp# uname -a
Kelp kelp * (glob)
