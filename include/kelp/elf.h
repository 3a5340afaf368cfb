/*
 * ELF64 definitions (the subset a relocatable x86-64 object uses) and the
 * pure loader core of kernel/module/elf.c: validation of an untrusted
 * ET_REL image, layout of its SHF_ALLOC sections by permission, symbol
 * resolution through a callback and RELA relocations with overflow checks.
 * The core never maps memory and never looks at global state, so the same
 * code runs in the kernel, in host unit tests and under libFuzzer.
 */
#ifndef KELP_ELF_H
#define KELP_ELF_H

#include <kelp/types.h>

typedef u64 Elf64_Addr;
typedef u64 Elf64_Off;
typedef u16 Elf64_Half;
typedef u32 Elf64_Word;
typedef s32 Elf64_Sword;
typedef u64 Elf64_Xword;
typedef s64 Elf64_Sxword;

#define EI_NIDENT 16
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFMAG "\177ELF"
#define SELFMAG 4
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_REL 1
#define EM_X86_64 62

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;
	Elf64_Off e_phoff;
	Elf64_Off e_shoff;
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	Elf64_Word sh_name;
	Elf64_Word sh_type;
	Elf64_Xword sh_flags;
	Elf64_Addr sh_addr;
	Elf64_Off sh_offset;
	Elf64_Xword sh_size;
	Elf64_Word sh_link;
	Elf64_Word sh_info;
	Elf64_Xword sh_addralign;
	Elf64_Xword sh_entsize;
} Elf64_Shdr;

typedef struct {
	Elf64_Word st_name;
	unsigned char st_info;
	unsigned char st_other;
	Elf64_Half st_shndx;
	Elf64_Addr st_value;
	Elf64_Xword st_size;
} Elf64_Sym;

typedef struct {
	Elf64_Addr r_offset;
	Elf64_Xword r_info;
	Elf64_Sxword r_addend;
} Elf64_Rela;

#define ELF64_R_SYM(i) ((u32)((i) >> 32))
#define ELF64_R_TYPE(i) ((u32)(i))
#define ELF64_R_INFO(s, t) (((u64)(s) << 32) | (u32)(t))
#define ELF64_ST_BIND(i) ((i) >> 4)
#define ELF64_ST_TYPE(i) ((i) & 0xf)
#define ELF64_ST_INFO(b, t) (((b) << 4) | ((t) & 0xf))

/* Section types */
#define SHT_NULL 0
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_RELA 4
#define SHT_HASH 5
#define SHT_DYNAMIC 6
#define SHT_NOTE 7
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHT_INIT_ARRAY 14
#define SHT_FINI_ARRAY 15
#define SHT_GROUP 17
#define SHT_SYMTAB_SHNDX 18

/* Section flags */
#define SHF_WRITE 0x1
#define SHF_ALLOC 0x2
#define SHF_EXECINSTR 0x4
#define SHF_MERGE 0x10
#define SHF_STRINGS 0x20
#define SHF_INFO_LINK 0x40
#define SHF_GROUP 0x200
#define SHF_RELA_LIVEPATCH 0x00100000	/* .klp.rela.OBJ.SEC (livepatch) */

/* Special section indexes */
#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00
#define SHN_LIVEPATCH 0xff20		/* .klp.sym.OBJ.NAME,POS (livepatch) */
#define SHN_ABS 0xfff1
#define SHN_COMMON 0xfff2
#define SHN_XINDEX 0xffff

/* Symbol bindings and types */
#define STB_LOCAL 0
#define STB_GLOBAL 1
#define STB_WEAK 2
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define STT_FILE 4

/* x86-64 relocation types the loader knows */
#define R_X86_64_NONE 0
#define R_X86_64_64 1
#define R_X86_64_PC32 2
#define R_X86_64_PLT32 4
#define R_X86_64_32 10
#define R_X86_64_32S 11
#define R_X86_64_PC64 24

/* ---- the loader core (kernel/module/elf.c) ---- */

/* The three regions of a loaded module, by permission (W^X). */
enum elf_region {
	ELF_REGION_TEXT,	/* RX: SHF_EXECINSTR */
	ELF_REGION_RO,		/* R, NX: SHF_ALLOC without WRITE/EXECINSTR */
	ELF_REGION_RW,		/* RW, NX: SHF_WRITE, including .bss */
	ELF_NR_REGIONS
};

/*
 * What validation learnt about an image. The image is owned by the caller
 * and must stay in place (and 8-byte aligned) while the info is used.
 */
struct elf_info {
	/* the validated image */
	const u8 *image;
	size_t len;
	const Elf64_Ehdr *hdr;
	const Elf64_Shdr *sechdrs;
	unsigned int shnum;
	const char *secstrings;
	size_t secstrings_size;
	const Elf64_Sym *syms;
	unsigned int nsyms;
	const char *strtab;
	size_t strtab_size;
	unsigned int sym_idx;		/* the SHT_SYMTAB section */
	unsigned int modinfo_idx;	/* 0 if none */
	unsigned int this_module_idx;	/* .gnu.linkonce.this_module */
	unsigned int nrelocs;		/* entries of applied RELA sections */

	/* filled by elf_layout(): offsets from the module base */
	size_t region_off[ELF_NR_REGIONS];	/* page aligned */
	size_t region_size[ELF_NR_REGIONS];	/* used bytes */
	size_t total_size;			/* page aligned */
	size_t *sec_off;			/* per section; kmalloc'd */

	/* filled by elf_copy() and elf_resolve() */
	u64 base;			/* run-time address of the module */
	u8 *dest;			/* where it is written (== base in the kernel) */
	u64 *symval;			/* resolved value per symbol; kmalloc'd */
};

/*
 * Resolves an undefined symbol for elf_resolve(). Returns 0 and sets *addr,
 * or -ENOENT (or another -errno) when the name is unknown.
 */
typedef int (*elf_resolve_fn)(const char *name, u64 *addr, void *arg);

/*
 * Checks every header, section, symbol and string table of the len bytes at
 * image (8-byte aligned) and fills info. this_module_size is the size the
 * .gnu.linkonce.this_module section must have (0: no such section needed).
 * Returns 0, or -ENOEXEC after printing what is wrong (Linux's texts),
 * prefixed with name when it is not NULL. Allocates nothing. Pure.
 */
int elf_validate(struct elf_info *info, const void *image, size_t len, size_t this_module_size,
		 const char *name);
/*
 * Assigns every SHF_ALLOC section an offset in its region; the regions are
 * page aligned and info->total_size covers them. Returns 0, -ENOEXEC (a
 * section too large) or -ENOMEM. Pure; free with elf_info_free().
 */
int elf_layout(struct elf_info *info);
/*
 * Copies the SHF_ALLOC sections to dest (total_size bytes, zeroed by the
 * caller), which will run at address base. Pure.
 */
void elf_copy(struct elf_info *info, void *dest, u64 base);
/* Run-time address of section idx after elf_copy(), or 0 if not allocated. */
u64 elf_section_addr(const struct elf_info *info, unsigned int idx);
/* Where section idx was written, or NULL if not allocated. */
void *elf_section_dest(const struct elf_info *info, unsigned int idx);
/* Index of the section called name, or 0. */
unsigned int elf_find_section(const struct elf_info *info, const char *name);
/*
 * Gives every symbol its value: defined ones from their section, undefined
 * ones through resolve (weak ones may stay 0), SHN_LIVEPATCH ones are left
 * to livepatch. Returns 0, -ENOENT after `NAME: Unknown symbol SYM (err -2)`
 * for each unknown one, -ENOEXEC or -ENOMEM. Each symbol is resolved once.
 */
int elf_resolve(struct elf_info *info, elf_resolve_fn resolve, void *arg, const char *name);
/*
 * Applies every RELA section whose target is allocated, except the
 * SHF_RELA_LIVEPATCH ones. Returns 0, or -ENOEXEC for an unknown type, a
 * location out of its section, a non-zero target or an overflow (printed).
 * Linear in the number of relocations.
 */
int elf_relocate(struct elf_info *info, const char *name);
/* Writes len bytes at dst (a relocation): memcpy, or text_poke for live text. */
typedef void (*elf_write_fn)(void *dst, const void *src, size_t len);
/*
 * Applies the one RELA section relsec, a SHF_RELA_LIVEPATCH one included:
 * livepatch first stores the values of the section's SHN_LIVEPATCH symbols
 * in info->symval (klp_resolve_symbols), then calls this (as Linux's
 * apply_relocate_add) on the ELF data a livepatch module keeps
 * (mod->klp_info->elf). Writes go through write (NULL: memcpy). Returns 0
 * or -ENOEXEC (as elf_relocate). Linear.
 */
int elf_relocate_section(struct elf_info *info, unsigned int relsec, elf_write_fn write,
			 const char *name);
/*
 * Undoes elf_relocate_section for relsec: every location its relocations
 * wrote gets zeroes again (Linux's clear_relocate_add), so the section
 * can be applied again later (a module a patch targets is loaded again).
 * A location not holding the relocation's value (never written, or
 * another's: an overlapping relocation) is left alone.
 * Returns 0 or -ENOEXEC (not a RELA section of an allocated target).
 */
int elf_clear_section(struct elf_info *info, unsigned int relsec, elf_write_fn write);
/* Frees what elf_layout/elf_resolve allocated. */
void elf_info_free(struct elf_info *info);
/* Value of key in .modinfo ("key=value\0" strings), or NULL. */
const char *elf_modinfo_get(const struct elf_info *info, const char *key);
/* Whether .modinfo holds the tag "key=value" (a key may repeat: import_ns). */
bool elf_modinfo_has(const struct elf_info *info, const char *key, const char *value);

#endif /* KELP_ELF_H */
