/*
 * The pure half of the COM2 upload (the format is in <kelp/upload.h>):
 * CRC-32, the frame encoder, a byte-at-a-time frame parser that
 * resynchronises on the magic after line noise, and the session state
 * machine that assembles a file in memory and hands it over only when its
 * size and checksum are right. No I/O: the receiver (upload.c), the host
 * unit tests and the fuzz target drive it through struct upload_ops.
 */
#include <kelp/upload.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>

/* See upload.h. Bitwise: uploads are line-rate bound, a table buys nothing. */
u32 upload_crc32(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static u16 get16(const u8 *p)
{
	return p[0] | (p[1] << 8);
}

static u32 get32(const u8 *p)
{
	return get16(p) | ((u32)get16(p + 2) << 16);
}

/* See upload.h. */
size_t upload_frame_encode(u8 *out, u8 type, u16 flags, u32 seq, const void *payload, u32 len)
{
	put32(out, UPLOAD_MAGIC);
	out[4] = UPLOAD_VERSION;
	out[5] = type;
	put16(out + 6, flags);
	put32(out + 8, seq);
	put32(out + 12, len);
	put32(out + 16, 0);
	if (len)
		memcpy(out + UPLOAD_HDR_SIZE, payload, len);
	put32(out + 16, upload_crc32(0, out, UPLOAD_HDR_SIZE + len));
	return UPLOAD_HDR_SIZE + len;
}

/* See upload.h. */
void upload_parser_init(struct upload_parser *p)
{
	p->have = 0;
	p->bad_frames = 0;
}

static bool frame_crc_ok(struct upload_parser *p, size_t total)
{
	u32 want = get32(p->buf + 16);

	put32(p->buf + 16, 0);
	return upload_crc32(0, p->buf, total) == want;
}

/*
 * A false start (line noise that looked like a magic): drop its first byte
 * and parse the rest again, so a real frame starting inside it is found.
 * At most 15 bytes are re-fed, none of which can complete a frame.
 */
static void upload_parser_resync(struct upload_parser *p)
{
	u8 tmp[16];
	size_t n = p->have - 1;
	struct upload_frame f;

	memcpy(tmp, p->buf + 1, n);
	p->have = 0;
	p->bad_frames++;
	for (size_t i = 0; i < n; i++)
		upload_parser_feed(p, tmp[i], &f);
}

/* See upload.h. */
int upload_parser_feed(struct upload_parser *p, u8 byte, struct upload_frame *f)
{
	static const u8 magic[4] = { 'K', 'L', 'P', 'U' };
	u32 len;

	if (p->have < 4) {
		if (byte == magic[p->have])
			p->buf[p->have++] = byte;
		else
			p->have = byte == magic[0];
		return 0;
	}
	p->buf[p->have++] = byte;
	if ((p->have == 5 && p->buf[4] != UPLOAD_VERSION) ||
	    (p->have == 16 && get32(p->buf + 12) > UPLOAD_MAX_PAYLOAD)) {
		upload_parser_resync(p);
		return 0;
	}
	if (p->have < UPLOAD_HDR_SIZE)
		return 0;
	len = get32(p->buf + 12);
	if (p->have < UPLOAD_HDR_SIZE + len)
		return 0;
	p->have = 0;
	if (!frame_crc_ok(p, UPLOAD_HDR_SIZE + len)) {
		p->bad_frames++;
		return 0;
	}
	f->type = p->buf[5];
	f->flags = get16(p->buf + 6);
	f->seq = get32(p->buf + 8);
	f->len = len;
	f->payload = p->buf + UPLOAD_HDR_SIZE;
	return 1;
}

/* See upload.h. */
void upload_session_reset(struct upload_session *s)
{
	kfree(s->data);
	memset(s, 0, sizeof(*s));
}

/* Refuses frame f: NAK with err and why; the transfer (if any) is dropped. */
static int upload_refuse(struct upload_session *s, const struct upload_frame *f,
			 const struct upload_ops *ops, int err, const char *why)
{
	if (s->active)
		pr_warn("upload: %s: %s, discarded\n", s->name, why);
	else
		pr_warn("upload: %s\n", why);
	ops->reply(UPLOAD_NAK, f->seq, err, why, ops->arg);
	upload_session_reset(s);
	return err;
}

/* A file name for /lib/modules: [A-Za-z0-9_.-], not starting with '.', ending in .ko. */
static bool upload_name_ok(const char *name, size_t len)
{
	if (len < 4 || len > UPLOAD_NAME_MAX || name[0] == '.' || memcmp(name + len - 3, ".ko", 3))
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static bool upload_args_ok(const u8 *args, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (args[i] < 0x20 || args[i] > 0x7e)
			return false;
	return len <= UPLOAD_ARGS_MAX;
}

static int upload_start(struct upload_session *s, const struct upload_frame *f,
			const struct upload_ops *ops)
{
	const u8 *p = f->payload;
	u32 size, nlen, alen;

	if (s->active) {
		pr_warn("upload: %s: superseded by a new transfer, discarded\n", s->name);
		upload_session_reset(s);
	}
	if (f->len < 12)
		return upload_refuse(s, f, ops, -EPROTO, "malformed START frame");
	size = get32(p);
	nlen = get16(p + 8);
	alen = get16(p + 10);
	if (12 + nlen + alen != f->len || !upload_name_ok((const char *)p + 12, nlen) ||
	    !upload_args_ok(p + 12 + nlen, alen))
		return upload_refuse(s, f, ops, -EINVAL, "invalid file name or arguments");
	if (size == 0 || size > UPLOAD_MAX_FILE)
		return upload_refuse(s, f, ops, -EFBIG, "file size out of range (1 byte to 8 MiB)");
	s->data = kmalloc(size, GFP_KERNEL);
	if (!s->data)
		return upload_refuse(s, f, ops, -ENOMEM, "out of memory");
	memcpy(s->name, p + 12, nlen);
	memcpy(s->args, p + 12 + nlen, alen);
	s->size = size;
	s->crc = get32(p + 4);
	s->load = f->flags & UPLOAD_F_LOAD;
	s->next_seq = 1;
	s->active = true;
	pr_info("upload: receiving %s (%u bytes)\n", s->name, size);
	ops->reply(UPLOAD_ACK, f->seq, 0, "", ops->arg);
	return 0;
}

static int upload_data(struct upload_session *s, const struct upload_frame *f,
		       const struct upload_ops *ops)
{
	if (!s->active)
		return upload_refuse(s, f, ops, -EPROTO, "DATA without a transfer in progress");
	if (f->seq + 1 == s->next_seq) {	/* our ACK was lost: acknowledge again */
		ops->reply(UPLOAD_ACK, f->seq, 0, "", ops->arg);
		return 0;
	}
	if (f->seq != s->next_seq)
		return upload_refuse(s, f, ops, -EPROTO, "DATA frame out of sequence");
	if (f->len > s->size - s->received)
		return upload_refuse(s, f, ops, -EFBIG, "more data than announced");
	memcpy(s->data + s->received, f->payload, f->len);
	s->received += f->len;
	s->next_seq++;
	ops->reply(UPLOAD_ACK, f->seq, 0, "", ops->arg);
	return 0;
}

static int upload_end(struct upload_session *s, const struct upload_frame *f,
		      const struct upload_ops *ops)
{
	char msg[128];
	int err;

	if (!s->active)
		return upload_refuse(s, f, ops, -EPROTO, "END without a transfer in progress");
	if (s->received != s->size)
		return upload_refuse(s, f, ops, -EIO, "file incomplete");
	if (upload_crc32(0, s->data, s->size) != s->crc)
		return upload_refuse(s, f, ops, -EBADMSG, "checksum mismatch");
	err = ops->store(s->name, s->data, s->size, ops->arg);
	if (err)
		return upload_refuse(s, f, ops, err, "cannot store the file");
	pr_info("upload: stored %s (%u bytes)\n", s->name, s->size);
	ops->reply(UPLOAD_ACK, f->seq, 0, "", ops->arg);
	if (s->load) {
		msg[0] = '\0';
		err = ops->load(s->name, s->data, s->size, s->args, msg, sizeof(msg), ops->arg);
		ops->reply(UPLOAD_RESULT, f->seq, err, msg, ops->arg);
	}
	upload_session_reset(s);
	return 0;
}

/* See upload.h. */
int upload_session_handle(struct upload_session *s, const struct upload_frame *f,
			  const struct upload_ops *ops)
{
	switch (f->type) {
	case UPLOAD_START:
		return upload_start(s, f, ops);
	case UPLOAD_DATA:
		return upload_data(s, f, ops);
	case UPLOAD_END:
		return upload_end(s, f, ops);
	case UPLOAD_ABORT:
		if (s->active)
			pr_warn("upload: %s: aborted by the sender, discarded\n", s->name);
		upload_session_reset(s);
		ops->reply(UPLOAD_ACK, f->seq, 0, "", ops->arg);
		return 0;
	case UPLOAD_CMD:
		if (!ops->command) {
			ops->reply(UPLOAD_NAK, f->seq, -ENOSYS, "commands not supported", ops->arg);
			return -ENOSYS;
		}
		/* independent of a transfer in progress, which goes on */
		ops->command((const char *)f->payload, f->len, f->seq, ops->arg);
		return 0;
	default:
		return upload_refuse(s, f, ops, -EPROTO, "unknown frame type");
	}
}
