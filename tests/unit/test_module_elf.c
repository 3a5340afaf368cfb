/*
 * Host tests of the module loader core (kernel/module/elf.c): real .ko
 * files from `make modules` are validated, laid out, resolved and
 * relocated at a module-area address; hand-made objects exercise every
 * relocation type, each overflow, and each refusal with its message; every
 * truncation and single-bit flip of a real module is refused or loaded
 * without touching memory out of bounds (ASan) and without leaks. The
 * files are the unsigned links (NAME.ko.unsigned): the ELF checks see a
 * module after its signature is stripped (docs/signing.md).
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"

static char logbuf[8192];

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}


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
#include <kelp/module.h>

#define BASE 0xffffffffa0000000ULL
#define KSYM(i) (0xffffffff81000000ULL + (i) * 0x40)

/* ---- resolution callback: a fake kernel with a few exports ---- */

static const char *const kernel_syms[] = {
	"printk", "kmalloc", "kfree", "memcpy", "param_ops_bool", "param_ops_int",
	"param_ops_uint", "param_ops_charp", "kstrtoint", NULL,
};
static int resolve_calls;

static int fake_resolve(const char *name, u64 *addr, void *arg)
{
	resolve_calls++;
	for (int i = 0; kernel_syms[i]; i++) {
		if (!host_strcmp(kernel_syms[i], name)) {
			*addr = KSYM(i);
			return 0;
		}
	}
	return -ENOENT;
}

/* Runs the whole pipeline on an image; returns the first error. */
static int load_image(const void *img, size_t len, size_t tm_size, u8 **out_mem,
		      struct elf_info *info)
{
	u8 *mem = NULL;
	int err;

	logbuf[0] = 0;
	err = elf_validate(info, img, len, tm_size, "t");
	if (!err)
		err = elf_layout(info);
	if (!err) {
		mem = calloc(1, info->total_size ? info->total_size : 1);
		elf_copy(info, mem, BASE);
		err = elf_resolve(info, fake_resolve, NULL, "t");
	}
	if (!err)
		err = elf_relocate(info, "t");
	if (out_mem && !err)
		*out_mem = mem;
	else
		free(mem);
	return err;
}

static void test_real_module(void **state)
{
	size_t len;
	void *img = unit_read_file("build/modules/hello.ko.unsigned", &len);
	struct elf_info info;
	struct module *mod;
	u8 *mem = NULL;
	unsigned int tm;

	assert_non_null(img);
	assert_int_equal(load_image(img, len, sizeof(struct module), &mem, &info), 0);
	assert_true(info.nrelocs > 0);
	assert_int_equal(info.region_off[ELF_REGION_TEXT], 0);
	assert_true(info.total_size % PAGE_SIZE == 0);
	assert_string_equal(elf_modinfo_get(&info, "name"), "hello");
	assert_string_equal(elf_modinfo_get(&info, "license"), "GPL");
	assert_string_equal(elf_modinfo_get(&info, "vermagic"), MODULE_VERMAGIC);
	assert_null(elf_modinfo_get(&info, "nokey"));
	/* exact "key=value" tags, as the namespace check (import_ns=) needs */
	assert_true(elf_modinfo_has(&info, "name", "hello"));
	assert_true(elf_modinfo_has(&info, "license", "GPL"));
	assert_false(elf_modinfo_has(&info, "name", "hell"));
	assert_false(elf_modinfo_has(&info, "nam", "hello"));
	assert_false(elf_modinfo_has(&info, "import_ns", "EXPORTED_FOR_KTEST"));
	tm = info.this_module_idx;
	mod = elf_section_dest(&info, tm);
	assert_string_equal(mod->name, "hello");
	/* init points into the module's text region */
	assert_true((u64)mod->init >= BASE && (u64)mod->init < BASE + info.region_size[0]);
	assert_true((u64)mod->exit >= BASE && (u64)mod->exit < BASE + info.region_size[0]);
	assert_true(elf_section_addr(&info, tm) >= BASE + info.region_off[ELF_REGION_RW]);
	/* __param's ops point at the fake kernel's param_ops_* */
	{
		struct kernel_param *kp = elf_section_dest(&info, elf_find_section(&info, "__param"));

		assert_non_null(kp);
		assert_true((u64)kp->ops >= KSYM(4) && (u64)kp->ops <= KSYM(7));
		assert_true((u64)kp->mod == elf_section_addr(&info, tm));
	}
	elf_info_free(&info);
	free(mem);
	free(img);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_unknown_symbol(void **state)
{
	size_t len;
	void *img = unit_read_file("build/modules/mod_unknown.ko.unsigned", &len);
	struct elf_info info;

	assert_non_null(img);
	assert_int_equal(load_image(img, len, sizeof(struct module), NULL, &info), -ENOENT);
	assert_non_null(kelp_strstr(logbuf, "t: Unknown symbol kelp_no_such_function (err -2)"));
	elf_info_free(&info);
	free(img);
	assert_int_equal(host_live_allocs(), 0);
}

/* Each symbol is resolved once, whatever the number of relocations. */
static void test_linear_resolution(void **state)
{
	size_t len;
	void *img = unit_read_file("build/modules/bench_reloc_10k.ko.unsigned", &len);
	struct elf_info info;

	assert_non_null(img);
	resolve_calls = 0;
	assert_int_equal(load_image(img, len, sizeof(struct module), NULL, &info), 0);
	assert_true(info.nrelocs >= 10000);
	assert_true(resolve_calls < 20);
	elf_info_free(&info);
	free(img);
}

static void test_truncations_and_flips(void **state)
{
	size_t len, step;
	u8 *img = unit_read_file("build/modules/mod_export.ko.unsigned", &len);
	u8 *copy = aligned_alloc(8, (len + 7) & ~7UL);
	struct elf_info info;

	assert_non_null(img);
	for (size_t l = 0; l < len; l += (l < 4096 ? 1 : 97)) {
		kelp_memcpy(copy, img, l);
		assert_int_not_equal(load_image(copy, l, sizeof(struct module), NULL, &info), 0);
		elf_info_free(&info);
	}
	step = len / 3000 + 1;
	for (size_t bit = 0; bit < len * 8; bit += 8 * step + 3) {
		kelp_memcpy(copy, img, len);
		copy[bit / 8] ^= 1 << (bit % 8);
		(void)load_image(copy, len, sizeof(struct module), NULL, &info);
		elf_info_free(&info);
	}
	free(copy);
	free(img);
	assert_int_equal(host_live_allocs(), 0);
}

/* ---- hand-made objects ---- */

enum { S_NULL, S_TEXT, S_RELA, S_DATA, S_SYMTAB, S_STRTAB, S_SHSTRTAB, S_KLPRELA, NSEC };

struct obj {
	u8 buf[4096] __attribute__((aligned(8)));
	size_t len;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
	Elf64_Sym *sym;
	Elf64_Rela *rela;
	unsigned int nrela;
};

static const char shstr[] = "\0.text\0.rela.text\0.data\0.symtab\0.strtab\0.shstrtab\0.klp.rela.vmlinux.text";
/* symbols: 1 local_fn (.text+8), 2 printk (undef), 3 missing (undef weak), 4 .klp.sym (livepatch), 5 abs */
static const char strs[] = "\0local_fn\0printk\0missing\0.klp.sym.vmlinux.foo,0\0abs";

static unsigned int shname(const char *n)
{
	for (unsigned int i = 0; i < sizeof(shstr); i += host_strlen(shstr + i) + 1)
		if (!host_strcmp(shstr + i, n))
			return i;
	abort();
}

static unsigned int strname(const char *n)
{
	for (unsigned int i = 0; i < sizeof(strs); i += host_strlen(strs + i) + 1)
		if (!host_strcmp(strs + i, n))
			return i;
	abort();
}

static void put_section(struct obj *o, int i, const char *name, u32 type, u64 flags,
			const void *data, size_t size, u32 link, u32 info, u64 align, u64 entsize)
{
	Elf64_Shdr *s = &o->sh[i];

	o->len = (o->len + 7) & ~7UL;
	s->sh_name = shname(name);
	s->sh_type = type;
	s->sh_flags = flags;
	s->sh_offset = o->len;
	s->sh_size = size;
	s->sh_link = link;
	s->sh_info = info;
	s->sh_addralign = align;
	s->sh_entsize = entsize;
	if (data && type != SHT_NOBITS)
		kelp_memcpy(o->buf + o->len, data, size);
	if (type != SHT_NOBITS)
		o->len += size;
}

/* An object with one relocation of type at .text+off against symbol symi + addend. */
static void build(struct obj *o, u32 type, u64 off, u32 symi, s64 addend)
{
	static const u8 text[32];
	static const u8 data[16];
	Elf64_Sym syms[6] = { { 0 } };
	Elf64_Rela rela[2] = { { 0 } };

	kelp_memset(o, 0, sizeof(*o));
	o->eh = (Elf64_Ehdr *)o->buf;
	kelp_memcpy(o->eh->e_ident, ELFMAG, 4);
	o->eh->e_ident[EI_CLASS] = ELFCLASS64;
	o->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	o->eh->e_ident[EI_VERSION] = EV_CURRENT;
	o->eh->e_type = ET_REL;
	o->eh->e_machine = EM_X86_64;
	o->eh->e_version = 1;
	o->eh->e_ehsize = sizeof(Elf64_Ehdr);
	o->eh->e_shentsize = sizeof(Elf64_Shdr);
	o->eh->e_shnum = NSEC;
	o->eh->e_shstrndx = S_SHSTRTAB;
	o->eh->e_shoff = 64;
	o->sh = (Elf64_Shdr *)(o->buf + 64);
	o->len = 64 + NSEC * sizeof(Elf64_Shdr);
	syms[1] = (Elf64_Sym){ strname("local_fn"), ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), 0, S_TEXT, 8, 4 };
	syms[2] = (Elf64_Sym){ strname("printk"), ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0, SHN_UNDEF, 0, 0 };
	syms[3] = (Elf64_Sym){ strname("missing"), ELF64_ST_INFO(STB_WEAK, STT_NOTYPE), 0, SHN_UNDEF, 0, 0 };
	syms[4] = (Elf64_Sym){ strname(".klp.sym.vmlinux.foo,0"), ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), 0, SHN_LIVEPATCH, 0, 0 };
	syms[5] = (Elf64_Sym){ strname("abs"), ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0, SHN_ABS, 0x1234, 0 };
	rela[0] = (Elf64_Rela){ off, ELF64_R_INFO(symi, type), addend };
	rela[1] = (Elf64_Rela){ 0, ELF64_R_INFO(4, R_X86_64_PC32), -4 };	/* livepatch's */
	put_section(o, S_TEXT, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, text, sizeof(text), 0, 0, 16, 0);
	put_section(o, S_RELA, ".rela.text", SHT_RELA, SHF_INFO_LINK, rela, sizeof(rela[0]), S_SYMTAB, S_TEXT, 8, sizeof(Elf64_Rela));
	put_section(o, S_DATA, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, data, sizeof(data), 0, 0, 8, 0);
	put_section(o, S_SYMTAB, ".symtab", SHT_SYMTAB, 0, syms, sizeof(syms), S_STRTAB, 1, 8, sizeof(Elf64_Sym));
	put_section(o, S_STRTAB, ".strtab", SHT_STRTAB, 0, strs, sizeof(strs), 0, 0, 1, 0);
	put_section(o, S_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0, shstr, sizeof(shstr), 0, 0, 1, 0);
	put_section(o, S_KLPRELA, ".klp.rela.vmlinux.text", SHT_RELA, SHF_RELA_LIVEPATCH | SHF_INFO_LINK | SHF_ALLOC,
		    &rela[1], sizeof(rela[1]), S_SYMTAB, S_TEXT, 8, sizeof(Elf64_Rela));
	o->sym = (Elf64_Sym *)(o->buf + o->sh[S_SYMTAB].sh_offset);
	o->rela = (Elf64_Rela *)(o->buf + o->sh[S_RELA].sh_offset);
}

static int run(struct obj *o, u64 *out, unsigned int width)
{
	struct elf_info info;
	u8 *mem = NULL;
	int err = load_image(o->buf, o->len, 0, &mem, &info);

	if (!err && out) {
		*out = 0;
		kelp_memcpy(out, mem + o->rela->r_offset, width);
	}
	elf_info_free(&info);
	free(mem);
	return err;
}

static void test_relocation_types(void **state)
{
	struct obj o;
	u64 v;

	build(&o, R_X86_64_64, 0, 2, 5);
	assert_int_equal(run(&o, &v, 8), 0);
	assert_int_equal(v, KSYM(0) + 5);
	build(&o, R_X86_64_PC64, 0, 1, 0);
	assert_int_equal(run(&o, &v, 8), 0);
	assert_int_equal(v, 8);				/* local_fn - P */
	build(&o, R_X86_64_PC32, 4, 2, -4);
	assert_int_equal(run(&o, &v, 4), 0);
	assert_int_equal((s32)v, (s64)(KSYM(0) - 4 - (BASE + 4)));
	build(&o, R_X86_64_PLT32, 4, 1, -4);
	assert_int_equal(run(&o, &v, 4), 0);
	assert_int_equal((s32)v, 0);			/* local_fn(8) - 4 - (base+4) */
	build(&o, R_X86_64_32S, 0, 2, 0);
	assert_int_equal(run(&o, &v, 4), 0);
	assert_int_equal((u32)v, (u32)KSYM(0));
	build(&o, R_X86_64_32, 0, 5, 0);		/* abs 0x1234 */
	assert_int_equal(run(&o, &v, 4), 0);
	assert_int_equal(v, 0x1234);
	build(&o, R_X86_64_64, 0, 3, 0);		/* weak undefined: 0 */
	assert_int_equal(run(&o, &v, 8), 0);
	assert_int_equal(v, 0);
	build(&o, R_X86_64_NONE, 0, 2, 0);
	assert_int_equal(run(&o, &v, 8), 0);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_relocation_refusals(void **state)
{
	struct obj o;

	build(&o, R_X86_64_32, 0, 2, 0);		/* kernel address in 32 bits */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	assert_non_null(kelp_strstr(logbuf, "overflow in relocation type 10"));
	build(&o, R_X86_64_32S, 0, 5, 0x80000000LL);	/* abs + 2 GiB */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, R_X86_64_PC32, 0, 5, 0x100000000LL);	/* 4 GiB away from the module area */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, 37, 0, 2, 0);				/* R_X86_64_GOTPC32_TLSDESC */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	assert_non_null(kelp_strstr(logbuf, "t: Unknown rela relocation: 37"));
	build(&o, R_X86_64_64, 25, 2, 0);		/* 25 + 8 > 32 */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, R_X86_64_64, ~0ULL - 3, 2, 0);	/* offset wraps */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, R_X86_64_64, 0, 6, 0);		/* symbol index out of range */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, R_X86_64_64, 0, 4, 0);		/* .klp.sym from a normal rela */
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	build(&o, R_X86_64_64, 0, 2, 0);		/* target not zero */
	o.buf[o.sh[S_TEXT].sh_offset] = 0xe8;
	assert_int_equal(run(&o, NULL, 0), -ENOEXEC);
	assert_non_null(kelp_strstr(logbuf, "existing value is nonzero"));
	assert_int_equal(host_live_allocs(), 0);
}

/* Each header/table defect: -ENOEXEC and the expected message. */
static void expect_invalid(struct obj *o, const char *msg)
{
	assert_int_equal(run(o, NULL, 0), -ENOEXEC);
	if (!kelp_strstr(logbuf, msg))
		fail_msg("expected '%s', got '%s'", msg, logbuf);
}

static void test_validation(void **state)
{
	struct obj o;

	build(&o, R_X86_64_64, 0, 2, 0);
	assert_int_equal(run(&o, NULL, 0), 0);
	build(&o, R_X86_64_64, 0, 2, 0); o.len = 10;
	expect_invalid(&o, "Invalid ELF header len 10");
	build(&o, R_X86_64_64, 0, 2, 0); o.buf[1] = 'X';
	expect_invalid(&o, "Invalid ELF header magic");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_type = 2;
	expect_invalid(&o, "Invalid ELF header type: 2 != 1");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_machine = 3;
	expect_invalid(&o, "Invalid architecture in ELF header: 3");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_ident[EI_CLASS] = 1;
	expect_invalid(&o, "Invalid module architecture");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_shentsize = 32;
	expect_invalid(&o, "Invalid ELF section header size");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_shoff = o.len - 8;
	expect_invalid(&o, "Invalid ELF section header overflow");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[0].sh_size = 1;
	expect_invalid(&o, "section 0 type(0)!=SH_NULL");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_DATA].sh_size = 1 << 20;
	expect_invalid(&o, "Invalid ELF section in module (section 3 type 1)");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_DATA].sh_addralign = 3;
	expect_invalid(&o, "Invalid ELF section alignment");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_DATA].sh_flags |= SHF_EXECINSTR;
	expect_invalid(&o, "writable and executable");
	build(&o, R_X86_64_64, 0, 2, 0); o.eh->e_shstrndx = NSEC;
	expect_invalid(&o, "Invalid ELF section name index");
	build(&o, R_X86_64_64, 0, 2, 0); o.buf[o.sh[S_SHSTRTAB].sh_offset + sizeof(shstr) - 1] = 'x';
	expect_invalid(&o, "section name table isn't null terminated");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_DATA].sh_name = 4000;
	expect_invalid(&o, "Invalid ELF section name in module (section 3 type 1)");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_SYMTAB].sh_type = SHT_PROGBITS;
	expect_invalid(&o, "module has no symbols (stripped?)");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_SYMTAB].sh_entsize = 23;
	expect_invalid(&o, "invalid symbol table");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_SYMTAB].sh_link = 0;
	expect_invalid(&o, "Invalid ELF sh_link");
	build(&o, R_X86_64_64, 0, 2, 0); o.buf[o.sh[S_STRTAB].sh_offset] = 'x';
	expect_invalid(&o, "symbol string table missing leading NUL");
	build(&o, R_X86_64_64, 0, 2, 0); o.buf[o.sh[S_STRTAB].sh_offset + sizeof(strs) - 1] = 'x';
	expect_invalid(&o, "symbol string table isn't NUL terminated");
	build(&o, R_X86_64_64, 0, 2, 0); o.sym[2].st_name = 5000;
	expect_invalid(&o, "symbol name out of bounds in string table");
	build(&o, R_X86_64_64, 0, 2, 0); o.sym[2].st_shndx = SHN_COMMON;
	expect_invalid(&o, "please compile with -fno-common");
	build(&o, R_X86_64_64, 0, 2, 0); o.sym[1].st_value = 33;
	expect_invalid(&o, "symbol local_fn has an invalid section 1 or value 0x21");
	build(&o, R_X86_64_64, 0, 2, 0); o.sym[1].st_shndx = 40;
	expect_invalid(&o, "invalid section 40");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_RELA].sh_info = NSEC;
	expect_invalid(&o, "invalid relocation section .rela.text");
	build(&o, R_X86_64_64, 0, 2, 0); o.sh[S_RELA].sh_type = SHT_REL;
	expect_invalid(&o, "Unsupported ELF section type (section 2 type 9)");
	build(&o, R_X86_64_64, 0, 2, 0);
	assert_int_equal(elf_validate(&(struct elf_info){ 0 }, o.buf, o.len, 64, "t"), -ENOEXEC);
	assert_non_null(kelp_strstr(logbuf, "Exactly one .gnu.linkonce.this_module section must exist"));
	assert_int_equal(host_live_allocs(), 0);
}

static int writes;

static void counting_write(void *dst, const void *src, size_t len)
{
	writes++;
	kelp_memcpy(dst, src, len);
}

/* A .klp.rela section: skipped at load, applied later once livepatch set its symbol. */
static void test_klp_rela_section(void **state)
{
	struct elf_info info;
	struct obj o;
	u8 *mem = NULL;
	s32 v;

	build(&o, R_X86_64_64, 8, 2, 0);		/* the ordinary rela at .text+8 */
	assert_int_equal(load_image(o.buf, o.len, 0, &mem, &info), 0);
	kelp_memcpy(&v, mem, 4);
	assert_int_equal(v, 0);				/* .klp.rela not applied */
	info.symval[4] = KSYM(3);			/* klp_resolve_symbols' job */
	writes = 0;
	assert_int_equal(elf_relocate_section(&info, S_KLPRELA, counting_write, "t"), 0);
	assert_int_equal(writes, 1);
	kelp_memcpy(&v, mem, 4);
	assert_int_equal(v, (s64)(KSYM(3) - 4 - BASE));
	/* applied twice: the location is no longer zero */
	assert_int_equal(elf_relocate_section(&info, S_KLPRELA, counting_write, "t"), -ENOEXEC);
	/* cleared (a module object went), it can be applied again */
	writes = 0;
	assert_int_equal(elf_clear_section(&info, S_KLPRELA, counting_write), 0);
	assert_int_equal(writes, 1);
	kelp_memcpy(&v, mem, 4);
	assert_int_equal(v, 0);
	assert_int_equal(elf_relocate_section(&info, S_KLPRELA, NULL, "t"), 0);
	kelp_memcpy(&v, mem, 4);
	assert_int_equal(v, (s64)(KSYM(3) - 4 - BASE));
	assert_int_equal(elf_clear_section(&info, S_DATA, NULL), -ENOEXEC);
	assert_int_equal(elf_relocate_section(&info, S_DATA, NULL, "t"), -ENOEXEC);
	elf_info_free(&info);
	free(mem);
	assert_int_equal(host_live_allocs(), 0);
}

/*
 * Regression: a .klp.rela relocation whose location another relocation
 * already wrote is refused ("existing value is nonzero"), and the clear
 * that undoes the failed apply must not zero that other value (it did:
 * the patch module's own code lost its printk address).
 */
static void test_klp_clear_keeps_overlapped_reloc(void **state)
{
	struct elf_info info;
	struct obj o;
	u8 *mem = NULL;
	u64 v;

	build(&o, R_X86_64_64, 0, 2, 0);		/* the ordinary rela at .text+0: printk */
	assert_int_equal(load_image(o.buf, o.len, 0, &mem, &info), 0);
	kelp_memcpy(&v, mem, 8);
	assert_int_equal(v, KSYM(0));
	info.symval[4] = KSYM(3);
	logbuf[0] = 0;
	assert_int_equal(elf_relocate_section(&info, S_KLPRELA, NULL, "t"), -ENOEXEC);
	assert_non_null(kelp_strstr(logbuf, "existing value is nonzero"));
	writes = 0;
	assert_int_equal(elf_clear_section(&info, S_KLPRELA, counting_write), 0);
	assert_int_equal(writes, 0);
	assert_non_null(kelp_strstr(logbuf, "existing value does not match expected value"));
	kelp_memcpy(&v, mem, 8);
	assert_int_equal(v, KSYM(0));			/* the loader's value, kept */
	/* a location never written (zero) is not written either */
	build(&o, R_X86_64_64, 8, 2, 0);
	elf_info_free(&info);
	free(mem);
	mem = NULL;
	assert_int_equal(load_image(o.buf, o.len, 0, &mem, &info), 0);
	info.symval[4] = KSYM(3);
	writes = 0;
	assert_int_equal(elf_clear_section(&info, S_KLPRELA, counting_write), 0);
	assert_int_equal(writes, 0);
	elf_info_free(&info);
	free(mem);
	assert_int_equal(host_live_allocs(), 0);
}

/* Every kernel symbol exists (the patch uses more than the fake kernel has). */
static int any_resolve(const char *name, u64 *addr, void *arg)
{
	*addr = KSYM(100);
	return 0;
}

/*
 * What tools/klp-convert.py makes of a real patch (patches/livepatch-module.c):
 * one SHN_LIVEPATCH symbol, its relocations in .klp.rela.livepatch_sample_mod.text
 * (SHF_RELA_LIVEPATCH), left alone by the loader, applied and cleared later.
 */
static void test_klp_convert_output(void **state)
{
	size_t len;
	void *img = unit_read_file("build/modules/livepatch-module.ko.unsigned", &len);
	unsigned int sec, sym = 0, n;
	const Elf64_Rela *r;
	struct elf_info info;
	u8 *mem = NULL, *text;

	assert_non_null(img);
	assert_int_equal(elf_validate(&info, img, len, sizeof(struct module), "t"), 0);
	assert_int_equal(elf_layout(&info), 0);
	mem = calloc(1, info.total_size);
	elf_copy(&info, mem, BASE);
	assert_int_equal(elf_resolve(&info, any_resolve, NULL, "t"), 0);
	assert_int_equal(elf_relocate(&info, "t"), 0);
	sec = elf_find_section(&info, ".klp.rela.livepatch_sample_mod.text");
	assert_true(sec != 0);
	assert_true(info.sechdrs[sec].sh_flags & SHF_RELA_LIVEPATCH);
	for (unsigned int i = 1; i < info.nsyms; i++)
		if (!kelp_strcmp(info.strtab + info.syms[i].st_name,
				 ".klp.sym.livepatch_sample_mod.calls,0"))
			sym = i;
	assert_true(sym != 0);
	assert_int_equal(info.syms[sym].st_shndx, SHN_LIVEPATCH);
	r = (const Elf64_Rela *)(info.image + info.sechdrs[sec].sh_offset);
	n = info.sechdrs[sec].sh_size / sizeof(*r);
	assert_true(n >= 1);
	text = mem + info.sec_off[info.sechdrs[sec].sh_info];
	for (unsigned int k = 0; k < n; k++) {
		u32 v;

		assert_int_equal(ELF64_R_SYM(r[k].r_info), sym);
		kelp_memcpy(&v, text + r[k].r_offset, 4);
		assert_int_equal(v, 0);			/* not applied by the loader */
	}
	info.symval[sym] = BASE + 0x1000;
	assert_int_equal(elf_relocate_section(&info, sec, NULL, "t"), 0);
	assert_int_equal(elf_clear_section(&info, sec, NULL), 0);
	assert_int_equal(elf_relocate_section(&info, sec, NULL, "t"), 0);
	elf_info_free(&info);
	free(mem);
	free(img);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_unknown_strong_symbol(void **state)
{
	struct obj o;

	build(&o, R_X86_64_64, 0, 2, 0);
	o.sym[3].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE);	/* "missing", no longer weak */
	assert_int_equal(run(&o, NULL, 0), -ENOENT);
	assert_non_null(kelp_strstr(logbuf, "t: Unknown symbol missing (err -2)"));
	assert_int_equal(host_live_allocs(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_module),
		cmocka_unit_test(test_unknown_symbol),
		cmocka_unit_test(test_linear_resolution),
		cmocka_unit_test(test_truncations_and_flips),
		cmocka_unit_test(test_relocation_types),
		cmocka_unit_test(test_relocation_refusals),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_unknown_strong_symbol),
		cmocka_unit_test(test_klp_rela_section),
		cmocka_unit_test(test_klp_clear_keeps_overlapped_reloc),
		cmocka_unit_test(test_klp_convert_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
