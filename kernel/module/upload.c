/*
 * The COM2 receiver of live uploads: bytes from the UART's receive ring go
 * through the frame parser into the upload session (upload_proto.c); a
 * verified file is written to /lib/modules/NAME and, when the sender asked
 * for it, loaded like insmod would. Replies go back on COM2.
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
	int err = load_module(data, len, args);

	if (err)
		snprintf(msg, msglen, "could not insert module %s: %s", name, module_strerror(err));
	return err;
}

static const struct upload_ops upload_kernel_ops = {
	.store = upload_store,
	.load = upload_load,
	.reply = upload_reply,
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
