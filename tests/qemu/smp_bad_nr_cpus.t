# smp_bad_nr_cpus: nr_cpus=0 and nr_cpus=x are refused with a warning and
# every CPU comes up.
#! smp: 2
#! cmdline: loglevel=4 nr_cpus=x

kelp# dmesg
...
\[ +\d+\.\d{6}\] smp: bad nr_cpus=x, ignored (re)
...
\[ +\d+\.\d{6}\] smp: Brought up 1 node, 2 CPUs (re)
...
