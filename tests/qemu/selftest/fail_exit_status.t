# expect-fail: QEMU exit status 0, expected 1
#! exit: 1
kelp# poweroff
Power down.
