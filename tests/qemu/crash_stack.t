# crash_stack: unbounded recursion runs the boot stack into its guard page;
# the page fault cannot push its frame, the CPU raises a double fault on its
# own IST stack, and the oops names the overflow.
#! cmdline: panic=-1
#! exit: 0

kelp# crash stack
\[ *\d+\.\d+\] BUG: stack guard page was hit at ffffffff8[0-9a-f]{7} \(stack is ffffffff8[0-9a-f]{7}\.\.ffffffff8[0-9a-f]{7}\) (re)
\[ *\d+\.\d+\] Oops: kernel stack overflow \(double-fault\): 0000 \[#1\] (re)
...
\[ *\d+\.\d+\] RIP: 0008:crash_recurse[.a-z0-9]*\+0x[0-9a-f]+/0x[0-9a-f]+ (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
