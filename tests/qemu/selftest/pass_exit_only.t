# A scenario with no commands and `exit:` passes when QEMU exits with it.
#! cmdline: fake_exit=7
#! exit: 7
