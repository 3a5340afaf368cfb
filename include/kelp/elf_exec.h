/*
 * Parsing of static ELF64 executables (kernel/lib/elf_exec.c): the checks
 * that stand between an untrusted file and a new address space. Pure code
 * over a buffer, so it runs on the host too (tests/fuzz/fuzz_elf_exec.c).
 * The loader (kernel/process/exec.c) maps what this accepts.
 */
#ifndef KELP_ELF_EXEC_H
#define KELP_ELF_EXEC_H

#include <kelp/types.h>

#define ELF_EXEC_MAX_SEGS 8
#define ELF_EXEC_MAX_SIZE (64UL << 20)	/* total memory of the loaded segments */
#define ELF_EXEC_DYN_BASE 0x400000UL	/* where an ET_DYN image with p_vaddr 0 goes */
#define ELF_EXEC_LOW 0x10000UL		/* nothing is mapped below (NULL stays unmapped) */
#define ELF_EXEC_HIGH 0x00007f0000000000UL	/* segments end below (the stack lives above) */

#define ELF_SEG_R 4
#define ELF_SEG_W 2
#define ELF_SEG_X 1

struct elf_exec_segment {
	u64 vaddr;		/* with the load bias applied */
	u64 memsz, filesz;
	u64 offset;		/* in the file */
	u32 flags;		/* ELF_SEG_R/W/X */
};

struct elf_exec_info {
	u64 entry;		/* with the load bias applied */
	u64 lo, hi;		/* page-rounded extent of all segments */
	unsigned int nseg;
	struct elf_exec_segment seg[ELF_EXEC_MAX_SEGS];
	u64 phdr;		/* where the program headers are loaded (auxv AT_PHDR), 0 if not */
	unsigned int phnum;	/* AT_PHNUM */
};

/*
 * Validates the executable in [data, data + len) and describes its PT_LOAD
 * segments: ELF64, little-endian, x86-64, ET_EXEC or ET_DYN without
 * PT_INTERP; program headers inside the file; every segment inside the
 * file, filesz <= memsz, vaddr and offset congruent modulo the page size,
 * inside [ELF_EXEC_LOW, ELF_EXEC_HIGH), ascending without sharing pages,
 * never writable and executable at once; the entry in an executable
 * segment. Returns 0 or -ENOEXEC (anything else wrong).
 */
int elf_exec_parse(const void *data, size_t len, struct elf_exec_info *out);

#endif /* KELP_ELF_EXEC_H */
