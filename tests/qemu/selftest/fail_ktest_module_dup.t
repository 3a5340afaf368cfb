# expect-fail: case `kmalloc` ran twice
#! cmdline: fake_modules=dup
#! ktest: all
#! exit: 0
kelp# poweroff
Power down.
