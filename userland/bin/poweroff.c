/*
 * poweroff: reboot(2) with RB_POWER_OFF; under QEMU that
 * ends the emulator (ACPI soft-off, else isa-debug-exit). Returns only on
 * failure.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	reboot(RB_POWER_OFF);
	dprintf(2, "poweroff: %s\n", strerror(errno));
	return 1;
}
