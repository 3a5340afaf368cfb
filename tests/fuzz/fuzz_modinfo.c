/*
 * libFuzzer target for modinfo's .modinfo reader (userland/lib/modinfo_elf.c):
 * any file is either refused with -ENOEXEC/-EINVAL/-ENODATA or gives a
 * section inside it, which prints in every mode (full, -0, -F parm, -F
 * a key) without reading outside the input (ASan). The input is also
 * printed as a section of its own, to reach the formatter's corners
 * (padding NULs, missing '=' or ':', no final NUL) directly. A signature
 * trailer, when one reads, points inside the input and prints too.
 * Seed corpus: real and broken modules (tests/fuzz/corpus/fuzz_modinfo/).
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../userland/lib/modinfo_elf.c"

static FILE *sink;

static void show_all(const char *sec, size_t len, const struct modinfo_sig *sig)
{
	static const char *const fields[] = { NULL, "parm", "name", "signer" };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		modinfo_show(sec, len, sig, fields[i], '\n', sink, sink);
	modinfo_show(sec, len, sig, NULL, '\0', sink, sink);
}

/* A signature read from [base, base + size) must point inside it. */
static void check_sig(const struct modinfo_sig *sig, const void *base, size_t size)
{
	const unsigned char *lo = base, *hi = lo + size;

	if (sig->sig < lo || sig->sig_len > (size_t)(hi - sig->sig) ||
	    (sig->signer_len && (sig->signer < lo || sig->signer_len > (size_t)(hi - sig->signer))) ||
	    (sig->key_id_len && (sig->key_id < lo || sig->key_id_len > (size_t)(hi - sig->key_id))))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct modinfo_sig sig;
	bool signed_;
	const char *sec;
	size_t sec_len;
	void *copy = malloc(size ? size : 1);	/* exact size, so ASan catches any overread */
	int err;

	if (!sink)
		sink = fopen("/dev/null", "w");
	kelp_memcpy(copy, data, size);
	signed_ = !modinfo_signature(copy, size, &sig);
	if (signed_)
		check_sig(&sig, copy, size);
	err = modinfo_section(copy, size, &sec, &sec_len);
	if (!err) {
		if (sec < (const char *)copy || sec_len > size ||
		    sec - (const char *)copy > (ptrdiff_t)(size - sec_len))
			__builtin_trap();
		show_all(sec, sec_len, signed_ ? &sig : NULL);
	} else if (err != -ENOEXEC && err != -EINVAL && err != -ENODATA) {
		__builtin_trap();
	}
	show_all(copy, size, NULL);
	free(copy);
	return 0;
}
