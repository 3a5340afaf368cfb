# crash_wp: `crash wp` raises "page fault" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash wp
\[ *\d+\.\d+\] lkdtm: Performing direct entry WRITE_RO (re)
\[ *\d+\.\d+\] BUG: unable to handle page fault for address: ffffffffc[0-9a-f]{7} (re)
\[ *\d+\.\d+\] #PF: supervisor write access in kernel mode (re)
\[ *\d+\.\d+\] #PF: error_code\(0x0003\) - permissions violation (re)
\[ *\d+\.\d+\] Oops: page fault: [0-9a-f]{4} \[#1\] (re)
...
\[ *\d+\.\d+\] RIP: 0008:lkdtm_WRITE_RO\+0x[0-9a-f]+/0x[0-9a-f]+ \[lkdtm\] (re)
...
