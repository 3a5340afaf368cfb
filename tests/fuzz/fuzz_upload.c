/*
 * libFuzzer target for the COM2 upload receiver (kernel/module/upload_proto.c):
 * any byte stream goes through the frame parser and the session state
 * machine, whose store/load callbacks succeed or fail by the file's name.
 * Checked: no crash, replies are well-formed frames, and once the session
 * is reset every allocation has been given back (a half-sent file leaks
 * nothing). Seeds: whole transfers made by tools/klp-send's format.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#include "../../kernel/module/upload_proto.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static int fuzz_store(const char *name, const u8 *data, size_t len, void *arg)
{
	return name[0] == 'x' ? -EIO : 0;
}

static int fuzz_load(const char *name, const u8 *data, size_t len, const char *args, char *msg,
		     size_t msglen, void *arg)
{
	kelp_snprintf(msg, msglen, "loaded %s with '%s'", name, args);
	return len & 1 ? -ENOEXEC : 0;
}

static void fuzz_reply(u8 type, u32 seq, s32 status, const char *text, void *arg)
{
	u8 frame[UPLOAD_HDR_SIZE + 256];
	size_t n = kelp_strlen(text);

	if (n > 200 || (type != UPLOAD_ACK && type != UPLOAD_NAK && type != UPLOAD_RESULT))
		__builtin_trap();
	upload_frame_encode(frame, type, 0, seq, text, n);
}

static const struct upload_ops fuzz_ops = { fuzz_store, fuzz_load, fuzz_reply, NULL, NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct upload_parser p;
	struct upload_session s = { 0 };
	struct upload_frame f;

	upload_parser_init(&p);
	for (size_t i = 0; i < size; i++)
		if (upload_parser_feed(&p, data[i], &f))
			upload_session_handle(&s, &f, &fuzz_ops);
	upload_session_reset(&s);
	if (host_live_allocs() != 0)
		__builtin_trap();
	return 0;
}
