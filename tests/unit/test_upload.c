/*
 * Host tests of the COM2 upload protocol (kernel/module/upload_proto.c):
 * CRC-32 against zlib's value, a whole transfer (stored, then loaded), line
 * noise before and inside frames, a repeated chunk after a lost ACK, and
 * every refusal (sequence, size, name, checksum, incomplete) leaving
 * nothing stored and no memory behind.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/lib/vsprintf.c"
#include "host_kernel.h"
#include "../../kernel/module/upload_proto.c"

int kallsyms_snprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return kelp_snprintf(buf, len, "%#lx", addr);
}

static char stored_name[80];
static u8 stored[8192];
static size_t stored_len;
static int stores, loads, acks, naks, results, last_status;
static char loaded_args[300];

static int t_store(const char *name, const u8 *data, size_t len, void *arg)
{
	kelp_strlcpy(stored_name, name, sizeof(stored_name));
	kelp_memcpy(stored, data, len);
	stored_len = len;
	stores++;
	return 0;
}

static int t_load(const char *name, const u8 *data, size_t len, const char *args, char *msg,
		  size_t msglen, void *arg)
{
	kelp_strlcpy(loaded_args, args, sizeof(loaded_args));
	loads++;
	return 0;
}

static void t_reply(u8 type, u32 seq, s32 status, const char *text, void *arg)
{
	acks += type == UPLOAD_ACK;
	naks += type == UPLOAD_NAK;
	results += type == UPLOAD_RESULT;
	last_status = status;
}

static char cmd_seen[64];
static u32 cmd_seq;

static void t_command(const char *cmd, size_t len, u32 seq, void *arg)
{
	kelp_memcpy(cmd_seen, cmd, len < 63 ? len : 63);
	cmd_seen[len < 63 ? len : 63] = '\0';
	cmd_seq = seq;
}

static const struct upload_ops ops = { t_store, t_load, t_reply, NULL, t_command };
static const struct upload_ops ops_nocmd = { t_store, t_load, t_reply, NULL, NULL };
static struct upload_parser parser;
static struct upload_session sess;

static void reset_all(void)
{
	upload_parser_init(&parser);
	upload_session_reset(&sess);
	stores = loads = acks = naks = results = last_status = 0;
	stored_len = 0;
}

static void feed(const u8 *buf, size_t len)
{
	struct upload_frame f;

	for (size_t i = 0; i < len; i++)
		if (upload_parser_feed(&parser, buf[i], &f))
			upload_session_handle(&sess, &f, &ops);
}

static void send_frame(u8 type, u16 flags, u32 seq, const void *payload, u32 len)
{
	u8 buf[UPLOAD_HDR_SIZE + UPLOAD_MAX_PAYLOAD];

	feed(buf, upload_frame_encode(buf, type, flags, seq, payload, len));
}

static void send_start(const char *name, u32 size, u32 crc, const char *args, u16 flags)
{
	u8 p[512];
	u16 nl = host_strlen(name), al = host_strlen(args);

	kelp_memcpy(p, &size, 4);
	kelp_memcpy(p + 4, &crc, 4);
	kelp_memcpy(p + 8, &nl, 2);
	kelp_memcpy(p + 10, &al, 2);
	kelp_memcpy(p + 12, name, nl);
	kelp_memcpy(p + 12 + nl, args, al);
	send_frame(UPLOAD_START, flags, 0, p, 12 + nl + al);
}

static u8 file[3000];

/* CMD frames (kelpctl) go to ops->command, beside a transfer in progress; refused without one. */
static void test_command_frames(void **state)
{
	struct upload_frame f;
	u8 buf[UPLOAD_HDR_SIZE + 64];
	size_t n;

	reset_all();
	send_start("p.ko", 10, 0, "", 0);
	send_frame(UPLOAD_CMD, 0, 77, "cat /proc/cmdline", 17);
	assert_string_equal(cmd_seen, "cat /proc/cmdline");
	assert_int_equal(cmd_seq, 77);
	assert_true(sess.active);		/* the transfer goes on */
	n = upload_frame_encode(buf, UPLOAD_CMD, 0, 78, "ls /", 4);
	for (size_t i = 0; i < n; i++)
		if (upload_parser_feed(&parser, buf[i], &f))
			assert_int_equal(upload_session_handle(&sess, &f, &ops_nocmd), -ENOSYS);
	assert_int_equal(naks, 1);
	assert_int_equal(last_status, -ENOSYS);
	upload_session_reset(&sess);
}

static void test_crc32(void **state)
{
	assert_int_equal(upload_crc32(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(upload_crc32(upload_crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
}

static void test_whole_transfer(void **state)
{
	u8 noise[] = { 'K', 'L', 'x', 0, 'K', 'K', 'L', 'P', 'U', 9 };

	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = i * 7;
	reset_all();
	feed(noise, sizeof(noise));
	send_start("p.ko", sizeof(file), upload_crc32(0, file, sizeof(file)), "a=1 b=x", UPLOAD_F_LOAD);
	send_frame(UPLOAD_DATA, 0, 1, file, 1024);
	send_frame(UPLOAD_DATA, 0, 1, file, 1024);		/* ACK lost: again */
	send_frame(UPLOAD_DATA, 0, 2, file + 1024, 1024);
	feed(noise, sizeof(noise));
	send_frame(UPLOAD_DATA, 0, 3, file + 2048, sizeof(file) - 2048);
	send_frame(UPLOAD_END, 0, 4, NULL, 0);
	assert_int_equal(naks, 0);
	assert_int_equal(acks, 6);
	assert_int_equal(stores, 1);
	assert_string_equal(stored_name, "p.ko");
	assert_int_equal(stored_len, sizeof(file));
	assert_memory_equal(stored, file, sizeof(file));
	assert_int_equal(loads, 1);
	assert_int_equal(results, 1);
	assert_string_equal(loaded_args, "a=1 b=x");
	assert_false(sess.active);
	assert_int_equal(host_live_allocs(), 0);
}

static void test_corrupted_frame_is_dropped(void **state)
{
	u8 buf[UPLOAD_HDR_SIZE + 16];
	size_t n = upload_frame_encode(buf, UPLOAD_ABORT, 0, 0, "abcdefgh", 8);

	reset_all();
	buf[n - 1] ^= 1;
	feed(buf, n);
	assert_int_equal(acks + naks, 0);
	assert_int_equal(parser.bad_frames, 1);
}

static void test_refusals(void **state)
{
	u32 crc = upload_crc32(0, file, sizeof(file));

	reset_all();
	send_start("../x.ko", 10, 0, "", 0);
	send_start("x.txt", 10, 0, "", 0);
	send_start("x.ko", 0, 0, "", 0);
	send_start("x.ko", UPLOAD_MAX_FILE + 1, 0, "", 0);
	send_start("x.ko", 10, 0, "a\nb", 0);
	assert_int_equal(naks, 5);
	assert_int_equal(last_status, -EINVAL);
	send_frame(UPLOAD_DATA, 0, 1, file, 10);		/* no transfer */
	send_frame(UPLOAD_END, 0, 1, NULL, 0);
	assert_int_equal(naks, 7);
	send_start("x.ko", sizeof(file), crc ^ 1, "", 0);	/* bad checksum */
	send_frame(UPLOAD_DATA, 0, 1, file, 1024);
	send_frame(UPLOAD_DATA, 0, 2, file + 1024, 1024);
	send_frame(UPLOAD_DATA, 0, 3, file + 2048, sizeof(file) - 2048);
	send_frame(UPLOAD_END, 0, 4, NULL, 0);
	assert_int_equal(last_status, -EBADMSG);
	send_start("x.ko", sizeof(file), crc, "", 0);		/* incomplete */
	send_frame(UPLOAD_DATA, 0, 1, file, 1024);
	send_frame(UPLOAD_END, 0, 2, NULL, 0);
	assert_int_equal(last_status, -EIO);
	send_start("x.ko", 100, crc, "", 0);			/* too much data */
	send_frame(UPLOAD_DATA, 0, 1, file, 101);
	assert_int_equal(last_status, -EFBIG);
	send_start("x.ko", sizeof(file), crc, "", 0);		/* out of sequence */
	send_frame(UPLOAD_DATA, 0, 2, file, 1024);
	assert_int_equal(last_status, -EPROTO);
	send_frame(77, 0, 0, NULL, 0);
	assert_int_equal(last_status, -EPROTO);
	assert_int_equal(stores, 0);
	send_start("x.ko", sizeof(file), crc, "", 0);		/* abandoned */
	send_frame(UPLOAD_DATA, 0, 1, file, 1024);
	upload_session_reset(&sess);
	assert_int_equal(host_live_allocs(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_command_frames),
		cmocka_unit_test(test_whole_transfer),
		cmocka_unit_test(test_corrupted_frame_is_dropped),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
