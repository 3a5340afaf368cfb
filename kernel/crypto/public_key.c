/*
 * The public-key glue over BearSSL (docs/signing.md: why BearSSL): the key
 * of a trusted certificate from BearSSL's X.509 decoder, the SHA-2 digest
 * of a module body, and the RSA PKCS#1 v1.5 or ECDSA verification of its
 * signature. No crypto primitive is written here: BearSSL's sources come
 * from Debian's bearssl source package (tools/ensure-deps bearssl) and are
 * compiled with the kernel's flags (the Makefile's bearssl-y). Pure code:
 * no allocation, a few KiB of stack (BearSSL's big-integer buffers).
 */
#include <kelp/crypto.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/string.h>
#include <bearssl.h>

/* The bit length of a big-endian unsigned number without leading zeros. */
static unsigned int be_bits(const u8 *p, size_t len)
{
	while (len && !*p) {
		p++;
		len--;
	}
	if (!len)
		return 0;
	return (len - 1) * 8 + (32 - __builtin_clz(*p));
}

/* See crypto.h. */
int x509_cert_parse(struct x509_cert *c, const u8 *der, size_t len)
{
	br_x509_decoder_context dc;
	const br_x509_pkey *pk;
	int err;

	memset(c, 0, sizeof(*c));
	err = x509_cert_fields(c, der, len);
	if (err)
		return err;
	br_x509_decoder_init(&dc, NULL, NULL);
	br_x509_decoder_push(&dc, der, len);
	pk = br_x509_decoder_get_pkey(&dc);
	if (!pk)
		return br_x509_decoder_last_error(&dc) == BR_ERR_X509_UNSUPPORTED ? -ENOPKG : -EBADMSG;
	switch (pk->key_type) {
	case BR_KEYTYPE_RSA:
		if (pk->key.rsa.nlen + pk->key.rsa.elen > sizeof(c->key))
			return -ENOPKG;
		c->algo = PKEY_ALGO_RSA;
		c->n_len = pk->key.rsa.nlen;
		c->e_len = pk->key.rsa.elen;
		memcpy(c->key, pk->key.rsa.n, c->n_len);
		memcpy(c->key + c->n_len, pk->key.rsa.e, c->e_len);
		c->key_bits = be_bits(c->key, c->n_len);
		return 0;
	case BR_KEYTYPE_EC:
		if (pk->key.ec.qlen > sizeof(c->key))
			return -ENOPKG;
		c->curve = pk->key.ec.curve;
		switch (c->curve) {
		case BR_EC_secp256r1: c->key_bits = 256; break;
		case BR_EC_secp384r1: c->key_bits = 384; break;
		case BR_EC_secp521r1: c->key_bits = 521; break;
		default: return -ENOPKG;
		}
		c->algo = PKEY_ALGO_ECDSA;
		c->q_len = pk->key.ec.qlen;
		memcpy(c->key, pk->key.ec.q, c->q_len);
		return 0;
	}
	return -ENOPKG;
}
EXPORT_SYMBOL_FOR_KTEST(x509_cert_parse);

/* See crypto.h. */
int pkcs7_digest(enum hash_algo hash, const void *body, size_t len, u8 *out)
{
	union {
		br_sha256_context s256;
		br_sha384_context s384;
		br_sha512_context s512;
	} ctx;

	switch (hash) {
	case HASH_ALGO_SHA256:
		br_sha256_init(&ctx.s256);
		br_sha256_update(&ctx.s256, body, len);
		br_sha256_out(&ctx.s256, out);
		return br_sha256_SIZE;
	case HASH_ALGO_SHA384:
		br_sha384_init(&ctx.s384);
		br_sha384_update(&ctx.s384, body, len);
		br_sha384_out(&ctx.s384, out);
		return br_sha384_SIZE;
	case HASH_ALGO_SHA512:
		br_sha512_init(&ctx.s512);
		br_sha512_update(&ctx.s512, body, len);
		br_sha512_out(&ctx.s512, out);
		return br_sha512_SIZE;
	default:
		return -ENOPKG;
	}
}
EXPORT_SYMBOL_FOR_KTEST(pkcs7_digest);

/* PKCS#1 v1.5's DigestInfo OIDs, BearSSL's encoding. */
static const unsigned char *rsa_hash_oid(enum hash_algo hash)
{
	switch (hash) {
	case HASH_ALGO_SHA256: return BR_HASH_OID_SHA256;
	case HASH_ALGO_SHA384: return BR_HASH_OID_SHA384;
	case HASH_ALGO_SHA512: return BR_HASH_OID_SHA512;
	default: return NULL;
	}
}

/* See crypto.h. */
int pkcs7_verify(const struct pkcs7_sig *s, const struct x509_cert *key,
		 const void *body, size_t len)
{
	u8 hash[64], rec[64];
	int hlen;

	if (s->algo != key->algo)
		return -EKEYREJECTED;	/* an ECDSA signature for an RSA key */
	hlen = pkcs7_digest(s->hash, body, len, hash);
	if (hlen < 0)
		return hlen;
	if (key->algo == PKEY_ALGO_RSA) {
		/* BearSSL's i62 code with a 2-bit window (rsa.c) */
		if (!rsa_pkcs1_verify(key->key, key->n_len, key->key + key->n_len, key->e_len,
				      s->sig, s->sig_len, rsa_hash_oid(s->hash), hlen, rec) ||
		    memcmp(rec, hash, hlen))
			return -EKEYREJECTED;
		return 0;
	}
	if (key->algo == PKEY_ALGO_ECDSA) {
		br_ec_public_key pk = {
			.curve = key->curve, .q = (unsigned char *)key->key, .qlen = key->q_len,
		};
		const br_ec_impl *impl = key->curve == BR_EC_secp256r1 ? &br_ec_p256_m31 : &br_ec_prime_i31;

		if (!br_ecdsa_i31_vrfy_asn1(impl, hash, hlen, &pk, s->sig, s->sig_len))
			return -EKEYREJECTED;
		return 0;
	}
	return -ENOPKG;
}
