/*
 * reboot: reboot(2) with RB_AUTOBOOT (QEMU started with
 * -no-reboot exits instead). Returns only on failure.
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	reboot(RB_AUTOBOOT);
	dprintf(2, "reboot: %s\n", strerror(errno));
	return 1;
}
