# smp_one: a one-CPU machine: nothing to bring up.
#! smp: 1
#! cmdline: loglevel=4

kelp# dmesg
...
\[ +\d+\.\d{6}\] smp: Brought up 1 node, 1 CPU (re)
...
kelp# cat /sys/devices/system/cpu/online
0
