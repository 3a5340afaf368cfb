/*
 * RSA PKCS#1 v1.5 signature verification for module signatures
 * (docs/signing.md: Cost). The exponentiation: for RSA-2048 (the build's
 * key) wolfSSL's x86-64 single-precision code (kernel/crypto/rsa_sp.c);
 * for every other size BearSSL's i62 one (br_i62_modpow_opt), called
 * with a bigger work buffer than br_rsa_i62_public gives it. BearSSL picks
 * its exponent window from that buffer's size; its own 2.1 KiB leave a
 * 1-bit window, two Montgomery multiplications per bit of e. The buffer
 * here gives a 2-bit window up to RSA-3072: e = 65537 costs 38
 * multiplications instead of 48. Then BearSSL's padding check
 * (br_rsa_pkcs1_sig_unpad). Nothing of the arithmetic is Kelp's. Compiled
 * as a BearSSL object (its internal header, inner.h), in the kernel and
 * in the host tests.
 */
#include "inner.h"
#include <kelp/crypto.h>

/* The widest modulus: BearSSL's (4096 bits), in 31-bit words plus the header word. */
#define RSA_I31_WORDS (2 + (BR_MAX_RSA_SIZE + 30) / 31)
/*
 * The exponentiation's buffer, in 64-bit words: the modulus and the value
 * in 62-bit words, then 2^k + 1 temporaries for a k-bit window, each
 * ceil(bits / 62) words. 7 * 50 words: k = 2 up to RSA-3072 (50 words),
 * k = 1 for RSA-4096 as in br_rsa_i62_public. 2800 bytes of stack.
 */
#define RSA_TMP_WORDS (7 * 50)

/*
 * em = sig^e mod n, n_len bytes big-endian, by BearSSL's i62 code; 1, or 0
 * when n is no RSA modulus or sig is not below it. Not inlined: its
 * buffers are not on the stack of the RSA-2048 path.
 */
static __attribute__((__noinline__)) uint32_t
rsa_i62_public(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
	       const u8 *sig, unsigned char *em)
{
	uint64_t tmp[RSA_TMP_WORDS];
	uint32_t m[RSA_I31_WORDS], x[RSA_I31_WORDS];
	uint32_t m0i, ok;

	br_i31_decode(m, n, n_len);
	m0i = br_i31_ninv31(m[1]);
	ok = m0i & 1;				/* an even modulus is no RSA key */
	ok &= br_i31_decode_mod(x, sig, n_len, m);	/* the signature is below n */
	ok &= br_i62_modpow_opt(x, e, e_len, m, m0i, tmp, RSA_TMP_WORDS);
	br_i31_encode(em, n_len, x);
	return ok;
}

/* See crypto.h. */
int rsa_pkcs1_verify(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		     const u8 *sig, size_t sig_len, const unsigned char *hash_oid,
		     size_t hash_len, u8 *hash_out)
{
	unsigned char em[BR_MAX_RSA_SIZE >> 3];
	int ok;

	while (n_len && !*n) {
		n++;
		n_len--;
	}
	/* the signature is exactly as long as the modulus (RFC 8017 8.2.2) */
	if (!n_len || n_len > sizeof(em) || sig_len != n_len || !e_len)
		return 0;
#ifdef KELP_NO_WOLFSSL			/* make KELP_WOLFSSL=0 */
	ok = -1;
#else
	ok = rsa_sp2048_public(n, n_len, e, e_len, sig, em);
#endif
	if (ok < 0)		/* not a 2048-bit modulus, or e wider than 64 bits */
		ok = (int)rsa_i62_public(n, n_len, e, e_len, sig, em);
	return ok > 0 && br_rsa_pkcs1_sig_unpad(em, n_len, hash_oid, hash_len, hash_out);
}
