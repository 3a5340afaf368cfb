# modprobe: loads a module by name from /lib/modules/modules.dep (written
# at image build by tools/depmod.py), its dependencies first, with kmod's
# messages; modprobe -r unloads it and the dependencies nothing uses any
# more. The test image has an outside module "hello" in
# /lib/modules/updates/ (tests/linuxmod/updates/hello.c, needing
# mod_export): it overrides the in-tree hello.ko for modprobe and for
# insmod NAME, as Linux's updates/, while insmod with the full path still
# loads the in-tree one. modprobe -n (--dry-run) resolves a module and its
# dependencies and loads nothing (-v shows the insmod lines); --first-time
# fails on a module already loaded, or with -r not loaded, in kmod's words.
# Linux's livepatch selftests (functions.sh, assert_mod) run
# `modprobe --dry-run MOD` to decide whether a test can run at all.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# cat /lib/modules/modules.dep
...
mod_import.ko: mod_export.ko
...
updates/hello.ko: mod_export.ko
...
kelp# modprobe mod_import
kelp# lsmod
Module                  Size  Used by
mod_import * 0 (glob)
mod_export * 1 mod_import (glob)
kelp# modprobe mod_import
kelp# modprobe -r mod_import
kelp# lsmod
Module                  Size  Used by
kelp# modprobe hello who=kelp
kelp# lsmod
Module                  Size  Used by
hello * 0 (glob)
mod_export * 1 hello (glob)
kelp# cat /sys/module/hello/parameters/who
kelp
kelp# modprobe -r mod_export
modprobe: FATAL: Module mod_export is in use.
kelp# modprobe -r hello
kelp# insmod hello
insmod: ERROR: could not insert module hello: Unknown symbol in module
kelp# modprobe mod_export
kelp# insmod hello.ko who=again
kelp# rmmod hello
kelp# insmod /lib/modules/hello.ko who=intree
kelp# rmmod hello mod_export
kelp# dmesg -c
*] mod_export: loaded (glob)
*] mod_import: 2 + 3 = 5 (calls 0) (glob)
*] mod_import: unloaded (glob)
*] mod_export: unloaded after 1 calls (glob)
*] mod_export: loaded (glob)
*] hello: hello kelp from updates/ (mod_export_add(2, 3) = 5) (glob)
*] hello: goodbye from updates/ (glob)
*] mod_export: unloaded after 1 calls (glob)
*] hello: Unknown symbol mod_export_add (err -2) (glob)
*] mod_export: loaded (glob)
*] hello: hello again from updates/ (mod_export_add(2, 3) = 5) (glob)
*] hello: goodbye from updates/ (glob)
*] hello: hello intree: flag=0 count=* limit=10 (glob)
*] hello: goodbye intree: count=* (glob)
*] mod_export: unloaded after 1 calls (glob)
kelp# modprobe no_such_module
modprobe: FATAL: Module no_such_module not found in directory /lib/modules
kelp# modprobe -r no_such_module
modprobe: FATAL: Module no_such_module not found.
kelp# modprobe -r hello
kelp# modprobe hello no_such_param=1 who=x
kelp# modprobe -r hello
kelp# modprobe mod_initfail
modprobe: ERROR: could not insert 'mod_initfail': * (glob)
kelp# modprobe -v mod_import
insmod /lib/modules/mod_export.ko 
insmod /lib/modules/mod_import.ko 
kelp# modprobe -rv mod_import
rmmod mod_import
rmmod mod_export
kelp# lsmod
Module                  Size  Used by
kelp# modprobe -n mod_import; echo status $?
status 0
kelp# modprobe --dry-run -v mod_import
insmod /lib/modules/mod_export.ko 
insmod /lib/modules/mod_import.ko 
kelp# modprobe --dry-run no_such_module; echo status $?
modprobe: FATAL: Module no_such_module not found in directory /lib/modules
status 1
kelp# lsmod
Module                  Size  Used by
kelp# modprobe --first-time mod_import; echo status $?
status 0
kelp# modprobe --first-time mod_import; echo status $?
modprobe: ERROR: could not insert 'mod_import': Module already in kernel
status 1
kelp# modprobe mod_import; echo status $?
status 0
kelp# modprobe -nv mod_import; echo status $?
status 0
kelp# modprobe -n --first-time mod_import; echo status $?
modprobe: ERROR: could not insert 'mod_import': Module already in kernel
status 1
kelp# modprobe -rnv mod_import
rmmod mod_import
kelp# lsmod
Module                  Size  Used by
mod_import * 0 (glob)
mod_export * 1 mod_import (glob)
kelp# modprobe -r --first-time mod_import; echo status $?
status 0
kelp# modprobe -r --first-time mod_import; echo status $?
modprobe: FATAL: Module mod_import is not in kernel.
status 1
kelp# modprobe -r mod_import; echo status $?
status 0
kelp# modprobe -a mod_export no_such_module hello; echo status $?
modprobe: WARNING: Module no_such_module not found in directory /lib/modules
status 1
kelp# lsmod
Module                  Size  Used by
hello * 0 (glob)
mod_export * 1 hello (glob)
kelp# modprobe -r -a hello mod_export; echo status $?
status 0
kelp# modprobe -r no_such_module hello; echo status $?
modprobe: FATAL: Module no_such_module not found.
status 1
kelp# modprobe -v hello "who=two words"
insmod /lib/modules/mod_export.ko 
insmod /lib/modules/updates/hello.ko who="two words"
kelp# cat /sys/module/hello/parameters/who
two words
kelp# modprobe -r hello
kelp# modprobe hello -q --dry-run; echo status $?
status 0
kelp# modprobe -q no_such_module; echo status $?
status 1
kelp# modprobe -x hello; echo status $?
modprobe: invalid option -- 'x'
status 1
kelp# modprobe --frob hello; echo status $?
modprobe: unrecognized option '--frob'
status 1
kelp# modprobe --dry-run=yes hello; echo status $?
modprobe: option '--dry-run' doesn't allow an argument
status 1
kelp# modprobe --dry; echo status $?
modprobe: ERROR: missing parameters. See -h.
status 1
kelp# lsmod
Module                  Size  Used by
