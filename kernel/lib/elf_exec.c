/*
 * The ELF64 executable parser (include/kelp/elf_exec.h). Every field of
 * the headers is untrusted: offsets and sizes are checked with overflow in
 * mind before anything is read, and any doubt is -ENOEXEC.
 */
#include <kelp/elf_exec.h>
#include <kelp/errno.h>
#include <kelp/string.h>

#define EXEC_PAGE 4096UL
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_INTERP 3

struct exec_ehdr {
	u8 ident[16];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct exec_phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};

static u64 page_down(u64 v)
{
	return v & ~(EXEC_PAGE - 1);
}

static bool ehdr_ok(const struct exec_ehdr *eh, size_t len)
{
	static const u8 magic[] = { 0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LSB */, 1 };

	if (memcmp(eh->ident, magic, sizeof(magic)))
		return false;
	if ((eh->type != ET_EXEC && eh->type != ET_DYN) || eh->machine != EM_X86_64 || eh->version != 1)
		return false;
	if (eh->phentsize != sizeof(struct exec_phdr) || !eh->phnum || eh->phnum > 64)
		return false;
	return eh->phoff <= len && eh->phnum * sizeof(struct exec_phdr) <= len - eh->phoff;
}

/* Checks one PT_LOAD header against the file and the segments before it. */
static int add_segment(struct elf_exec_info *out, const struct exec_phdr *ph, size_t len, u64 bias)
{
	struct elf_exec_segment *s;
	u64 va = ph->vaddr + bias;

	if (out->nseg == ELF_EXEC_MAX_SEGS || ph->filesz > ph->memsz || !ph->memsz)
		return -ENOEXEC;
	if (ph->offset > len || ph->filesz > len - ph->offset)
		return -ENOEXEC;
	if ((ph->offset & (EXEC_PAGE - 1)) != (ph->vaddr & (EXEC_PAGE - 1)))
		return -ENOEXEC;
	if (va < ph->vaddr || va < ELF_EXEC_LOW || va >= ELF_EXEC_HIGH ||
	    ph->memsz > ELF_EXEC_HIGH - va)
		return -ENOEXEC;
	if ((ph->flags & ELF_SEG_W) && (ph->flags & ELF_SEG_X))
		return -ENOEXEC;	/* W^X */
	if (out->nseg && page_down(va) < out->hi)
		return -ENOEXEC;	/* not ascending, or sharing a page */
	s = &out->seg[out->nseg++];
	*s = (struct elf_exec_segment){ va, ph->memsz, ph->filesz, ph->offset,
					ph->flags & (ELF_SEG_R | ELF_SEG_W | ELF_SEG_X) };
	if (out->nseg == 1)
		out->lo = page_down(va);
	out->hi = page_down(va + ph->memsz + EXEC_PAGE - 1);
	return out->hi - out->lo > ELF_EXEC_MAX_SIZE ? -ENOEXEC : 0;
}

/* Program header i (copied: the buffer need not be aligned). */
static struct exec_phdr get_phdr(const void *data, const struct exec_ehdr *eh, unsigned int i)
{
	struct exec_phdr ph;

	memcpy(&ph, (const u8 *)data + eh->phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

/* The load bias: ET_DYN images linked at 0 go to ELF_EXEC_DYN_BASE. */
static u64 load_bias(const void *data, const struct exec_ehdr *eh)
{
	u64 lo = ~0ULL;

	if (eh->type != ET_DYN)
		return 0;
	for (unsigned int i = 0; i < eh->phnum; i++) {
		struct exec_phdr ph = get_phdr(data, eh, i);

		if (ph.type == PT_LOAD && ph.vaddr < lo)
			lo = ph.vaddr;
	}
	return lo < EXEC_PAGE ? ELF_EXEC_DYN_BASE : 0;
}

/* See elf_exec.h. */
int elf_exec_parse(const void *data, size_t len, struct elf_exec_info *out)
{
	struct exec_ehdr eh;
	u64 bias;
	int err;

	memset(out, 0, sizeof(*out));
	if (len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, data, sizeof(eh));
	if (!ehdr_ok(&eh, len))
		return -ENOEXEC;
	bias = load_bias(data, &eh);
	for (unsigned int i = 0; i < eh.phnum; i++) {
		struct exec_phdr ph = get_phdr(data, &eh, i);

		if (ph.type == PT_INTERP)
			return -ENOEXEC;	/* static executables only */
		if (ph.type == PT_LOAD && (err = add_segment(out, &ph, len, bias)))
			return err;
	}
	if (!out->nseg)
		return -ENOEXEC;
	out->entry = eh.entry + bias;
	out->phnum = eh.phnum;
	for (unsigned int i = 0; i < out->nseg; i++) {
		const struct elf_exec_segment *s = &out->seg[i];

		if (eh.phoff >= s->offset && eh.phoff - s->offset + eh.phnum * sizeof(struct exec_phdr) <= s->filesz)
			out->phdr = s->vaddr + (eh.phoff - s->offset);
	}
	for (unsigned int i = 0; i < out->nseg; i++) {
		const struct elf_exec_segment *s = &out->seg[i];

		if ((s->flags & ELF_SEG_X) && out->entry >= s->vaddr && out->entry - s->vaddr < s->memsz)
			return 0;
	}
	return -ENOEXEC;
}
