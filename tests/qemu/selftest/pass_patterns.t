# Every pattern kind, raw input, ktest TAP parsing and an expected exit
# status, against the fake kernel: must pass on both firmwares. The
# harness appends module.sig_enforce=1 to the command line (docs/signing.md).
#! cmdline: loglevel=3
#! ktest: all
#! firmware: bios uefi
#! exit: 5

kelp# echo hi
hi
kelp# echo -n nonl
nonl (no-eol)
kelp# echo -n
kelp# cat /proc/cmdline
loglevel=3 ktest=all module.sig_enforce=1 lockdep=1
kelp# echo a b c
a * c (glob)
kelp# echo 123 x
\d+ x (re)
kelp# unknowncmd
sh: unknowncmd: not found
kelp# log one
\[\s*\d+\.\d+\] one (re)
kelp# bytes
ctl\x01\xff\tend (esc)
kelp#~ abc
abc (no-eol)
kelp#~ \x7f\x7fz
\x08 \x08\x08 \x08z (esc) (no-eol)
kelp#~ \r

sh: az: not found
kelp#~ foo\x03
foo^C
kelp# echo 1
...
kelp# echo x y
...
x y
...
kelp# exit 5
