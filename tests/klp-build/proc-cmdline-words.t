# proc-cmdline-words: the fix adds a new static helper (carried into the patch).
#! cmdline: loglevel=4 a=1 b=2
host$ tools/kelpctl --vm $COM2 load build/klp-test/proc-cmdline-words.ko
...
kelpctl: klp_proc_cmdline_words: patched
kelp# cat /proc/cmdline
loglevel=4 a=1 b=2 module.sig_enforce=1 lockdep=1 [5 words]
host$ tools/kelpctl --vm $COM2 unload klp_proc_cmdline_words
...
kelpctl: klp_proc_cmdline_words removed
kelp# cat /proc/cmdline
loglevel=4 a=1 b=2 module.sig_enforce=1 lockdep=1
