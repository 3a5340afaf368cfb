/*
 * The .modinfo reader of modinfo (userland/bin/modinfo.c): finds the
 * section in a module file and prints its key=value strings in kmod's
 * format (tools/modinfo.c of kmod: "key:" padded to column 16, parm and
 * parmtype merged into one "parm:" line per parameter, printed last), and
 * the signature's fields, read from the appended PKCS#7 message with a
 * small DER reader as kmod reads them with OpenSSL.
 * A .ko named on the command line is untrusted input, so this is pure,
 * bounded code over a buffer: every offset is checked against the image
 * before use, strings are handled as (pointer, length) and never assumed
 * NUL-terminated. Built into libkelp.a, tests/unit/test_modinfo.c and
 * tests/fuzz/fuzz_modinfo.c.
 */
#include <modfile.h>
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether [off, off + size) lies inside an image of len bytes (no overflow). */
static bool range_ok(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

/* See modfile.h. */
int modinfo_section(const void *image, size_t len, const char **sec, size_t *sec_len)
{
	const unsigned char *p = image;
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strs;
	const char *names;

	if (len <= EI_NIDENT || memcmp(p, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB || len <= sizeof(eh))
		return -EINVAL;
	memcpy(&eh, p, sizeof(eh));	/* the image need not be aligned */
	if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    !range_ok(len, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr)))
		return -EINVAL;
	if (eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
		return -EINVAL;
	memcpy(&strs, p + eh.e_shoff + (uint64_t)eh.e_shstrndx * sizeof(sh), sizeof(strs));
	if (!range_ok(len, strs.sh_offset, strs.sh_size) || !strs.sh_size ||
	    p[strs.sh_offset + strs.sh_size - 1] != '\0')
		return -EINVAL;		/* the names must end in a NUL: strcmp stays inside */
	names = (const char *)p + strs.sh_offset;
	for (unsigned int i = 1; i < eh.e_shnum; i++) {
		memcpy(&sh, p + eh.e_shoff + (uint64_t)i * sizeof(sh), sizeof(sh));
		if (sh.sh_name >= strs.sh_size || strcmp(names + sh.sh_name, ".modinfo"))
			continue;
		/* kmod skips a section whose bytes are not in the file, and reads offset 0 as none */
		if (!range_ok(len, sh.sh_offset, sh.sh_size) || !sh.sh_offset)
			continue;
		*sec = (const char *)p + sh.sh_offset;
		*sec_len = sh.sh_size;
		return 0;
	}
	return -ENODATA;
}

/* ---- the signature trailer ---- */

#define SIG_MAGIC "~Module signature appended~\n"
#define PKEY_ID_PKCS7 2

/* Linux's struct module_signature, just before the magic. */
struct module_signature {
	uint8_t algo, hash, id_type, signer_len, key_id_len, pad[3];
	uint8_t sig_len[4];	/* big endian */
};

/* A DER reader over [p, p + len): what is left to read. */
struct der {
	const unsigned char *p;
	size_t len;
};

/*
 * Takes the next element off d: its tag (one byte: PKCS#7 needs no
 * other) and its contents. Definite lengths only, up to 4 length bytes,
 * all inside d. false if malformed.
 */
static bool der_next(struct der *d, unsigned char *tag, struct der *body)
{
	const unsigned char *start;
	size_t n, i = 2;

	if (d->len < 2 || (d->p[0] & 0x1f) == 0x1f)
		return false;
	*tag = d->p[0];
	n = d->p[1];
	if (n & 0x80) {
		unsigned int bytes = n & 0x7f;

		if (!bytes || bytes > 4 || d->len < 2 + bytes)
			return false;
		for (n = 0; i < 2 + bytes; i++)
			n = n << 8 | d->p[i];
	}
	if (n > d->len - i)
		return false;
	start = d->p + i;	/* body may be d itself */
	d->p += i + n;
	d->len -= i + n;
	body->p = start;
	body->len = n;
	return true;
}

/* der_next for an element that must have tag. */
static bool der_expect(struct der *d, unsigned char tag, struct der *body)
{
	unsigned char t;

	return der_next(d, &t, body) && t == tag;
}

static bool der_is(const struct der *d, const unsigned char *bytes, size_t n)
{
	return d->len == n && !memcmp(d->p, bytes, n);
}

/* Appends text to buf (size bytes, NUL-terminated), cutting what does not fit. */
static void append(char *buf, size_t size, const char *text)
{
	size_t used = strlen(buf);

	while (*text && used + 1 < size)
		buf[used++] = *text++;
	buf[used] = '\0';
}

/* Appends v in decimal. */
static void append_num(char *buf, size_t size, unsigned long long v)
{
	char digits[24];
	int i = sizeof(digits) - 1;

	digits[i] = '\0';
	do
		digits[--i] = '0' + v % 10;
	while ((v /= 10));
	append(buf, size, digits + i);
}

/* The digest OIDs' names as OpenSSL's OBJ_obj2txt gives them; others in dots. */
static void oid_name(const struct der *oid, char *buf, size_t size)
{
	static const struct { unsigned char der[9]; unsigned char len; const char *name; } known[] = {
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05 }, 8, "md5" },
		{ { 0x2b, 0x0e, 0x03, 0x02, 0x1a }, 5, "sha1" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 }, 9, "sha256" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 }, 9, "sha384" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 }, 9, "sha512" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04 }, 9, "sha224" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08 }, 9, "sha3-256" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x09 }, 9, "sha3-384" },
		{ { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x0a }, 9, "sha3-512" },
	};
	unsigned long long v = 0;
	bool first = true;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (der_is(oid, known[i].der, known[i].len)) {
			append(buf, size, known[i].name);
			return;
		}
	for (size_t i = 0; i < oid->len; i++) {
		if (v >> 56)
			break;		/* an arc too big to print: the text stops there */
		v = v << 7 | (oid->p[i] & 0x7f);
		if (oid->p[i] & 0x80)
			continue;
		if (first) {		/* the first byte holds two arcs: 40 * X + Y */
			append_num(buf, size, v < 80 ? v / 40 : 2);
			append(buf, size, ".");
			append_num(buf, size, v < 80 ? v % 40 : v - 80);
		} else {
			append(buf, size, ".");
			append_num(buf, size, v);
		}
		first = false;
		v = 0;
	}
}

/*
 * The issuer Name's commonName, else (as kmod's loop leaves it) the last
 * attribute's value; signer_len 0 if the Name is empty or malformed.
 */
static void name_signer(struct der name, struct modinfo_sig *sig)
{
	static const unsigned char cn[] = { 0x55, 0x04, 0x03 };
	struct der rdn, atv, oid, value;
	unsigned char tag;

	sig->signer_len = 0;
	while (der_expect(&name, 0x31, &rdn))
		while (der_expect(&rdn, 0x30, &atv)) {
			if (!der_expect(&atv, 0x06, &oid) || !der_next(&atv, &tag, &value))
				return;
			sig->signer = value.p;
			sig->signer_len = value.len;
			if (der_is(&oid, cn, sizeof(cn)))
				return;
		}
}

/* sign-file's PKCS#7 SignedData: the first SignerInfo's fields. false if not readable. */
static bool parse_pkcs7(struct der msg, struct modinfo_sig *sig)
{
	static const unsigned char signed_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
	struct der ci, oid, sd, sis, si, ias, issuer, serial, alg, any;
	unsigned char tag;

	if (!der_expect(&msg, 0x30, &ci) || !der_expect(&ci, 0x06, &oid) ||
	    !der_is(&oid, signed_data, sizeof(signed_data)) ||
	    !der_expect(&ci, 0xa0, &sd) || !der_expect(&sd, 0x30, &sd))
		return false;
	if (!der_expect(&sd, 0x02, &any) || !der_expect(&sd, 0x31, &any) ||
	    !der_expect(&sd, 0x30, &any))		/* version, digest algorithms, content */
		return false;
	do {				/* [0] certificates and [1] crls, if there */
		if (!der_next(&sd, &tag, &sis))
			return false;
	} while (tag == 0xa0 || tag == 0xa1);
	if (tag != 0x31 || !der_expect(&sis, 0x30, &si))
		return false;
	/* version, then issuerAndSerialNumber (kmod reads no subjectKeyIdentifier) */
	if (!der_expect(&si, 0x02, &any) || !der_expect(&si, 0x30, &ias) ||
	    !der_expect(&ias, 0x30, &issuer) || !der_expect(&ias, 0x02, &serial))
		return false;
	if (!der_expect(&si, 0x30, &alg) || !der_expect(&alg, 0x06, &oid))
		return false;
	oid_name(&oid, sig->hash_algo, sizeof(sig->hash_algo));
	do {				/* [0] authenticated attributes, then the signature algorithm */
		if (!der_next(&si, &tag, &any))
			return false;
	} while (tag == 0xa0);
	if (tag != 0x30 || !der_expect(&si, 0x04, &any))
		return false;
	sig->sig = any.p;
	sig->sig_len = any.len;
	name_signer(issuer, sig);
	while (serial.len && !serial.p[0]) {	/* the number's bytes, as BN_bn2bin */
		serial.p++;
		serial.len--;
	}
	sig->key_id = serial.p;
	sig->key_id_len = serial.len;
	sig->id_type = "PKCS#7";
	return true;
}

/* See modfile.h. */
int modinfo_signature(const void *image, size_t len, struct modinfo_sig *sig)
{
	static const char *const hashes[] = { "md4", "md5", "sha1", "rmd160", "sha256", "sha384",
					      "sha512", "sha224", "sm3" };
	static const char *const id_types[] = { "PGP", "X509", "PKCS#7" };
	const size_t magic = sizeof(SIG_MAGIC) - 1;
	const unsigned char *p = image;
	struct module_signature ms;
	size_t sig_len, rest;

	if (len < magic + sizeof(ms) || memcmp(p + len - magic, SIG_MAGIC, magic))
		return -ENODATA;
	rest = len - magic - sizeof(ms);
	memcpy(&ms, p + rest, sizeof(ms));
	sig_len = (size_t)ms.sig_len[0] << 24 | ms.sig_len[1] << 16 | ms.sig_len[2] << 8 | ms.sig_len[3];
	if (ms.algo >= 2 || ms.hash >= sizeof(hashes) / sizeof(hashes[0]) ||
	    ms.id_type >= sizeof(id_types) / sizeof(id_types[0]) || !sig_len ||
	    rest < sig_len + ms.signer_len + ms.key_id_len)
		return -ENODATA;
	rest -= sig_len;
	memset(sig, 0, sizeof(*sig));
	if (ms.id_type == PKEY_ID_PKCS7)
		return parse_pkcs7((struct der){ p + rest, sig_len }, sig) ? 0 : -ENODATA;
	/* the older layout: signer, key id, signature, each length in the trailer */
	sig->sig = p + rest;
	sig->sig_len = sig_len;
	rest -= ms.key_id_len;
	sig->key_id = p + rest;
	sig->key_id_len = ms.key_id_len;
	rest -= ms.signer_len;
	sig->signer = p + rest;
	sig->signer_len = ms.signer_len;
	append(sig->hash_algo, sizeof(sig->hash_algo), hashes[ms.hash]);
	sig->id_type = id_types[ms.id_type];
	return 0;
}

/* One string of the section: the bytes between NULs (padding NULs are skipped). */
struct entry {
	const char *key, *value;
	size_t keylen, valuelen;
};

/* Splits s[0..n) at its first '='; without one, key and value are both the whole (kmod). */
static void split(const char *s, size_t n, struct entry *e)
{
	const char *eq = memchr(s, '=', n);

	e->key = s;
	if (eq) {
		e->keylen = eq - s;
		e->value = eq + 1;
		e->valuelen = n - e->keylen - 1;
	} else {
		e->keylen = e->valuelen = n;
		e->value = s;
	}
}

/* The entry at or after *pos; advances *pos past it. false at the end. */
static bool next_entry(const char *sec, size_t len, size_t *pos, struct entry *e)
{
	size_t i = *pos, start;

	while (i < len && !sec[i])
		i++;
	if (i >= len)
		return false;
	for (start = i; i < len && sec[i]; i++)
		;
	*pos = i;
	split(sec + start, i - start, e);
	return true;
}

static bool key_is(const struct entry *e, const char *key)
{
	size_t n = strlen(key);

	return e->keylen == n && !memcmp(e->key, key, n);
}

/* A parm or parmtype entry with a ':' in its value: the parameter's name. */
static bool param_name(const struct entry *e, const char **name, size_t *namelen)
{
	const char *colon;

	if (!key_is(e, "parm") && !key_is(e, "parmtype"))
		return false;
	colon = memchr(e->value, ':', e->valuelen);
	if (!colon)
		return false;
	*name = e->value;
	*namelen = colon - e->value;
	return true;
}

static void put(FILE *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* A parm or parmtype entry, split into the parameter's name and its text after "NAME:". */
struct param {
	const char *name, *text;
	size_t namelen, textlen;
	bool is_type;
};

static bool same_name(const struct param *a, const struct param *b)
{
	return a->namelen == b->namelen && !memcmp(a->name, b->name, a->namelen);
}

/*
 * The merged parameter lines. kmod collects the parameters in a list it
 * prepends to, keeping the last parm and the last parmtype text of each,
 * so they come out last-seen-first: walk the entries backwards and print
 * each name where it first appears. prefix: "parm:" padded to 16 columns
 * before each; without it (-F parm) a parameter without description reads
 * "NAME: (TYPE)", where the full listing has "NAME:TYPE". Quadratic in the
 * number of parameters only, as kmod. Returns the lines printed, or -1 if
 * out of memory.
 */
static int show_params(const char *sec, size_t len, bool prefix, char sep, FILE *out)
{
	struct param *p;
	struct entry e;
	size_t pos = 0, np = 0, i, j, namelen;
	const char *name;
	int lines = 0;

	while (next_entry(sec, len, &pos, &e))
		np += param_name(&e, &name, &namelen);
	if (!np)
		return 0;
	p = calloc(np, sizeof(*p));
	if (!p)
		return -1;
	for (pos = 0, i = 0; next_entry(sec, len, &pos, &e);) {
		bool is_type = key_is(&e, "parmtype");

		if (!param_name(&e, &p[i].name, &p[i].namelen))
			continue;
		p[i].text = e.value + p[i].namelen + 1;
		p[i].textlen = e.valuelen - p[i].namelen - 1;
		p[i++].is_type = is_type;
	}
	for (i = np; i-- > 0;) {
		const struct param *desc = NULL, *type = NULL;

		for (j = 0; j < i && !same_name(&p[j], &p[i]); j++)
			;
		if (j < i)
			continue;	/* not the first appearance */
		for (j = i; j < np; j++) {
			if (!same_name(&p[j], &p[i]))
				continue;
			if (p[j].is_type)
				type = &p[j];
			else
				desc = &p[j];
		}
		if (prefix)
			fprintf(out, "%-16s", "parm:");
		put(out, p[i].name, p[i].namelen);
		fputc(':', out);
		if (!desc) {
			if (!prefix)
				fputs(" (", out);
			put(out, type->text, type->textlen);
			if (!prefix)
				fputc(')', out);
		} else {
			put(out, desc->text, desc->textlen);
			if (type) {
				fputs(" (", out);
				put(out, type->text, type->textlen);
				fputc(')', out);
			}
		}
		fputc(sep, out);
		lines++;
	}
	free(p);
	return lines;
}

/* A parm or parmtype entry without ':' (kmod reports it and leaves it out). */
static bool bad_param(const struct entry *e, FILE *err)
{
	if ((!key_is(e, "parm") && !key_is(e, "parmtype")) || memchr(e->value, ':', e->valuelen))
		return false;
	fputs("modinfo: ERROR: Found invalid \"", err);
	put(err, e->key, e->keylen);
	fputc('=', err);
	put(err, e->value, e->valuelen);
	fputs("\": missing ':'\n", err);
	return true;
}

/* A record's start: "key:" padded to column 16, or "key=" for -0. */
static void put_key(FILE *out, const char *key, size_t keylen, char sep)
{
	put(out, key, keylen);
	if (sep == '\0') {
		fputc('=', out);
	} else {
		/* kmod's "%s:%-*s" with width 15 - keylen: negative widths pad too */
		fputc(':', out);
		pad(out, keylen <= 15 ? 15 - keylen : keylen - 15);
	}
}

/* Bytes as kmod shows them: "AB:CD:...", a new line and two tabs after each 20. */
static void put_hex(FILE *out, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%02X", b[i]);
		if (i + 1 < n)
			fputs((i + 1) % 20 ? ":" : ":\n\t\t", out);
	}
}

/* The signature's records (all, or field's); returns how many. */
static int show_sig(const struct modinfo_sig *sig, const char *field, char sep, FILE *out)
{
	const struct {
		const char *key;
		const void *value;
		size_t len;
		bool hex;
	} recs[] = {
		{ "sig_id", sig->id_type, strlen(sig->id_type), false },
		{ "signer", sig->signer, sig->signer_len, false },
		{ "sig_key", sig->key_id, sig->key_id_len, true },
		{ "sig_hashalgo", sig->hash_algo, strlen(sig->hash_algo), false },
		{ "signature", sig->sig, sig->sig_len, true },
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		if (field && strcmp(field, recs[i].key))
			continue;
		if (!field)
			put_key(out, recs[i].key, strlen(recs[i].key), sep);
		if (recs[i].hex)
			put_hex(out, recs[i].value, recs[i].len);
		else
			put(out, recs[i].value, recs[i].len);
		fputc(sep, out);
		n++;
	}
	return n;
}

/* See modfile.h. */
int modinfo_show(const char *sec, size_t len, const struct modinfo_sig *sig,
		 const char *field, char sep, FILE *out, FILE *err)
{
	struct entry e;
	size_t pos = 0;
	int n = 0, params;

	if (field && !strcmp(field, "parm")) {
		while (next_entry(sec, len, &pos, &e))
			bad_param(&e, err);
	} else {
		while (next_entry(sec, len, &pos, &e)) {
			if (field) {
				if (key_is(&e, field)) {
					put(out, e.value, e.valuelen);
					fputc(sep, out);
					n++;
				}
				continue;
			}
			if (key_is(&e, "parm") || key_is(&e, "parmtype")) {
				bad_param(&e, err);
				continue;	/* merged below */
			}
			put_key(out, e.key, e.keylen, sep);
			put(out, e.value, e.valuelen);
			fputc(sep, out);
			n++;
		}
		if (sig)
			n += show_sig(sig, field, sep, out);
		if (field)
			return n;
	}
	params = show_params(sec, len, !field, sep, out);
	if (params < 0) {
		fputs("modinfo: ERROR: Out of memory!\n", err);
		return -1;
	}
	return n + params;
}
