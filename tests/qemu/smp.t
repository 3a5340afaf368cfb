# smp: the application processors come up (ACPI MADT, INIT-SIPI-SIPI
# through the real-mode trampoline, each on its own GDT/TSS and stacks),
# the boot log says so in Linux's words, and /sys/devices/system/cpu shows
# the masks in Linux's list format.
#! smp: 4
#! firmware: bios uefi
#! cmdline: loglevel=4

kelp# dmesg
...
\[    0.000000\] ACPI: 4 CPUs \(0 more ignored\), 1 IOAPICs, 5 overrides, LAPIC at 0xfee00000 (re)
...
\[ +\d+\.\d{6}\] smp: Bringing up secondary CPUs \.\.\. (re)
\[ +\d+\.\d{6}\] APIC timer: \d+ MHz bus clock, \d+ counts per tick \(divide by 16\) (re)
\[ +\d+\.\d{6}\] smp: Brought up 1 node, 4 CPUs (re)
...
kelp# cat /sys/devices/system/cpu/online
0-3
kelp# cat /sys/devices/system/cpu/possible
0-3
kelp# cat /sys/devices/system/cpu/present
0-3
kelp# echo still here
still here
