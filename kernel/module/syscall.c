/*
 * The module system calls: init_module, finit_module, delete_module, with
 * Linux's numbers and meanings, on top of the module loader
 * (kernel/module/main.c). The image is copied in whole (at most
 * MODULE_IMAGE_MAX); the arguments are one string ("a=1 b=2").
 */
#include <kelp/syscall.h>
#include <kelp/uaccess.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/module.h>

#define MODULE_IMAGE_MAX (64UL << 20)
#define MODULE_ARGS_MAX 4096

/* The argument string, kmalloc'd; "" for NULL. ERR_PTR on failure. */
static char *get_module_args(const char __user *uargs)
{
	char *args = kzalloc(MODULE_ARGS_MAX, GFP_KERNEL);
	long n;

	if (!args)
		return ERR_PTR(-ENOMEM);
	if (!uargs)
		return args;
	n = strncpy_from_user(args, uargs, MODULE_ARGS_MAX);
	if (n >= 0)
		return args;
	kfree(args);
	return ERR_PTR(n == -ENAMETOOLONG ? -E2BIG : n);
}

static long load_with_args(const void *image, size_t len, const char __user *uargs)
{
	char *args = get_module_args(uargs);
	long ret;

	if (IS_ERR(args))
		return PTR_ERR(args);
	ret = load_module(image, len, args);
	kfree(args);
	return ret;
}

SYSCALL_DEFINE(init_module)
{
	size_t len = regs->si;
	void *image;
	long ret;

	if (!len || len > MODULE_IMAGE_MAX)
		return len ? -EFBIG : -ENOEXEC;
	image = kmalloc(len, GFP_KERNEL);
	if (!image)
		return -ENOMEM;
	ret = copy_from_user(image, (const void __user *)regs->di, len);
	if (!ret)
		ret = load_with_args(image, len, (const char __user *)regs->dx);
	kfree(image);
	return ret;
}

/* The whole file behind fd, kmalloc'd. */
static long read_fd(int fd, void **image, size_t *len)
{
	struct file *f = fd_lookup(fd);
	struct kstat st;
	size_t got = 0;
	long ret;

	if (!f)
		return -EBADF;
	ret = sys_fstat(fd, &st);
	if (ret)
		return ret;
	if (!S_ISREG(st.mode))
		return -EINVAL;
	if (!st.size || st.size > MODULE_IMAGE_MAX)
		return st.size ? -EFBIG : -ENOEXEC;
	*image = kmalloc(st.size, GFP_KERNEL);
	if (!*image)
		return -ENOMEM;
	while (got < st.size && (ret = vfs_read(f, (char *)*image + got, st.size - got)) > 0)
		got += ret;
	if (ret < 0) {
		kfree(*image);
		return ret;
	}
	*len = got;
	return 0;
}

SYSCALL_DEFINE(finit_module)
{
	void *image;
	size_t len;
	long ret;

	if (regs->dx)
		return -EINVAL;		/* no MODULE_INIT_* flags */
	ret = read_fd(regs->di, &image, &len);
	if (ret)
		return ret;
	ret = load_with_args(image, len, (const char __user *)regs->si);
	kfree(image);
	return ret;
}

SYSCALL_DEFINE(delete_module)
{
	char name[MODULE_NAME_LEN];
	long n = strncpy_from_user(name, (const char __user *)regs->di, sizeof(name));

	if (n == -ENAMETOOLONG)
		return -ENOENT;
	if (n < 0)
		return n;
	return delete_module(name);
}
