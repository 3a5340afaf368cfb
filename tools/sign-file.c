/*
 * sign-file: appends a module signature, Linux's format and arguments
 *   sign-file [-dpk] HASH KEY.pem CERT MODULE [DEST]
 * The signature is a CMS SignedData (PKCS#7): detached, no certificates,
 * no signed attributes, the signer named by issuer and serial (-k: by
 * subject key id), streamed out as OpenSSL writes it; then the 12-byte
 * struct module_signature (id_type PKEY_ID_PKCS7, sig_len big-endian) and
 * the marker "~Module signature appended~\n". The same OpenSSL calls as
 * Linux's scripts/sign-file, so an RSA signature is byte for byte the same
 * (docs/signing.md). -p also writes MODULE.p7s, -d only that.
 * Built on the host against Debian's libcrypto (libssl-dev).
 */
#define _GNU_SOURCE	/* asprintf */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#define MODULE_SIG_STRING "~Module signature appended~\n"
#define PKEY_ID_PKCS7 2

/* <linux/module_signature.h>'s layout: 12 bytes, only id_type and sig_len used. */
struct module_signature {
	uint8_t algo, hash, id_type, signer_len, key_id_len, pad[3];
	uint32_t sig_len;	/* big-endian */
};

static const char *prog = "sign-file";

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ERR_print_errors_fp(stderr);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "Usage: %s [-dpk] <hash algo> <key> <x509> <module> [<dest>]\n", prog);
	exit(2);
}

static EVP_PKEY *read_key(const char *path)
{
	BIO *b = BIO_new_file(path, "rb");
	EVP_PKEY *k;

	if (!b)
		die("%s: cannot open", path);
	k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	if (!k)
		die("%s: no private key", path);
	return k;
}

/* The certificate, PEM or DER (Linux accepts both). */
static X509 *read_cert(const char *path)
{
	BIO *b = BIO_new_file(path, "rb");
	X509 *x;

	if (!b)
		die("%s: cannot open", path);
	x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	if (!x) {
		ERR_clear_error();
		BIO_reset(b);
		x = d2i_X509_bio(b, NULL);
	}
	BIO_free(b);
	if (!x)
		die("%s: no X.509 certificate", path);
	return x;
}

/* Copies all of in to out; dies on a short write. */
static void copy_bio(BIO *in, BIO *out)
{
	char buf[4096];
	int n;

	while ((n = BIO_read(in, buf, sizeof(buf))) > 0)
		if (BIO_write(out, buf, n) != n)
			die("write failed");
	if (n < 0)
		die("read failed");
}

int main(int argc, char **argv)
{
	int opt, save_sig = 0, sign_only = 0, use_keyid = 0;
	const char *hash, *key_path, *cert_path, *module, *dest;
	char *tmp = NULL, *p7s;
	struct module_signature sig = { .id_type = PKEY_ID_PKCS7 };
	const EVP_MD *md;
	EVP_PKEY *key;
	X509 *cert;
	CMS_ContentInfo *cms;
	BIO *bm, *bd;
	long start, end;

	while ((opt = getopt(argc, argv, "dpk")) != -1) {
		switch (opt) {
		case 'd': sign_only = save_sig = 1; break;
		case 'p': save_sig = 1; break;
		case 'k': use_keyid = CMS_USE_KEYID; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 4 || argc > 5)
		usage();
	hash = argv[0];
	key_path = argv[1];
	cert_path = argv[2];
	module = argv[3];
	dest = argc == 5 ? argv[4] : NULL;

	OpenSSL_add_all_algorithms();
	ERR_load_crypto_strings();
	md = EVP_get_digestbyname(hash);
	if (!md)
		die("%s: unknown hash algorithm", hash);
	key = read_key(key_path);
	cert = read_cert(cert_path);

	bm = BIO_new_file(module, "rb");
	if (!bm)
		die("%s: cannot open", module);
	cms = CMS_sign(NULL, NULL, NULL, NULL,
		       CMS_NOCERTS | CMS_PARTIAL | CMS_BINARY | CMS_DETACHED | CMS_STREAM);
	if (!cms)
		die("CMS_sign failed");
	if (!CMS_add1_signer(cms, cert, key, md,
			     CMS_NOCERTS | CMS_BINARY | CMS_NOSMIMECAP | CMS_NOATTR | use_keyid))
		die("cannot add the signer");
	if (CMS_final(cms, bm, NULL, CMS_NOCERTS | CMS_BINARY) != 1)
		die("CMS_final failed");

	if (save_sig) {
		if (asprintf(&p7s, "%s.p7s", module) < 0)
			die("out of memory");
		bd = BIO_new_file(p7s, "wb");
		if (!bd || i2d_CMS_bio_stream(bd, cms, NULL, 0) != 1)
			die("%s: cannot write", p7s);
		BIO_free(bd);
		free(p7s);
	}
	if (sign_only)
		return 0;

	/* module, then signature, struct and marker, into DEST or a temporary renamed over MODULE */
	if (!dest) {
		if (asprintf(&tmp, "%s.~signed~", module) < 0)
			die("out of memory");
		dest = tmp;
	}
	bd = BIO_new_file(dest, "wb");
	if (!bd)
		die("%s: cannot create", dest);
	if (BIO_reset(bm) < 0)
		die("%s: cannot rewind", module);
	copy_bio(bm, bd);
	start = BIO_tell(bd);
	if (i2d_CMS_bio_stream(bd, cms, NULL, 0) != 1)
		die("%s: cannot write the signature", dest);
	end = BIO_tell(bd);
	sig.sig_len = htonl((uint32_t)(end - start));
	if (BIO_write(bd, &sig, sizeof(sig)) != sizeof(sig) ||
	    BIO_write(bd, MODULE_SIG_STRING, sizeof(MODULE_SIG_STRING) - 1) != sizeof(MODULE_SIG_STRING) - 1)
		die("%s: write failed", dest);
	if (BIO_free(bd) != 1)
		die("%s: close failed", dest);
	BIO_free(bm);
	if (tmp && rename(tmp, module) < 0)
		die("%s: cannot rename to %s", tmp, module);
	free(tmp);
	CMS_ContentInfo_free(cms);
	X509_free(cert);
	EVP_PKEY_free(key);
	return 0;
}
