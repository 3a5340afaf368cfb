# kelpctl against a running VM: list with nothing loaded, a patch built for
# another kernel build (refused at load, nothing left behind), a file that
# is not a module, an upload abandoned half-way (the kernel discards it and
# takes the next one), a VM that goes away mid-upload (a clear error).
# Uses build/klp-test/proc-cmdline.ko (tests/klp-build/proc-cmdline.patch).
# The edited copy is signed again (its signature stripped first: the
# signature trailer ends with sig_len and 28 marker bytes): the build-id
# check is what it tests, not the signature's.
#! cmdline: loglevel=4
#! timeout: 60
host$ tools/kelpctl --vm $COM2 list; echo "exit $?"
no live patches loaded
exit 0
kelp# cat /sys/kernel/build_id
[0-9a-f]{40} (re)
host$ tools/kelpctl --vm $COM2 --json list
{"patches": []}
host$ python3 -c "import sys; d=open('build/klp-test/proc-cmdline.ko','rb').read(); d=d[:-40-int.from_bytes(d[-32:-28],'big')]; i=d.index(b'kelp_build_id=')+14; open('build/klp-test/other-build.ko','wb').write(d[:i]+b'0'*40+d[i+40:])" && tools/sign-file sha256 build/certs/signing_key.pem build/certs/signing_key.pem build/klp-test/other-build.ko
host$ tools/kelpctl --vm $COM2 load build/klp-test/other-build.ko; echo "exit $?"
kelpctl: sent other-build.ko (* bytes) in * s (glob)
kelpctl: ERROR: could not insert module other-build.ko: Invalid module format
exit 1
[*] livepatch: 'klp_proc_cmdline' was built for kernel build id 0000000000000000000000000000000000000000, running * (glob)
kelp# dmesg
...
* livepatch: 'klp_proc_cmdline' was built for kernel build id 0000000000000000000000000000000000000000, running * (glob)
...
kelp# ls /sys/kernel/livepatch
kelp# ls /lib/modules/other-build.ko
ls: /lib/modules/other-build.ko: No such file or directory
kelp# lsmod
Module                  Size  Used by
kelp# cat /proc/sys/kernel/tainted
0
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
host$ tools/kelpctl --vm $COM2 load build/modules/bad/truncated.ko; echo "exit $?"
kelpctl: sent truncated.ko (* bytes) in * s (glob)
kelpctl: ERROR: could not insert module truncated.ko: Invalid module format
exit 1
[*] Invalid ELF section header overflow (glob)
host$ tools/kelpctl --vm $COM2 --stop-after 3 load build/klp-test/proc-cmdline.ko; echo "exit $?"
kelpctl: ERROR: stopped after 3 chunks (test)
exit 4
kelp# sleep 6
kelp# lsmod
Module                  Size  Used by
host$ tools/kelpctl --vm $COM2 --json load build/klp-test/proc-cmdline.ko; echo "exit $?"
{"bytes": *, "loaded": true, "name": "klp_proc_cmdline", "state": "patched"} (glob)
exit 0
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1 [klp-build]
host$ tools/kelpctl --vm $COM2 info nosuchpatch; echo "exit $?"
kelpctl: ERROR: no live patch named nosuchpatch
exit 1
host$ tools/kelpctl --vm $COM2 unload klp_proc_cmdline >/dev/null; echo "exit $?"
exit 0
host$ tools/kelpctl --vm $COM2 unload klp_proc_cmdline; echo "exit $?"
kelpctl: ERROR: Module klp_proc_cmdline is not currently loaded
exit 1
host$ (tests/klp-build/fake-vm.py build/tests/fake-vm.sock 2 &) ; sleep 1; tools/kelpctl --vm build/tests/fake-vm.sock load build/klp-test/proc-cmdline.ko; echo "exit $?"
ready
kelpctl: ERROR: COM2 closed: the VM is gone
exit 4
host$ tools/kelpctl --vm build/tests/no-such.sock list; echo "exit $?"
kelpctl: ERROR: build/tests/no-such.sock: No such file or directory
exit 4
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1 lockdep=1
