# initramfs_corrupt: GRUB hands over a truncated initramfs (kelp.initrd= picks
# a test archive of the image). The kernel says where and why the archive is
# corrupt, keeps what it unpacked before, and reaches the prompt.
#! cmdline: loglevel=4 kelp.initrd=/boot/test/truncated.cpio

kelp# dmesg
...
\[ +\d+\.\d{6}\] initramfs: corrupt archive at offset \d+: \S.* \d+ entries unpacked (re)
\[ +\d+\.\d{6}\] tsc: Detected \d+\.\d{3} MHz processor (re)
\[ +\d+\.\d{6}\] kelp: boot took \d+ us (re)
kelp# ls /
bin
...
kelp# echo alive
alive
