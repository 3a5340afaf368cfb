/*
 * Module files for modprobe and modinfo (userland/lib/moddep.c,
 * userland/lib/modinfo_elf.c): finding a module by name the way kmod does
 * (/lib/modules/modules.dep, which tools/depmod.py writes at image build
 * with updates/ winning over in-tree modules), and reading the .modinfo
 * section of a .ko and printing it in kmod's modinfo format. The .modinfo
 * reader is pure code over a buffer (no system call; stdio streams for its
 * output, one array for the parameter merge): the host unit test tests/unit/test_modinfo.c and the libFuzzer target
 * tests/fuzz/fuzz_modinfo.c build it too.
 */
#ifndef KELP_MODFILE_H
#define KELP_MODFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MODULE_DIR "/lib/modules"
#define MODULE_NAME_LEN 56	/* include/kelp/module.h */
#define MODDEP_MAX_DEPS 32

/* One module of modules.dep: its file and the files it needs, all under MODULE_DIR. */
struct moddep_entry {
	char path[256];
	int ndeps;
	char *deps[MODDEP_MAX_DEPS];	/* own copies, in modules.dep's order */
};

/*
 * The module name of path[0..len): "x" from "dir/x.ko", '-' read as '_'
 * (kmod's rule), cut to size - 1 bytes. Pure.
 */
void modname_from_path(const char *path, size_t len, char *name, size_t size);

/* MODULE_DIR/modules.dep, NUL-terminated, from malloc; NULL if absent. */
char *moddep_read(void);

/*
 * Looks NAME up in depfile (moddep_read's text, may be NULL); a name
 * ending in ".ko" or using '-' is normalized first; one with a '/' is no
 * name (kmod's lookup never finds a path). Fills e (free it with
 * moddep_entry_free) and returns 0, or -ENOENT (not listed) or -ENOMEM.
 */
int moddep_lookup(const char *depfile, const char *name, struct moddep_entry *e);

/* Frees what moddep_lookup allocated in e. */
void moddep_entry_free(struct moddep_entry *e);

/*
 * Finds the .modinfo section of the ELF image[0..len) (64-bit little
 * endian, as every Kelp module) after kmod's checks: the header, the
 * section header table and the section-name table must lie inside the
 * image, and so must .modinfo. Returns 0 with *sec and *sec_len set,
 * -ENOEXEC (not an ELF file), -EINVAL (malformed or truncated, or not
 * 64-bit little endian) or -ENODATA (no .modinfo). Pure.
 */
int modinfo_section(const void *image, size_t len, const char **sec, size_t *sec_len);

/* What kmod's modinfo shows of a signed module's trailer (pointers into the image). */
struct modinfo_sig {
	const char *id_type;		/* sig_id: "PKCS#7" (sign-file's), "X509", "PGP" */
	const unsigned char *signer;	/* signer: the issuer's commonName */
	const unsigned char *key_id;	/* sig_key: the certificate's serial number */
	const unsigned char *sig;	/* signature: the signature value */
	size_t signer_len, key_id_len, sig_len;
	char hash_algo[48];		/* sig_hashalgo: "sha512", or the OID in dots */
};

/*
 * Reads the module signature appended to image[0..len) (Linux's
 * "~Module signature appended~" trailer): for PKCS#7, the first
 * SignerInfo's issuer commonName, serial number, digest algorithm and
 * signature, as kmod reads them with OpenSSL; otherwise the trailer's own
 * fields. Returns 0 with *sig filled, or -ENODATA (unsigned, or a trailer
 * or PKCS#7 message kmod would not read, which it then leaves out). Pure.
 */
int modinfo_signature(const void *image, size_t len, struct modinfo_sig *sig);

/*
 * Prints the key=value strings of a .modinfo section as kmod's modinfo:
 * "key:" padded to column 16, then the value, each record ended by sep
 * ('\n', or '\0' for -0, which also prints "key=value"); then sig's
 * fields if sig is not NULL (byte strings in hex, "AB:CD:...", a new line
 * and two tabs after every 20 bytes); then the parm and parmtype entries
 * merged into "parm:           NAME:DESC (TYPE)" lines, in kmod's order.
 * With field (-F), only the values of that key, or for "parm" the merged
 * "NAME:DESC (TYPE)" texts. Complaints (a parm without ':') go to err as
 * "modinfo: ERROR: ...". Returns the number of records printed, or -1
 * (out of memory, said on err). Works on sec as bytes: the last string
 * need not end in a NUL.
 */
int modinfo_show(const char *sec, size_t len, const struct modinfo_sig *sig,
		 const char *field, char sep, FILE *out, FILE *err);

/*
 * kmod's tools parse options with glibc's getopt_long; kopt_parse does the
 * same for modprobe and modinfo (userland/lib/kopt.c): options anywhere
 * among the operands ("--" ends them), bundles ("-qv"), "-Fx" or "-F x",
 * "--name", "--name=x" or "--name x", unambiguous prefixes of long names.
 * A long option with a short form has val = that character.
 */
struct kopt {
	const char *name;
	int val;
	bool arg;		/* takes an argument */
};

/*
 * Parses argv[1..argc): calls fn(val, arg, ctx) for each option (arg NULL
 * when it takes none) and moves the operands, in order, to argv[1..].
 * Returns the number of operands; -1 after printing glibc's getopt
 * message ("PROG: invalid option -- 'x'", "PROG: unrecognized option
 * '--x'", ...) on stderr; or fn's return
 * when negative: fn returns 0 to go on, or below -1 to stop.
 */
int kopt_parse(int argc, char **argv, const char *shortopts, const struct kopt *longopts,
	       int (*fn)(int val, const char *arg, void *ctx), void *ctx);

#endif /* KELP_MODFILE_H */
