# expect-fail: shell echoed
#! cmdline: fake_noecho
kelp# echo hi
hi
