/*
 * Host unit tests of kernel/lib/elf_exec.c: a minimal valid static
 * executable is accepted with its segments and entry, and each way of
 * breaking it (magic, class, machine, type, program headers out of the
 * file, PT_INTERP, W+X, overlapping or descending segments, segments past
 * the file or below ELF_EXEC_LOW, an entry outside the text) is -ENOEXEC.
 */
#include "unit.h"

#include <kelp/errno.h>
#include <kelp/elf_exec.h>
#include <kelp/string.h>

#include "../../kernel/lib/elf_exec.c"
#include "../../kernel/lib/string.c"

struct img {
	u8 ident[16];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	struct exec_phdr ph[3];
	u8 body[3 * 4096];
};

static void make(struct img *m)
{
	static const u8 id[16] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };

	memset(m, 0, sizeof(*m));
	memcpy(m->ident, id, sizeof(id));
	m->type = 2;
	m->machine = 62;
	m->version = 1;
	m->entry = 0x401000;
	m->phoff = offsetof(struct img, ph);
	m->ehsize = 64;
	m->phentsize = sizeof(struct exec_phdr);
	m->phnum = 2;
	m->ph[0] = (struct exec_phdr){ 1, ELF_SEG_R | ELF_SEG_X, 0x1000, 0x401000, 0x401000, 0x100, 0x100, 0x1000 };
	m->ph[1] = (struct exec_phdr){ 1, ELF_SEG_R | ELF_SEG_W, 0x2010, 0x402010, 0x402010, 0x10, 0x3000, 0x1000 };
}

static int parse(struct img *m, struct elf_exec_info *info)
{
	return elf_exec_parse(m, sizeof(*m), info);
}

static void test_valid(void **state)
{
	struct elf_exec_info info;
	struct img m;

	make(&m);
	assert_int_equal(parse(&m, &info), 0);
	assert_int_equal(info.nseg, 2);
	assert_true(info.entry == 0x401000);
	assert_true(info.lo == 0x401000);
	assert_true(info.hi == 0x406000);
	assert_true(info.seg[1].memsz == 0x3000 && info.seg[1].filesz == 0x10);
}

/* AT_PHDR: the program headers' address when a segment loads them, else 0. */
static void test_phdr_address(void **state)
{
	struct elf_exec_info info;
	struct img m;

	make(&m);
	assert_int_equal(parse(&m, &info), 0);
	assert_int_equal(info.phnum, 2);
	assert_true(info.phdr == 0);	/* the text starts at file offset 0x1000 */
	m.ph[0].offset = 0;
	m.ph[0].vaddr = m.ph[0].paddr = 0x400000;
	m.ph[0].filesz = m.ph[0].memsz = 0x1100;
	assert_int_equal(parse(&m, &info), 0);
	assert_true(info.phdr == 0x400000 + offsetof(struct img, ph));
}

static void test_dyn_gets_bias(void **state)
{
	struct elf_exec_info info;
	struct img m;

	make(&m);
	m.type = 3;
	m.entry = 0x1000;
	m.ph[0].vaddr = 0x1000;
	m.ph[1].vaddr = 0x2010;
	m.ph[0].vaddr -= 0x1000;
	m.ph[0].offset = 0;
	m.entry = 0x10;
	assert_int_equal(parse(&m, &info), 0);
	assert_true(info.entry == ELF_EXEC_DYN_BASE + 0x10);
}

#define BROKEN(name, change) static void name(void **state) { \
	struct elf_exec_info info; struct img m; make(&m); change; \
	assert_int_equal(parse(&m, &info), -ENOEXEC); }

BROKEN(test_bad_magic, m.ident[1] = 'X')
BROKEN(test_32bit, m.ident[4] = 1)
BROKEN(test_big_endian, m.ident[5] = 2)
BROKEN(test_not_x86_64, m.machine = 3)
BROKEN(test_relocatable, m.type = 1)
BROKEN(test_phentsize, m.phentsize = 32)
BROKEN(test_no_phdrs, m.phnum = 0)
BROKEN(test_phdrs_past_end, m.phoff = sizeof(m) - 60)
BROKEN(test_interp, m.ph[1].type = 3)
BROKEN(test_wx, m.ph[1].flags = ELF_SEG_W | ELF_SEG_X)
BROKEN(test_descending, m.ph[1].vaddr = 0x400010)
BROKEN(test_shared_page, m.ph[1].vaddr = 0x401110; m.ph[1].offset = 0x1110)
BROKEN(test_filesz_past_file, m.ph[1].filesz = sizeof(m))
BROKEN(test_filesz_over_memsz, m.ph[0].filesz = 0x200)
BROKEN(test_misaligned, m.ph[1].offset = 0x2018)
BROKEN(test_below_low, m.ph[0].vaddr = 0x1000; m.entry = 0x1000)
BROKEN(test_huge, m.ph[1].memsz = 1UL << 40)
BROKEN(test_wraps, m.ph[1].memsz = ~0UL - 0x1000)
BROKEN(test_entry_in_data, m.entry = 0x402010)
BROKEN(test_no_load, m.ph[0].type = 6; m.ph[1].type = 6)

static void test_truncated_everywhere(void **state)
{
	struct elf_exec_info info;
	struct img m;

	make(&m);
	for (size_t len = 0; len < 0x1100; len += 7)
		assert_int_equal(elf_exec_parse(&m, len, &info), -ENOEXEC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_phdr_address),
		cmocka_unit_test(test_dyn_gets_bias),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_32bit),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_not_x86_64),
		cmocka_unit_test(test_relocatable),
		cmocka_unit_test(test_phentsize),
		cmocka_unit_test(test_no_phdrs),
		cmocka_unit_test(test_phdrs_past_end),
		cmocka_unit_test(test_interp),
		cmocka_unit_test(test_wx),
		cmocka_unit_test(test_descending),
		cmocka_unit_test(test_shared_page),
		cmocka_unit_test(test_filesz_past_file),
		cmocka_unit_test(test_filesz_over_memsz),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_below_low),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_wraps),
		cmocka_unit_test(test_entry_in_data),
		cmocka_unit_test(test_no_load),
		cmocka_unit_test(test_truncated_everywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
