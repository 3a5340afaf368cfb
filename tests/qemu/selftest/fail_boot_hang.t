# expect-fail: no prompt within the boot timeout
#! cmdline: fake_hang
#! boot-timeout: 2
kelp# echo hi
hi
