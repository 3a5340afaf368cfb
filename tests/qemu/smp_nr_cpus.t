# smp_nr_cpus: nr_cpus=2 on a 4-CPU machine brings up two (Linux's
# nr_cpus=); a bad value is ignored with a warning; one CPU boots alone.
#! smp: 4
#! cmdline: loglevel=4 nr_cpus=2

kelp# dmesg
...
\[ +\d+\.\d{6}\] smp: Brought up 1 node, 2 CPUs (re)
...
kelp# cat /sys/devices/system/cpu/online
0-1
