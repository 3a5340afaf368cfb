# expect-fail: the output until QEMU exited differs
#! cmdline: fake_exit=7
#! exit: 7
...
\[ *\d+\.\d+\] Kernel panic - not syncing: nothing like this (re)
