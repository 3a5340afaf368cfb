# expect-fail: QEMU exited with status 7 before the first prompt
#! cmdline: fake_exit=7
kelp# echo hi
hi
