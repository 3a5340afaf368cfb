/*
 * The pure core of the module loader: validates an untrusted ELF64 ET_REL
 * image, lays its SHF_ALLOC sections out by permission (text RX, rodata R,
 * data/bss RW), copies them, resolves symbols through a callback and
 * applies x86-64 RELA relocations. It owns no global state and maps
 * nothing, so host unit tests and a libFuzzer target run it as is.
 * Invariant: nothing after elf_validate() reads the image out of bounds;
 * every later check (relocation offsets, symbol indexes) is done on use.
 * Messages follow Linux's kernel/module/main.c where Linux has one.
 */
#include <kelp/export.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>

#define ELF_MAX_ALIGN PAGE_SIZE
#define ELF_MAX_SIZE (1UL << 30)	/* one region or the whole module */
#define ELF_NOT_ALLOCATED ((size_t)-1)

static const char *elf_who(const char *name)
{
	return name ? name : "module";
}

static const char *sec_name(const struct elf_info *info, unsigned int i)
{
	return info->secstrings + info->sechdrs[i].sh_name;
}

static const char *sym_name(const struct elf_info *info, const Elf64_Sym *sym)
{
	return info->strtab + sym->st_name;
}

/* The ELF header: size, magic, type, machine, class, section header table. */
static int elf_check_header(struct elf_info *info)
{
	const Elf64_Ehdr *h = info->hdr;

	if (info->len < sizeof(*h)) {
		pr_err("Invalid ELF header len %zu\n", info->len);
		return -ENOEXEC;
	}
	if (memcmp(h->e_ident, ELFMAG, SELFMAG)) {
		pr_err("Invalid ELF header magic: != %s\n", ELFMAG);
		return -ENOEXEC;
	}
	if (h->e_type != ET_REL) {
		pr_err("Invalid ELF header type: %u != %u\n", h->e_type, ET_REL);
		return -ENOEXEC;
	}
	if (h->e_machine != EM_X86_64) {
		pr_err("Invalid architecture in ELF header: %u\n", h->e_machine);
		return -ENOEXEC;
	}
	if (h->e_ident[EI_CLASS] != ELFCLASS64 || h->e_ident[EI_DATA] != ELFDATA2LSB ||
	    h->e_ident[EI_VERSION] != EV_CURRENT) {
		pr_err("Invalid module architecture in ELF header: class %u data %u version %u\n",
		       h->e_ident[EI_CLASS], h->e_ident[EI_DATA], h->e_ident[EI_VERSION]);
		return -ENOEXEC;
	}
	if (h->e_shentsize != sizeof(Elf64_Shdr)) {
		pr_err("Invalid ELF section header size\n");
		return -ENOEXEC;
	}
	if (h->e_shnum == 0 || h->e_shnum >= SHN_LORESERVE) {
		pr_err("Invalid ELF section header count %u\n", h->e_shnum);
		return -ENOEXEC;
	}
	if (h->e_shoff > info->len ||
	    (u64)h->e_shnum * sizeof(Elf64_Shdr) > info->len - h->e_shoff) {
		pr_err("Invalid ELF section header overflow\n");
		return -ENOEXEC;
	}
	if (!IS_ALIGNED(h->e_shoff, 8)) {
		pr_err("Invalid ELF section header alignment: offset %llu\n",
		       (unsigned long long)h->e_shoff);
		return -ENOEXEC;
	}
	info->sechdrs = (const Elf64_Shdr *)(info->image + h->e_shoff);
	info->shnum = h->e_shnum;
	return 0;
}

/* One section header: bounds in the file, alignment, flags. */
static int elf_check_section(const struct elf_info *info, unsigned int i)
{
	const Elf64_Shdr *s = &info->sechdrs[i];

	if (s->sh_type != SHT_NOBITS &&
	    (s->sh_offset > info->len || s->sh_size > info->len - s->sh_offset)) {
		pr_err("Invalid ELF section in module (section %u type %u)\n", i, s->sh_type);
		return -ENOEXEC;
	}
	if (s->sh_addralign > ELF_MAX_ALIGN || (s->sh_addralign & (s->sh_addralign - 1))) {
		pr_err("Invalid ELF section alignment (section %u align %llu)\n", i,
		       (unsigned long long)s->sh_addralign);
		return -ENOEXEC;
	}
	if ((s->sh_flags & SHF_ALLOC) && (s->sh_flags & SHF_WRITE) &&
	    (s->sh_flags & SHF_EXECINSTR)) {
		pr_err("Invalid ELF section flags (section %u is writable and executable)\n", i);
		return -ENOEXEC;
	}
	if ((s->sh_flags & SHF_ALLOC) && s->sh_size > ELF_MAX_SIZE) {
		pr_err("Invalid ELF section size (section %u: %llu bytes)\n", i,
		       (unsigned long long)s->sh_size);
		return -ENOEXEC;
	}
	if (s->sh_type == SHT_REL || s->sh_type == SHT_SYMTAB_SHNDX) {
		pr_err("Unsupported ELF section type (section %u type %u)\n", i, s->sh_type);
		return -ENOEXEC;
	}
	return 0;
}

/* Section 0, every header, then the section name table. */
static int elf_check_sections(struct elf_info *info)
{
	const Elf64_Shdr *s0 = &info->sechdrs[0];
	const Elf64_Shdr *ss;
	unsigned int i, shstrndx = info->hdr->e_shstrndx;

	if (s0->sh_type != SHT_NULL || s0->sh_size || s0->sh_addr) {
		pr_err("ELF Spec violation: section 0 type(%d)!=SH_NULL or non-zero len or addr\n",
		       (int)s0->sh_type);
		return -ENOEXEC;
	}
	for (i = 1; i < info->shnum; i++)
		if (elf_check_section(info, i))
			return -ENOEXEC;
	if (shstrndx == SHN_UNDEF || shstrndx >= info->shnum ||
	    info->sechdrs[shstrndx].sh_type != SHT_STRTAB) {
		pr_err("Invalid ELF section name index: %d || e_shstrndx (%d) >= e_shnum (%d)\n",
		       shstrndx, shstrndx, info->shnum);
		return -ENOEXEC;
	}
	ss = &info->sechdrs[shstrndx];
	if (ss->sh_size == 0) {
		pr_err("empty section name table\n");
		return -ENOEXEC;
	}
	info->secstrings = (const char *)info->image + ss->sh_offset;
	info->secstrings_size = ss->sh_size;
	if (info->secstrings[ss->sh_size - 1] != '\0') {
		pr_err("ELF Spec violation: section name table isn't null terminated\n");
		return -ENOEXEC;
	}
	for (i = 0; i < info->shnum; i++) {
		if (info->sechdrs[i].sh_name >= info->secstrings_size) {
			pr_err("Invalid ELF section name in module (section %u type %u)\n", i,
			       info->sechdrs[i].sh_type);
			return -ENOEXEC;
		}
	}
	return 0;
}

/* A table of fixed-size entries: entsize, a whole number of them, aligned. */
static bool elf_table_ok(const Elf64_Shdr *s, size_t entsize)
{
	return s->sh_entsize == entsize && s->sh_size % entsize == 0 &&
	       IS_ALIGNED(s->sh_offset, 8);
}

/* The string table of the symbol table: leading and trailing NUL. */
static int elf_check_strtab(struct elf_info *info, unsigned int link)
{
	const Elf64_Shdr *st;

	if (link == SHN_UNDEF || link >= info->shnum ||
	    info->sechdrs[link].sh_type != SHT_STRTAB) {
		pr_err("Invalid ELF sh_link!=SHN_UNDEF(%d) or (sh_link(%d) >= hdr->e_shnum(%d)\n",
		       link, link, info->shnum);
		return -ENOEXEC;
	}
	st = &info->sechdrs[link];
	info->strtab = (const char *)info->image + st->sh_offset;
	info->strtab_size = st->sh_size;
	if (st->sh_size == 0) {
		pr_err("empty symbol string table\n");
		return -ENOEXEC;
	}
	if (info->strtab[0] != '\0') {
		pr_err("symbol string table missing leading NUL\n");
		return -ENOEXEC;
	}
	if (info->strtab[st->sh_size - 1] != '\0') {
		pr_err("symbol string table isn't NUL terminated\n");
		return -ENOEXEC;
	}
	return 0;
}

/* Exactly one well-formed symbol table and its string table. */
static int elf_find_symtab(struct elf_info *info, const char *name)
{
	const Elf64_Shdr *s;
	unsigned int i;

	for (i = 1; i < info->shnum; i++) {
		if (info->sechdrs[i].sh_type != SHT_SYMTAB)
			continue;
		if (info->sym_idx) {
			pr_err("%s: more than one symbol table\n", elf_who(name));
			return -ENOEXEC;
		}
		info->sym_idx = i;
	}
	if (!info->sym_idx) {
		pr_warn("%s: module has no symbols (stripped?)\n", elf_who(name));
		return -ENOEXEC;
	}
	s = &info->sechdrs[info->sym_idx];
	if (!elf_table_ok(s, sizeof(Elf64_Sym)) || s->sh_size == 0 ||
	    s->sh_size / sizeof(Elf64_Sym) > 0xffffffffUL) {
		pr_err("%s: invalid symbol table (size %llu entsize %llu)\n", elf_who(name),
		       (unsigned long long)s->sh_size, (unsigned long long)s->sh_entsize);
		return -ENOEXEC;
	}
	info->syms = (const Elf64_Sym *)(info->image + s->sh_offset);
	info->nsyms = s->sh_size / sizeof(Elf64_Sym);
	return elf_check_strtab(info, s->sh_link);
}

/* Every symbol: name in bounds, section index valid, value inside its section. */
static int elf_check_symbols(const struct elf_info *info, const char *name)
{
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *sym = &info->syms[i];
		unsigned int shndx = sym->st_shndx;

		if (sym->st_name >= info->strtab_size) {
			pr_err("symbol name out of bounds in string table\n");
			return -ENOEXEC;
		}
		if (shndx == SHN_COMMON) {
			pr_warn("%s: please compile with -fno-common\n", elf_who(name));
			return -ENOEXEC;
		}
		if (shndx == SHN_UNDEF || shndx == SHN_ABS || shndx == SHN_LIVEPATCH)
			continue;
		if (shndx >= info->shnum || sym->st_value > info->sechdrs[shndx].sh_size) {
			pr_err("%s: symbol %s has an invalid section %u or value 0x%llx\n",
			       elf_who(name), sym_name(info, sym), shndx,
			       (unsigned long long)sym->st_value);
			return -ENOEXEC;
		}
	}
	return 0;
}

/* A RELA section: table shape, symbol table link, allocated target with bits. */
static int elf_check_rela(const struct elf_info *info, unsigned int i, const char *name)
{
	const Elf64_Shdr *s = &info->sechdrs[i];
	const Elf64_Shdr *t;

	if (!elf_table_ok(s, sizeof(Elf64_Rela)) || s->sh_link != info->sym_idx ||
	    s->sh_info == 0 || s->sh_info >= info->shnum) {
		pr_err("%s: invalid relocation section %s (link %u info %u entsize %llu)\n",
		       elf_who(name), sec_name(info, i), s->sh_link, s->sh_info,
		       (unsigned long long)s->sh_entsize);
		return -ENOEXEC;
	}
	t = &info->sechdrs[s->sh_info];
	if ((t->sh_flags & SHF_ALLOC) && t->sh_type == SHT_NOBITS && s->sh_size) {
		pr_err("%s: relocation section %s targets a section without bits\n",
		       elf_who(name), sec_name(info, i));
		return -ENOEXEC;
	}
	return 0;
}

/* .modinfo: at most one, NUL-terminated strings. */
static int elf_check_modinfo(struct elf_info *info, unsigned int i)
{
	const Elf64_Shdr *s = &info->sechdrs[i];

	if (info->modinfo_idx) {
		pr_err("Only one .modinfo section must exist.\n");
		return -ENOEXEC;
	}
	if (s->sh_type != SHT_PROGBITS ||
	    (s->sh_size && info->image[s->sh_offset + s->sh_size - 1] != '\0')) {
		pr_err("Invalid .modinfo section (type %u, not NUL terminated)\n", s->sh_type);
		return -ENOEXEC;
	}
	info->modinfo_idx = i;
	return 0;
}

/* Exactly one .gnu.linkonce.this_module of the kernel's struct module size. */
static int elf_check_this_module(struct elf_info *info, size_t size, const char *name)
{
	unsigned int i, found = 0;
	const Elf64_Shdr *s;

	if (!name)		/* Linux names the module from .modinfo here */
		name = elf_modinfo_get(info, "name");
	for (i = 1; i < info->shnum; i++) {
		if (!strcmp(sec_name(info, i), ".gnu.linkonce.this_module")) {
			found++;
			info->this_module_idx = i;
		}
	}
	if (found != 1) {
		pr_err("module %s: Exactly one .gnu.linkonce.this_module section must exist.\n",
		       elf_who(name));
		return -ENOEXEC;
	}
	s = &info->sechdrs[info->this_module_idx];
	if (s->sh_type == SHT_NOBITS) {
		pr_err("module %s: .gnu.linkonce.this_module section must have a size set\n",
		       elf_who(name));
		return -ENOEXEC;
	}
	if (!(s->sh_flags & SHF_ALLOC) || !(s->sh_flags & SHF_WRITE)) {
		pr_err("module %s: .gnu.linkonce.this_module must occupy memory during process execution\n",
		       elf_who(name));
		return -ENOEXEC;
	}
	if (s->sh_size != size || s->sh_addralign < 8) {
		pr_err("module %s: .gnu.linkonce.this_module section size must match the kernel's built struct module size at run time\n",
		       elf_who(name));
		return -ENOEXEC;
	}
	return 0;
}

/* See elf.h. */
int elf_validate(struct elf_info *info, const void *image, size_t len, size_t this_module_size,
		 const char *name)
{
	unsigned int i;
	int err;

	memset(info, 0, sizeof(*info));
	info->image = image;
	info->len = len;
	info->hdr = image;
	if (((unsigned long)image & 7) != 0) {
		pr_err("%s: ELF image is not 8-byte aligned in memory\n", elf_who(name));
		return -ENOEXEC;
	}
	err = elf_check_header(info);
	if (!err)
		err = elf_check_sections(info);
	if (!err)
		err = elf_find_symtab(info, name);
	if (!err)
		err = elf_check_symbols(info, name);
	for (i = 1; !err && i < info->shnum; i++) {
		if (info->sechdrs[i].sh_type == SHT_RELA)
			err = elf_check_rela(info, i, name);
		else if (!strcmp(sec_name(info, i), ".modinfo"))
			err = elf_check_modinfo(info, i);
	}
	if (!err && this_module_size)
		err = elf_check_this_module(info, this_module_size, name);
	return err;
}

static enum elf_region elf_region_of(const Elf64_Shdr *s)
{
	if (s->sh_flags & SHF_EXECINSTR)
		return ELF_REGION_TEXT;
	if (s->sh_flags & SHF_WRITE)
		return ELF_REGION_RW;
	return ELF_REGION_RO;
}

/* True for the sections a module keeps in memory (not .modinfo, no tables). */
static bool elf_section_loaded(const struct elf_info *info, unsigned int i)
{
	const Elf64_Shdr *s = &info->sechdrs[i];

	if (i == 0 || !(s->sh_flags & SHF_ALLOC) || i == info->modinfo_idx)
		return false;
	return s->sh_type != SHT_RELA && s->sh_type != SHT_SYMTAB && s->sh_type != SHT_STRTAB;
}

/* See elf.h. */
int elf_layout(struct elf_info *info)
{
	size_t off = 0;
	unsigned int i, r;

	info->sec_off = kmalloc(info->shnum * sizeof(size_t), GFP_KERNEL);
	if (!info->sec_off)
		return -ENOMEM;
	memset(info->region_size, 0, sizeof(info->region_size));
	for (i = 0; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];
		/* at least 8: tables such as __mcount_loc come with alignment 1 */
		size_t align = max(s->sh_addralign, (Elf64_Xword)8);
		size_t *rs;

		info->sec_off[i] = ELF_NOT_ALLOCATED;
		if (!elf_section_loaded(info, i))
			continue;
		rs = &info->region_size[elf_region_of(s)];
		*rs = ALIGN_UP(*rs, align);
		info->sec_off[i] = *rs;		/* region-relative for now */
		*rs += s->sh_size;
		if (*rs > ELF_MAX_SIZE) {
			pr_err("module too large: region %u exceeds %lu bytes\n",
			       elf_region_of(s), ELF_MAX_SIZE);
			return -ENOEXEC;
		}
	}
	for (r = 0; r < ELF_NR_REGIONS; r++) {
		info->region_off[r] = off;
		off += ALIGN_UP(info->region_size[r], PAGE_SIZE);
	}
	info->total_size = off;
	for (i = 1; i < info->shnum; i++)
		if (info->sec_off[i] != ELF_NOT_ALLOCATED)
			info->sec_off[i] += info->region_off[elf_region_of(&info->sechdrs[i])];
	return 0;
}

/* See elf.h. */
void elf_copy(struct elf_info *info, void *dest, u64 base)
{
	info->dest = dest;
	info->base = base;
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];

		if (info->sec_off[i] == ELF_NOT_ALLOCATED || s->sh_type == SHT_NOBITS)
			continue;
		memcpy(info->dest + info->sec_off[i], info->image + s->sh_offset, s->sh_size);
	}
}

/* See elf.h. */
u64 elf_section_addr(const struct elf_info *info, unsigned int idx)
{
	if (!info->sec_off || idx >= info->shnum || info->sec_off[idx] == ELF_NOT_ALLOCATED)
		return 0;
	return info->base + info->sec_off[idx];
}
EXPORT_SYMBOL_FOR_KTEST(elf_section_addr);

/* See elf.h. */
void *elf_section_dest(const struct elf_info *info, unsigned int idx)
{
	if (!info->sec_off || idx >= info->shnum || info->sec_off[idx] == ELF_NOT_ALLOCATED)
		return NULL;
	return info->dest + info->sec_off[idx];
}

/* See elf.h. */
unsigned int elf_find_section(const struct elf_info *info, const char *name)
{
	for (unsigned int i = 1; i < info->shnum; i++)
		if (!strcmp(sec_name(info, i), name))
			return i;
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(elf_find_section);

/* The value of an undefined symbol; weak ones may stay 0. */
static int elf_resolve_undef(struct elf_info *info, unsigned int i, elf_resolve_fn resolve,
			     void *arg, const char *name)
{
	const Elf64_Sym *sym = &info->syms[i];
	const char *sname = sym_name(info, sym);
	int err;

	if (!*sname)
		return 0;
	err = resolve(sname, &info->symval[i], arg);
	if (!err)
		return 0;
	info->symval[i] = 0;
	if (ELF64_ST_BIND(sym->st_info) == STB_WEAK && err == -ENOENT)
		return 0;
	pr_warn("%s: Unknown symbol %s (err %d)\n", elf_who(name), sname, err);
	return err;
}

/* See elf.h. */
int elf_resolve(struct elf_info *info, elf_resolve_fn resolve, void *arg, const char *name)
{
	int ret = 0;

	info->symval = kcalloc(info->nsyms, sizeof(u64), GFP_KERNEL);
	if (!info->symval)
		return -ENOMEM;
	for (unsigned int i = 1; i < info->nsyms; i++) {
		const Elf64_Sym *sym = &info->syms[i];
		int err;

		switch (sym->st_shndx) {
		case SHN_UNDEF:
			err = elf_resolve_undef(info, i, resolve, arg, name);
			if (err && !ret)
				ret = err;
			break;
		case SHN_LIVEPATCH:	/* .klp.sym.*: resolved by livepatch */
			break;
		case SHN_ABS:
			info->symval[i] = sym->st_value;
			break;
		default:
			if (elf_section_addr(info, sym->st_shndx))
				info->symval[i] = elf_section_addr(info, sym->st_shndx) +
						  sym->st_value;
			break;
		}
	}
	return ret;
}

/* Bytes a relocation type writes, or 0 if the type is not supported. */
static unsigned int rela_width(u32 type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_32:
	case R_X86_64_32S:
		return 4;
	default:
		return 0;
	}
}

/* Computes what a relocation writes; false on overflow. */
static bool rela_value(u32 type, u64 val, u64 loc, u64 *out)
{
	switch (type) {
	case R_X86_64_64:
		*out = val;
		return true;
	case R_X86_64_PC64:
		*out = val - loc;
		return true;
	case R_X86_64_32:
		*out = val;
		return val == (u32)val;
	case R_X86_64_32S:
		*out = val;
		return (s64)val == (s32)val;
	default:		/* PC32, PLT32 */
		*out = val - loc;
		return (s64)*out == (s32)*out;
	}
}

static void elf_memcpy(void *dst, const void *src, size_t len)
{
	memcpy(dst, src, len);
}

/* One relocation of section target; klp: a .klp.rela section (SHN_LIVEPATCH symbols allowed). */
static int elf_apply_one(struct elf_info *info, const Elf64_Rela *r, unsigned int target,
			 bool klp, elf_write_fn write, const char *name)
{
	const Elf64_Shdr *t = &info->sechdrs[target];
	u32 type = ELF64_R_TYPE(r->r_info), symi = ELF64_R_SYM(r->r_info);
	unsigned int width = rela_width(type);
	u64 old = 0, out, val, loc;
	u8 *where;

	if (type == R_X86_64_NONE)
		return 0;
	if (!width) {
		pr_err("%s: Unknown rela relocation: %u\n", elf_who(name), type);
		return -ENOEXEC;
	}
	if (symi >= info->nsyms || r->r_offset > t->sh_size || width > t->sh_size - r->r_offset) {
		pr_err("%s: invalid relocation (offset 0x%llx, symbol %u) in section %s\n",
		       elf_who(name), (unsigned long long)r->r_offset, symi,
		       sec_name(info, target));
		return -ENOEXEC;
	}
	if (info->syms[symi].st_shndx == SHN_LIVEPATCH && !klp) {
		pr_err("%s: livepatch symbol %s used outside a .klp.rela section\n",
		       elf_who(name), sym_name(info, &info->syms[symi]));
		return -ENOEXEC;
	}
	where = info->dest + info->sec_off[target] + r->r_offset;
	loc = info->base + info->sec_off[target] + r->r_offset;
	val = info->symval[symi] + (u64)r->r_addend;
	memcpy(&old, where, width);
	if (old) {
		pr_err("x86/modules: Skip invalid relocation target, existing value is nonzero for type %u, loc 0x%llx, val 0x%llx\n",
		       type, (unsigned long long)loc, (unsigned long long)val);
		return -ENOEXEC;
	}
	if (!rela_value(type, val, loc, &out)) {
		pr_err("overflow in relocation type %u val 0x%llx\n", type, (unsigned long long)val);
		pr_err("`%s' likely not compiled with -mcmodel=kernel\n", elf_who(name));
		return -ENOEXEC;
	}
	write(where, &out, width);
	return 0;
}

/* See elf.h. */
int elf_relocate_section(struct elf_info *info, unsigned int relsec, elf_write_fn write,
			 const char *name)
{
	const Elf64_Shdr *s;
	const Elf64_Rela *r;
	size_t n;

	if (relsec == 0 || relsec >= info->shnum || info->sechdrs[relsec].sh_type != SHT_RELA)
		return -ENOEXEC;
	s = &info->sechdrs[relsec];
	if (info->sec_off[s->sh_info] == ELF_NOT_ALLOCATED) {
		pr_err("%s: relocation section %s targets a section not loaded\n", elf_who(name),
		       sec_name(info, relsec));
		return -ENOEXEC;
	}
	r = (const Elf64_Rela *)(info->image + s->sh_offset);
	n = s->sh_size / sizeof(*r);
	for (size_t k = 0; k < n; k++) {
		int err = elf_apply_one(info, &r[k], s->sh_info, s->sh_flags & SHF_RELA_LIVEPATCH,
					write ? write : elf_memcpy, name);

		if (err)
			return err;
	}
	info->nrelocs += n;
	return 0;
}

/*
 * True if relocation r of section target holds what elf_apply_one would
 * have written there (in *out, width bytes), so clearing it undoes our
 * own write and nothing else.
 */
static bool elf_reloc_is_ours(const struct elf_info *info, const Elf64_Rela *r,
			      unsigned int target, unsigned int width)
{
	u32 type = ELF64_R_TYPE(r->r_info), symi = ELF64_R_SYM(r->r_info);
	u64 loc = info->base + info->sec_off[target] + r->r_offset, out = 0, cur = 0;

	if (symi >= info->nsyms || !info->symval ||
	    !rela_value(type, info->symval[symi] + (u64)r->r_addend, loc, &out))
		return false;
	memcpy(&cur, info->dest + info->sec_off[target] + r->r_offset, width);
	if (!cur)
		return false;		/* never written (an apply that stopped early) */
	if (memcmp(&cur, &out, width)) {
		pr_warn("x86/modules: Invalid relocation target, existing value does not match expected value for type %u, loc 0x%llx, val 0x%llx\n",
			type, (unsigned long long)loc,
			(unsigned long long)(info->symval[symi] + (u64)r->r_addend));
		return false;
	}
	return true;
}

/*
 * See elf.h. As Linux's clear_relocate_add, a location is zeroed only if
 * it holds the value the relocation wrote: after an apply that stopped at
 * a refused relocation (its target not zero: another relocation's, or
 * code), the bytes it refused are not ours to clear.
 */
int elf_clear_section(struct elf_info *info, unsigned int relsec, elf_write_fn write)
{
	static const u8 zero[8];
	const Elf64_Shdr *s, *t;
	const Elf64_Rela *r;
	size_t n;

	if (relsec == 0 || relsec >= info->shnum || info->sechdrs[relsec].sh_type != SHT_RELA)
		return -ENOEXEC;
	s = &info->sechdrs[relsec];
	if (info->sec_off[s->sh_info] == ELF_NOT_ALLOCATED)
		return -ENOEXEC;
	t = &info->sechdrs[s->sh_info];
	r = (const Elf64_Rela *)(info->image + s->sh_offset);
	n = s->sh_size / sizeof(*r);
	for (size_t k = 0; k < n; k++) {
		unsigned int width = rela_width(ELF64_R_TYPE(r[k].r_info));

		if (!width || r[k].r_offset > t->sh_size || width > t->sh_size - r[k].r_offset)
			continue;	/* elf_relocate_section refused it: nothing written */
		if (!elf_reloc_is_ours(info, &r[k], s->sh_info, width))
			continue;
		(write ? write : elf_memcpy)(info->dest + info->sec_off[s->sh_info] + r[k].r_offset,
					     zero, width);
	}
	return 0;
}

/* See elf.h. */
int elf_relocate(struct elf_info *info, const char *name)
{
	info->nrelocs = 0;
	for (unsigned int i = 1; i < info->shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];
		int err;

		if (s->sh_type != SHT_RELA || (s->sh_flags & SHF_RELA_LIVEPATCH) ||
		    info->sec_off[s->sh_info] == ELF_NOT_ALLOCATED)
			continue;
		err = elf_relocate_section(info, i, NULL, name);
		if (err)
			return err;
	}
	return 0;
}

/* See elf.h. */
void elf_info_free(struct elf_info *info)
{
	kfree(info->sec_off);
	kfree(info->symval);
	info->sec_off = NULL;
	info->symval = NULL;
}

/* See elf.h. */
const char *elf_modinfo_get(const struct elf_info *info, const char *key)
{
	const Elf64_Shdr *s;
	const char *p, *end;
	size_t klen = strlen(key);

	if (!info->modinfo_idx)
		return NULL;
	s = &info->sechdrs[info->modinfo_idx];
	p = (const char *)info->image + s->sh_offset;
	end = p + s->sh_size;
	while (p < end) {
		size_t l = strlen(p);	/* the section ends with a NUL */

		if (l > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return p + klen + 1;
		p += l + 1;
	}
	return NULL;
}

/* See elf.h. */
bool elf_modinfo_has(const struct elf_info *info, const char *key, const char *value)
{
	const Elf64_Shdr *s;
	const char *p, *end;
	size_t klen = strlen(key);

	if (!info->modinfo_idx)
		return false;
	s = &info->sechdrs[info->modinfo_idx];
	p = (const char *)info->image + s->sh_offset;
	end = p + s->sh_size;
	for (; p < end; p += strlen(p) + 1)	/* the section ends with a NUL */
		if (!strncmp(p, key, klen) && p[klen] == '=' && !strcmp(p + klen + 1, value))
			return true;
	return false;
}
