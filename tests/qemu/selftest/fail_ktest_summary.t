# expect-fail: no `# ktest: N passed, M failed` summary line
#! ktest: broken
#! exit: 0
kelp# poweroff
Power down.
