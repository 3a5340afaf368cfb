/*
 * Module loader benchmarks (bench-module.ko): load, link, init and unload
 * of the generated modules bench_16k and bench_reloc_{1k,10k,100k}, best
 * of three, in microseconds; bench_16k also without its signature (when
 * not enforcing), so the two show what verification costs a load. The
 * signature check itself (docs/signing.md) on 16 KiB and 1 MiB of zeros
 * signed at build time (/lib/test/sig/bench_*.trailer: the appended part
 * alone): the whole check, the public-key operation (the check less the
 * digest the signature uses), SHA-256 and SHA-512 of the body; the same
 * with a P-256 key (/lib/test/sig/p256.der); in ns, instructions under
 * -icount shift=0.
 */
#include <kelp/ktest.h>
#include <kelp/completion.h>
#include <kelp/crypto.h>
#include <kelp/fs.h>
#include <kelp/kallsyms.h>
#include <kelp/kthread.h>
#include <kelp/sched.h>
#include <kelp/elf.h>
#include <kelp/errno.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/time.h>
#include <kelp/x86.h>

/* load+link+init+unload of a module already in memory; reports microseconds. */
static void bench_module(const char *name)
{
	char path[64], label[64];
	void *image;
	size_t len;
	u64 t0, best = ~0ULL;
	int err = 0;

	snprintf(path, sizeof(path), MODULE_DIR "/%s.ko", name);
	if (module_read_file(path, &image, &len)) {
		pr_err("bench: %s: cannot read %s\n", name, path);
		return;
	}
	for (int i = 0; i < 3 && !err; i++) {
		t0 = ktime_get_ns();
		err = load_module(image, len, NULL);
		if (!err) {
			best = min(best, ktime_get_ns() - t0);
			delete_module(name);
		}
	}
	kfree(image);
	snprintf(label, sizeof(label), "module_load_%s", name + 6);
	if (err)
		pr_err("bench: %s: load failed (%d)\n", name, err);
	else
		kbench_report(label, best / 1000, "us");
}

/* load+link+init+unload of bench_16k with its signature cut off: no verification. */
static void bench_module_unverified(void)
{
	const char *why;
	void *image;
	size_t len;
	u64 t0, best = ~0ULL;
	int err;

	if (is_module_sig_enforced())
		return;		/* an unsigned load would be refused */
	if (module_read_file(MODULE_DIR "/bench_16k.ko", &image, &len))
		return;
	err = module_sig_verify(image, &len, builtin_trusted_keys, builtin_trusted_keys_count, &why);
	for (int i = 0; i < 3 && !err; i++) {
		t0 = ktime_get_ns();
		err = load_module(image, len, NULL);
		if (!err) {
			best = min(best, ktime_get_ns() - t0);
			delete_module("bench_16k");
		}
	}
	kfree(image);
	if (err)
		pr_err("bench: bench_16k unsigned: load failed (%d)\n", err);
	else
		kbench_report("module_load_16k_unverified", best / 1000, "us");
}

/* "sha256", "sha384", "sha512": the name of a signature's digest. */
static const char *hash_name(enum hash_algo h)
{
	return h == HASH_ALGO_SHA256 ? "sha256" : h == HASH_ALGO_SHA384 ? "sha384" : "sha512";
}

/*
 * module_sig_verify() of size zero bytes plus the trailer signed at build
 * time (/lib/test/sig/NAME.trailer) against keys[0..n): the whole check,
 * best of three; for RSA also the SHA-256 and SHA-512 of the body, and the
 * public-key operation (the whole check less the digest the signature
 * uses). key is "" for the build's key, or "_p256": the label of the
 * public-key operation, and no digest comparison.
 */
static void bench_sig(const char *name, size_t size, const char *key,
		      const struct x509_cert *const *keys, size_t n)
{
	char path[64], label[64];
	void *trailer;
	size_t tlen, len;
	u64 t0, verify = ~0ULL, hash = ~0ULL, hash512 = ~0ULL, own = ~0ULL;
	struct pkcs7_sig sig;
	const char *why;
	u8 digest[64];
	u8 *image;
	int err = 0;

	snprintf(path, sizeof(path), "/lib/test/sig/%s.trailer", name);
	if (module_read_file(path, &trailer, &tlen)) {
		pr_err("bench: %s: cannot read %s\n", name, path);
		return;
	}
	/* the digest the signature names (the build's KELP_MODULE_SIG_HASH) */
	if (tlen < 40 || pkcs7_parse(&sig, trailer, tlen - 40)) {
		pr_err("bench: %s: cannot parse the signature\n", name);
		kfree(trailer);
		return;
	}
	image = kzalloc(size + tlen, GFP_KERNEL);
	if (!image) {
		kfree(trailer);
		return;
	}
	memcpy(image + size, trailer, tlen);
	for (int i = 0; i < 3 && !err; i++) {
		len = size + tlen;
		t0 = ktime_get_ns();
		err = module_sig_verify(image, &len, keys, n, &why);
		verify = min(verify, ktime_get_ns() - t0);
		t0 = ktime_get_ns();
		pkcs7_digest(sig.hash, image, size, digest);
		own = min(own, ktime_get_ns() - t0);
		if (*key)
			continue;
		t0 = ktime_get_ns();
		pkcs7_digest(HASH_ALGO_SHA256, image, size, digest);
		hash = min(hash, ktime_get_ns() - t0);
		t0 = ktime_get_ns();
		pkcs7_digest(HASH_ALGO_SHA512, image, size, digest);
		hash512 = min(hash512, ktime_get_ns() - t0);
	}
	kfree(image);
	kfree(trailer);
	if (err) {
		pr_err("bench: %s: verification failed (%d: %s)\n", name, err, why);
		return;
	}
	snprintf(label, sizeof(label), "sig_verify_%s", name + 6);
	kbench_reportf(label, "%llu ns (%s)", (unsigned long long)verify, hash_name(sig.hash));
	if (size == 16384) {
		snprintf(label, sizeof(label), "sig_pkey_%s", *key ? key + 1 : "rsa2048");
		kbench_report(label, verify > own ? verify - own : 0, "ns");
	}
	if (*key)
		return;
	snprintf(label, sizeof(label), "sig_sha256_%s", name + 6);
	kbench_reportf(label, "%llu ns %llu.%02llu ns/byte", (unsigned long long)hash,
		       (unsigned long long)(hash / size),
		       (unsigned long long)(hash * 100 / size % 100));
	snprintf(label, sizeof(label), "sig_sha512_%s", name + 6);
	kbench_reportf(label, "%llu ns %llu.%02llu ns/byte", (unsigned long long)hash512,
		       (unsigned long long)(hash512 / size),
		       (unsigned long long)(hash512 * 100 / size % 100));
}

/* The P-256 bench key's certificate (/lib/test/sig/p256.der), and its check. */
static void bench_sig_p256(void)
{
	const struct x509_cert *keys[1];
	struct x509_cert cert;
	void *der;
	size_t len;

	if (module_read_file("/lib/test/sig/p256.der", &der, &len)) {
		pr_err("bench: cannot read /lib/test/sig/p256.der\n");
		return;
	}
	if (x509_cert_parse(&cert, der, len) || cert.algo != PKEY_ALGO_ECDSA) {
		pr_err("bench: /lib/test/sig/p256.der: not a P-256 certificate\n");
	} else {
		keys[0] = &cert;
		bench_sig("bench_16k_p256", 16384, "_p256", keys, 1);
	}
	kfree(der);
}

KBENCH(module_sig)
{
	bench_sig("bench_16k", 16384, "", builtin_trusted_keys, builtin_trusted_keys_count);
	bench_sig("bench_1m", 1 << 20, "", builtin_trusted_keys, builtin_trusted_keys_count);
	bench_sig_p256();
}

KBENCH(module_load)
{
	bench_module_unverified();
	bench_module("bench_16k");
	bench_module("bench_reloc_1k");
	bench_module("bench_reloc_10k");
	bench_module("bench_reloc_100k");
}
