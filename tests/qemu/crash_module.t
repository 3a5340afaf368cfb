# crash_module: a NULL dereference in a module's init oopses like one in
# the kernel, with the module's symbols: RIP and the trace entries of
# module code read name+0xoff/0xsize [module], as Linux prints them (the
# faulting function's caller is skipped, as for kernel code: no frame yet).
#! cmdline: panic=-1
#! exit: 0

kelp# insmod /lib/modules/mod_crash.ko
\[ *\d+\.\d+\] BUG: unable to handle page fault for address: 0000000000000000 (re)
...
\[ *\d+\.\d+\] RIP: 0008:mod_crash_deref\+0x[0-9a-f]+/0x[0-9a-f]+ \[mod_crash\] (re)
...
\[ *\d+\.\d+\] Call Trace: (re)
...
\[ *\d+\.\d+\]  mod_crash_deref\+0x[0-9a-f]+/0x[0-9a-f]+ \[mod_crash\] (re)
\[ *\d+\.\d+\]  load_module\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
