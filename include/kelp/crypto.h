/*
 * Signatures: the DER walk of X.509 certificates and of the CMS/PKCS#7
 * SignedData of a module signature (kernel/crypto/asn1.c), the public-key
 * glue over BearSSL (kernel/crypto/public_key.c: key extraction, SHA-2,
 * RSA PKCS#1 v1.5 and ECDSA verification), the check of a module's
 * appended signature (kernel/crypto/module_sig.c) and the built-in trusted
 * keyring with /proc/keys (kernel/crypto/keyring.c). Everything but the
 * keyring is pure (no allocation, no locks) and also builds on the host for
 * the unit tests and the fuzz target. docs/signing.md.
 */
#ifndef KELP_CRYPTO_H
#define KELP_CRYPTO_H

#include <kelp/types.h>

/* Linux's <linux/module_signature.h>: the 12 bytes before the marker. */
#define MODULE_SIG_STRING "~Module signature appended~\n"
#define PKEY_ID_PKCS7 2

struct module_signature {
	u8 algo;		/* 0 for PKCS#7 */
	u8 hash;		/* 0 for PKCS#7 */
	u8 id_type;		/* PKEY_ID_PKCS7 */
	u8 signer_len;		/* 0 for PKCS#7 */
	u8 key_id_len;		/* 0 for PKCS#7 */
	u8 __pad[3];
	u32 sig_len;		/* big-endian: the PKCS#7 message's length */
};

enum pkey_algo { PKEY_ALGO_NONE, PKEY_ALGO_RSA, PKEY_ALGO_ECDSA };
enum hash_algo { HASH_ALGO_NONE, HASH_ALGO_SHA256, HASH_ALGO_SHA384, HASH_ALGO_SHA512 };

#define X509_KEY_MAX 520	/* BearSSL's BR_X509_BUFSIZE_KEY: RSA-4096 or any NIST curve */
#define X509_NAME_MAX 96

/* A trusted certificate: pointers into its DER, which outlives it. */
struct x509_cert {
	const u8 *issuer;	/* the issuer Name, the whole DER element */
	size_t issuer_len;
	const u8 *serial;	/* the serialNumber INTEGER's contents */
	size_t serial_len;
	const u8 *skid;		/* subjectKeyIdentifier's key id, or NULL */
	size_t skid_len;
	char name[X509_NAME_MAX];	/* "O: CN", "CN" or "O", as Linux names it */
	enum pkey_algo algo;
	int curve;		/* ECDSA: BearSSL's curve id (BR_EC_secp256r1...) */
	unsigned int key_bits;	/* RSA: modulus bits; ECDSA: curve bits */
	size_t n_len, e_len;	/* RSA: key[0..n_len) modulus, then e_len exponent bytes */
	size_t q_len;		/* ECDSA: key[0..q_len) the public point */
	u8 key[X509_KEY_MAX];
};

/* What a module signature's SignedData says (pointers into it). */
struct pkcs7_sig {
	const u8 *issuer;	/* issuerAndSerialNumber: the Name element... */
	size_t issuer_len;
	const u8 *serial;	/* ...and the serial's contents */
	size_t serial_len;
	const u8 *skid;		/* or subjectKeyIdentifier (SignerInfo version 3) */
	size_t skid_len;
	enum hash_algo hash;
	enum pkey_algo algo;
	const u8 *sig;		/* the signature value */
	size_t sig_len;
};

/*
 * The DER walk of a certificate (asn1.c): issuer, serial, subject key id
 * and name into *c (pointers into der). 0 or -EBADMSG. Any context; no
 * allocation. x509_cert_parse() calls it.
 */
int x509_cert_fields(struct x509_cert *c, const u8 *der, size_t len);
/*
 * Parses a certificate's fields (DER) into *c; the key comes from
 * BearSSL's X.509 decoder. 0, -EBADMSG (malformed) or -ENOPKG (a key
 * type or size not supported). Any context; no allocation.
 */
int x509_cert_parse(struct x509_cert *c, const u8 *der, size_t len);
/*
 * Walks a CMS SignedData (DER, or BER with indefinite lengths) of one
 * signer, detached, without signed attributes. 0, -EBADMSG (malformed,
 * not detached, not one signer) or -ENOPKG (an algorithm or a feature
 * not supported). Any context; no allocation.
 */
int pkcs7_parse(struct pkcs7_sig *s, const u8 *data, size_t len);
/* The certificate of keys[0..n) that the signature names, or NULL. Any context. */
const struct x509_cert *pkcs7_find_key(const struct pkcs7_sig *s,
				       const struct x509_cert *const *keys, size_t n);
/*
 * Hashes body[0..len) with the signature's hash and verifies the
 * signature with key. 0, -EKEYREJECTED (a bad signature, or a key of the
 * wrong type) or -ENOPKG. Any context; about 4.5 KiB of stack (RSA).
 */
int pkcs7_verify(const struct pkcs7_sig *s, const struct x509_cert *key,
		 const void *body, size_t len);
/*
 * RSA PKCS#1 v1.5 verification (kernel/crypto/rsa.c: wolfSSL's RSA-2048
 * exponentiation, or BearSSL's with a wider exponent window than its own
 * entry point; BearSSL's padding check): sig^e mod n must be the
 * padding, hash_oid (BearSSL's encoding) and a hash of hash_len bytes,
 * which goes to hash_out. 1 if so, 0 otherwise (the caller compares the
 * hash). Any context; 4.4 KiB of stack.
 */
int rsa_pkcs1_verify(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		     const u8 *sig, size_t sig_len, const unsigned char *hash_oid,
		     size_t hash_len, u8 *hash_out);
/*
 * out = sig^e mod n (256 bytes, big-endian) for a modulus of exactly 2048
 * bits and an e of at most 64 bits (kernel/crypto/rsa_sp.c, wolfSSL's
 * x86-64 single-precision code). 1 when computed; 0 for no valid key or
 * a signature not below n; -1 for any other key, which BearSSL's
 * exponentiation takes. Any context; about 3.5 KiB of stack.
 */
int rsa_sp2048_public(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
		      const u8 *sig, u8 *out);
/* The digest of body[0..len) into out (64 bytes room); its length, or -ENOPKG. Any context. */
int pkcs7_digest(enum hash_algo hash, const void *body, size_t len, u8 *out);
/*
 * Linux's mod_verify_sig(): checks the signature appended to image[0..*len)
 * (the marker already there) against keys[0..n). On return *len is the
 * length of the module without the signature (when the trailer parsed).
 * 0, -ENODATA (no marker: unsigned), -EBADMSG, -ENOPKG, -ENOKEY (no
 * trusted key named) or -EKEYREJECTED, with *why a sentence saying what
 * was wrong (NULL when unsigned or good). Any context; no allocation.
 */
int module_sig_verify(const u8 *image, size_t *len, const struct x509_cert *const *keys, size_t n,
		      const char **why);
/* True when image[0..len) ends with MODULE_SIG_STRING. Any context. */
bool module_sig_present(const u8 *image, size_t len);

/* The built-in trusted keys (kernel/crypto/keyring.c), loaded at boot. */
extern const struct x509_cert *const *builtin_trusted_keys;
extern size_t builtin_trusted_keys_count;
/* Parses the certificates built into the kernel and creates /proc/keys. Boot, once. */
void keyring_init(void);

#endif /* KELP_CRYPTO_H */
