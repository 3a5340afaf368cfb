# expect-fail: QEMU exited (status 3) during `kelp# crash`
kelp# crash
PANIC: fake crash
kelp# echo after
after
