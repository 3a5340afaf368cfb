/*
 * The link between tasks and their filesystem context: current_fs() for
 * the running task, unshare_fs() and the exit hook. Kept apart from vfs.c
 * so that the VFS compiles on the host, where vfs.c's weak current_fs()
 * (always init_fs) stands in.
 */
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/errno.h>
#include <kelp/sched.h>

/* See fs.h. */
struct fs_context *current_fs(void)
{
	struct fs_context *fs = current->fs;

	return fs ? fs : &init_fs;
}

/* See fs.h. */
int unshare_fs(void)
{
	struct fs_context *fs = fs_context_clone(current_fs());

	if (!fs)
		return -ENOMEM;
	fs_context_put(current->fs);
	current->fs = fs;
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(unshare_fs);

/* See fs.h. */
void exit_fs(void)
{
	struct fs_context *fs = current->fs;

	current->fs = NULL;
	fs_context_put(fs);
}
