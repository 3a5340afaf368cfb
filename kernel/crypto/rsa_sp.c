/*
 * The RSA-2048 public-key operation of module signatures by wolfSSL's
 * single-precision math (sp_RsaPublic_2048: 32 limbs of 64 bits, its
 * x86-64 assembly for the Montgomery products, e = 65537 as 16 squarings
 * and one multiplication). Seven times fewer instructions than BearSSL's
 * i62 exponentiation (docs/signing.md: Cost); kernel/crypto/rsa.c calls
 * it first and keeps BearSSL's for every other key. Only the glue is
 * Kelp's. Built with wolfSSL's flags (kernel/crypto/wolfssl/), in the
 * kernel and in the host tests.
 */
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/sp_int.h>
#include <wolfssl/wolfcrypt/sp.h>
#include <string.h>
#include <kelp/crypto.h>

/* See crypto.h. */
int rsa_sp2048_public(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		      const u8 *sig, u8 *out)
{
	sp_int mm, em;
	word32 out_len = 256;

	while (e_len && !*e) {
		e++;
		e_len--;
	}
	/* wolfSSL's code takes exactly 2048 bits and an e of at most 64 */
	if (n_len != 256 || !(n[0] & 0x80) || e_len > 8)
		return -1;
	/* e = 0 and an even n are no RSA key; sig must be below n (RFC 8017 5.2.2) */
	if (!e_len || !(n[255] & 1) || memcmp(sig, n, 256) >= 0)
		return 0;
	if (sp_init(&mm) != MP_OKAY || sp_init(&em) != MP_OKAY ||
	    sp_read_unsigned_bin(&mm, n, 256) != MP_OKAY ||
	    sp_read_unsigned_bin(&em, e, (word32)e_len) != MP_OKAY)
		return 0;
	return sp_RsaPublic_2048(sig, 256, &em, &mm, out, &out_len) == MP_OKAY && out_len == 256;
}
