/*
 * The COM2 receiver of live uploads: bytes from the UART's receive ring go
 * through the frame parser into the upload session (upload_proto.c); a
 * verified file is written to /lib/modules/NAME and, when the sender asked
 * for it, loaded like insmod would. Replies go back on COM2. CMD frames
 * (tools/kelpctl) read and write files and load and remove modules.
 * The receiver is the kernel thread "klp-upload": it sleeps on COM2's
 * receive wait queue (with a timeout, to abandon silent transfers) and is
 * the only context that touches the parser and the session.
 */
#include <kelp/upload.h>
#include <kelp/errno.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/wait.h>
#include <kelp/fs.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/uart.h>

static struct upload_parser upload_parser;
static struct upload_session upload_session;
static u64 upload_last_rx;		/* jiffies of the last byte */

static void upload_reply(u8 type, u32 seq, s32 status, const char *text, void *arg)
{
	u8 payload[4 + 128], frame[UPLOAD_HDR_SIZE + sizeof(payload)];
	size_t tlen = strnlen(text, 128);

	memcpy(payload, &status, 4);
	memcpy(payload + 4, text, tlen);
	uart_write_raw(&uart_com2, frame,
		       upload_frame_encode(frame, type, 0, seq, payload, 4 + tlen));
}

/* Writes the file whole; a failed write leaves no file behind. */
static int upload_store(const char *name, const u8 *data, size_t len, void *arg)
{
	char path[sizeof(MODULE_DIR) + UPLOAD_NAME_MAX + 1];
	struct file *f;
	ssize_t n;
	int err;

	snprintf(path, sizeof(path), MODULE_DIR "/%s", name);
	err = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644, &f);
	if (err)
		return err;
	n = vfs_write(f, (const char *)data, len);
	vfs_close(f);
	if (n == (ssize_t)len)
		return 0;
	vfs_unlink(path);
	return n < 0 ? n : -EIO;
}

static int upload_load(const char *name, const u8 *data, size_t len, const char *args,
		       char *msg, size_t msglen, void *arg)
{
	char path[sizeof(MODULE_DIR) + UPLOAD_NAME_MAX + 1];
	int err = load_module(data, len, args);

	if (err) {
		snprintf(msg, msglen, "could not insert module %s: %s", name, module_strerror(err));
		/* the sender asked for a loaded module: a refused one leaves nothing behind */
		snprintf(path, sizeof(path), MODULE_DIR "/%s", name);
		vfs_unlink(path);
	}
	return err;
}

/* ---- commands (tools/kelpctl): a few file and module operations ---- */

/* Sends out[0..len) as OUTPUT frames of at most UPLOAD_CHUNK bytes. */
static void upload_output(u32 seq, const char *out, size_t len)
{
	static u8 frame[UPLOAD_HDR_SIZE + 4 + UPLOAD_CHUNK], payload[4 + UPLOAD_CHUNK];

	while (len) {
		size_t n = len < UPLOAD_CHUNK ? len : UPLOAD_CHUNK;

		memset(payload, 0, 4);
		memcpy(payload + 4, out, n);
		uart_write_raw(&uart_com2, frame,
			       upload_frame_encode(frame, UPLOAD_OUTPUT, 0, seq, payload, 4 + n));
		out += n;
		len -= n;
	}
}

/* cat PATH: the file's contents. 0 or -errno. */
static int upload_cmd_cat(const char *path, u32 seq)
{
	char *buf = kmalloc(UPLOAD_CHUNK, GFP_KERNEL);
	struct file *f;
	ssize_t n;
	int err;

	if (!buf)
		return -ENOMEM;
	err = vfs_open(path, O_RDONLY, 0, &f);
	if (!err) {
		while ((n = vfs_read(f, buf, UPLOAD_CHUNK)) > 0)
			upload_output(seq, buf, n);
		err = n < 0 ? n : 0;
		vfs_close(f);
	}
	kfree(buf);
	return err;
}

/* ls PATH: one name per line, a '/' after directories. 0 or -errno. */
static int upload_cmd_ls(const char *path, u32 seq)
{
	struct dirent_info *d = kmalloc(sizeof(*d), GFP_KERNEL);
	char line[NAME_MAX + 3];
	struct file *f;
	int err, n;

	if (!d)
		return -ENOMEM;
	err = vfs_open(path, O_RDONLY, 0, &f);
	if (!err) {
		while ((n = vfs_getdents(f, d)) > 0) {
			if (!strcmp(d->name, ".") || !strcmp(d->name, ".."))
				continue;
			n = snprintf(line, sizeof(line), "%s%s\n", d->name,
				     S_ISDIR(d->mode) ? "/" : "");
			upload_output(seq, line, n);
		}
		err = n < 0 ? n : 0;
		vfs_close(f);
	}
	kfree(d);
	return err;
}

/* write PATH TEXT: TEXT and a newline, in one write (sysfs stores). 0 or -errno. */
static int upload_cmd_write(const char *path, const char *text)
{
	size_t len = strlen(text);
	char *buf = kmalloc(len + 2, GFP_KERNEL);
	struct file *f;
	ssize_t n;
	int err;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, text, len);
	buf[len] = '\n';
	err = vfs_open(path, O_WRONLY, 0, &f);
	if (!err) {
		n = vfs_write(f, buf, len + 1);
		err = n < 0 ? n : 0;
		vfs_close(f);
	}
	kfree(buf);
	return err;
}

/*
 * Runs one command line (see upload.h) and replies: OUTPUT frames, then
 * RESULT with 0 or -errno and its text. The receiver thread only.
 */
static void upload_command(const char *cmd, size_t len, u32 seq, void *arg)
{
	char line[UPLOAD_MAX_PAYLOAD + 1], msg[128], *verb = line, *rest, *val;
	int err = -EINVAL;

	memcpy(line, cmd, len);
	line[len] = '\0';
	rest = strchr(line, ' ');
	if (rest)
		*rest++ = '\0';
	else
		rest = line + len;
	if (!strcmp(verb, "cat")) {
		err = upload_cmd_cat(rest, seq);
	} else if (!strcmp(verb, "ls")) {
		err = upload_cmd_ls(rest, seq);
	} else if (!strcmp(verb, "write") && (val = strchr(rest, ' '))) {
		*val++ = '\0';
		err = upload_cmd_write(rest, val);
	} else if (!strcmp(verb, "insmod")) {
		val = strchr(rest, ' ');
		if (val)
			*val++ = '\0';
		err = load_module_file(rest, val ? val : "");
	} else if (!strcmp(verb, "rmmod")) {
		err = delete_module(rest);
	}
	/* errno texts as the tools print them: kmod's for insmod, rmmod's "not loaded" */
	if (!err)
		msg[0] = '\0';
	else if (!strcmp(verb, "insmod"))
		snprintf(msg, sizeof(msg), "%s", module_strerror(err));
	else if (!strcmp(verb, "rmmod") && err == -ENOENT)
		snprintf(msg, sizeof(msg), "Module %s is not currently loaded", rest);
	else
		snprintf(msg, sizeof(msg), "%s", strerror(err));
	upload_reply(UPLOAD_RESULT, seq, err, msg, arg);
}

static const struct upload_ops upload_kernel_ops = {
	.store = upload_store,
	.load = upload_load,
	.reply = upload_reply,
	.command = upload_command,
};

/* See upload.h. */
void upload_poll(void)
{
	struct upload_frame f;
	int c;

	while ((c = uart_getc(&uart_com2)) >= 0) {
		upload_last_rx = jiffies;
		if (upload_parser_feed(&upload_parser, c, &f))
			upload_session_handle(&upload_session, &f, &upload_kernel_ops);
	}
	if (upload_session.active && jiffies - upload_last_rx > UPLOAD_TIMEOUT_MS * HZ / 1000) {
		pr_warn("upload: %s: timed out after %u of %u bytes, discarded\n",
			upload_session.name, upload_session.received, upload_session.size);
		upload_session_reset(&upload_session);
		upload_parser.have = 0;
	}
}

static bool com2_has_data(void)
{
	return uart_com2.rx_tail != READ_ONCE(uart_com2.rx_head);
}

static int upload_thread(void *unused)
{
	for (;;) {
		wait_event_interruptible_timeout(uart_com2.rx_wait, com2_has_data(), HZ / 2);
		upload_poll();
	}
	return 0;
}

/* See upload.h. */
void upload_init(void)
{
	struct task *t = kthread_run(upload_thread, NULL, "klp-upload");

	if (IS_ERR(t)) {
		pr_err("upload: cannot start the receiver thread (%ld)\n", PTR_ERR(t));
		return;
	}
	put_task_struct(t);	/* never stopped */
}
