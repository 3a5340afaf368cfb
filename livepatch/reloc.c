/*
 * .klp.rela relocations (Linux's Documentation/livepatch/module-elf-
 * format.rst, kernel/livepatch/core.c klp_apply_section_relocs): a patch
 * module reaches symbols its target object does not export through
 * SHN_LIVEPATCH symbols named .klp.sym.OBJ.NAME,POS, used only by
 * SHF_RELA_LIVEPATCH sections named .klp.rela.OBJ.SECTION. The loader
 * keeps the patch module's ELF data (mod->klp_info); here the sections of
 * one object are resolved through kallsyms (vmlinux or the module's own
 * symbols, static ones included) and applied with text_poke when that
 * object is loaded, and zeroed again when a module object goes, so it
 * can be applied again. Everything comes from an untrusted file: every
 * name is checked, errors are -EINVAL with Linux's messages.
 */
#include "core.h"
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/kstrto.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/text_poke.h>

#define KLP_SYM_NAME_LEN 512

/* The patch module's kept ELF data, or NULL (no .klp.rela possible). */
static struct elf_info *klp_patch_elf(struct klp_patch *patch)
{
	return patch->mod && patch->mod->klp_info ? patch->mod->klp_info->elf : NULL;
}

/*
 * The object name of ".klp.rela.OBJ.SECTION" into objname (room for
 * MODULE_NAME_LEN). 0, or -EINVAL (printed if loud) for any other shape.
 */
static int klp_rela_objname(const char *secname, char *objname, bool loud)
{
	const char *p = secname + strlen(".klp.rela."), *dot;

	if (strncmp(secname, ".klp.rela.", strlen(".klp.rela.")))
		goto bad;
	dot = strchr(p, '.');
	if (!dot || dot == p || dot - p >= MODULE_NAME_LEN || !dot[1])
		goto bad;
	memcpy(objname, p, dot - p);
	objname[dot - p] = '\0';
	return 0;
bad:
	if (loud)
		pr_err("section %s has an incorrectly formatted name\n", secname);
	return -EINVAL;
}

/* ".klp.sym.OBJ.NAME,POS" into its parts. 0 or -EINVAL (printed). */
static int klp_sym_parse(const char *symname, char *objname, char *name, unsigned long *pos)
{
	const char *p = symname + strlen(".klp.sym."), *dot, *comma;

	if (strncmp(symname, ".klp.sym.", strlen(".klp.sym.")))
		goto bad;
	dot = strchr(p, '.');
	if (!dot || dot == p || dot - p >= MODULE_NAME_LEN)
		goto bad;
	comma = strrchr(dot + 1, ',');
	if (!comma || comma == dot + 1 || comma - (dot + 1) >= KLP_SYM_NAME_LEN ||
	    !comma[1] || kstrtoul(comma + 1, 10, pos))
		goto bad;
	memcpy(objname, p, dot - p);
	objname[dot - p] = '\0';
	memcpy(name, dot + 1, comma - (dot + 1));
	name[comma - (dot + 1)] = '\0';
	return 0;
bad:
	pr_err("symbol %s has an incorrectly formatted name\n", symname);
	return -EINVAL;
}

/*
 * Gives each SHN_LIVEPATCH symbol that section relsec uses its address
 * in info->symval (Linux's klp_resolve_symbols). 0 or -EINVAL.
 */
static int klp_resolve_symbols(struct elf_info *info, unsigned int relsec, const char *sec_objname)
{
	const Elf64_Shdr *s = &info->sechdrs[relsec];
	const Elf64_Rela *r = (const Elf64_Rela *)(info->image + s->sh_offset);
	char objname[MODULE_NAME_LEN], *name;
	size_t n = s->sh_size / sizeof(*r);
	unsigned long pos, addr;
	int ret = 0;

	name = kmalloc(KLP_SYM_NAME_LEN, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	for (size_t k = 0; k < n && !ret; k++) {
		u32 symi = ELF64_R_SYM(r[k].r_info);
		const Elf64_Sym *sym;
		const char *symname;

		if (symi == 0 || symi >= info->nsyms) {
			pr_err("invalid symbol index %u in section %s\n", symi,
			       info->secstrings + s->sh_name);
			ret = -EINVAL;
			break;
		}
		sym = &info->syms[symi];
		symname = info->strtab + sym->st_name;
		if (sym->st_shndx != SHN_LIVEPATCH) {
			pr_err("symbol %s is not marked as a livepatch symbol\n", symname);
			ret = -EINVAL;
		} else if (!(ret = klp_sym_parse(symname, objname, name, &pos))) {
			bool sym_vmlinux = !strcmp(objname, "vmlinux");

			/* a module's section must not reach into vmlinux (Linux's rule) */
			if (strcmp(sec_objname, "vmlinux") && sym_vmlinux) {
				pr_err("invalid access to vmlinux symbol '%s' from module-specific livepatch relocation section\n",
				       name);
				ret = -EINVAL;
			} else {
				ret = klp_find_object_symbol(sym_vmlinux ? NULL : objname, name, pos,
							     &addr);
				if (!ret)
					info->symval[symi] = addr;
			}
		}
	}
	kfree(name);
	return ret;
}

/* Relocation writes go through text_poke: the patch's text is read-only by now. */
static void klp_reloc_write(void *dst, const void *src, size_t len)
{
	text_poke(dst, src, len);
}

/* True if section i is a .klp.rela section of obj (quiet about malformed names). */
static bool klp_rela_for(struct elf_info *info, unsigned int i, const struct klp_object *obj,
			 bool loud, int *err)
{
	const Elf64_Shdr *s = &info->sechdrs[i];
	char objname[MODULE_NAME_LEN];

	*err = 0;
	if (s->sh_type != SHT_RELA || !(s->sh_flags & SHF_RELA_LIVEPATCH))
		return false;
	*err = klp_rela_objname(info->secstrings + s->sh_name, objname, loud);
	return !*err && !strcmp(objname, klp_obj_name(obj));
}

/* See core.h. */
void klp_clear_object_relocs(struct klp_patch *patch, struct klp_object *obj)
{
	struct elf_info *info = klp_patch_elf(patch);
	int err;

	for (unsigned int i = 1; info && i < info->shnum; i++)
		if (klp_rela_for(info, i, obj, false, &err))
			elf_clear_section(info, i, klp_reloc_write);
}

/* See core.h. */
int klp_apply_object_relocs(struct klp_patch *patch, struct klp_object *obj)
{
	struct elf_info *info = klp_patch_elf(patch);
	int ret = 0;

	for (unsigned int i = 1; info && i < info->shnum && !ret; i++) {
		if (!klp_rela_for(info, i, obj, true, &ret))
			continue;
		ret = klp_resolve_symbols(info, i, klp_obj_name(obj));
		if (!ret)
			ret = elf_relocate_section(info, i, klp_reloc_write, patch->mod->name);
	}
	if (ret) {
		pr_err("failed to apply relocations of patch '%s' for object '%s' (%d)\n",
		       patch->mod->name, klp_obj_name(obj), ret);
		klp_clear_object_relocs(patch, obj);
	}
	return ret;
}
