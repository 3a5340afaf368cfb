# smp_sched: tasks run on every CPU and obey their affinity: taskset shows
# and sets a task's mask (util-linux's wording), ps has a CPU column,
# /proc/<pid>/stat field 39 is the CPU, /proc/<pid>/status the mask; bad
# masks are refused with sched_setaffinity's errno.
#! smp: 2
#! cmdline: loglevel=4

kelp# busy &
\[1\] \d+ (re)
kelp# taskset -p $!
pid \d+'s current affinity mask: 3 (re)
kelp# taskset -cp 1 $!
pid \d+'s current affinity list: 0-1 (re)
pid \d+'s new affinity list: 1 (re)
kelp# sleep 1
kelp# cat /proc/$!/stat
\d+ \(busy\) R(?: -?\d+){35} 1(?: -?\d+){13} (re)
kelp# cat /proc/$!/status
...
Cpus_allowed:	2
Cpus_allowed_list:	1
...
kelp# taskset -c 0 ps
  PID STATE PATCH FLAGS    CPU NAME
...
 +\d+ R +-1 00010000 +1 busy (re)
...
 +\d+ R +-1 00010000 +0 ps (re)
kelp# taskset -p 4 $!
pid \d+'s current affinity mask: 2 (re)
taskset: failed to set pid \d+'s affinity: Invalid argument (re)
kelp# taskset -c 0-1x true
taskset: failed to parse CPU list 0-1x
kelp# taskset -p 1 999
taskset: failed to get pid 999's affinity: No such process
kelp# kill $!; sleep 1
[1]+  Terminated busy
