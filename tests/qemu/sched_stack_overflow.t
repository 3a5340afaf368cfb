# sched_stack_overflow: a kernel thread recursing without bound runs into
# the guard page under its stack; the double fault (on its IST stack)
# reports the overflow and names the task, and the oops is that task's.
#! cmdline: panic=-1
#! exit: 0

kelp# workload overflow
\[ *\d+\.\d+\] BUG: stack guard page was hit at ffffc9[0-9a-f]{10} \(stack is ffffc9[0-9a-f]{10}\.\.ffffc9[0-9a-f]{10}\) (re)
\[ *\d+\.\d+\] BUG: kernel stack overflow in task wl-overflow/0 \(pid \d+\) (re)
\[ *\d+\.\d+\] Oops: kernel stack overflow \(double-fault\): 0000 \[#1\] (re)
\[ *\d+\.\d+\] CPU: \d+ PID: \d+ Comm: wl-overflow/0 Not tainted (re)
...
\[ *\d+\.\d+\] RIP: 0008:workload_overflow_recurse\+0x[0-9a-f]+/0x[0-9a-f]+ \[workload\] (re)
...
\[ *\d+\.\d+\] Kernel panic - not syncing: Fatal exception (re)
...
