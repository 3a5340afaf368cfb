/*
 * libFuzzer target for the initramfs path: any archive is unpacked into a
 * fresh ramfs root or refused; nothing is read out of bounds and, once the
 * tree is emptied again, every allocation has been given back.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "host_vfs.h"
#include "../../kernel/fs/cpio.c"
#include "../../kernel/fs/initramfs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vfs_init();
	initramfs_unpack(data, size);
	host_vfs_teardown();
	if (host_live_allocs() != 0)
		__builtin_trap();
	return 0;
}
