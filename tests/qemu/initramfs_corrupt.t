# initramfs_corrupt: GRUB hands over a truncated initramfs (kelp.initrd= picks
# a test archive of the image). The kernel says where and why the archive is
# corrupt, keeps what it unpacked before (a non-zero count), and goes on to
# start init; the programs were cut off, so Linux's panic follows.
#! cmdline: loglevel=4 panic=-1 kelp.initrd=/boot/test/truncated.cpio
#! exit: 0
...
\[ +\d+\.\d{6}\] initramfs: corrupt archive at offset \d+: \S.* [1-9]\d* entries unpacked (re)
...
\[ +\d+\.\d{6}\] Kernel panic - not syncing: No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance. (re)
...
