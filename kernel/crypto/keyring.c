/*
 * The built-in trusted keyring, Linux's .builtin_trusted_keys: the X.509
 * certificates (DER, one after the other) the build put into the kernel
 * image (build/certs/trusted_certs.der: the module signing key's
 * certificate, plus KELP_EXTRA_CERTS), parsed once at boot. Module
 * signatures are checked against these keys only (kernel/module/signing.c);
 * nothing adds keys at run time. /proc/keys lists them in Linux's format.
 */
#include <kelp/crypto.h>
#include <kelp/errno.h>
#include <kelp/export.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/proc_fs.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>

#define KEYRING_MAX 8
#define KEYRING_SERIAL 0x1c5a8e2d	/* /proc/keys id of the keyring (Linux: random) */

/* The certificates, linked in from the build (the Makefile's certs rule). */
extern const u8 system_certificate_list[], system_certificate_list_end[];
asm(".pushsection .rodata.system_certificates, \"a\"\n"
    ".globl system_certificate_list\n"
    "system_certificate_list:\n"
    ".incbin \"" KELP_TRUSTED_CERTS "\"\n"
    ".globl system_certificate_list_end\n"
    "system_certificate_list_end:\n"
    ".popsection\n");

static struct x509_cert *keyring[KEYRING_MAX];
static size_t keyring_count;
/* See crypto.h. Written once at boot, before any module loads. */
const struct x509_cert *const *builtin_trusted_keys = (const struct x509_cert *const *)keyring;
size_t builtin_trusted_keys_count;
EXPORT_SYMBOL_FOR_KTEST(builtin_trusted_keys);
EXPORT_SYMBOL_FOR_KTEST(builtin_trusted_keys_count);

/* The length of the DER element at p (header included), or 0 if malformed. */
static size_t der_element_len(const u8 *p, size_t left)
{
	size_t len, n, hdr = 2;

	if (left < 2 || p[0] != 0x30)
		return 0;
	len = p[1];
	if (len & 0x80) {
		n = len & 0x7f;
		if (!n || n > 4 || left < 2 + n)
			return 0;
		for (len = 0; n; n--)
			len = len << 8 | p[hdr++];
	}
	return len <= left - hdr ? hdr + len : 0;
}

/* The /proc/keys id of a key: the first bytes of its key id (Linux: random). */
static u32 key_serial(const struct x509_cert *c)
{
	const u8 *id = c->skid ? c->skid : c->serial;
	size_t len = c->skid ? c->skid_len : c->serial_len;
	u32 v = 0;

	for (size_t i = 0; i < len && i < 4; i++)
		v = v << 8 | id[i];
	return (v & 0x7fffffff) | 0x01000000;
}

static void seq_hex(struct seq_file *m, const u8 *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		seq_printf(m, "%02x", p[i]);
}

/*
 * /proc/keys, Linux's columns: id, flags (I: instantiated), usage, expiry,
 * permissions, uid, gid, type, and the description: the keyring's name
 * and key count; for a key, "subject: key id: X509.algo last-4-bytes []".
 */
static int keys_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%08x I------ %5d %4s %08x %5d %5d %-9.9s .builtin_trusted_keys: %zu\n",
		   KEYRING_SERIAL, 1, "perm", 0x1f0b0000, 0, 0, "keyring", keyring_count);
	for (size_t i = 0; i < keyring_count; i++) {
		const struct x509_cert *c = keyring[i];
		const u8 *id = c->skid ? c->skid : c->serial;
		size_t len = c->skid ? c->skid_len : c->serial_len;

		seq_printf(m, "%08x I------ %5d %4s %08x %5d %5d %-9.9s %s: ", key_serial(c), 1,
			   "perm", 0x1f030000, 0, 0, "asymmetric", c->name);
		seq_hex(m, id, len);
		if (c->algo == PKEY_ALGO_RSA)
			seq_puts(m, ": X509.rsa");
		else
			seq_printf(m, ": X509.ecdsa-nist-p%u", c->key_bits);
		if (c->skid) {
			seq_puts(m, " ");
			seq_hex(m, c->skid + (c->skid_len > 4 ? c->skid_len - 4 : 0),
				c->skid_len > 4 ? 4 : c->skid_len);
		}
		seq_puts(m, " []\n");
	}
	return 0;
}

/* Linux's "Loaded X.509 cert 'subject: key id'" line. */
static void key_log_loaded(const struct x509_cert *c)
{
	const u8 *id = c->skid ? c->skid : c->serial;
	size_t len = c->skid ? c->skid_len : c->serial_len;
	char hex[2 * 32 + 1] = "";

	for (size_t i = 0; i < len && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	pr_notice("Loaded X.509 cert '%s: %s'\n", c->name, hex);
}

/* See crypto.h. */
void keyring_init(void)
{
	const u8 *p = system_certificate_list;
	size_t left = system_certificate_list_end - system_certificate_list, len;
	struct x509_cert *c;
	int err;

	while (left && keyring_count < KEYRING_MAX) {
		len = der_element_len(p, left);
		if (!len) {
			pr_err("Problem parsing in-kernel X.509 certificate list\n");
			break;
		}
		c = kmalloc(sizeof(*c), GFP_KERNEL);
		err = c ? x509_cert_parse(c, p, len) : -ENOMEM;
		if (err) {
			pr_err("Problem loading in-kernel X.509 certificate (%d)\n", err);
			kfree(c);
		} else {
			keyring[keyring_count++] = c;	/* kept for the kernel's life */
			key_log_loaded(c);
		}
		p += len;
		left -= len;
	}
	builtin_trusted_keys_count = keyring_count;
	proc_create_single("keys", 0444, NULL, keys_proc_show);
}
