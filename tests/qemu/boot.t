# boot: the same image boots to the prompt under SeaBIOS and OVMF; the boot
# log shows the loader, the memory map, the ACPI tables and the boot time; uname, uptime
# (at least 1 s after `sleep 1`; no upper bound on the first reading, which
# a loaded host delays), meminfo and dmesg show real values. The test
# image unpacks two archives: the product initramfs and the test modules.
#! firmware: bios uefi
#! cmdline: loglevel=4

kelp# uname -a
Kelp kelp 0.1.0 #1 * x86_64 (glob)
kelp# uname
Kelp
kelp# uptime
up 00:00:[0-5]\d, \d+.\d{6} seconds since boot (re)
kelp# sleep 1
kelp# uptime
up 00:00:(0[1-9]|[1-5]\d), ([1-9]|[1-5]\d).\d{6} seconds since boot (re)
kelp# meminfo
MemTotal: +5\d{5} kB (re)
MemFree: +5\d{5} kB (re)
Reserved: +\d+ kB (re)
KernelImage: +\d+ kB (re)
Slab: +\d+ kB (re)
KmallocLarge: +\d+ kB (re)
KernelStack: +\d+ kB (re)
PageTables: +\d+ kB (re)
KmallocInUse: +\d+ bytes in \d+ allocations (re)
cache          objsize   active    total  pages      bytes
kmalloc-16 +16 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-32 +32 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-64 +64 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-128 +128 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-256 +256 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-512 +512 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-1024 +1024 +\d+ +\d+ +\d+ +\d+ (re)
kmalloc-large +- +\d+ +- +\d+ +\d+ (re)
kelp# free
          total        used        free      shared  buff/cache   available
Mem: +5\d{5} +\d+ +5\d{5} +0 +0 +5\d{5} (re)
kelp# dmesg
\[    0.000000\] Kelp version 0.1.0 \(x86_64\) #1 .* (re)
[    0.000000] Command line: loglevel=4 module.sig_enforce=1
\[    0.000000\] boot: loaded by GRUB 2.* (re)
\[    0.000000\] BIOS-e820: \[mem 0x0000000000000000-0x[0-9a-f]{16}\] usable (re)
...
\[    0.000000\] paging: direct map of \d+ MiB \(1G pages\), kernel W\^X, NX on, \d+ table pages (re)
\[    0.000000\] ACPI: RSDP \(v0[02] BOCHS \) root [RX]SDT at 0x[0-9A-F]{16} (re)
\[    0.000000\] ACPI: [RX]SDT 0x[0-9A-F]{16} [0-9A-F]{6} \(v01 BOCHS  BXPC .*\) (re)
\[    0.000000\] ACPI: APIC 0x[0-9A-F]{16} [0-9A-F]{6} \(v01 BOCHS  BXPC .*\) (re)
[    0.000000] ACPI: Using ACPI (MADT) for SMP configuration information
[    0.000000] ACPI: 1 CPUs (0 more ignored), 1 IOAPICs, 5 overrides, LAPIC at 0xfee00000
\[    0.000000\] pmm: \d+ MiB usable, \d+ pages free, \d+ reserved (re)
\[    0.000000\] ftrace: \d+ sites, 0 bad (re)
\[    0.000000\] sched: round-robin, 10 ms slices, 16 KiB stacks with guard pages (re)
\[ +\d+\.\d{6}\] initramfs: unpacked \d+ entries \(\d+ bytes\) (re)
\[ +\d+\.\d{6}\] initramfs: unpacked \d+ entries \(\d+ bytes\) (re)
\[ +\d+\.\d{6}\] tsc: Detected \d+\.\d{3} MHz processor (re)
\[ +\d+\.\d{6}\] smp: Bringing up secondary CPUs \.\.\. (re)
\[ +\d+\.\d{6}\] smp: Brought up 1 node, 1 CPU (re)
\[ +\d+\.\d{6}\] kelp: boot took \d+ us (re)
\[ +\d+\.\d{6}\] kelp: prompt \d+ us after kernel entry \(\d+ us idle\), entered at tsc \d+ (re)
kelp# cmdline
loglevel=4 module.sig_enforce=1
kelp# cat /proc/cmdline
loglevel=4 module.sig_enforce=1
