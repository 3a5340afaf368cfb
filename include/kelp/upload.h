/*
 * Live upload of files (patch modules) over COM2 (kernel/module/upload*.c,
 * host side tools/klp-send). Every frame is a 20-byte little-endian header
 * and a payload, protected by a CRC-32 over both:
 *
 *   magic "KLPU" | version 1 | type | flags u16 | seq u32 | len u32 | crc u32
 *
 * host -> kernel: START (payload: size u32, file crc32 u32, name_len u16,
 *   args_len u16, name, args; flags: UPLOAD_F_LOAD), DATA (seq 1, 2, ...;
 *   at most UPLOAD_CHUNK bytes), END, ABORT.
 * kernel -> host: ACK (seq of the frame acknowledged; status 0), NAK
 *   (status -errno and a message), RESULT (the insmod of --load: status and
 *   message). Payload of all three: status s32, then text.
 *
 * host -> kernel: CMD (tools/kelpctl; payload: a command line, see
 *   upload.c: "cat PATH", "ls PATH", "write PATH TEXT", "insmod PATH [ARGS]",
 *   "rmmod NAME"). kernel -> host: OUTPUT frames (status 0, then up to
 *   UPLOAD_CHUNK bytes of the command's output), then RESULT (status
 *   -errno or 0, and the error's text).
 *
 * Stop-and-wait: each frame is acknowledged before the next is sent; a
 * repeated DATA frame (lost ACK) is acknowledged again and not appended.
 * The file is kept in memory until END has checked its size and checksum,
 * so a half-sent, corrupted or abandoned file never reaches /lib/modules.
 * The pure part (CRC, frame parser, session) has no I/O and is fuzzed.
 */
#ifndef KELP_UPLOAD_H
#define KELP_UPLOAD_H

#include <kelp/types.h>

#define UPLOAD_MAGIC 0x55504c4bu	/* "KLPU" */
#define UPLOAD_VERSION 1
#define UPLOAD_HDR_SIZE 20
#define UPLOAD_CHUNK 1024
#define UPLOAD_MAX_PAYLOAD (UPLOAD_CHUNK + 512)
#define UPLOAD_MAX_FILE (8UL << 20)	/* size cap */
#define UPLOAD_NAME_MAX 64
#define UPLOAD_ARGS_MAX 256
#define UPLOAD_TIMEOUT_MS 5000		/* silence that abandons a transfer */

enum upload_type {
	UPLOAD_START = 1,
	UPLOAD_DATA = 2,
	UPLOAD_END = 3,
	UPLOAD_ABORT = 4,
	UPLOAD_CMD = 5,
	UPLOAD_ACK = 0x81,
	UPLOAD_NAK = 0x82,
	UPLOAD_RESULT = 0x83,
	UPLOAD_OUTPUT = 0x84,
};

#define UPLOAD_F_LOAD 0x1		/* START: insmod the file once stored */

struct upload_frame {
	u8 type;
	u16 flags;
	u32 seq;
	u32 len;
	const u8 *payload;
};

/* Byte-at-a-time frame parser: resynchronises on the magic after garbage. */
struct upload_parser {
	u8 buf[UPLOAD_HDR_SIZE + UPLOAD_MAX_PAYLOAD];
	size_t have;
	u64 bad_frames;			/* CRC or header errors seen */
};

/* One transfer in progress. */
struct upload_session {
	bool active;
	bool load;
	char name[UPLOAD_NAME_MAX + 1];
	char args[UPLOAD_ARGS_MAX + 1];
	u32 size, crc, received, next_seq;
	u8 *data;			/* kmalloc'd, size bytes */
};

/* What a session asks its owner to do with a complete, verified file. */
struct upload_ops {
	/* Stores the file; 0 or -errno. */
	int (*store)(const char *name, const u8 *data, size_t len, void *arg);
	/* Loads it (UPLOAD_F_LOAD); fills msg; 0 or -errno. */
	int (*load)(const char *name, const u8 *data, size_t len, const char *args,
		    char *msg, size_t msglen, void *arg);
	/* Sends a reply frame (ACK/NAK/RESULT) with status and text. */
	void (*reply)(u8 type, u32 seq, s32 status, const char *text, void *arg);
	void *arg;
	/*
	 * Runs a CMD frame's command (len bytes, not NUL-terminated): sends
	 * its OUTPUT and RESULT frames itself. NULL: CMD is refused.
	 */
	void (*command)(const char *cmd, size_t len, u32 seq, void *arg);
};

/* CRC-32 (IEEE 802.3, as zlib's crc32()), continuing from crc (0 to start). */
u32 upload_crc32(u32 crc, const void *buf, size_t len);
/* Encodes a frame into out (UPLOAD_HDR_SIZE + len bytes); returns its size. */
size_t upload_frame_encode(u8 *out, u8 type, u16 flags, u32 seq, const void *payload, u32 len);
void upload_parser_init(struct upload_parser *p);
/*
 * Feeds one byte. Returns 1 with *f filled (payload inside the parser,
 * valid until the next call) when a frame with a good CRC is complete,
 * else 0. Pure.
 */
int upload_parser_feed(struct upload_parser *p, u8 byte, struct upload_frame *f);
/*
 * Handles one frame: replies through ops, stores (and loads) the file at a
 * good END. Returns 0, or -errno when the frame was refused (the session
 * is then reset, its memory freed). Pure but for kmalloc.
 */
int upload_session_handle(struct upload_session *s, const struct upload_frame *f,
			  const struct upload_ops *ops);
/* Drops a transfer in progress (timeout, abort); frees its memory. */
void upload_session_reset(struct upload_session *s);

/* ---- the receiver (kernel/module/upload.c) ---- */

/* Reads what COM2 has received and handles complete frames; discards a
 * transfer silent for UPLOAD_TIMEOUT_MS. The receiver thread only. */
void upload_poll(void);
/* Starts the receiver thread "klp-upload". Boot, after the filesystems. */
void upload_init(void);

#endif /* KELP_UPLOAD_H */
