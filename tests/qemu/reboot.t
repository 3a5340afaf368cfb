# reboot: the reboot program calls reboot(2) with LINUX_REBOOT_CMD_RESTART;
# the kernel says so as Linux does and resets the machine (QEMU, started
# with -no-reboot, exits with 0). Bad magic numbers are refused (badcalls).
#! exit: 0
kelp# reboot
\[ *\d+\.\d+\] reboot: Restarting system (re)
