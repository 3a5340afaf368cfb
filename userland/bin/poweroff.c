/*
 * poweroff: reboot(2) with LINUX_REBOOT_CMD_POWER_OFF; under QEMU that
 * ends the emulator (ACPI soft-off, else isa-debug-exit). Returns only on
 * failure.
 */
#include <libc.h>

int main(int argc, char **argv)
{
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	dprintf(2, "poweroff: %s\n", strerror(-errno));
	return 1;
}
