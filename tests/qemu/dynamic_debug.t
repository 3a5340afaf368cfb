# dynamic_debug: /sys/kernel/debug/dynamic_debug/control, Linux's dynamic
# debug. The listing names every pr_debug site (file:line [module]function
# =flags "format"); Kelp's default is +p. Linux's selftest query "file
# kernel/livepatch/* -p" silences the livepatch core's transition
# messages (Kelp's livepatch/ is listed and queried under Linux's kernel/livepatch/,
# as the selftests' push_config/pop_config round trip needs)
# and +p brings them back; func, module, line and format queries, several
# per write (';' or newline); a module's sites come and go with it. Bad
# queries fail with EINVAL and say why in the log; the good ones of the
# same write still apply. Under memcheck: nothing leaks.
#! cmdline: loglevel=4
kelp# ls /sys/kernel/debug
dynamic_debug
kprobes
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =p "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =p "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =p "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =p "'%s': initializing %s transition\\n" (glob)
kelp# memcheck mark
kelp# dmesg -C
kelp# echo "file kernel/livepatch/* -p" > /sys/kernel/debug/dynamic_debug/control
kelp# insmod /lib/modules/test_klp_livepatch.ko
kelp# dmesg -c
*] test_klp_livepatch: tainting kernel with TAINT_LIVEPATCH (glob)
*] livepatch: enabling patch 'test_klp_livepatch' (glob)
kelp# echo "file kernel/livepatch/* +p" > /sys/kernel/debug/dynamic_debug/control
kelp# echo 0 > /sys/kernel/livepatch/test_klp_livepatch/enabled
kelp# rmmod test_klp_livepatch
kelp# dmesg -c
*] livepatch: 'test_klp_livepatch': initializing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': starting unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': completing unpatching transition (glob)
*] livepatch: 'test_klp_livepatch': unpatching complete (glob)
kelp# echo "func klp_*_transition -p; format complete =p" > /sys/kernel/debug/dynamic_debug/control
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =_ "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =_ "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =_ "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =_ "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =_ "'%s': initializing %s transition\\n" (glob)
kelp# echo "module livepatch func klp_init_transition line 1- +pf" > /sys/kernel/debug/dynamic_debug/control
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =_ "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =_ "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =_ "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =_ "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =pf "'%s': initializing %s transition\\n" (glob)
kelp# echo "module livepatch =p" > /sys/kernel/debug/dynamic_debug/control
kelp# insmod /lib/modules/dyndbg_test.ko
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =p "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =p "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =p "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =p "'%s': initializing %s transition\\n" (glob)
tests/modules/dyndbg_test.c:* [dyndbg_test]dyndbg_test_exit =p "unloading\\n" (glob)
tests/modules/dyndbg_test.c:* [dyndbg_test]dyndbg_test_init =p "loaded\\n" (glob)
kelp# echo "module dyndbg_test func *exit -p" > /sys/kernel/debug/dynamic_debug/control
kelp# rmmod dyndbg_test
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =p "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =p "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =p "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =p "'%s': initializing %s transition\\n" (glob)
kelp# dmesg -c
*] dyndbg_test: loaded (glob)
kelp# echo "bogus thing +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: unknown keyword "bogus" (glob)
*] dyndbg: query parse failed (glob)
echo: write error: Invalid argument
kelp# echo "func" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: bad flag-op f, at start of func (glob)
*] dyndbg: flags parse failed (glob)
echo: write error: Invalid argument
kelp# echo "func a b +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: expecting pairs of match-spec <value> (glob)
*] dyndbg: query parse failed (glob)
echo: write error: Invalid argument
kelp# echo "func a func b +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: match-spec:func val:a overridden by b (glob)
*] dyndbg: query parse failed (glob)
echo: write error: Invalid argument
kelp# echo "file x.c +z" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: unknown flag 'z' (glob)
*] dyndbg: flags parse failed (glob)
echo: write error: Invalid argument
kelp# echo "line 12x +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: bad line-number: 12x (glob)
*] dyndbg: query parse failed (glob)
echo: write error: Invalid argument
kelp# echo "line 20-10 +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: last-line:10 < 1st-line:20 (glob)
*] dyndbg: query parse failed (glob)
echo: write error: Invalid argument
kelp# echo "format 'unclosed +p" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: unclosed quote: unclosed +p (glob)
*] dyndbg: tokenize failed (glob)
echo: write error: Invalid argument
kelp# echo "module livepatch -p; nonsense" > /sys/kernel/debug/dynamic_debug/control
*] dyndbg: bad flag-op n, at start of nonsense (glob)
*] dyndbg: flags parse failed (glob)
echo: write error: Invalid argument
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =_ "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =_ "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =_ "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =_ "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =_ "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =_ "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =_ "'%s': initializing %s transition\\n" (glob)
kelp# echo "file kernel/livepatch/transition.c line 1-99999 =p" > /sys/kernel/debug/dynamic_debug/control
kelp# cat /sys/kernel/debug/dynamic_debug/control
# filename:lineno [module]function flags format
kernel/main.c:* [main]boot_mark_prompt =p "kelp: prompt %llu us after kernel entry (%llu us idle), entered at tsc %llu\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_reverse_transition =p "'%s': reversing transition from %s\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_cancel_transition =p "'%s': canceling patching transition, going to unpatch\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_send_signals =p "signaling remaining tasks\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': %s complete\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_complete_transition =p "'%s': completing %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_start_transition =p "'%s': starting %s transition\\n" (glob)
kernel/livepatch/transition.c:* [livepatch]klp_init_transition =p "'%s': initializing %s transition\\n" (glob)
kelp# dmesg -C
kelp# memcheck
memcheck: unchanged since mark
