# crash_pf: a NULL dereference in the kernel (lkdtm's ACCESS_NULL, written to
# /sys/kernel/debug/provoke-crash/DIRECT by `crash pf`) prints Linux's page fault oops:
# the faulting address, the decoded error code, the exception name, RIP as
# function+offset/size, the registers and a symbolised call trace; then the
# panic, and panic=-1 reboots (QEMU, started with -no-reboot, exits with 0).
#! cmdline: panic=-1
#! exit: 0

kelp# crash pf
\[ *\d+\.\d+\] lkdtm: Performing direct entry ACCESS_NULL (re)
\[ *\d+\.\d+\] BUG: unable to handle page fault for address: 0000000000000000 (re)
\[ *\d+\.\d+\] #PF: supervisor read access in kernel mode (re)
\[ *\d+\.\d+\] #PF: error_code\(0x0000\) - not-present page (re)
\[ *\d+\.\d+\] Oops: page fault: 0000 \[#1\] (re)
\[ *\d+\.\d+\] CPU: \d+ PID: \d+ Comm: \S+ Not tainted (re)
...
\[ *\d+\.\d+\] RIP: 0008:lkdtm_ACCESS_NULL\+0x[0-9a-f]+/0x[0-9a-f]+ \[lkdtm\] (re)
\[ *\d+\.\d+\] RSP: 0010:ffffc9[0-9a-f]{10} EFLAGS: [0-9a-f]{8} (re)
\[ *\d+\.\d+\] RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16} (re)
...
\[ *\d+\.\d+\] Call Trace: (re)
...
\[ *\d+\.\d+\]  <IRQ/exception entry> (re)
\[ *\d+\.\d+\]  lkdtm_ACCESS_NULL\+0x[0-9a-f]+/0x[0-9a-f]+ \[lkdtm\] (re)
\[ *\d+\.\d+\]  kobj_attr_store\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
\[ *\d+\.\d+\] ---\[ end Kernel panic - not syncing: Fatal exception \]--- (re)
