/*
 * The check of a module's appended signature, Linux's format and errors
 * (kernel/module/signing.c in Linux): the marker, struct module_signature
 * before it, the PKCS#7 message before that; the signer looked up among the
 * trusted keys, the body before the message hashed and verified. The
 * policy (enforce or taint) is the loader's (kernel/module/signing.c).
 * Pure code: the fuzz target and the unit tests run it on the host.
 */
#include <kelp/crypto.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/string.h>

#define MARKER_LEN (sizeof(MODULE_SIG_STRING) - 1)

/* See crypto.h. */
bool module_sig_present(const u8 *image, size_t len)
{
	return len > MARKER_LEN && !memcmp(image + len - MARKER_LEN, MODULE_SIG_STRING, MARKER_LEN);
}

/* See crypto.h. */
int module_sig_verify(const u8 *image, size_t *len, const struct x509_cert *const *keys, size_t n,
		      const char **why)
{
	const struct x509_cert *key;
	struct module_signature ms;
	struct pkcs7_sig s;
	size_t modlen = *len;
	u32 sig_len;
	int err;

	*why = NULL;
	if (!module_sig_present(image, modlen))
		return -ENODATA;
	modlen -= MARKER_LEN;
	if (modlen <= sizeof(ms)) {
		*why = "signature trailer truncated";
		return -EBADMSG;
	}
	memcpy(&ms, image + modlen - sizeof(ms), sizeof(ms));
	sig_len = __builtin_bswap32(ms.sig_len);
	if (sig_len >= modlen - sizeof(ms)) {
		*why = "signature length outside the module";
		return -EBADMSG;
	}
	if (ms.id_type != PKEY_ID_PKCS7) {
		*why = "not signed with expected PKCS#7 message";
		return -ENOPKG;
	}
	if (ms.algo || ms.hash || ms.signer_len || ms.key_id_len ||
	    ms.__pad[0] || ms.__pad[1] || ms.__pad[2]) {
		*why = "PKCS#7 signature info has unexpected non-zero params";
		return -EBADMSG;
	}
	modlen -= sizeof(ms) + sig_len;
	*len = modlen;
	if (module_sig_present(image, modlen)) {
		/* Linux would hash the first signature as module bytes; Kelp wants one */
		*why = "signature appended twice";
		return -EBADMSG;
	}
	err = pkcs7_parse(&s, image + modlen, sig_len);
	if (err) {
		*why = err == -ENOPKG ? "unsupported algorithm or PKCS#7 feature" :
					"malformed PKCS#7 message";
		return err;
	}
	key = pkcs7_find_key(&s, keys, n);
	if (!key) {
		*why = "signed by a key not in the trusted keyring";
		return -ENOKEY;
	}
	err = pkcs7_verify(&s, key, image, modlen);
	if (err)
		*why = err == -ENOPKG ? "unsupported algorithm" : "signature does not verify";
	return err;
}
EXPORT_SYMBOL_FOR_KTEST(module_sig_verify);
