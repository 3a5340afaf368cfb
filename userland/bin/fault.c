/*
 * fault KIND: misbehaves on purpose in user mode, to show that only the
 * process dies: null (read address 0), priv (hlt: a privileged
 * instruction, #GP), ud (ud2), de (divide by zero), kaddr (passes a kernel
 * address to write: -EFAULT, reported), stack (jumps to a kernel address).
 */
#include <kelp.h>

int main(int argc, char **argv)
{
	const char *k = argc > 1 ? argv[1] : "";

	if (!strcmp(k, "null")) {
		printf("%d\n", *(volatile int *)0);
	} else if (!strcmp(k, "priv")) {
		__asm__ __volatile__("hlt");
	} else if (!strcmp(k, "ud")) {
		__asm__ __volatile__("ud2");
	} else if (!strcmp(k, "de")) {
		volatile int zero = 0;

		printf("%d\n", 100 / zero);
	} else if (!strcmp(k, "kaddr")) {
		ssize_t n = write(1, (const void *)0xffffffff80100000UL, 16);

		printf("write(1, 0xffffffff80100000, 16) = %ld (%s)\n", (long)n,
		       n < 0 ? strerror(errno) : "no error");
		return n < 0 ? 0 : 1;
	} else if (!strcmp(k, "kjump")) {
		((void (*)(void))0xffffffff80100000UL)();
	} else {
		dprintf(2, "usage: fault null|priv|ud|de|kaddr|kjump\n");
		return 1;
	}
	return 0;
}
