/*
 * Host tests of modinfo's .modinfo reader (userland/lib/modinfo_elf.c):
 * kmod's output format (the padding to column 16, its odd widening for
 * long keys, parm/parmtype merged last-seen-first, -F and -0), strings
 * without '=' or without a final NUL, and every refusal of a bad file
 * (not ELF, truncated, 32-bit, tables or .modinfo out of bounds) on
 * synthetic images and on a real module, cut at every length.
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
	n = modinfo_show(sec, len, field, sep, out, err);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
