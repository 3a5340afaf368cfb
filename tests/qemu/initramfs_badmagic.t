# initramfs_badmagic: an archive that is not newc cpio at all is refused at
# its first byte with a clear message; the boot goes on, but with nothing
# unpacked there is no init to run, and the kernel panics as Linux does
# (there is no shell in the kernel to fall back on); panic=-1 resets.
#! cmdline: loglevel=4 panic=-1 kelp.initrd=/boot/test/badmagic.cpio
#! exit: 0
...
\[ +\d+\.\d{6}\] initramfs: corrupt archive at offset 0: bad magic \(not a newc cpio archive\); 0 entries unpacked (re)
...
\[ +\d+\.\d{6}\] Kernel panic - not syncing: No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance. (re)
...
