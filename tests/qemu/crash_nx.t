# crash_nx: `crash nx` raises "page fault" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash nx
\[ *\d+\.\d+\] lkdtm: Performing direct entry EXEC_DATA (re)
\[ *\d+\.\d+\] BUG: unable to handle page fault for address: ffffffffc[0-9a-f]{7} (re)
\[ *\d+\.\d+\] #PF: supervisor instruction fetch in kernel mode (re)
\[ *\d+\.\d+\] #PF: error_code\(0x0011\) - permissions violation (re)
\[ *\d+\.\d+\] kernel tried to execute NX-protected page - exploit attempt\? (re)
\[ *\d+\.\d+\] Oops: page fault: [0-9a-f]{4} \[#1\] (re)
...
