# crash_bp: `crash bp` raises "int3" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash bp
\[ *\d+\.\d+\] lkdtm: Performing direct entry INT3 (re)
...
\[ *\d+\.\d+\] Oops: int3: [0-9a-f]{4} \[#1\] (re)
...
