/*
 * libFuzzer target for the module loader core (kernel/module/elf.c): any
 * input is validated, laid out, copied, resolved (some names known, some
 * not) and relocated at a module-area address, or refused. Nothing is read
 * or written out of bounds (ASan) and every allocation is given back.
 * Seed corpus: real modules from `make modules` (tests/fuzz/corpus/fuzz_module_elf/),
 * live patches with .klp.rela sections (tools/klp-convert.py) among them,
 * whose names and symbols livepatch/reloc.c parses and applies here too.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#include "../../kernel/lib/kstrto.c"
#include "../../kernel/module/elf.c"
#include <kelp/module.h>
#undef pr_fmt
#include "../../livepatch/reloc.c"

#define FUZZ_MAX_IMAGE (16UL << 20)

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}


/* livepatch's lookup: every name but those starting with 'x' exists, at positions 0-2 */
int klp_find_object_symbol(const char *objname, const char *name, unsigned long sympos,
			   unsigned long *addr)
{
	*addr = name[0] != 'x' && sympos < 3 ? 0xffffffffa0100000ULL + sympos * 8 : 0;
	return *addr ? 0 : -EINVAL;
}

void *text_poke(void *addr, const void *opcode, size_t len)
{
	return kelp_memcpy(addr, opcode, len);
}

/*
 * livepatch's view of the input as a patch module: for vmlinux and for
 * each object a .klp.rela section of the input names (the seeds' real
 * module names, not made-up ones no section would match), apply, clear,
 * apply.
 */
static void fuzz_klp(struct elf_info *info)
{
	static struct klp_modinfo ki;
	static struct module mod = { .name = "fuzz" };
	static char names[4][MODULE_NAME_LEN];
	struct klp_patch patch = { .mod = &mod };
	struct klp_object obj = { .name = NULL };
	unsigned int nnames = 0;

	ki.elf = info;
	mod.klp_info = &ki;
	for (unsigned int i = 1; i < info->shnum && nnames < 4; i++)
		if ((info->sechdrs[i].sh_flags & SHF_RELA_LIVEPATCH) &&
		    !klp_rela_objname(info->secstrings + info->sechdrs[i].sh_name, names[nnames],
				      false) &&
		    kelp_strcmp(names[nnames], "vmlinux"))
			nnames++;
	for (unsigned int i = 0; i <= nnames; i++) {
		obj.name = i ? names[i - 1] : NULL;
		if (!klp_apply_object_relocs(&patch, &obj))
			klp_clear_object_relocs(&patch, &obj);
		(void)klp_apply_object_relocs(&patch, &obj);
	}
}

/*
 * The kernel's exports: on the first pass a few (printk, kmalloc,
 * memcpy...), so unknown symbols are refused; on the second every name
 * but those starting with 'x', so real modules (patches among them) get
 * through to relocation and livepatch's sections.
 */
static int fuzz_resolve(const char *name, u64 *addr, void *arg)
{
	bool all = arg != NULL;

	if (name[0] == 'p' || name[0] == 'k' || name[0] == 'm' || (all && name[0] != 'x')) {
		*addr = 0xffffffff81000000ULL + (u8)name[1] * 64;
		return 0;
	}
	return -ENOENT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 *img = malloc(size ? size : 1), *mem = NULL;
	struct elf_info info;
	int err;

	if (size)
		kelp_memcpy(img, data, size);		/* 8-byte aligned copy */
	for (int pass = 0; pass < 2; pass++) {
		err = elf_validate(&info, img, size, pass ? sizeof(struct module) : 0, "fuzz");
		if (!err)
			err = elf_layout(&info);
		if (!err && info.total_size <= FUZZ_MAX_IMAGE) {
			mem = calloc(1, info.total_size ? info.total_size : 1);
			elf_copy(&info, mem, 0xffffffffa0000000ULL);
			if (!elf_resolve(&info, fuzz_resolve, pass ? &info : NULL, "fuzz") &&
			    !elf_relocate(&info, "fuzz")) {
				/*
				 * then livepatch's sections, as klp_apply_object_relocs
				 * (a made-up value for each .klp.sym symbol), cleared and
				 * applied again as klp_clear_object_relocs and a module
				 * loaded a second time
				 */
				for (unsigned int i = 1; i < info.nsyms; i++)
					if (info.syms[i].st_shndx == SHN_LIVEPATCH)
						info.symval[i] = 0xffffffff81000000ULL + i * 64;
				for (unsigned int i = 1; i < info.shnum; i++) {
					if (!(info.sechdrs[i].sh_flags & SHF_RELA_LIVEPATCH))
						continue;
					(void)elf_relocate_section(&info, i, NULL, "fuzz");
					(void)elf_clear_section(&info, i, NULL);
					(void)elf_relocate_section(&info, i, NULL, "fuzz");
				}
				/* and livepatch's own code on them (livepatch/reloc.c) */
				for (unsigned int i = 1; i < info.shnum; i++)
					if (info.sechdrs[i].sh_flags & SHF_RELA_LIVEPATCH)
						elf_clear_section(&info, i, NULL);
				fuzz_klp(&info);
			}
			(void)elf_modinfo_get(&info, "name");
			free(mem);
		}
		elf_info_free(&info);
	}
	free(img);
	if (host_live_allocs() != 0)
		__builtin_trap();
	return 0;
}
