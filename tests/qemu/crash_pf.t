# crash_pf: a NULL dereference in the kernel prints Linux's page fault oops:
# the faulting address, the decoded error code, the exception name, RIP as
# function+offset/size, the registers and a symbolised call trace; then the
# panic, and panic=-1 reboots (QEMU, started with -no-reboot, exits with 0).
#! cmdline: panic=-1
#! exit: 0

kelp# crash pf
\[ *\d+\.\d+\] BUG: unable to handle page fault for address: 0000000000000000 (re)
\[ *\d+\.\d+\] #PF: supervisor read access in kernel mode (re)
\[ *\d+\.\d+\] #PF: error_code\(0x0000\) - not-present page (re)
\[ *\d+\.\d+\] Oops: page fault: 0000 \[#1\] (re)
\[ *\d+\.\d+\] CPU: 0 PID: \d+ Comm: \S+ Not tainted (re)
...
\[ *\d+\.\d+\] RIP: 0008:crash_null_deref\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
\[ *\d+\.\d+\] RSP: 0010:ffffc9[0-9a-f]{10} EFLAGS: [0-9a-f]{8} (re)
\[ *\d+\.\d+\] RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16} (re)
...
\[ *\d+\.\d+\] Call Trace: (re)
...
\[ *\d+\.\d+\]  <IRQ/exception entry> (re)
\[ *\d+\.\d+\]  crash_null_deref\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
\[ *\d+\.\d+\]  shell_exec_line\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
\[ *\d+\.\d+\] ---\[ end Kernel panic - not syncing: Fatal exception \]--- (re)
