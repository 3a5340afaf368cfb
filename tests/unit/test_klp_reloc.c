/*
 * Host tests of livepatch's .klp.rela code (livepatch/reloc.c) on the
 * modules tools/klp-convert.py produced: livepatch-module.ko's section for
 * livepatch_sample_mod is applied with the symbol's address, cleared to
 * zeroes, applied again; a section for another object is left alone;
 * test_klp_reloc_bad.ko's malformed symbol name is refused with Linux's
 * message and nothing stays written. The name parsers on edge cases.
 * kallsyms is a fake with one module symbol; text_poke is memcpy.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "../../kernel/lib/kstrto.c"
#include "host_kernel.h"

static char logbuf[8192];

int test_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int test_printk(const char *fmt, ...)
{
	size_t l = host_strlen(logbuf);
	va_list ap;
	int n;

	if (fmt[0] == '\001')
		fmt += 2;
	va_start(ap, fmt);
	n = kelp_vsnprintf(logbuf + l, sizeof(logbuf) - l, fmt, ap);
	va_end(ap);
	return n;
}
#define printk test_printk
#include "../../kernel/module/elf.c"
#undef pr_fmt
#include "../../livepatch/reloc.c"

#define BASE 0xffffffffa0000000ULL
#define CALLS_ADDR 0xffffffffa0100040ULL

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

/* The fake kallsyms: livepatch_sample_mod has `calls`, nothing else exists. */
int klp_find_object_symbol(const char *objname, const char *name, unsigned long sympos,
			   unsigned long *addr)
{
	*addr = 0;
	if (objname && !kelp_strcmp(objname, "livepatch_sample_mod") &&
	    !kelp_strcmp(name, "calls") && sympos <= 1) {
		*addr = CALLS_ADDR;
		return 0;
	}
	pr_err("symbol '%s' not found in symbol table\n", name);
	return -EINVAL;
}

void *text_poke(void *addr, const void *opcode, size_t len)
{
	return kelp_memcpy(addr, opcode, len);
}

static int any_resolve(const char *name, u64 *addr, void *arg)
{
	*addr = 0xffffffff81000000ULL;
	return 0;
}

/* A loaded patch module as livepatch sees it: its struct module and kept ELF data. */
struct loaded {
	void *img;
	u8 *mem;
	struct elf_info info;
	struct klp_modinfo ki;
	struct module mod;
	struct klp_patch patch;
};

static void load(struct loaded *l, const char *path, const char *name)
{
	size_t len;

	kelp_memset(l, 0, sizeof(*l));
	l->img = unit_read_file(path, &len);
	assert_non_null(l->img);
	assert_int_equal(elf_validate(&l->info, l->img, len, sizeof(struct module), "t"), 0);
	assert_int_equal(elf_layout(&l->info), 0);
	l->mem = calloc(1, l->info.total_size);
	elf_copy(&l->info, l->mem, BASE);
	l->info.dest = l->mem;
	assert_int_equal(elf_resolve(&l->info, any_resolve, NULL, "t"), 0);
	assert_int_equal(elf_relocate(&l->info, "t"), 0);
	l->ki.elf = &l->info;
	l->mod.klp_info = &l->ki;
	kelp_strlcpy(l->mod.name, name, sizeof(l->mod.name));
	l->patch.mod = &l->mod;
}

static void unload(struct loaded *l)
{
	elf_info_free(&l->info);
	free(l->mem);
	free(l->img);
}

/* The 32-bit values at every location of section relsec. */
static bool all_zero(struct elf_info *info, unsigned int relsec)
{
	const Elf64_Shdr *s = &info->sechdrs[relsec];
	const Elf64_Rela *r = (const Elf64_Rela *)(info->image + s->sh_offset);

	for (size_t k = 0; k < s->sh_size / sizeof(*r); k++) {
		u32 v;

		kelp_memcpy(&v, info->dest + info->sec_off[s->sh_info] + r[k].r_offset, 4);
		if (v)
			return false;
	}
	return true;
}

static void test_apply_clear_apply(void **state)
{
	struct klp_object obj = { .name = "livepatch_sample_mod" }, vmlinux = { 0 };
	struct loaded l;
	unsigned int sec;

	load(&l, "build/modules/livepatch-module.ko", "livepatch_module");
	sec = elf_find_section(&l.info, ".klp.rela.livepatch_sample_mod.text");
	assert_true(sec != 0);
	assert_true(all_zero(&l.info, sec));
	assert_int_equal(klp_apply_object_relocs(&l.patch, &vmlinux), 0);	/* none for vmlinux */
	assert_true(all_zero(&l.info, sec));
	logbuf[0] = 0;
	assert_int_equal(klp_apply_object_relocs(&l.patch, &obj), 0);
	assert_false(all_zero(&l.info, sec));
	assert_string_equal(logbuf, "");
	/* applied twice without a clear: the loader's "nonzero" refusal, and undone */
	assert_int_equal(klp_apply_object_relocs(&l.patch, &obj), -ENOEXEC);
	assert_true(all_zero(&l.info, sec));
	assert_int_equal(klp_apply_object_relocs(&l.patch, &obj), 0);
	klp_clear_object_relocs(&l.patch, &obj);
	assert_true(all_zero(&l.info, sec));
	assert_int_equal(klp_apply_object_relocs(&l.patch, &obj), 0);
	unload(&l);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_malformed_symbol(void **state)
{
	struct klp_object vmlinux = { 0 };
	struct loaded l;
	unsigned int sec;

	load(&l, "build/modules/test_klp_reloc_bad.ko", "test_klp_reloc_bad");
	sec = elf_find_section(&l.info, ".klp.rela.vmlinux.text");
	assert_true(sec != 0);
	logbuf[0] = 0;
	assert_int_equal(klp_apply_object_relocs(&l.patch, &vmlinux), -EINVAL);
	assert_non_null(kelp_strstr(logbuf,
		"symbol .klp.sym.vmlinux.saved_command_line has an incorrectly formatted name"));
	assert_true(all_zero(&l.info, sec));
	unload(&l);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_unknown_symbol(void **state)
{
	struct klp_object vmlinux = { 0 };
	struct loaded l;

	load(&l, "build/modules/test_klp_reloc_unknown.ko", "test_klp_reloc_unknown");
	logbuf[0] = 0;
	assert_int_equal(klp_apply_object_relocs(&l.patch, &vmlinux), -EINVAL);
	assert_non_null(kelp_strstr(logbuf, "symbol 'klp_no_such_symbol' not found"));
	unload(&l);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_name_parsers(void **state)
{
	char obj[MODULE_NAME_LEN], name[KLP_SYM_NAME_LEN];
	char longobj[80] = ".klp.sym.";
	unsigned long pos;

	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo,0", obj, name, &pos), 0);
	assert_string_equal(obj, "vmlinux");
	assert_string_equal(name, "foo");
	assert_int_equal(pos, 0);
	assert_int_equal(klp_sym_parse(".klp.sym.m.foo.constprop.0,12", obj, name, &pos), 0);
	assert_string_equal(obj, "m");
	assert_string_equal(name, "foo.constprop.0");
	assert_int_equal(pos, 12);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym..foo,0", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.,0", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo,", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo,x", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo,-1", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse("foo,0", obj, name, &pos), -EINVAL);
	assert_int_equal(klp_sym_parse(".klp.sym.vmlinux.foo,99999999999999999999999", obj, name,
				       &pos), -EINVAL);
	for (int i = 0; i < 56; i++)
		kelp_strlcat(longobj, "o", sizeof(longobj));
	kelp_strlcat(longobj, ".foo,0", sizeof(longobj));
	assert_int_equal(klp_sym_parse(longobj, obj, name, &pos), -EINVAL);

	assert_int_equal(klp_rela_objname(".klp.rela.vmlinux.text", obj, false), 0);
	assert_string_equal(obj, "vmlinux");
	assert_int_equal(klp_rela_objname(".klp.rela.m.text.unlikely", obj, false), 0);
	assert_string_equal(obj, "m");
	assert_int_equal(klp_rela_objname(".klp.rela.vmlinux", obj, false), -EINVAL);
	assert_int_equal(klp_rela_objname(".klp.rela.vmlinux.", obj, false), -EINVAL);
	assert_int_equal(klp_rela_objname(".klp.rela..text", obj, false), -EINVAL);
	assert_int_equal(klp_rela_objname(".rela.text", obj, false), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_clear_apply),
		cmocka_unit_test(test_malformed_symbol),
		cmocka_unit_test(test_unknown_symbol),
		cmocka_unit_test(test_name_parsers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
