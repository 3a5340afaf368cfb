# crash_stack: unbounded recursion runs the crash process's kernel stack into its
# guard page; the page fault cannot push its frame, the CPU raises a double
# fault on its own IST stack, and the oops names the overflow and the task.
#! cmdline: panic=-1
#! exit: 0

kelp# crash stack
\[ *\d+\.\d+\] lkdtm: Performing direct entry EXHAUST_STACK (re)
\[ *\d+\.\d+\] BUG: stack guard page was hit at ffffc9[0-9a-f]{10} \(stack is ffffc9[0-9a-f]{10}\.\.ffffc9[0-9a-f]{10}\) (re)
\[ *\d+\.\d+\] BUG: kernel stack overflow in task crash \(pid \d+\) (re)
\[ *\d+\.\d+\] Oops: kernel stack overflow \(double-fault\): 0000 \[#1\] (re)
\[ *\d+\.\d+\] CPU: \d+ PID: \d+ Comm: crash Not tainted (re)
...
\[ *\d+\.\d+\] RIP: 0008:lkdtm_recurse[.a-z0-9]*\+0x[0-9a-f]+/0x[0-9a-f]+ \[lkdtm\] (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
