# expect-fail: QEMU still running
#! exit: 0
#! timeout: 2
kelp# echo hi
hi
