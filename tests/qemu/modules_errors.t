# modules_errors: every refusal in kmod's words, with the kernel's reason
# in dmesg: a truncated and a bit-flipped .ko, an unknown symbol, a
# symbol of a namespace the module does not import, an init
# that fails, a missing file, a bad parameter, a second load, rmmod of a
# module in use (export dependency, refcount and order), of a module
# without exit and of one not loaded.
#! cmdline: loglevel=4

kelp# insmod /lib/test/truncated.ko
\[\s*\d+\.\d+\] Invalid ELF section header overflow (re)
insmod: ERROR: could not insert module /lib/test/truncated.ko: Invalid module format
kelp# insmod /lib/test/bitflip.ko
\[\s*\d+\.\d+\] Invalid ELF section in module \(section 1 type 1\) (re)
insmod: ERROR: could not insert module /lib/test/bitflip.ko: Invalid module format
kelp# insmod /lib/modules/mod_unknown.ko
insmod: ERROR: could not insert module /lib/modules/mod_unknown.ko: Unknown symbol in module
kelp# insmod /lib/modules/mod_ns_noimport.ko
\[\s*\d+\.\d+\] mod_ns_noimport: module uses symbol \(kmalloc_get_stats\) from namespace EXPORTED_FOR_KTEST, but does not import it\. (re)
insmod: ERROR: could not insert module /lib/modules/mod_ns_noimport.ko: Invalid parameters
kelp# insmod /lib/modules/mod_initfail.ko
insmod: ERROR: could not insert module /lib/modules/mod_initfail.ko: No such device
kelp# insmod /lib/modules/nope.ko
insmod: ERROR: could not load module /lib/modules/nope.ko: No such file or directory
kelp# insmod /lib/modules/hello.ko count=abc
\[\s*\d+\.\d+\] hello: `abc' invalid for parameter `count' (re)
insmod: ERROR: could not insert module /lib/modules/hello.ko: Invalid parameters
kelp# insmod /lib/modules/hello.ko bogus=1
kelp# insmod /lib/modules/hello.ko
insmod: ERROR: could not insert module /lib/modules/hello.ko: File exists
kelp# insmod /lib/modules/mod_export.ko
kelp# insmod /lib/modules/mod_import.ko
kelp# lsmod
Module                  Size  Used by
mod_import             12288  0
mod_export             12288  1 mod_import
hello                  12288  0
kelp# ls /sys/module/mod_export/holders
mod_import
kelp# insmod /lib/modules/mod_proprietary.ko
insmod: ERROR: could not insert module /lib/modules/mod_proprietary.ko: Unknown symbol in module
kelp# cat /sys/module/mod_export/refcnt
1
kelp# rmmod mod_export
rmmod: ERROR: Module mod_export is in use by: mod_import
kelp# rmmod mod_import
kelp# cat /sys/module/mod_export/refcnt
0
kelp# rmmod mod_export hello
kelp# insmod /lib/modules/mod_noexit.ko
kelp# rmmod mod_noexit
rmmod: ERROR: could not remove module mod_noexit: Device or resource busy
kelp# rmmod nothere
rmmod: ERROR: Module nothere is not currently loaded
kelp# lsmod
Module                  Size  Used by
mod_noexit             12288  0
kelp# dmesg
...
\[\s*\d+\.\d+\] mod_unknown: Unknown symbol kelp_no_such_function \(err -2\) (re)
\[\s*\d+\.\d+\] mod_ns_noimport: module uses symbol \(kmalloc_get_stats\) from namespace EXPORTED_FOR_KTEST, but does not import it\. (re)
\[\s*\d+\.\d+\] mod_ns_noimport: Unknown symbol kmalloc_get_stats \(err -22\) (re)
\[\s*\d+\.\d+\] mod_initfail: init fails on purpose (re)
...
\[\s*\d+\.\d+\] hello: unknown parameter 'bogus' ignored (re)
...
\[\s*\d+\.\d+\] mod_proprietary: module license 'Proprietary' taints kernel. (re)
\[\s*\d+\.\d+\] mod_proprietary: Unknown symbol mod_export_add \(err -2\) (re)
\[\s*\d+\.\d+\] mod_import: unloaded (re)
\[\s*\d+\.\d+\] mod_export: unloaded after 1 calls (re)
...
