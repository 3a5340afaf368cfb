# expect-fail: ktest_ftrace: no `# ktest: N passed, M failed` summary line
#! cmdline: fake_modules=broken
#! ktest: all
#! exit: 0
kelp# poweroff
Power down.
