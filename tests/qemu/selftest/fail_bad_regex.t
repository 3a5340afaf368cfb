# expect-fail: bad pattern
kelp# echo
a( (re)
