# crash_gp: `crash gp` raises "general protection fault" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash gp
\[ *\d+\.\d+\] lkdtm: Performing direct entry NONCANONICAL (re)
...
\[ *\d+\.\d+\] Oops: general protection fault: [0-9a-f]{4} \[#1\] (re)
...
