# dev: /dev, the devtmpfs-like filesystem mounted at boot. Its nodes carry
# Linux's modes and major:minor numbers. devtest checks /dev/null,
# /dev/zero and /dev/kmsg's record semantics (one record per read, EINVAL,
# EAGAIN, EPIPE, lseek, "<N>" priorities, a blocking read woken by a
# child's write); it runs between memcheck mark and memcheck. dmesg reads
# /dev/kmsg: a record written there shows in dmesg's format.
#! cmdline: loglevel=3
kelp# ls -l /dev
crw-------    1 root     root        5,   1 console
crw-r--r--    1 root     root        1,  11 kmsg
crw-rw-rw-    1 root     root        1,   3 null
crw-rw----    1 root     root        4,  64 ttyS0
crw-rw----    1 root     root        4,  65 ttyS1
crw-rw-rw-    1 root     root        1,   5 zero
kelp# memcheck mark
kelp# devtest
devtest: record 13,*,*,-;devtest: hello (glob)
devtest: 231 checks, 0 failed
kelp# memcheck
memcheck: unchanged since mark
kelp# echo "<6>dev: written to kmsg" > /dev/kmsg
kelp# dmesg -c
...
\[\s*\d+\.\d{6}\] dev: written to kmsg (re)
kelp# dmesg
kelp# echo hello > /dev/null
kelp# cat /dev/null
kelp# echo hi > /dev/ttyS0
hi
kelp# cat /dev/ttyS1
cat: read error: Device or resource busy
