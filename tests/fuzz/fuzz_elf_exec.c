/*
 * libFuzzer target for the ELF executable parser (kernel/lib/elf_exec.c):
 * any bytes are accepted or refused with -ENOEXEC, nothing is read out of
 * bounds, and what is accepted satisfies the loader's assumptions
 * (segments inside the file and the user range, ascending, W^X, the entry
 * in an executable segment).
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include <kelp/elf_exec.h>
#include <kelp/errno.h>
#include "../../kernel/lib/elf_exec.c"
#include "../../kernel/lib/string.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_exec_info info;
	int err = elf_exec_parse(data, size, &info);

	if (err && err != -ENOEXEC)
		__builtin_trap();
	if (err)
		return 0;
	if (!info.nseg || info.nseg > ELF_EXEC_MAX_SEGS || info.hi - info.lo > ELF_EXEC_MAX_SIZE)
		__builtin_trap();
	for (unsigned int i = 0; i < info.nseg; i++) {
		const struct elf_exec_segment *s = &info.seg[i];

		if (s->offset + s->filesz > size || s->filesz > s->memsz)
			__builtin_trap();
		if (s->vaddr < ELF_EXEC_LOW || s->vaddr + s->memsz > ELF_EXEC_HIGH)
			__builtin_trap();
		if ((s->flags & ELF_SEG_W) && (s->flags & ELF_SEG_X))
			__builtin_trap();
		if (i && (s->vaddr & ~4095UL) < info.seg[i - 1].vaddr + info.seg[i - 1].memsz)
			__builtin_trap();
	}
	return 0;
}
