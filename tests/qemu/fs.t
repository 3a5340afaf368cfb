# fs: browse /, /proc and the initramfs; create, append, read and remove
# files in the ramfs root; directories, cd and relative paths; every error
# in busybox's words; a read-only /proc file refuses writes. Since the
# shell moved to ring 3, pid 1 is init (waiting in wait4: its kernel stack
# ends at the system call entry) and the shell ($$) a user process
# (TIF_USER in its flags); the pids after 1 depend on the kernel threads
# and on the programs run so far (ls sees itself in /proc).
#! cmdline: loglevel=4 fs.test=1

kelp# ls /
bin
dev
etc
lib
proc
sys
tmp
kelp# ls -l /proc
dr-xr-xr-x    1 root     root            0 0
dr-xr-xr-x    1 root     root            0 1
...
-r--r--r--    1 root     root            0 cmdline
-r--r--r--    1 root     root            0 kallsyms
-r--r--r--    1 root     root            0 keys
-r--r--r--    1 root     root            0 lockdep_stats
-rw-r--r--    1 root     root            0 memcheck
-r--r--r--    1 root     root            0 meminfo
-r--r--r--    1 root     root            0 modules
-r--r--r--    1 root     root            0 slabinfo
dr-xr-xr-x    1 root     root            0 sys
-r--r--r--    1 root     root            0 uptime
kelp# cat /proc/cmdline
loglevel=4 fs.test=1 module.sig_enforce=1 lockdep=1
kelp# cat /proc/uptime
\d+\.\d\d \d+\.\d\d (re)
kelp# cat /proc/meminfo
MemTotal: +\d+ kB (re)
...
kelp# cat /proc/$$/status
Name:	sh
State:\t(R \(running\)|S \(sleeping\)) (re)
Pid:\t\d+ (re)
PPid:	1
PatchState:	-1
Flags:	0x10000
Cpus_allowed:\t[0-9a-f]+ (re)
Cpus_allowed_list:\t[0-9,-]+ (re)
voluntary_ctxt_switches:	\d+ (re)
nonvoluntary_ctxt_switches:	\d+ (re)
kelp# cat /proc/1/patch_state
-1
kelp# cat /proc/1/stack
[<0>] __schedule+0x*/0x* (glob)
...
[<0>] __x64_sys_wait4+0x*/0x* (glob)
[<0>] do_syscall_64+0x*/0x* (glob)
[<0>] entry_SYSCALL_64+0x*/0x* (glob)
kelp# cat /proc/99/status
cat: /proc/99/status: No such file or directory
kelp# cat /etc/motd
Welcome to Kelp.
kelp# echo hello > /tmp/a
kelp# echo world >> /tmp/a
kelp# cat /tmp/a
hello
world
kelp# ls -l /tmp
-rw-r--r--    1 root     root           12 a
kelp# echo replaced > /tmp/a
kelp# cat /tmp/a
replaced
kelp# mkdir /tmp/d /tmp/d/e
kelp# cd /tmp/d
kelp# pwd
/tmp/d
kelp# echo rel > e/f
kelp# cat /tmp/d/e/f ../d/./e//f
rel
rel
kelp# cd ../..
kelp# pwd
/
kelp# cd /proc/..
kelp# pwd
/
kelp# ls /tmp /tmp/d
/tmp:
a
d
/tmp/d:
e
kelp# cat /nope
cat: /nope: No such file or directory
kelp# cat /proc
cat: read error: Is a directory
kelp# cat /tmp/a/x
cat: /tmp/a/x: Not a directory
kelp# ls /nope
ls: /nope: No such file or directory
kelp# mkdir /tmp/d
mkdir: can't create directory '/tmp/d': File exists
kelp# rm /tmp/d
rm: can't remove '/tmp/d': Is a directory
kelp# rmdir /tmp/d
rmdir: '/tmp/d': Directory not empty
kelp# cd /tmp/a
sh: cd: can't cd to /tmp/a: Not a directory
kelp# echo x > /proc/meminfo
sh: can't create /proc/meminfo: Permission denied
kelp# echo x > /nodir/x
sh: can't create /nodir/x: No such file or directory
kelp# rm /tmp/d/e/f /tmp/a
kelp# rmdir /tmp/d/e /tmp/d
kelp# ls /tmp
kelp# cat /tmp/a
cat: /tmp/a: No such file or directory
