# crash_de: `crash de` raises "divide error" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash de
\[ *\d+\.\d+\] lkdtm: Performing direct entry DIVIDE_ERROR (re)
...
\[ *\d+\.\d+\] Oops: divide error: [0-9a-f]{4} \[#1\] (re)
...
