/*
 * libFuzzer target for the /dev/kmsg write prefix parser
 * (kmsg_parse_prio in include/kelp/printk.h: any user's write reaches
 * it). The input is the write, in a buffer of exactly its size (ASan
 * catches a read past it). Checked: the bytes taken are 0 or a whole
 * "<digits>" prefix; a prefix gives a level 0-7 and a facility 0-255 that
 * agree with the number it holds; without one nothing changes.
 */
#define KELP_NO_CMOCKA
#include "unit.h"

#include <kelp/printk.h>

#include "../../kernel/lib/string.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	int facility = 1, level = 4;
	unsigned long v = 0;
	size_t n;

	memcpy(buf, data, size);
	n = kmsg_parse_prio(buf, size, &facility, &level);
	if (n > size)
		abort();
	if (n == 0) {
		if (facility != 1 || level != 4)
			abort();
	} else {
		if (n < 3 || buf[0] != '<' || buf[n - 1] != '>')
			abort();
		for (size_t i = 1; i < n - 1; i++) {
			if (buf[i] < '0' || buf[i] > '9')
				abort();
			v = v * 10 + (buf[i] - '0');
		}
		if (level != (int)(v & 7) || facility < 0 || facility > 255 ||
		    (((v >> 3) & 0xff) && facility != (int)((v >> 3) & 0xff)))
			abort();
	}
	free(buf);
	return 0;
}
