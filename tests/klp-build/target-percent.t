# target-percent: a bug in a static function of a module (clamp_percent);
# then the same patch, its target module build ID altered, is refused.
#! cmdline: loglevel=4
kelp# insmod /lib/modules/klp_target.ko
kelp# echo 100 > /sys/kernel/klp_target/percent
kelp# cat /sys/kernel/klp_target/percent
99
host$ tools/kelpctl --vm $COM2 load build/klp-test/target-percent.ko
...
kelpctl: klp_target_percent: patched
kelp# cat /sys/kernel/klp_target/percent
100
host$ tools/kelpctl --vm $COM2 unload klp_target_percent
...
kelpctl: klp_target_percent removed
kelp# cat /sys/kernel/klp_target/percent
99
host$ python3 -c "import re; t=re.search(rb'build_id=([0-9a-f]{40})', open('build/modules/klp_target.ko','rb').read()).group(1); d=open('build/klp-test/target-percent.ko','rb').read(); d=d[:-40-int.from_bytes(d[-32:-28],'big')]; assert d.count(t)==1; open('build/klp-test/other-module-build.ko','wb').write(d.replace(t, b'0'*40))" && tools/sign-file sha256 build/certs/signing_key.pem build/certs/signing_key.pem build/klp-test/other-module-build.ko
host$ tools/kelpctl --vm $COM2 load build/klp-test/other-module-build.ko; echo "exit $?"
kelpctl: sent other-module-build.ko (* bytes) in * s (glob)
kelpctl: ERROR: could not insert module other-module-build.ko: Invalid parameters
exit 1
[*] livepatch: 'klp_target_percent' was built for module klp_target build id 0000000000000000000000000000000000000000, running * (glob)
kelp# ls /sys/kernel/livepatch
kelp# lsmod
Module                  Size  Used by
klp_target * (glob)
