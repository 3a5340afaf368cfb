# initramfs_badmagic: an archive that is not newc cpio at all is refused at
# its first byte with a clear message; the boot goes on.
#! cmdline: loglevel=4 kelp.initrd=/boot/test/badmagic.cpio

kelp# dmesg
...
\[ +\d+\.\d{6}\] initramfs: corrupt archive at offset 0: bad magic \(not a newc cpio archive\); 0 entries unpacked (re)
\[ +\d+\.\d{6}\] tsc: Detected \d+\.\d{3} MHz processor (re)
\[ +\d+\.\d{6}\] kelp: boot took \d+ us (re)
kelp# cat /etc/motd
cat: /etc/motd: No such file or directory
