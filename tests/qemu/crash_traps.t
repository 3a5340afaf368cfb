# crash_traps: the other exception paths, one boot each would be slow, so
# the non-fatal ones share a boot: WARN() prints a splat with a call trace,
# taints the kernel (W) and the shell goes on.
#! cmdline: loglevel=5

kelp# crash warn
\[ *\d+\.\d+\] ------------\[ cut here \]------------ (re)
\[ *\d+\.\d+\] lkdtm: deliberate warning (re)
\[ *\d+\.\d+\] WARNING: CPU: \d+ PID: \d+ at tests/modules/lkdtm.c:\d+ lkdtm_WARNING\+0x[0-9a-f]+/0x[0-9a-f]+ \[lkdtm\] (re)
\[ *\d+\.\d+\] CPU: \d+ PID: \d+ Comm: \S+ Tainted: G        W  .* (re)
...
\[ *\d+\.\d+\] Call Trace: (re)
...
\[ *\d+\.\d+\] ---\[ end trace 0000000000000000 \]--- (re)
kelp# echo still here
still here
kelp# crash
usage: crash pf|wp|nx|ud|gp|de|bp|stack|bug|warn|panic|mutex-unlock|mutex-recursive|lockdep-abba|lockdep-abba-busy|lockdep-irq|sleep-atomic|lockdep-kernfs
kelp# crash nonsense
usage: crash pf|wp|nx|ud|gp|de|bp|stack|bug|warn|panic|mutex-unlock|mutex-recursive|lockdep-abba|lockdep-abba-busy|lockdep-irq|sleep-atomic|lockdep-kernfs
