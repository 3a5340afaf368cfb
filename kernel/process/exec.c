/*
 * Program loading: the file is read whole, checked by elf_exec_parse(),
 * and each PT_LOAD segment is copied into fresh zeroed pages of a new
 * address space (text read-only and executable, everything else NX;
 * writable only where the segment says so). The stack gets argc, argv,
 * envp and the auxiliary vector musl's start-up reads (AT_PHDR, AT_PAGESZ,
 * AT_RANDOM, ...) as the SysV ABI lays them out. All writes go
 * through the direct map: the new PML4 is never loaded here, so a failure
 * at any point frees everything and leaves accounting where it was.
 */
#include <kelp/export.h>
#include <kelp/process.h>
#include <kelp/elf_exec.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/string.h>
#include <kelp/fpu.h>
#include <kelp/signal.h>
#include <kelp/x86.h>

#define EXEC_FILE_MAX (16UL << 20)
#define EXEC_AUXV_WORDS 32	/* the auxv pairs below, with AT_NULL, and room */

/* Auxiliary vector types (Linux's <uapi/linux/auxvec.h>). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25

/* See process.h. */
int exec_args_init(struct exec_args *args)
{
	*args = (struct exec_args){ .buf = kmalloc(ARG_MAX, GFP_KERNEL) };
	return args->buf ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_FOR_KTEST(exec_args_init);

/* See process.h. */
void exec_args_free(struct exec_args *args)
{
	kfree(args->buf);
	args->buf = NULL;
}
EXPORT_SYMBOL_FOR_KTEST(exec_args_free);

/* Room for the strings and the argv/envp pointers (and their NULLs, argc, auxv). */
static bool exec_args_fit(const struct exec_args *args, size_t more)
{
	size_t ptrs = (args->argc + args->envc + 2 + EXEC_AUXV_WORDS) * sizeof(u64) + 16;

	return args->used + more + ptrs <= ARG_MAX && args->argc + args->envc < 2 * ARGV_MAX;
}

/* See process.h. Arguments must all come before the environment. */
int exec_args_add(struct exec_args *args, const char *s, bool env)
{
	size_t n = strlen(s) + 1;

	if (!exec_args_fit(args, n))
		return -E2BIG;
	memcpy(args->buf + args->used, s, n);
	args->used += n;
	if (env)
		args->envc++;
	else
		args->argc++;
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(exec_args_add);

/* See process.h. uv may be NULL (no entries). */
int exec_args_add_user(struct exec_args *args, const char *const *uv, bool env)
{
	for (int i = 0; uv; i++) {
		const char *p;
		long n;

		if (i == ARGV_MAX)
			return -E2BIG;
		if (copy_from_user(&p, &uv[i], sizeof(p)))
			return -EFAULT;
		if (!p)
			return 0;
		if (!exec_args_fit(args, 1))
			return -E2BIG;
		n = strncpy_from_user(args->buf + args->used, p, ARG_MAX - args->used);
		if (n == -ENAMETOOLONG || (n >= 0 && !exec_args_fit(args, n + 1)))
			return -E2BIG;
		if (n < 0)
			return n;
		args->used += n + 1;
		if (env)
			args->envc++;
		else
			args->argc++;
	}
	return 0;
}

/* Reads the whole file into a kmalloc'd buffer. */
static int read_file(const char *path, void **data, size_t *len)
{
	struct file *f;
	struct kstat st;
	ssize_t n;
	int err = vfs_stat(path, &st);

	if (err)
		return err;
	if (!S_ISREG(st.mode))
		return -EACCES;
	if (st.size > EXEC_FILE_MAX || st.size < 4)
		return -ENOEXEC;
	err = vfs_open(path, O_RDONLY, 0, &f);
	if (err)
		return err;
	*data = kmalloc(st.size, GFP_KERNEL);
	n = *data ? vfs_read(f, *data, st.size) : -ENOMEM;
	vfs_close(f);
	if (n != (ssize_t)st.size) {
		kfree(*data);
		return n < 0 ? n : -EIO;
	}
	*len = st.size;
	return 0;
}

/* Maps a zeroed page at va; returns its direct-map address or NULL. */
static void *map_zero_page(struct mm *mm, unsigned long va, u64 flags)
{
	void *page = page_alloc_zeroed(1);

	if (!page)
		return NULL;
	if (paging_map_user(mm, va, virt_to_phys(page), flags)) {
		page_free(page, 1);
		return NULL;
	}
	mm->pages++;
	return page;
}

static u64 seg_pte_flags(u32 seg)
{
	u64 f = 0;

	if (seg & ELF_SEG_W)
		f |= PTE_WRITE;
	if (!(seg & ELF_SEG_X) && cpu_has_nx)
		f |= PTE_NX;
	return f;
}

/* Copies n bytes to user address va of mm (pages already mapped) through the direct map. */
static void mm_poke(struct mm *mm, unsigned long va, const void *src, size_t n)
{
	while (n) {
		u64 *pte = paging_user_pte(mm, va & PAGE_MASK);
		size_t off = va & (PAGE_SIZE - 1), chunk = min(n, PAGE_SIZE - off);

		memcpy((char *)phys_to_virt(*pte & PTE_ADDR_MASK) + off, src, chunk);
		va += chunk;
		src = (const char *)src + chunk;
		n -= chunk;
	}
}

static int load_segment(struct mm *mm, const struct elf_exec_segment *s, const u8 *file)
{
	unsigned long lo = s->vaddr & PAGE_MASK, hi = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);

	for (unsigned long va = lo; va < hi; va += PAGE_SIZE)
		if (!map_zero_page(mm, va, seg_pte_flags(s->flags)))
			return -ENOMEM;
	mm_poke(mm, s->vaddr, file + s->offset, s->filesz);
	return 0;
}

/*
 * 16 bytes for AT_RANDOM (musl seeds its stack-protector canary and
 * malloc's secrets from them): the TSC through a mixer. Not
 * cryptographic; Kelp has no entropy pool.
 */
static void exec_random(u8 out[16])
{
	static u64 state;
	u64 v[2];

	for (int i = 0; i < 2; i++) {
		u64 z = (state += rdtsc() + 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		v[i] = z ^ (z >> 31);
	}
	memcpy(out, v, 16);
}

/*
 * The initial stack, from the top: the strings, 16 random bytes, then
 * (16-byte aligned) argc, argv[], NULL, envp[], NULL, the auxv pairs and
 * AT_NULL; rsp points at argc.
 */
static int setup_stack(struct mm *mm, const struct exec_args *args, const struct elf_exec_info *info)
{
	unsigned long top = USER_STACK_TOP, strs, rnd, sp;
	int n = args->argc + args->envc;
	u64 *vec = kmalloc((n + 3 + EXEC_AUXV_WORDS) * sizeof(u64), GFP_KERNEL);
	const char *s = args->buf;
	u8 random[16];
	int i = 0;

	if (!vec)
		return -ENOMEM;
	for (unsigned long va = top - USER_STACK_SIZE; va < top; va += PAGE_SIZE)
		if (!map_zero_page(mm, va, PTE_WRITE | (cpu_has_nx ? PTE_NX : 0))) {
			kfree(vec);
			return -ENOMEM;
		}
	strs = top - ALIGN_UP(args->used, 16);
	mm_poke(mm, strs, args->buf, args->used);
	rnd = strs - 16;
	exec_random(random);
	mm_poke(mm, rnd, random, sizeof(random));
	vec[i++] = args->argc;
	for (int k = 0; k < n; k++) {
		if (k == args->argc)
			vec[i++] = 0;
		vec[i++] = strs + (s - args->buf);
		s += strlen(s) + 1;
	}
	if (args->envc == 0)
		vec[i++] = 0;	/* argv's NULL */
	vec[i++] = 0;		/* envp's NULL */
#define AUX(type, val) do { vec[i++] = (type); vec[i++] = (val); } while (0)
	if (info->phdr) {
		AUX(AT_PHDR, info->phdr);
		AUX(AT_PHENT, 56);
		AUX(AT_PHNUM, info->phnum);
	}
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, info->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_HWCAP, 0);
	AUX(AT_CLKTCK, 100);	/* USER_HZ */
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, rnd);
	AUX(AT_NULL, 0);
#undef AUX
	sp = (rnd - i * sizeof(u64)) & ~15UL;
	mm_poke(mm, sp, vec, i * sizeof(u64));
	mm->start_stack = sp;
	kfree(vec);
	return 0;
}

/* See process.h. */
void mm_free(struct mm *mm)
{
	if (!mm)
		return;
	paging_mm_destroy(mm);
	fpu_mm_free(mm);
	kfree(mm);
}

static void set_exe_name(struct mm *mm, const char *path)
{
	const char *base = strrchr(path, '/');

	strlcpy(mm->exe, base ? base + 1 : path, sizeof(mm->exe));
}

/* See process.h. */
struct mm *exec_load(const char *path, const struct exec_args *args, unsigned long *entry)
{
	struct elf_exec_info info;
	struct mm *mm;
	size_t len = 0;
	void *file = NULL;
	int err = read_file(path, &file, &len);

	if (err)
		return ERR_PTR(err);
	err = elf_exec_parse(file, len, &info);
	mm = err ? NULL : kzalloc(sizeof(*mm), GFP_KERNEL);
	if (!mm)
		goto err_file;
	err = paging_mm_init(mm);
	if (!err)
		err = fpu_mm_init(mm);
	if (err)
		goto err_mm;
	signal_init(mm);
	for (unsigned int i = 0; i < info.nseg && !err; i++)
		err = load_segment(mm, &info.seg[i], file);
	if (!err)
		err = setup_stack(mm, args, &info);
	if (err)
		goto err_mm;
	mm->start_code = info.lo;
	mm->end_code = info.hi;
	mm->start_brk = mm->brk = mm->heap_end = info.hi;
	set_exe_name(mm, path);
	*entry = info.entry;
	kfree(file);
	return mm;

err_mm:
	mm_free(mm);
	if (!err)
		err = -ENOMEM;
err_file:
	kfree(file);
	return ERR_PTR(err ? err : -ENOMEM);
}
EXPORT_SYMBOL_FOR_KTEST(exec_load);
