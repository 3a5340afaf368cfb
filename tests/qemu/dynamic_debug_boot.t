# dynamic_debug_boot: Linux's dyndbg="QUERY" boot parameter runs a
# dynamic debug query at boot: here it silences the livepatch core's
# transition messages (Kelp's default is +p), so a patch's enable logs
# only its notice line (the dmesg would end with the transition lines
# otherwise).
#! cmdline: loglevel=4 dyndbg="file kernel/livepatch/* -p"
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# dmesg
...
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
