# crash_ud: `crash ud` raises "invalid opcode" in the kernel (lkdtm test module, DIRECT): the oops names the
# exception and the function, then the kernel panics and (panic=-1) resets.
#! cmdline: panic=-1
#! exit: 0

kelp# crash ud
\[ *\d+\.\d+\] lkdtm: Performing direct entry UD2 (re)
...
\[ *\d+\.\d+\] Oops: invalid opcode: [0-9a-f]{4} \[#1\] (re)
...
