/*
 * reboot: reboot(2) with LINUX_REBOOT_CMD_RESTART (QEMU started with
 * -no-reboot exits instead). Returns only on failure.
 */
#include <libc.h>

int main(int argc, char **argv)
{
	reboot(LINUX_REBOOT_CMD_RESTART);
	dprintf(2, "reboot: %s\n", strerror(-errno));
	return 1;
}
