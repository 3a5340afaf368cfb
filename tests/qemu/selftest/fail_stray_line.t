# expect-fail: expected output before the first
stray line
kelp# echo
