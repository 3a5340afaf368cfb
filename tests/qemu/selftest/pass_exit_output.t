# A scenario with no commands and `exit:` may list the output expected
# until QEMU exits (a panic test): it is checked like a command's output.
#! cmdline: fake_exit=7
#! exit: 7
...
\[ *\d+\.\d+\] Command line: fake_exit=7 module.sig_enforce=1 lockdep=1 (re)
