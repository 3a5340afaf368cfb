# expect-fail: WARNING: possible circular locking dependency detected
#! cmdline: fake_lockdep
kelp# echo fine
fine
