# modinfo: a module's .modinfo tags in kmod's format, found by name as
# modprobe finds it (modules.dep, updates/ first) or read from a FILE.ko.
# Linux's livepatch selftests (functions.sh, is_livepatch_mod) read the
# "livepatch: Y" line to tell a livepatch from a plain module. Bad files
# get kmod's messages and exit status 1, and modinfo loads nothing. The
# signature fields follow the tags (the key is the build's, so only their
# shape is checked here; tests/unit/test_modinfo.c checks the values).
#! cmdline: loglevel=4
kelp# modinfo test_klp_livepatch
filename:       /lib/modules/test_klp_livepatch.ko
description:    Livepatch test: livepatch module
livepatch:      Y
license:        GPL
intree:         Y
build_id:       * (glob)
vermagic:       kelp-* (glob)
name:           test_klp_livepatch
sig_id:         PKCS#7
signer:         * (glob)
sig_key:        * (glob)
sig_hashalgo:   sha* (glob)
signature:      * (glob)
...
kelp# modinfo -F livepatch test_klp_livepatch
Y
kelp# modinfo -F livepatch mod_export; echo status $?
status 0
kelp# modinfo mod_export
filename:       /lib/modules/mod_export.ko
license:        GPL
intree:         Y
build_id:       * (glob)
vermagic:       kelp-* (glob)
name:           mod_export
sig_id:         PKCS#7
signer:         * (glob)
sig_key:        * (glob)
sig_hashalgo:   sha* (glob)
signature:      * (glob)
...
kelp# modinfo -F sig_id -F sig_hashalgo mod_export
sha* (glob)
kelp# modinfo hello
filename:       /lib/modules/updates/hello.ko
description:    outside module overriding the in-tree hello
license:        GPL
intree:         Y
build_id:       * (glob)
vermagic:       kelp-* (glob)
name:           hello
sig_id:         PKCS#7
signer:         * (glob)
sig_key:        * (glob)
sig_hashalgo:   sha* (glob)
signature:      * (glob)
...
parm:           who:charp
kelp# modinfo /lib/modules/hello.ko
filename:       /lib/modules/hello.ko
description:    sample module with parameters
author:         Kelp
license:        GPL
intree:         Y
build_id:       * (glob)
vermagic:       kelp-* (glob)
name:           hello
sig_id:         PKCS#7
signer:         * (glob)
sig_key:        * (glob)
sig_hashalgo:   sha* (glob)
signature:      * (glob)
...
parm:           flag:a boolean (bool)
parm:           count:int
parm:           limit:uint
parm:           who:charp
kelp# modinfo -p /lib/modules/hello.ko
flag:a boolean (bool)
count: (int)
limit: (uint)
who: (charp)
kelp# modinfo -F parm lm_params
p_byte: (byte)
p_short: (short)
p_ushort: (ushort)
p_int: (int)
p_uint: (uint)
p_long: (long)
p_ulong: (ulong)
p_ullong: (ullong)
p_hexint: (hexint)
p_charp: (charp)
p_bool: (bool)
p_invbool: (invbool)
p_string: (string)
p_names: (array of charp)
p_ints:up to four ints (array of int)
kelp# modinfo -a -F description -l /lib/modules/hello.ko
GPL
kelp# cd /lib/modules; modinfo -n ./mod_export.ko hello mod-export; cd /
/lib/modules/./mod_export.ko
/lib/modules/updates/hello.ko
/lib/modules/mod_export.ko
kelp# modinfo no_such_module; echo status $?
modinfo: ERROR: Module no_such_module not found.
status 1
kelp# modinfo -m no_such_module; echo status $?
modinfo: ERROR: Module name no_such_module not found.
status 1
kelp# modinfo /etc/motd; echo status $?
modinfo: ERROR: Module /etc/motd not found.
status 1
kelp# echo "not a module" > /tmp/bad.ko
kelp# modinfo /tmp/bad.ko; echo status $?
filename:       /tmp/bad.ko
modinfo: ERROR: could not get modinfo from 'bad': Exec format error
status 1
kelp# modinfo /lib/test/truncated.ko; echo status $?
filename:       /lib/test/truncated.ko
modinfo: ERROR: could not get modinfo from 'truncated': Invalid argument
status 1
kelp# modinfo -F name /lib/test/bitflip.ko mod_export no_such_module hello; echo status $?
hello
mod_export
modinfo: ERROR: Module no_such_module not found.
hello
status 1
kelp# modinfo; echo status $?
modinfo: ERROR: missing module or filename.
status 1
kelp# modinfo --bogus hello; echo status $?
modinfo: unrecognized option '--bogus'
status 1
kelp# modinfo -F; echo status $?
modinfo: option requires an argument -- 'F'
status 1
kelp# lsmod
Module                  Size  Used by
