# One TAP block per test module (TAP version, # module: NAME, plan,
# cases, summary), as /bin/ktest prints them: every case counts.
#! cmdline: fake_modules=1
#! ktest: list_add,ftrace_*
#! exit: 0
kelp# poweroff
Power down.
