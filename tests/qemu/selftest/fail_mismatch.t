# expect-fail: output of `kelp# echo hi` differs
# expect-fail: # ftrace_nop: expected 0x90, got 0xcc
#! ktest: failing
kelp# echo hi
ho
kelp# echo a
a
...
b
kelp# echo z
z
