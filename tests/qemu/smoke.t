# smoke: Kelp boots on BIOS and UEFI, reads its command line, the shell runs
# commands, edits lines (backspace, Ctrl-C) and `poweroff` ends QEMU.
# poweroff writes 0 to isa-debug-exit, so QEMU exits with (0 << 1) | 1 = 1.
#! firmware: bios uefi
#! cmdline: loglevel=3 smoke=1
#! exit: 1

kelp# echo hello kelp
hello kelp
kelp# echo -n no newline
no newline (no-eol)
kelp# cmdline
loglevel=3 smoke=1 module.sig_enforce=1 lockdep=1
kelp# nosuchcommand
sh: nosuchcommand: not found
kelp#~ ecxo\x7f\x7fho fixed\r
ecxo\x08 \x08\x08 \x08ho fixed (esc)
fixed
kelp#~ half a line\x03
half a line^C
kelp# uname -a
Kelp kelp * x86_64 (glob)
kelp# poweroff
\[ *\d+\.\d+\] reboot: Power down (re)
