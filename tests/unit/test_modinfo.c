/*
 * Host tests of modinfo's .modinfo reader (userland/lib/modinfo_elf.c):
 * kmod's output format (the padding to column 16, its odd widening for
 * long keys, parm/parmtype merged last-seen-first, -F and -0), strings
 * without '=' or without a final NUL, and every refusal of a bad file
 * (not ELF, truncated, 32-bit, tables or .modinfo out of bounds) on
 * synthetic images and on a real module, cut at every length. The
 * signature trailer: a hand-built PKCS#7 message read field by field and
 * printed as kmod does, its corruptions refused, the older trailer layout,
 * and the real module's signature.
 */
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../userland/lib/modinfo_elf.c"
#include <elf.h>

/* A minimal ELF64 image: null section, .shstrtab, then .modinfo holding info[0..len). */
static unsigned char *make_elf(const char *info, size_t len, size_t *img_len)
{
	static const char names[] = "\0.shstrtab\0.modinfo\0";
	size_t info_off = sizeof(Elf64_Ehdr), names_off = info_off + len;
	size_t shoff = (names_off + sizeof(names) + 7) & ~7UL;
	unsigned char *img;
	Elf64_Ehdr eh = { 0 };
	Elf64_Shdr sh[3] = { { 0 } };

	*img_len = shoff + sizeof(sh);
	img = calloc(1, *img_len);
	kelp_memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_shoff = shoff;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = 3;
	eh.e_shstrndx = 1;
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_STRTAB;
	sh[1].sh_offset = names_off;
	sh[1].sh_size = sizeof(names);
	sh[2].sh_name = 11;
	sh[2].sh_type = SHT_PROGBITS;
	sh[2].sh_offset = info_off;
	sh[2].sh_size = len;
	kelp_memcpy(img, &eh, sizeof(eh));
	kelp_memcpy(img + info_off, info, len);
	kelp_memcpy(img + names_off, names, sizeof(names));
	kelp_memcpy(img + shoff, sh, sizeof(sh));
	return img;
}

static Elf64_Ehdr *ehdr(unsigned char *img)
{
	return (Elf64_Ehdr *)img;
}

static Elf64_Shdr *shdr(unsigned char *img, int i)
{
	return (Elf64_Shdr *)(img + ehdr(img)->e_shoff) + i;
}

static char out_buf[8192], err_buf[1024];
static const struct modinfo_sig *cur_sig;	/* what show() passes */

/* modinfo_show on sec[0..len) into out_buf/err_buf; returns its count. */
static int show(const char *sec, size_t len, const char *field, char sep, size_t *out_len)
{
	FILE *out = fmemopen(out_buf, sizeof(out_buf), "w");
	FILE *err = fmemopen(err_buf, sizeof(err_buf), "w");
	int n;

	assert_non_null(out);
	assert_non_null(err);
	kelp_memset(out_buf, 0, sizeof(out_buf));
	kelp_memset(err_buf, 0, sizeof(err_buf));
	n = modinfo_show(sec, len, cur_sig, field, sep, out, err);
	if (out_len)
		*out_len = ftell(out);
	fclose(out);
	fclose(err);
	return n;
}

/* hello.ko's tags, in the order Linux's linker leaves them. */
static const char hello_info[] =
	"description=sample module with parameters\0author=Kelp\0license=GPL\0"
	"parmtype=who:charp\0parmtype=limit:uint\0parmtype=count:int\0"
	"parm=flag:a boolean\0parmtype=flag:bool\0intree=Y\0vermagic=kelp-0.1.0 modules-1\0"
	"name=hello";

static void test_format(void **state)
{
	assert_int_equal(show(hello_info, sizeof(hello_info), NULL, '\n', NULL), 10);
	assert_string_equal(out_buf,
		"description:    sample module with parameters\n"
		"author:         Kelp\n"
		"license:        GPL\n"
		"intree:         Y\n"
		"vermagic:       kelp-0.1.0 modules-1\n"
		"name:           hello\n"
		"parm:           flag:a boolean (bool)\n"
		"parm:           count:int\n"
		"parm:           limit:uint\n"
		"parm:           who:charp\n");
	assert_string_equal(err_buf, "");
}

static void test_livepatch_tag(void **state)
{
	static const char info[] = "description=Livepatch test: livepatch module\0livepatch=Y\0"
				   "license=GPL\0name=test_klp_livepatch";

	show(info, sizeof(info), NULL, '\n', NULL);
	assert_string_equal(out_buf,
		"description:    Livepatch test: livepatch module\n"
		"livepatch:      Y\n"
		"license:        GPL\n"
		"name:           test_klp_livepatch\n");
	show(info, sizeof(info), "livepatch", '\n', NULL);
	assert_string_equal(out_buf, "Y\n");
}

/* kmod prints "%s:%-*s" with width 15 - keylen: a longer key gets keylen - 15 spaces. */
static void test_padding(void **state)
{
	static const char info[] = "a=1\0fifteen_chars_x=2\0sixteen_chars_xy=3\0twenty_chars_abcdefg=4";

	show(info, sizeof(info) - 1, NULL, '\n', NULL);
	assert_string_equal(out_buf,
		"a:              1\n"
		"fifteen_chars_x:2\n"
		"sixteen_chars_xy: 3\n"
		"twenty_chars_abcdefg:     4\n");
}

static void test_field_and_null(void **state)
{
	size_t n;

	show(hello_info, sizeof(hello_info), "license", '\n', NULL);
	assert_string_equal(out_buf, "GPL\n");
	assert_int_equal(show(hello_info, sizeof(hello_info), "nosuchfield", '\n', NULL), 0);
	assert_string_equal(out_buf, "");
	show(hello_info, sizeof(hello_info), "parm", '\n', NULL);
	assert_string_equal(out_buf, "flag:a boolean (bool)\ncount: (int)\nlimit: (uint)\nwho: (charp)\n");
	show(hello_info, sizeof(hello_info), "author", '\0', &n);
	assert_int_equal(n, 5);
	assert_memory_equal(out_buf, "Kelp\0", 5);
	show("license=GPL\0name=x\0parm=p:d", 27, NULL, '\0', &n);
	assert_int_equal(n, 39);
	assert_memory_equal(out_buf, "license=GPL\0name=x\0parm:           p:d\0", 39);
}

/* parm text only, the last of repeated entries, no '=', a bad parm, padding NULs. */
static void test_odd_entries(void **state)
{
	static const char info[] = "\0\0parm=p:first\0\0\0parm=p:second\0justakey\0parm=nocolon\0"
				   "parmtype=t:int\0parmtype=t:long\0=empty\0key=";

	show(info, sizeof(info) - 1, NULL, '\n', NULL);
	assert_string_equal(out_buf,
		"justakey:       justakey\n"
		":               empty\n"
		"key:            \n"
		"parm:           t:long\n"
		"parm:           p:second\n");
	assert_string_equal(err_buf, "modinfo: ERROR: Found invalid \"parm=nocolon\": missing ':'\n");
	show(info, sizeof(info) - 1, "parm", '\n', NULL);
	assert_string_equal(out_buf, "t: (long)\np:second\n");
	assert_string_equal(err_buf, "modinfo: ERROR: Found invalid \"parm=nocolon\": missing ':'\n");
	/* no final NUL: the last string ends with the section */
	show("name=abc", 8, NULL, '\n', NULL);
	assert_string_equal(out_buf, "name:           abc\n");
	assert_int_equal(show("", 0, NULL, '\n', NULL), 0);
	assert_int_equal(show("\0\0\0", 3, NULL, '\n', NULL), 0);
}

static void test_section_found(void **state)
{
	size_t len, sec_len;
	const char *sec;
	unsigned char *img = make_elf(hello_info, sizeof(hello_info), &len);

	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), 0);
	assert_int_equal(sec_len, sizeof(hello_info));
	assert_ptr_equal(sec, (const char *)img + sizeof(Elf64_Ehdr));
	free(img);
}

static void test_section_refused(void **state)
{
	size_t len, sec_len;
	const char *sec;
	unsigned char *img = make_elf(hello_info, sizeof(hello_info), &len);

	assert_int_equal(modinfo_section("hello\n", 6, &sec, &sec_len), -ENOEXEC);
	assert_int_equal(modinfo_section(img, 16, &sec, &sec_len), -ENOEXEC);	/* EI_NIDENT */
	assert_int_equal(modinfo_section(img, 40, &sec, &sec_len), -EINVAL);	/* no full header */
	assert_int_equal(modinfo_section(img, len - 1, &sec, &sec_len), -EINVAL);	/* table cut */

	img[EI_CLASS] = ELFCLASS32;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	img[EI_CLASS] = ELFCLASS64;
	img[EI_DATA] = ELFDATA2MSB;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	img[EI_DATA] = ELFDATA2LSB;

	ehdr(img)->e_shentsize = 40;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	ehdr(img)->e_shentsize = sizeof(Elf64_Shdr);
	ehdr(img)->e_shoff = ~0ULL - 8;			/* offset + size overflows */
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	ehdr(img)->e_shoff = len - 3 * sizeof(Elf64_Shdr);
	ehdr(img)->e_shnum = 0xffff;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	ehdr(img)->e_shnum = 3;
	ehdr(img)->e_shstrndx = 3;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	ehdr(img)->e_shstrndx = 0;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	ehdr(img)->e_shstrndx = 1;

	shdr(img, 1)->sh_size -= 2;			/* names without a final NUL (the literal has two) */
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	shdr(img, 1)->sh_size += 2;
	shdr(img, 1)->sh_offset = len;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -EINVAL);
	shdr(img, 1)->sh_offset = sizeof(Elf64_Ehdr) + sizeof(hello_info);

	shdr(img, 2)->sh_size = len;			/* .modinfo past the end: skipped */
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -ENODATA);
	shdr(img, 2)->sh_size = sizeof(hello_info);
	shdr(img, 2)->sh_name = 1000;			/* name outside the table */
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -ENODATA);
	shdr(img, 2)->sh_name = 1;			/* .shstrtab: no .modinfo at all */
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), -ENODATA);
	shdr(img, 2)->sh_name = 11;
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), 0);
	free(img);
}

/* A real module (signed, as in the image): found; every prefix of it refused or read in bounds. */
static void test_real_module(void **state)
{
	size_t len, sec_len;
	const char *sec;
	void *img = unit_read_file("build/modules/hello.ko", &len);

	assert_non_null(img);
	assert_int_equal(modinfo_section(img, len, &sec, &sec_len), 0);
	show(sec, sec_len, "name", '\n', NULL);
	assert_string_equal(out_buf, "hello\n");
	show(sec, sec_len, NULL, '\n', NULL);
	assert_non_null(kelp_strstr(out_buf, "\nparm:           flag:a boolean (bool)\n"));
	for (size_t cut = 0; cut < len; cut += 7) {
		void *copy = malloc(cut ? cut : 1);	/* exact size: ASan sees any overread */
		int err;

		kelp_memcpy(copy, img, cut);
		err = modinfo_section(copy, cut, &sec, &sec_len);
		if (!err) {
			assert_true(sec >= (const char *)copy && sec + sec_len <= (const char *)copy + cut);
			show(sec, sec_len, NULL, '\n', NULL);
		} else {
			assert_true(err == -ENOEXEC || err == -EINVAL || err == -ENODATA);
		}
		free(copy);
	}
	free(img);
}

/* ---- signatures ---- */

/* Appends one DER element (tag, length, body) at *at; returns its size. */
static size_t tlv(unsigned char *at, unsigned char tag, const void *body, size_t n)
{
	size_t h = 2;

	at[0] = tag;
	if (n < 0x80) {
		at[1] = n;
	} else if (n < 0x100) {
		at[1] = 0x81;
		at[2] = n;
		h = 3;
	} else {
		at[1] = 0x82;
		at[2] = n >> 8;
		at[3] = n;
		h = 4;
	}
	kelp_memmove(at + h, body, n);
	return h + n;
}

static const unsigned char oid_sha256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };

/*
 * A SignedData as sign-file writes it (no certificates, issuerAndSerial),
 * issuer "O=Kelp, CN=Test key", serial 0x008102, digest dig_oid, a 21-byte
 * signature 00..14. Returns its length in out.
 */
static size_t make_pkcs7(unsigned char *out, const unsigned char *dig_oid, size_t dig_len)
{
	static const unsigned char oid_sd[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
	static const unsigned char oid_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
	static const unsigned char oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
	static const unsigned char oid_o[] = { 0x55, 0x04, 0x0a }, oid_cn[] = { 0x55, 0x04, 0x03 };
	static const unsigned char one[] = { 1 }, serial[] = { 0x00, 0x81, 0x02 };
	unsigned char a[512], b[512], c[512], name[128], sig[21];
	size_t n, m, k, nl;

	for (int i = 0; i < 21; i++)
		sig[i] = i;
	/* issuer: SET { SEQ { O, "Kelp" } }, SET { SEQ { CN, "Test key" } } */
	n = tlv(a, 0x06, oid_o, 3);
	n += tlv(a + n, 0x0c, "Kelp", 4);
	m = tlv(b, 0x30, a, n);
	nl = tlv(name, 0x31, b, m);
	n = tlv(a, 0x06, oid_cn, 3);
	n += tlv(a + n, 0x0c, "Test key", 8);
	m = tlv(b, 0x30, a, n);
	nl += tlv(name + nl, 0x31, b, m);
	/* SignerInfo */
	k = tlv(c, 0x30, name, nl);
	k += tlv(c + k, 0x02, serial, 3);
	n = tlv(a, 0x02, one, 1);
	n += tlv(a + n, 0x30, c, k);			/* issuerAndSerialNumber */
	m = tlv(b, 0x06, dig_oid, dig_len);
	n += tlv(a + n, 0x30, b, m);			/* digestAlgorithm */
	m = tlv(b, 0x06, oid_rsa, sizeof(oid_rsa));
	m += tlv(b + m, 0x05, "", 0);
	n += tlv(a + n, 0x30, b, m);			/* digestEncryptionAlgorithm */
	n += tlv(a + n, 0x04, sig, sizeof(sig));
	k = tlv(c, 0x30, a, n);
	n = tlv(a, 0x31, c, k);				/* signerInfos, kept in a[0..n) */
	/* SignedData: version, digestAlgorithms, contentInfo, signerInfos */
	m = tlv(b, 0x06, dig_oid, dig_len);
	k = tlv(c, 0x30, b, m);
	m = tlv(b, 0x02, one, 1);
	m += tlv(b + m, 0x31, c, k);
	k = tlv(c, 0x06, oid_data, sizeof(oid_data));
	m += tlv(b + m, 0x30, c, k);
	kelp_memcpy(b + m, a, n);
	m += n;
	k = tlv(c, 0x30, b, m);
	n = tlv(a, 0xa0, c, k);
	m = tlv(b, 0x06, oid_sd, sizeof(oid_sd));
	kelp_memcpy(b + m, a, n);
	return tlv(out, 0x30, b, m + n);
}

/* module + msg + struct module_signature + magic, as sign-file appends them. */
static size_t sign(unsigned char *out, const void *msg, size_t n, unsigned char id_type,
		   unsigned char signer_len, unsigned char key_id_len)
{
	unsigned char ms[12] = { 1, 4, id_type, signer_len, key_id_len, 0, 0, 0,
				 n >> 24, n >> 16, n >> 8, n };
	size_t len = 0;

	kelp_memcpy(out, "MODULE", 6);
	len = 6;
	kelp_memcpy(out + len, msg, n);
	len += n;
	kelp_memcpy(out + len, ms, sizeof(ms));
	len += sizeof(ms);
	kelp_memcpy(out + len, "~Module signature appended~\n", 28);
	return len + 28;
}

static void test_signature_pkcs7(void **state)
{
	unsigned char msg[1024], img[1200];
	struct modinfo_sig sig;
	size_t n = make_pkcs7(msg, oid_sha256, sizeof(oid_sha256)), len;

	len = sign(img, msg, n, 2, 0, 0);
	assert_int_equal(modinfo_signature(img, len, &sig), 0);
	assert_string_equal(sig.id_type, "PKCS#7");
	assert_int_equal(sig.signer_len, 8);
	assert_memory_equal(sig.signer, "Test key", 8);
	assert_int_equal(sig.key_id_len, 2);		/* the leading zero goes, as BN_bn2bin */
	assert_string_equal(sig.hash_algo, "sha256");
	assert_int_equal(sig.sig_len, 21);
	cur_sig = &sig;
	show("license=GPL\0parm=a:b", 20, NULL, '\n', NULL);
	assert_string_equal(out_buf,
		"license:        GPL\n"
		"sig_id:         PKCS#7\n"
		"signer:         Test key\n"
		"sig_key:        81:02\n"
		"sig_hashalgo:   sha256\n"
		"signature:      00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:\n"
		"\t\t14\n"
		"parm:           a:b\n");
	show("license=GPL", 11, "sig_key", '\n', NULL);
	assert_string_equal(out_buf, "81:02\n");
	show("license=GPL", 11, "parm", '\n', NULL);
	assert_string_equal(out_buf, "");
	cur_sig = NULL;

	/* an unknown digest prints as its OID in dots (OBJ_obj2txt) */
	static const unsigned char odd[] = { 0x2a, 0x03, 0x86, 0x48, 0x7f };
	n = make_pkcs7(msg, odd, sizeof(odd));
	len = sign(img, msg, n, 2, 0, 0);
	assert_int_equal(modinfo_signature(img, len, &sig), 0);
	assert_string_equal(sig.hash_algo, "1.2.3.840.127");
}

static void test_signature_refused(void **state)
{
	unsigned char msg[1024], img[1200];
	struct modinfo_sig sig;
	size_t n = make_pkcs7(msg, oid_sha256, sizeof(oid_sha256)), len;

	assert_int_equal(modinfo_signature("plain", 5, &sig), -ENODATA);
	len = sign(img, msg, n, 2, 0, 0);
	img[len - 28 - 12 + 1] = 9;			/* hash out of range */
	assert_int_equal(modinfo_signature(img, len, &sig), -ENODATA);
	len = sign(img, msg, n, 3, 0, 0);		/* id type out of range */
	assert_int_equal(modinfo_signature(img, len, &sig), -ENODATA);
	len = sign(img, msg, n, 2, 200, 0);		/* more than the file holds */
	assert_int_equal(modinfo_signature(img, len, &sig), -ENODATA);
	len = sign(img, msg, 0, 2, 0, 0);		/* no signature bytes */
	assert_int_equal(modinfo_signature(img, len, &sig), -ENODATA);
	len = sign(img, msg, n, 2, 0, 0);
	img[len - 28 - 12 - 1] ^= 0x20;			/* still reads: a byte of the signature */
	assert_int_equal(modinfo_signature(img, len, &sig), 0);
	/* every shorter message, and each byte of it changed: refused or read inside it */
	for (size_t cut = 0; cut <= n; cut++) {
		for (size_t flip = 0; flip <= cut; flip++) {
			unsigned char *copy = malloc(cut + 6 + 40);

			len = sign(copy, msg, cut, 2, 0, 0);
			if (flip < cut)
				copy[6 + flip] ^= 0x81;
			if (!modinfo_signature(copy, len, &sig)) {
				assert_true(sig.sig >= copy + 6 && sig.sig + sig.sig_len <= copy + 6 + cut);
				assert_true(!sig.signer_len || (sig.signer >= copy + 6 &&
					    sig.signer + sig.signer_len <= copy + 6 + cut));
			}
			free(copy);
		}
	}
}

/* The older layout (id type X509 or PGP): signer, key id and signature lengths in the trailer. */
static void test_signature_plain(void **state)
{
	/* RSA, sha512, X509, signer 6 bytes, key id 3, signature 9 (big endian) */
	static const unsigned char ms[12] = { 1, 6, 1, 6, 3, 0, 0, 0, 0, 0, 0, 9 };
	unsigned char img[64];
	struct modinfo_sig sig;
	size_t len = 64;

	kelp_memcpy(img, "MODULESIGNERKEYsignature", 24);
	kelp_memcpy(img + 24, ms, 12);
	kelp_memcpy(img + 36, "~Module signature appended~\n", 28);
	assert_int_equal(modinfo_signature(img, len, &sig), 0);
	assert_string_equal(sig.id_type, "X509");
	assert_string_equal(sig.hash_algo, "sha512");
	assert_memory_equal(sig.signer, "SIGNER", 6);
	assert_memory_equal(sig.key_id, "KEY", 3);
	assert_memory_equal(sig.sig, "signature", 9);
}

/* The build's own signed module: its PKCS#7 message reads (the key may be anyone's). */
static void test_signature_real(void **state)
{
	struct modinfo_sig sig;
	size_t len;
	void *img = unit_read_file("build/modules/hello.ko", &len);

	assert_non_null(img);
	assert_int_equal(modinfo_signature(img, len, &sig), 0);
	assert_string_equal(sig.id_type, "PKCS#7");
	assert_true(sig.signer_len > 0 && sig.key_id_len > 0 && sig.sig_len >= 64);
	assert_true(!kelp_strcmp(sig.hash_algo, "sha256") || !kelp_strcmp(sig.hash_algo, "sha384") ||
		    !kelp_strcmp(sig.hash_algo, "sha512"));
	free(img);
	img = unit_read_file("build/modules/hello.ko.unsigned", &len);
	assert_non_null(img);
	assert_int_equal(modinfo_signature(img, len, &sig), -ENODATA);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_livepatch_tag),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_field_and_null),
		cmocka_unit_test(test_odd_entries),
		cmocka_unit_test(test_section_found),
		cmocka_unit_test(test_section_refused),
		cmocka_unit_test(test_real_module),
		cmocka_unit_test(test_signature_pkcs7),
		cmocka_unit_test(test_signature_refused),
		cmocka_unit_test(test_signature_plain),
		cmocka_unit_test(test_signature_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
