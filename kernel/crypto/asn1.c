/*
 * The DER walk of the two structures module signing reads, untrusted input
 * both: a CMS/PKCS#7 SignedData (RFC 5652) appended to a module, and the
 * fields of an X.509 certificate (RFC 5280) BearSSL's decoder does not give
 * (issuer, serial, subject key id, subject names). Only structure: no
 * arithmetic on keys, no hashing (kernel/crypto/public_key.c does that with
 * BearSSL). BER's indefinite lengths are accepted, as Linux's ASN.1 decoder
 * does, because `openssl cms -stream` writes them. Pure code, no allocation.
 */
#include <kelp/crypto.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/string.h>

#define ASN1_MAX_DEPTH 16	/* nested indefinite lengths; real ones use 6 */

enum {
	ASN1_BOOL = 0x01, ASN1_INT = 0x02, ASN1_OCTETS = 0x04, ASN1_NULL = 0x05, ASN1_OID = 0x06,
	ASN1_SEQ = 0x30, ASN1_SET = 0x31,
	ASN1_CTX0 = 0xa0, ASN1_CTX1 = 0xa1, ASN1_CTX3 = 0xa3,	/* [n] constructed */
	ASN1_CTX0_PRIM = 0x80,					/* [0] primitive */
};

/* A window of encoded elements still to read. */
struct asn1 {
	const u8 *p, *end;
};

/*
 * Reads one element at a->p: its tag in *tag, its contents as *val (the
 * element whole from *start, when asked for), and moves a past it.
 * 0 or -EBADMSG: short data, a length past the window, a multi-byte tag
 * (none in these formats), an indefinite length on a primitive, too deep.
 */
static int asn1_read_depth(struct asn1 *a, u8 *tag, struct asn1 *val, int depth)
{
	const u8 *p = a->p;
	size_t left = a->end - p, len, n;

	if (left < 2 || (p[0] & 0x1f) == 0x1f)
		return -EBADMSG;
	*tag = p[0];
	len = p[1];
	p += 2;
	left -= 2;
	if (len == 0x80) {
		struct asn1 in = { p, a->end }, v;
		u8 t;

		if (!(*tag & 0x20) || depth >= ASN1_MAX_DEPTH)
			return -EBADMSG;
		/* the contents end at the end-of-contents octets 00 00 of this level */
		while (!(in.end - in.p >= 2 && in.p[0] == 0 && in.p[1] == 0))
			if (asn1_read_depth(&in, &t, &v, depth + 1))
				return -EBADMSG;
		val->p = p;
		val->end = in.p;
		a->p = in.p + 2;
		return 0;
	}
	if (len & 0x80) {
		n = len & 0x7f;
		if (!n || n > 4 || n > left)	/* 4 length bytes: 4 GiB is plenty */
			return -EBADMSG;
		for (len = 0; n; n--, left--)
			len = len << 8 | *p++;
	}
	if (len > left)
		return -EBADMSG;
	val->p = p;
	val->end = p + len;
	a->p = p + len;
	return 0;
}

/* The next element, which must have tag want. 0 or -EBADMSG. */
static int asn1_expect(struct asn1 *a, u8 want, struct asn1 *val)
{
	u8 tag;

	if (asn1_read_depth(a, &tag, val, 0))
		return -EBADMSG;
	return tag == want ? 0 : -EBADMSG;
}

/* The next element if it has tag want (1), else nothing read (0); -EBADMSG. */
static int asn1_optional(struct asn1 *a, u8 want, struct asn1 *val)
{
	if (a->p >= a->end || a->p[0] != want)
		return 0;
	return asn1_expect(a, want, val) ? -EBADMSG : 1;
}

/* Skips one element, whatever its tag. 0 or -EBADMSG. */
static int asn1_skip(struct asn1 *a)
{
	struct asn1 v;
	u8 tag;

	return asn1_read_depth(a, &tag, &v, 0);
}

static size_t asn1_len(const struct asn1 *a)
{
	return a->end - a->p;
}

static bool asn1_is_oid(const struct asn1 *oid, const u8 *want, size_t len)
{
	return asn1_len(oid) == len && !memcmp(oid->p, want, len);
}
#define OID_IS(oid, bytes) asn1_is_oid(oid, bytes, sizeof(bytes))

static const u8 oid_signed_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const u8 oid_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const u8 oid_common_name[] = { 0x55, 0x04, 0x03 };
static const u8 oid_organization[] = { 0x55, 0x04, 0x0a };
static const u8 oid_skid[] = { 0x55, 0x1d, 0x0e };

/* The algorithm OIDs signatures use: a hash, a key type, or both. */
static const struct {
	u8 len, oid[9];
	enum hash_algo hash;
	enum pkey_algo algo;
} algo_oids[] = {
	{ 9, { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 }, HASH_ALGO_SHA256, 0 },
	{ 9, { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 }, HASH_ALGO_SHA384, 0 },
	{ 9, { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 }, HASH_ALGO_SHA512, 0 },
	{ 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 }, 0, PKEY_ALGO_RSA },
	{ 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b }, HASH_ALGO_SHA256, PKEY_ALGO_RSA },
	{ 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c }, HASH_ALGO_SHA384, PKEY_ALGO_RSA },
	{ 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d }, HASH_ALGO_SHA512, PKEY_ALGO_RSA },
	{ 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 }, HASH_ALGO_SHA256, PKEY_ALGO_ECDSA },
	{ 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 }, HASH_ALGO_SHA384, PKEY_ALGO_ECDSA },
	{ 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 }, HASH_ALGO_SHA512, PKEY_ALGO_ECDSA },
};

/*
 * An AlgorithmIdentifier { OID, parameters }: its hash and key type (each
 * NONE when the OID has none). 0, -EBADMSG, -ENOPKG (an OID not listed:
 * SHA-1, MD5, RSA-PSS...).
 */
static int asn1_algorithm(struct asn1 *a, enum hash_algo *hash, enum pkey_algo *algo)
{
	struct asn1 seq, oid;

	if (asn1_expect(a, ASN1_SEQ, &seq) || asn1_expect(&seq, ASN1_OID, &oid))
		return -EBADMSG;
	for (size_t i = 0; i < sizeof(algo_oids) / sizeof(algo_oids[0]); i++) {
		if (asn1_is_oid(&oid, algo_oids[i].oid, algo_oids[i].len)) {
			*hash = algo_oids[i].hash;
			*algo = algo_oids[i].algo;
			return 0;
		}
	}
	return -ENOPKG;
}

/* A small INTEGER (version numbers): 0 and *v, or -EBADMSG. */
static int asn1_small_int(struct asn1 *a, int *v)
{
	struct asn1 i;

	if (asn1_expect(a, ASN1_INT, &i) || asn1_len(&i) != 1)
		return -EBADMSG;
	*v = i.p[0];
	return 0;
}

/* ---- X.509 ---- */

/* Copies a name string value (at most X509_NAME_MAX - 1 bytes) into out. */
static void x509_copy_name(char *out, size_t size, const struct asn1 *v)
{
	size_t n = asn1_len(v) < size - 1 ? asn1_len(v) : size - 1;

	memcpy(out, v->p, n);
	out[n] = '\0';
}

/*
 * Linux's x509_fabricate_name(): the subject's CN, prefixed with "O: "
 * unless CN already starts with O; either one alone when the other is
 * missing. 0 or -EBADMSG.
 */
static int x509_subject_name(struct x509_cert *c, struct asn1 name)
{
	char cn[X509_NAME_MAX] = "", o[X509_NAME_MAX] = "";

	while (asn1_len(&name)) {
		struct asn1 rdn, atv, oid, val;
		u8 tag;

		if (asn1_expect(&name, ASN1_SET, &rdn))
			return -EBADMSG;
		while (asn1_len(&rdn)) {
			if (asn1_expect(&rdn, ASN1_SEQ, &atv) || asn1_expect(&atv, ASN1_OID, &oid) ||
			    asn1_read_depth(&atv, &tag, &val, 0))
				return -EBADMSG;
			if (OID_IS(&oid, oid_common_name))
				x509_copy_name(cn, sizeof(cn), &val);
			else if (OID_IS(&oid, oid_organization))
				x509_copy_name(o, sizeof(o), &val);
		}
	}
	if (cn[0] && o[0] && strncmp(cn, o, strlen(o))) {
		size_t n = strlen(o);

		if (n > sizeof(c->name) - 3)
			n = sizeof(c->name) - 3;
		memcpy(c->name, o, n);
		memcpy(c->name + n, ": ", 2);
		x509_copy_name(c->name + n + 2, sizeof(c->name) - n - 2,
			       &(struct asn1){ (const u8 *)cn, (const u8 *)cn + strlen(cn) });
	} else {
		const char *s = cn[0] ? cn : o;

		x509_copy_name(c->name, sizeof(c->name),
			       &(struct asn1){ (const u8 *)s, (const u8 *)s + strlen(s) });
	}
	return 0;
}

/* The extensions [3] { SEQUENCE OF Extension }: the subject key id. 0 or -EBADMSG. */
static int x509_extensions(struct x509_cert *c, struct asn1 ext)
{
	struct asn1 list, e, oid, val, skid;
	int crit;

	if (asn1_expect(&ext, ASN1_SEQ, &list) || asn1_len(&ext))
		return -EBADMSG;
	while (asn1_len(&list)) {
		if (asn1_expect(&list, ASN1_SEQ, &e) || asn1_expect(&e, ASN1_OID, &oid))
			return -EBADMSG;
		crit = asn1_optional(&e, ASN1_BOOL, &val);
		if (crit < 0 || asn1_expect(&e, ASN1_OCTETS, &val))
			return -EBADMSG;
		if (!OID_IS(&oid, oid_skid))
			continue;
		if (asn1_expect(&val, ASN1_OCTETS, &skid) || !asn1_len(&skid))
			return -EBADMSG;
		c->skid = skid.p;
		c->skid_len = asn1_len(&skid);
	}
	return 0;
}

/* The fields of the TBSCertificate (RFC 5280 4.1); the key is public_key.c's. 0 or -EBADMSG. */
int x509_cert_fields(struct x509_cert *c, const u8 *der, size_t len)
{
	struct asn1 a = { der, der + len }, cert, tbs, v, serial;
	const u8 *start;

	if (asn1_expect(&a, ASN1_SEQ, &cert) || asn1_len(&a) ||
	    asn1_expect(&cert, ASN1_SEQ, &tbs))
		return -EBADMSG;
	if (asn1_optional(&tbs, ASN1_CTX0, &v) < 0 ||			/* version */
	    asn1_expect(&tbs, ASN1_INT, &serial) || !asn1_len(&serial) ||
	    asn1_expect(&tbs, ASN1_SEQ, &v))				/* signature */
		return -EBADMSG;
	c->serial = serial.p;
	c->serial_len = asn1_len(&serial);
	start = tbs.p;
	if (asn1_expect(&tbs, ASN1_SEQ, &v))				/* issuer */
		return -EBADMSG;
	c->issuer = start;
	c->issuer_len = tbs.p - start;
	if (asn1_expect(&tbs, ASN1_SEQ, &v) ||				/* validity */
	    asn1_expect(&tbs, ASN1_SEQ, &v) || x509_subject_name(c, v) ||	/* subject */
	    asn1_expect(&tbs, ASN1_SEQ, &v))				/* subjectPublicKeyInfo */
		return -EBADMSG;
	c->skid = NULL;
	c->skid_len = 0;
	while (asn1_len(&tbs)) {			/* [1] [2] unique ids, [3] extensions */
		u8 tag = tbs.p[0];

		if (tag == ASN1_CTX3) {
			if (asn1_expect(&tbs, ASN1_CTX3, &v) || x509_extensions(c, v))
				return -EBADMSG;
		} else if (asn1_skip(&tbs)) {
			return -EBADMSG;
		}
	}
	return 0;
}

/* ---- CMS SignedData ---- */

/* One SignerInfo (RFC 5652 5.3). 0, -EBADMSG, -ENOPKG. */
static int pkcs7_signer_info(struct pkcs7_sig *s, struct asn1 si)
{
	enum hash_algo hash, h2;
	enum pkey_algo algo, a2;
	struct asn1 sid, v, serial;
	const u8 *start;
	int version, err;

	if (asn1_small_int(&si, &version))
		return -EBADMSG;
	if (version == 1) {		/* issuerAndSerialNumber */
		if (asn1_expect(&si, ASN1_SEQ, &sid))
			return -EBADMSG;
		start = sid.p;
		if (asn1_expect(&sid, ASN1_SEQ, &v))
			return -EBADMSG;
		s->issuer = start;
		s->issuer_len = sid.p - start;
		if (asn1_expect(&sid, ASN1_INT, &serial) || !asn1_len(&serial) || asn1_len(&sid))
			return -EBADMSG;
		s->serial = serial.p;
		s->serial_len = asn1_len(&serial);
	} else if (version == 3) {	/* [0] subjectKeyIdentifier */
		if (asn1_expect(&si, ASN1_CTX0_PRIM, &sid) || !asn1_len(&sid))
			return -EBADMSG;
		s->skid = sid.p;
		s->skid_len = asn1_len(&sid);
	} else {
		return -EBADMSG;
	}
	err = asn1_algorithm(&si, &hash, &algo);		/* digestAlgorithm */
	if (err)
		return err;
	if (hash == HASH_ALGO_NONE || algo != PKEY_ALGO_NONE)
		return -ENOPKG;
	err = asn1_optional(&si, ASN1_CTX0, &v);		/* signedAttrs */
	if (err)
		return err < 0 ? err : -ENOPKG;	/* Kelp's signatures have none (docs/signing.md) */
	err = asn1_algorithm(&si, &h2, &a2);			/* signatureAlgorithm */
	if (err)
		return err;
	if (a2 == PKEY_ALGO_NONE)
		return -ENOPKG;
	if (h2 != HASH_ALGO_NONE && h2 != hash)
		return -EBADMSG;	/* sha384WithRSAEncryption over a SHA-256 digest */
	if (asn1_expect(&si, ASN1_OCTETS, &v) || !asn1_len(&v))	/* signature */
		return -EBADMSG;
	s->hash = hash;
	s->algo = a2;
	s->sig = v.p;
	s->sig_len = asn1_len(&v);
	if (asn1_optional(&si, ASN1_CTX1, &v) < 0 || asn1_len(&si))	/* unsignedAttrs */
		return -EBADMSG;
	return 0;
}

/* See crypto.h. */
int pkcs7_parse(struct pkcs7_sig *s, const u8 *data, size_t len)
{
	struct asn1 a = { data, data + len }, ci, oid, sd, v, encap, signers, si;
	int version;

	memset(s, 0, sizeof(*s));
	if (asn1_expect(&a, ASN1_SEQ, &ci) || asn1_len(&a) ||
	    asn1_expect(&ci, ASN1_OID, &oid) || !OID_IS(&oid, oid_signed_data) ||
	    asn1_expect(&ci, ASN1_CTX0, &v) || asn1_len(&ci) ||
	    asn1_expect(&v, ASN1_SEQ, &sd) || asn1_len(&v))
		return -EBADMSG;
	if (asn1_small_int(&sd, &version) || version < 1 || version > 5 ||
	    asn1_expect(&sd, ASN1_SET, &v))			/* digestAlgorithms */
		return -EBADMSG;
	/* encapContentInfo: data, detached (no eContent) */
	if (asn1_expect(&sd, ASN1_SEQ, &encap) || asn1_expect(&encap, ASN1_OID, &oid))
		return -EBADMSG;
	if (!OID_IS(&oid, oid_data))
		return -ENOPKG;
	if (asn1_len(&encap))
		return -EBADMSG;	/* the module is not carried inside its signature */
	if (asn1_optional(&sd, ASN1_CTX0, &v) < 0 ||		/* certificates: not trusted, not used */
	    asn1_optional(&sd, ASN1_CTX1, &v) < 0 ||		/* crls */
	    asn1_expect(&sd, ASN1_SET, &signers) || asn1_len(&sd))
		return -EBADMSG;
	if (asn1_expect(&signers, ASN1_SEQ, &si) || asn1_len(&signers))
		return -EBADMSG;			/* exactly one signer */
	return pkcs7_signer_info(s, si);
}
EXPORT_SYMBOL_FOR_KTEST(pkcs7_parse);

/* See crypto.h. */
const struct x509_cert *pkcs7_find_key(const struct pkcs7_sig *s,
				       const struct x509_cert *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct x509_cert *c = keys[i];

		if (s->skid) {
			if (c->skid && c->skid_len == s->skid_len &&
			    !memcmp(c->skid, s->skid, s->skid_len))
				return c;
		} else if (c->issuer_len == s->issuer_len && c->serial_len == s->serial_len &&
			   !memcmp(c->issuer, s->issuer, s->issuer_len) &&
			   !memcmp(c->serial, s->serial, s->serial_len)) {
			return c;
		}
	}
	return NULL;
}
