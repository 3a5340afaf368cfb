# klp_send: a module built from a folder outside the tree (make modules M=)
# is not in the image; tools/klp-send --load uploads it over COM2 and the
# kernel stores and inserts it. A corrupted upload (bad checksum) and a
# half-sent one (the sender hangs up; the 5 s timeout) are refused and
# leave nothing in /lib/modules (the test waits 10 s: under a loaded host
# the guest notices the 5 s timeout late).
#! cmdline: loglevel=4

kelp# ls /lib/modules/ext_hello.ko
ls: /lib/modules/ext_hello.ko: No such file or directory
host$ D=$(mktemp -d) && cp tests/extmod/ext_hello.c $D/ && make -s modules M=$D && rm -r $D && tools/klp-send --socket $COM2 --load --args greeting=hi build/extmod/ext_hello.ko
  CC [M]  /tmp/*/ext_hello.c (glob)
  LD [M]  build/extmod/ext_hello.ko
  MODULE  build/extmod/ext_hello.ko
klp-send: sent ext_hello.ko (* bytes) in * s, * bytes/s (glob)
klp-send: ext_hello.ko loaded
kelp# lsmod
Module                  Size  Used by
ext_hello              12288  0
kelp# cat /sys/module/ext_hello/parameters/greeting /sys/module/ext_hello/taint
hi
O
kelp# ls -l /lib/modules/ext_hello.ko
-rw-r--r--    1 root     root     * /lib/modules/ext_hello.ko (glob)
kelp# rmmod ext_hello
host$ tools/klp-send --socket $COM2 --load build/modules/mod_unknown.ko
klp-send: sent mod_unknown.ko (* bytes) in * s, * bytes/s (glob)
klp-send: ERROR: could not insert module mod_unknown.ko: Unknown symbol in module
host$ tools/klp-send --socket $COM2 --corrupt --name bad.ko build/modules/hello.ko
klp-send: ERROR: bad.ko: checksum mismatch (Bad message)
kelp# ls /lib/modules/bad.ko
ls: /lib/modules/bad.ko: No such file or directory
host$ tools/klp-send --socket $COM2 --name ../x.ko build/modules/hello.ko
klp-send: ERROR: ../x.ko: invalid file name or arguments (Invalid argument)
host$ tools/klp-send --socket $COM2 --stop-after 3 --name half.ko build/modules/mod_export.ko
klp-send: stopped after 3 chunks (test)
kelp# sleep 10
kelp# ls /lib/modules/half.ko
ls: /lib/modules/half.ko: No such file or directory
kelp# dmesg
...
\[\s*\d+\.\d+\] upload: receiving ext_hello.ko \(\d+ bytes\) (re)
\[\s*\d+\.\d+\] upload: stored ext_hello.ko \(\d+ bytes\) (re)
\[\s*\d+\.\d+\] ext_hello: loading out-of-tree module taints kernel. (re)
\[\s*\d+\.\d+\] ext_hello: hi from outside the tree (re)
\[\s*\d+\.\d+\] ext_hello: goodbye from outside the tree (re)
...
\[\s*\d+\.\d+\] mod_unknown: Unknown symbol kelp_no_such_function \(err -2\) (re)
\[\s*\d+\.\d+\] upload: receiving bad.ko \(\d+ bytes\) (re)
\[\s*\d+\.\d+\] upload: bad.ko: checksum mismatch, discarded (re)
\[\s*\d+\.\d+\] upload: invalid file name or arguments (re)
\[\s*\d+\.\d+\] upload: receiving half.ko \(\d+ bytes\) (re)
\[\s*\d+\.\d+\] upload: half.ko: timed out after 3072 of \d+ bytes, discarded (re)
