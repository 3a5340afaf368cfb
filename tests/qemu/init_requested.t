# init_requested: init=PATH names the program pid 1 runs, as in Linux; one
# that cannot run is fatal at once, with Linux's message (error -2: ENOENT),
# and panic=-1 resets.
#! cmdline: loglevel=4 panic=-1 init=/bin/nosuch
#! exit: 0
...
\[ +\d+\.\d{6}\] Kernel panic - not syncing: Requested init /bin/nosuch failed \(error -2\). (re)
...
