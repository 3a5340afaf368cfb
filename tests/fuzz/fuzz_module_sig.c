/*
 * libFuzzer target for module signature checking (kernel/crypto/): the
 * input is a certificate and a signed module, [u16 LE cert length][cert
 * DER][module]. The certificate goes through the DER walk and BearSSL's
 * X.509 decoder; when it parses it is the one trusted key, and the module's
 * trailer, SignedData, key lookup, SHA-2 and RSA/ECDSA verification run,
 * BearSSL's code and wolfSSL's RSA-2048 code (kernel/crypto/rsa_sp.c)
 * compiled for the host with the fuzzer's instrumentation.
 * Checked: no crash, no out-of-bounds access, the errno is one of those
 * documented, and a 0 leaves a body length inside the input. Seeds
 * (tests/fuzz/corpus/fuzz_module_sig): RSA and P-256 signatures, BER, SKID.
 */
#define KELP_NO_CMOCKA
#include "unit.h"
#include "../../kernel/lib/string.c"
#include "../../kernel/crypto/asn1.c"
#include "../../kernel/crypto/public_key.c"
#include "../../kernel/crypto/module_sig.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct x509_cert cert;
	const struct x509_cert *keys[] = { &cert };
	const char *why;
	size_t cert_len, len;
	int err, nkeys;

	if (size < 2)
		return 0;
	cert_len = data[0] | data[1] << 8;
	if (cert_len > size - 2)
		return 0;
	nkeys = x509_cert_parse(&cert, data + 2, cert_len) == 0;
	len = size - 2 - cert_len;
	err = module_sig_verify(data + 2 + cert_len, &len, keys, nkeys, &why);
	if (err != 0 && err != -ENODATA && err != -EBADMSG && err != -ENOPKG && err != -ENOKEY &&
	    err != -EKEYREJECTED)
		__builtin_trap();
	if (len > size - 2 - cert_len || (!err && !nkeys))
		__builtin_trap();
	return 0;
}
