# Kelp: one non-recursive Makefile. Everything is built under build/.
#
#   make              kernel ELF (build/kelp.elf)
#   make iso          hybrid BIOS+UEFI GRUB image (build/kelp.iso)
#   make modules      build/modules/*.ko (M=DIR: an outside folder's, build/extmod/)
#   make run          boot it in QEMU, COM1 on this terminal (Ctrl-A X quits)
#   make run-test     the same with the test image (test modules and programs)
#   make run-uefi     the same through OVMF
#   make run-gdb      QEMU waits for gdb on :1234; `make gdb` attaches
#   make test         host unit tests, fuzz targets, QEMU scenarios
#   make klp-build-test  tools/klp-build + kelpctl end to end (tests/klp-build/)
#   make upstream-livepatch  Linux's livepatch modules from Debian's linux-source (LINUX_TREE=DIR)
#   make linuxmod-check  builds them and tests/linuxmod/ unchanged with -Werror
#   make bench        boot-time and in-kernel benchmarks under -icount
#   make soak         the long livepatch soak (tests/qemu/soak/, 10,000 transitions on 4 CPUs)
#   make fuzz         the fuzz targets, longer (FUZZ_SECONDS=300)
#   make clean
#
# Variables: CROSS_COMPILE=x86_64-elf-  V=1 (show commands)  ACCEL=kvm  SMP=N (CPUs, 2)
#            CMDLINE="..." (kernel command line for run*)  MEM=512M
#            M=DIR (make modules)  EXTRA_MODULES=DIR (make iso: add DIR's modules)

MAKEFLAGS += -rR --no-print-directory
# `make` alone is `make all`, whichever rule comes first below.
.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
# Keep intermediate objects (no "rm ..." after the test summary line).
.SECONDARY:

ifeq ($(V),1)
Q :=
else
Q := @
endif

B := build
CROSS_COMPILE ?=
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
NM := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM := nasm
HOSTCC := gcc
CLANG := clang
PYTHON := python3
QEMU := qemu-system-x86_64
OVMF := /usr/share/ovmf/OVMF.fd
ACCEL ?= tcg
MEM ?= 512M
# CPUs of make run*: the application processors come up and park (docs/smp.md).
SMP ?= 2
CMDLINE ?=
FUZZ_SECONDS ?= 20
# uname's build date: the last commit's, so rebuilding a tree is reproducible.
BUILD_DATE := $(shell TZ=UTC git log -1 --format=%cd --date=format-local:'%a %b %e %H:%M:%S UTC %Y' 2>/dev/null || echo unknown)

# ---------------------------------------------------------------------------
# Kernel flags (DESIGN.md section 3)

KCFLAGS := -std=gnu11
KCFLAGS += -O2
KCFLAGS += -g
KCFLAGS += -ffreestanding
KCFLAGS += -nostdinc
KCFLAGS += -isystem $(shell $(CC) -print-file-name=include)
KCFLAGS += -Iinclude
KCFLAGS += -fno-pic
KCFLAGS += -mcmodel=kernel
KCFLAGS += -mno-red-zone
KCFLAGS += -mgeneral-regs-only
KCFLAGS += -fno-stack-protector
KCFLAGS += -fno-omit-frame-pointer
KCFLAGS += -fno-optimize-sibling-calls
KCFLAGS += -fno-asynchronous-unwind-tables
KCFLAGS += -fno-common
KCFLAGS += -fcf-protection=none
KCFLAGS += -fno-strict-aliasing
KCFLAGS += -fno-delete-null-pointer-checks
KCFLAGS += -DKELP_BUILD_DATE='"$(BUILD_DATE)"'
KCFLAGS += -pg
KCFLAGS += -mfentry
KCFLAGS += -mnop-mcount
KCFLAGS += -mrecord-mcount
KCFLAGS += -flive-patching=inline-clone
# One section per function and per data object: tools/klp-build diffs the
# objects section by section. Free for the image (linker.ld gathers them);
# modules leave them out (MODSECTIONS below).
KCFLAGS += -ffunction-sections
KCFLAGS += -fdata-sections
# Debug info names sources relative to the tree, so a copy of the tree
# (tools/klp-build's patched build) compiles the same bytes.
KCFLAGS += -ffile-prefix-map=$(CURDIR)/=
KCFLAGS += -Wall
KCFLAGS += -Wextra
KCFLAGS += -Wno-unused-parameter
KCFLAGS += -Wno-sign-compare
KCFLAGS += -Werror=implicit-function-declaration
KCFLAGS += -Werror=return-type
KCFLAGS += -MMD
KCFLAGS += -MP

NASMFLAGS := -f elf64
NASMFLAGS += -g
NASMFLAGS += -Iinclude/

KLDFLAGS := -nostdlib
KLDFLAGS += -z max-page-size=0x1000
KLDFLAGS += -z noexecstack
KLDFLAGS += --no-warn-rwx-segments
# The kernel's build ID (.note.gnu.build-id, kernel/build_id.c): a live
# patch records the one it was built against and is refused by any other.
KLDFLAGS += --build-id=sha1
KLDFLAGS += -T linker.ld

# ---------------------------------------------------------------------------
# Kernel objects: each folder lists its objects (from a .c or an .asm),
# so that adding a file to the kernel is a visible decision. The in-kernel
# tests and the kernel shell have lists of their own.

boot-y := \
	boot/entry.o \
	boot/multiboot2.o

kernel-y := \
	kernel/boot_info.o \
	kernel/build_id.o \
	kernel/cpu.o \
	kernel/irq.o \
	kernel/kallsyms.o \
	kernel/kallsyms_proc.o \
	kernel/kobject.o \
	kernel/main.o \
	kernel/panic.o \
	kernel/hung_task.o \
	kernel/printk.o \
	kernel/smp.o \
	kernel/kmsg.o \
	kernel/dynamic_debug.o \
	kernel/stacktrace.o \
	kernel/syscall.o \
	kernel/sysctl.o \
	kernel/time.o \
	kernel/timer.o \
	kernel/sched_linux.o \
	kernel/workqueue.o

kernel-x86_64-y := \
	kernel/x86_64/cpu.o \
	kernel/x86_64/entry_64.o \
	kernel/x86_64/fpu.o \
	kernel/x86_64/ftrace_64.o \
	kernel/x86_64/kprobes_64.o \
	kernel/x86_64/gdt.o \
	kernel/x86_64/idt.o \
	kernel/x86_64/isr.o \
	kernel/x86_64/process_64.o \
	kernel/x86_64/smpboot.o \
	kernel/x86_64/stacktrace.o \
	kernel/x86_64/switch.o \
	kernel/x86_64/syscall_64.o \
	kernel/x86_64/text_poke.o \
	kernel/x86_64/trampoline_64.o \
	kernel/x86_64/traps.o

kernel-sched-y := \
	kernel/sched/core.o \
	kernel/sched/grace.o \
	kernel/sched/kthread.o \
	kernel/sched/mutex.o \
	kernel/sched/task.o \
	kernel/sched/wait.o \
	kernel/sched/wait_bit.o

kernel-process-y := \
	kernel/process/exec.o \
	kernel/process/process.o \
	kernel/process/signal.o

kernel-mm-y := \
	kernel/mm/ioremap.o \
	kernel/mm/kmalloc.o \
	kernel/mm/memcheck.o \
	kernel/mm/mmap.o \
	kernel/mm/page_bitmap.o \
	kernel/mm/paging.o \
	kernel/mm/pmm.o \
	kernel/mm/uaccess.o \
	kernel/mm/vmap.o

kernel-lib-y := \
	kernel/lib/elf_exec.o \
	kernel/lib/glob.o \
	kernel/lib/hexdump.o \
	kernel/lib/kasprintf.o \
	kernel/lib/kstrto.o \
	kernel/lib/strerror.o \
	kernel/lib/string.o \
	kernel/lib/string_helpers.o \
	kernel/lib/bprintf.o \
	kernel/lib/string_linux.o \
	kernel/lib/vsprintf.o \
	kernel/lib/vsscanf.o

kernel-fs-y := \
	kernel/fs/console.o \
	kernel/fs/debugfs.o \
	kernel/fs/devtmpfs.o \
	kernel/fs/cpio.o \
	kernel/fs/file.o \
	kernel/fs/fs_task.o \
	kernel/fs/initramfs.o \
	kernel/fs/kernfs.o \
	kernel/fs/proc_base.o \
	kernel/fs/proc_pid.o \
	kernel/fs/procfs.o \
	kernel/fs/ramfs.o \
	kernel/fs/seq_file.o \
	kernel/fs/sysfs.o \
	kernel/fs/vfs.o

kernel-module-y := \
	kernel/module/alloc.o \
	kernel/module/elf.o \
	kernel/module/kallsyms.o \
	kernel/module/ksymtab.o \
	kernel/module/link.o \
	kernel/module/main.o \
	kernel/module/params.o \
	kernel/module/signing.o \
	kernel/module/syscall.o \
	kernel/module/sysfs.o \
	kernel/module/upload.o \
	kernel/module/upload_proto.o

# Module signing (docs/signing.md): the DER walk, the glue over BearSSL,
# the signature check and the built-in keyring.
kernel-crypto-y := \
	kernel/crypto/asn1.o \
	kernel/crypto/keyring.o \
	kernel/crypto/module_sig.o \
	kernel/crypto/public_key.o \
	kernel/crypto/rsa.o
# KELP_WOLFSSL=0: a kernel without wolfSSL (GPL-2.0-or-later; BearSSL is
# MIT), RSA-2048 through BearSSL's code, 1.69 M instructions instead of
# 0.23 M (docs/signing.md: The libraries).
KELP_WOLFSSL ?= 1
ifneq ($(KELP_WOLFSSL),0)
kernel-crypto-y += kernel/crypto/rsa_sp.o
endif

kernel-trace-y := \
	kernel/trace/ftrace.o \
	kernel/trace/ftrace_sites.o \
	kernel/trace/kprobes.o \
	kernel/trace/trace.o \
	kernel/trace/trace_kprobe.o \
	kernel/trace/trace_kprobe_parse.o \
	kernel/trace/tracefs.o

drivers-y := \
	drivers/acpi.o \
	drivers/acpi_tables.o \
	drivers/debug_exit.o \
	drivers/fw_cfg.o \
	drivers/lapic.o \
	drivers/pic.o \
	drivers/pit.o \
	drivers/uart16550.o

livepatch-y := \
	livepatch/core.o \
	livepatch/module.o \
	livepatch/patch.o \
	livepatch/reloc.o \
	livepatch/shadow.o \
	livepatch/state.o \
	livepatch/transition.o \
	livepatch/verify.o

# The lock validator (docs/smp.md): the pure core (also in the host unit
# tests) and its kernel glue.
kernel-locking-y := \
	kernel/locking/lockdep_core.o \
	kernel/locking/lockdep.o

kernel-y-all := \
	$(boot-y) \
	$(kernel-y) \
	$(kernel-x86_64-y) \
	$(kernel-sched-y) \
	$(kernel-locking-y) \
	$(kernel-process-y) \
	$(kernel-mm-y) \
	$(kernel-lib-y) \
	$(kernel-fs-y) \
	$(kernel-module-y) \
	$(kernel-crypto-y) \
	$(kernel-trace-y) \
	$(drivers-y) \
	$(livepatch-y)
kernel-objs := $(addprefix $(B)/,$(kernel-y-all))

# BearSSL (docs/signing.md), the crypto primitives of module signing: SHA-2,
# RSA and ECDSA verification, the X.509 decoder. Its sources are Debian's
# bearssl source package, unpacked into build/bearssl-src by
# `tools/ensure-deps bearssl` (never copied into the tree), compiled with
# the kernel's flags; <string.h> is the kernel's (kernel/crypto/compat).
BEARSSL := $(B)/bearssl-src
bearssl-y := \
	codec/ccopy.o \
	codec/dec32be.o \
	codec/dec64be.o \
	codec/enc32be.o \
	codec/enc64be.o \
	ec/ec_p256_m31.o \
	ec/ec_prime_i31.o \
	ec/ec_secp256r1.o \
	ec/ec_secp384r1.o \
	ec/ec_secp521r1.o \
	ec/ecdsa_atr.o \
	ec/ecdsa_i31_bits.o \
	ec/ecdsa_i31_vrfy_asn1.o \
	ec/ecdsa_i31_vrfy_raw.o \
	hash/sha2big.o \
	hash/sha2small.o \
	int/i31_add.o \
	int/i31_bitlen.o \
	int/i31_decmod.o \
	int/i31_decode.o \
	int/i31_decred.o \
	int/i31_encode.o \
	int/i31_fmont.o \
	int/i31_iszero.o \
	int/i31_modpow.o \
	int/i31_modpow2.o \
	int/i31_montmul.o \
	int/i31_muladd.o \
	int/i31_ninv31.o \
	int/i31_reduce.o \
	int/i31_rshift.o \
	int/i31_sub.o \
	int/i31_tmont.o \
	int/i32_div32.o \
	int/i62_modpow2.o \
	rsa/rsa_i62_pkcs1_vrfy.o \
	rsa/rsa_i62_pub.o \
	rsa/rsa_pkcs1_sig_unpad.o \
	x509/x509_decoder.o
bearssl-objs := $(addprefix $(B)/bearssl/,$(bearssl-y))
# No SIMD, no OS randomness or clock: none of it is used, and the kernel has no FPU state.
# The kernel's flags with -O3 (after -O2): the P-256 field arithmetic inlines
# and unrolls, a quarter fewer instructions for ECDSA, 4 % for SHA-2, 6 KiB
# more code (docs/signing.md: Cost).
BEARSSL_CFLAGS := -DBR_AES_X86NI=0 -DBR_SSE2=0 -DBR_RDRAND=0 -DBR_POWER8=0
BEARSSL_CFLAGS += -DBR_USE_URANDOM=0 -DBR_USE_GETENTROPY=0 -DBR_USE_UNIX_TIME=0 -DBR_USE_WIN32_TIME=0
BEARSSL_CFLAGS += -I$(BEARSSL)/inc
kernel-objs += $(bearssl-objs) $(B)/bearssl/objs.list
# The list itself: BearSSL's sources are older than any archive, so a file
# added to bearssl-y must be noticed through this (.SECONDARY: keeps make
# from building a missing object for an up-to-date archive otherwise).
$(B)/bearssl/objs.list: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(bearssl-y)' | cmp -s - $@ || echo '$(bearssl-y)' > $@

$(BEARSSL)/inc/bearssl.h:
	$(Q)tools/ensure-deps bearssl $(BEARSSL)

# The flags BearSSL's objects add to the kernel's: a change rebuilds them all.
BEARSSL_KFLAGS := -O3 -Ikernel/crypto/compat $(BEARSSL_CFLAGS) -I$(BEARSSL)/src
$(B)/bearssl/cflags: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(BEARSSL_KFLAGS)' | cmp -s - $@ || echo '$(BEARSSL_KFLAGS)' > $@

$(B)/bearssl/%.o: $(B)/bearssl/cflags | $(BEARSSL)/inc/bearssl.h deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      bearssl/src/$*.c")
	$(Q)$(CC) $(KCFLAGS) $(BEARSSL_KFLAGS) -c -o $@ $(BEARSSL)/src/$*.c

# wolfSSL (docs/signing.md: Cost): its single-precision RSA-2048 public-key
# operation with the x86-64 assembly, and nothing else of it. Debian's
# wolfssl source package, unpacked into build/wolfssl-src by
# `tools/ensure-deps wolfssl` (never copied into the tree), configured by
# kernel/crypto/wolfssl/user_settings.h and compiled with the kernel's
# flags; the assembly keeps to general registers and the stack below rsp
# is never touched (no red zone), so it runs in the kernel as it is.
WOLFSSL := $(B)/wolfssl-src
wolfssl-y := sp_int.o sp_x86_64.o sp_x86_64_asm.o
wolfssl-objs := $(addprefix $(B)/wolfssl/,$(wolfssl-y))
WOLFSSL_CFLAGS := -DWOLFSSL_USER_SETTINGS -Ikernel/crypto/wolfssl -I$(WOLFSSL)
# <string.h> without <kelp/string.h>'s min()/max(); <limits.h> BearSSL's.
WOLFSSL_KFLAGS := -O2 -Ikernel/crypto/wolfssl/compat -Ikernel/crypto/compat $(WOLFSSL_CFLAGS)
ifneq ($(KELP_WOLFSSL),0)
kernel-objs += $(wolfssl-objs)
endif
WOLFSSL_SRC_MARK := $(WOLFSSL)/wolfssl/wolfcrypt/sp_int.h
$(WOLFSSL_SRC_MARK):
	$(Q)tools/ensure-deps wolfssl $(WOLFSSL)
$(B)/wolfssl/%.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK) deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      wolfssl/wolfcrypt/src/$*.c")
	$(Q)$(CC) $(KCFLAGS) $(WOLFSSL_KFLAGS) -c -o $@ $(WOLFSSL)/wolfcrypt/src/$*.c
# The assembly is not compiled with the kernel's flags: the object is
# refused if it uses a vector register (not saved by the kernel) or the
# stack below %rsp (the red zone, which an interrupt overwrites).
$(B)/wolfssl/sp_x86_64_asm.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK) deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      wolfssl/wolfcrypt/src/sp_x86_64_asm.S")
	$(Q)$(CC) $(WOLFSSL_CFLAGS) -c -o $@.tmp $(WOLFSSL)/wolfcrypt/src/sp_x86_64_asm.S
	$(Q)if objdump -d $@.tmp | grep -E '%[xyz]mm|-0x[0-9a-f]+\(%rsp\)'; then \
		echo "$@: vector registers or the red zone in wolfSSL's assembly" >&2; rm -f $@.tmp; exit 1; fi
	$(Q)mv $@.tmp $@

$(B)/kernel/crypto/%.o: KCFLAGS += -Ikernel/crypto/compat $(BEARSSL_CFLAGS)
# rsa.c calls BearSSL's internal functions (its src/inner.h).
$(B)/kernel/crypto/rsa.o: KCFLAGS += -I$(BEARSSL)/src
ifeq ($(KELP_WOLFSSL),0)
$(B)/kernel/crypto/rsa.o: KCFLAGS += -DKELP_NO_WOLFSSL
endif
$(B)/kernel/crypto/rsa.o: $(B)/wolfssl/choice
$(B)/wolfssl/choice: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(KELP_WOLFSSL)' | cmp -s - $@ || echo '$(KELP_WOLFSSL)' > $@
# rsa_sp.c calls wolfSSL's (its wolfssl/wolfcrypt/sp.h), with its <string.h> first.
$(B)/kernel/crypto/rsa_sp.o: KCFLAGS := $(KCFLAGS) $(WOLFSSL_KFLAGS)
$(B)/kernel/crypto/rsa_sp.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK)
$(addprefix $(B)/,$(kernel-crypto-y)): | $(BEARSSL)/inc/bearssl.h
$(B)/kernel/crypto/keyring.o: KCFLAGS += -DKELP_TRUSTED_CERTS='"$(B)/certs/trusted_certs.der"'
$(B)/kernel/crypto/keyring.o: $(B)/certs/trusted_certs.der
ifeq ($(KELP_MODULE_SIG_FORCE),1)
$(B)/kernel/module/signing.o: KCFLAGS += -DCONFIG_MODULE_SIG_FORCE
endif
$(B)/kernel/module/signing.o: $(B)/certs/sig-force
$(B)/certs/sig-force: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(KELP_MODULE_SIG_FORCE)' | cmp -s - $@ || echo '$(KELP_MODULE_SIG_FORCE)' > $@

# The module signing key (docs/signing.md), as Linux's certs/: one PEM file
# holding the private key and its certificate. KELP_SIGNING_KEY=FILE names
# your own; without it the build makes build/certs/signing_key.pem (RSA-2048,
# certs/default_x509.genkey) once. The certificate, plus KELP_EXTRA_CERTS
# (PEM or DER files), is the kernel's built-in trusted keyring.
KELP_SIGNING_KEY ?=
KELP_EXTRA_CERTS ?=
# The digest of every signature the build makes (Linux's CONFIG_MODULE_SIG_HASH,
# sha512 by default as there): sha256, sha384 or sha512. SHA-512 also costs the
# kernel a third fewer instructions per byte than SHA-256 (docs/signing.md: Cost).
KELP_MODULE_SIG_HASH ?= sha512
SIGN_KEY := $(or $(KELP_SIGNING_KEY),$(B)/certs/signing_key.pem)
SIGN_FILE := $(B)/tools/sign-file
SIGN_DEPS := $(SIGN_FILE) $(B)/certs/trusted_certs.der
# $(1): the unsigned module, $(2): the signed copy to write.
sign-ko = $(SIGN_FILE) $(KELP_MODULE_SIG_HASH) $(SIGN_KEY) $(SIGN_KEY) $(1) $(2)

$(B)/certs/signing_key.pem: certs/default_x509.genkey | deps-sign
	@mkdir -p $(dir $@)
	@echo "  GENKEY  $@"
	$(Q)openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 -config $< \
		-outform PEM -out $@ -keyout $@ 2>$(B)/certs/genkey.log || { cat $(B)/certs/genkey.log; exit 1; }

# Which key, extra certificates and digest: a change rebuilds the keyring and re-signs.
$(B)/certs/key-choice: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '$(SIGN_KEY) $(KELP_EXTRA_CERTS) $(KELP_MODULE_SIG_HASH)' | cmp -s - $@ || \
		echo '$(SIGN_KEY) $(KELP_EXTRA_CERTS) $(KELP_MODULE_SIG_HASH)' > $@

$(B)/certs/trusted_certs.der: $(SIGN_KEY) $(KELP_EXTRA_CERTS) $(B)/certs/key-choice | deps-sign
	@mkdir -p $(dir $@)
	@echo "  CERTS   $@"
	$(Q)openssl x509 -in $(SIGN_KEY) -outform DER -out $@.new
	$(Q)for c in $(KELP_EXTRA_CERTS); do \
		{ openssl x509 -in $$c -outform DER 2>/dev/null || openssl x509 -inform DER -in $$c -outform DER; } \
			>> $@.new || exit 1; \
	done
	$(Q)mv $@.new $@

# Linux's scripts/sign-file, on Debian's libcrypto.
$(SIGN_FILE): tools/sign-file.c | deps-build deps-sign
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -Wno-deprecated-declarations -o $@ $< -lcrypto

all: $(B)/kelp.elf $(SIGN_FILE)

# uname's build date is a compiler flag (KCFLAGS): the objects that print it
# are rebuilt when it changes, so an image never mixes dates and
# tools/klp-build compiles the same bytes (it passes build/build-date on).
kernel-c := $(wildcard $(kernel-y-all:.o=.c))
version-objs := $(patsubst %.c,$(B)/%.o,$(shell grep -l 'kelp/version.h' $(kernel-c) 2>/dev/null))
$(version-objs): $(B)/build-date
$(B)/build-date: FORCE
	@mkdir -p $(B)
	$(Q)echo '$(BUILD_DATE)' | cmp -s - $@ || echo '$(BUILD_DATE)' > $@

$(B)/%.o: %.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c -o $@ $<

$(B)/%.o: %.asm | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  NASM    $<")
	$(Q)$(NASM) $(NASMFLAGS) -MD $(B)/$*.d -MP -o $@ $<

$(B)/kernel/built-in.a: $(kernel-objs)
	$(Q)rm -f $@
	$(Q)$(CROSS_COMPILE)ar rcs $@ $(filter %.o,$^)

# Three-pass link, as Linux's kallsyms: pass 1 has an empty symbol table,
# pass 2 a table of the right size, the final link the table of pass 2's
# addresses. The final symbols must equal pass 2's, or the build fails.
KLINK = $(LD) $(KLDFLAGS) -o $@ --whole-archive $(B)/kernel/built-in.a --no-whole-archive
KSYMS = $(NM) -n -S --defined-only

$(B)/tools/kallsyms: tools/kallsyms.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -o $@ $<

# tools/klp-build's object diff (elfutils' libelf).
$(B)/tools/klp-diff: tools/klp-diff.c | deps-build deps-klp
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) -O2 -g -Wall -Wextra -Wno-sign-compare -o $@ $< -lelf

$(B)/kallsyms0.o: $(B)/tools/kallsyms
	@mkdir -p $(dir $@)
	$(Q)$(B)/tools/kallsyms --empty > $(B)/kallsyms0.S
	$(Q)$(CC) -c -o $@ $(B)/kallsyms0.S

$(B)/kelp.elf: $(B)/kernel/built-in.a $(B)/kallsyms0.o linker.ld $(B)/tools/kallsyms
	@$(if $(Q),echo "  LD      $@ (kallsyms: 3 passes)")
	$(Q)$(LD) $(KLDFLAGS) -o $(B)/kelp.1.elf --whole-archive $(B)/kernel/built-in.a --no-whole-archive $(B)/kallsyms0.o
	$(Q)$(KSYMS) $(B)/kelp.1.elf | $(B)/tools/kallsyms > $(B)/kallsyms1.S
	$(Q)$(CC) -c -o $(B)/kallsyms1.o $(B)/kallsyms1.S
	$(Q)$(LD) $(KLDFLAGS) -o $(B)/kelp.2.elf --whole-archive $(B)/kernel/built-in.a --no-whole-archive $(B)/kallsyms1.o
	$(Q)$(KSYMS) $(B)/kelp.2.elf | $(B)/tools/kallsyms > $(B)/kallsyms2.S
	$(Q)$(CC) -c -o $(B)/kallsyms2.o $(B)/kallsyms2.S
	$(Q)$(LD) $(KLDFLAGS) -o $@ --whole-archive $(B)/kernel/built-in.a --no-whole-archive $(B)/kallsyms2.o
	$(Q)$(KSYMS) $@ | cmp -s - <($(KSYMS) $(B)/kelp.2.elf) || \
		{ echo "kallsyms: symbol addresses moved between link passes"; rm -f $@; exit 1; }

SHELL := /bin/bash

# ---------------------------------------------------------------------------
# Userland (docs/userland.md): static programs on musl (Debian's musl-gcc,
# installed by tools/ensure-deps build), one per userland/bin/*.c, installed
# into the initramfs staging /bin, plus libkelp.a in userland/lib/: Kelp's
# own helpers on top of musl (kelp_spawn and module wrappers, number
# parsing, glob, glibc-worded strerror) and the shell's line editor and
# tokenizer. No kernel source is built for user space.

UCC := musl-gcc
UCFLAGS := -std=gnu11
UCFLAGS += -Os
UCFLAGS += -ffunction-sections
UCFLAGS += -fdata-sections
UCFLAGS += -D_GNU_SOURCE
UCFLAGS += -Iuserland/include
UCFLAGS += -fno-pie
UCFLAGS += -fcf-protection=none
UCFLAGS += -fno-asynchronous-unwind-tables
UCFLAGS += -Wall
UCFLAGS += -Wextra
UCFLAGS += -Wno-unused-parameter
UCFLAGS += -Wno-sign-compare
UCFLAGS += -MMD
UCFLAGS += -MP

ULDFLAGS := -static
ULDFLAGS += -no-pie
ULDFLAGS += -Wl,-z,noexecstack
ULDFLAGS += -Wl,-z,noseparate-code
ULDFLAGS += -Wl,--build-id=none
ULDFLAGS += -Wl,--gc-sections
ULDFLAGS += -s

ulib-c := \
	userland/lib/kelp.c \
	userland/lib/kopt.c \
	userland/lib/lineedit.c \
	userland/lib/moddep.c \
	userland/lib/modinfo_elf.c \
	userland/lib/module.c \
	userland/lib/sh_parse.c \
	userland/lib/strerror.c \
	userland/lib/testmods.c
ulib-asm :=
ulib-objs := $(patsubst %.c,$(B)/userland/lib/%.o,$(notdir $(ulib-c)))
# The programs of userland/bin/, one per NAME.c, installed as /bin/NAME.
ubin-y := \
	bench \
	cat \
	cmdline \
	crash \
	dmesg \
	echo \
	free \
	init \
	insmod \
	kallsyms \
	kill \
	ktest \
	ls \
	lsmod \
	memcheck \
	meminfo \
	mkdir \
	modinfo \
	modprobe \
	poweroff \
	ps \
	readlink \
	reboot \
	rm \
	rmdir \
	rmmod \
	sh \
	sleep \
	stack \
	stat \
	sysctl \
	taskset \
	true \
	uname \
	uptime \
	workload
# Test programs (the system call checks and the workloads the scenarios
# run): built the same way, installed in /bin of the test initramfs only.
ubin-test-y := \
	badcalls \
	busy \
	devtest \
	fault \
	getpid_hammer \
	getpid_loop \
	sigtest \
	sleeper \
	spawn_loop \
	test_syscall \
	yield_loop
# Linux's selftest program, built unchanged when its source is given
# (make KLP_CALL_GETPID=.../tools/testing/selftests/livepatch/test_programs/
# test_klp-call_getpid.c test-iso): /bin/test_klp-call_getpid of the test
# image, for `test_syscall -p /bin/test_klp-call_getpid cpus`. Nothing of
# it is in the tree; /bin/getpid_hammer is Kelp's own equivalent.
KLP_CALL_GETPID ?=
ubins-upstream := $(if $(KLP_CALL_GETPID),$(B)/userland/testbin/test_klp-call_getpid)
ubin-c := $(patsubst %,userland/bin/%.c,$(ubin-y) $(ubin-test-y))
ubins := $(patsubst %,$(B)/initramfs/bin/%,$(ubin-y))
ubins-test := $(patsubst %,$(B)/userland/testbin/%,$(ubin-test-y))

$(B)/userland/lib/%.o: userland/lib/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/bin/%.o: userland/bin/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/libkelp.a: $(ulib-objs)
	$(Q)rm -f $@
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

# The program, then Kelp's library (its strerror ahead of musl's), then musl.
define user-link
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  ULD     $@")
	$(Q)$(UCC) $(ULDFLAGS) -o $@ $< $(B)/userland/libkelp.a
endef
$(B)/initramfs/bin/%: $(B)/userland/bin/%.o $(B)/userland/libkelp.a
	$(user-link)
$(B)/userland/testbin/%: $(B)/userland/bin/%.o $(B)/userland/libkelp.a
	$(user-link)
$(B)/userland/testbin/test_klp-call_getpid: $(KLP_CALL_GETPID) | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(UCC) -Os -Wall $(ULDFLAGS) -o $@ $<

userland: $(ubins) $(ubins-test)

# Modules (docs/modules.md). Every patches/*.c and tests/modules/*.c becomes
# build/modules/NAME.ko: the object compiled with the kernel's flags, linked
# (ld -r) with the NAME.mod.c stub tools/modpost.py generates. They are
# staged into the initramfs at /lib/modules/NAME.ko.
#   make modules M=DIR               builds DIR/*.c into build/extmod/NAME.ko
#   make iso EXTRA_MODULES=DIR       the same, and puts them in the image
# build/gen/ holds generated benchmark modules (tools/gen-bench-module.py).

# Modules keep one .text (their section lists are part of the interface,
# /sys/module/NAME/sections); tools/klp-build compiles the modules it
# diffs with MODSECTIONS="-ffunction-sections -fdata-sections".
MODSECTIONS ?=
MODCFLAGS := $(filter-out -ffunction-sections -fdata-sections,$(KCFLAGS))
MODCFLAGS += $(MODSECTIONS)
MODCFLAGS += -DMODULE
# Linux's configuration macros as a module sees them (include/linux/kconfig.h).
MODCFLAGS += -include include/linux/kconfig.h
# Outside modules (M=, EXTRA_MODULES=) get Kbuild's default warnings (Linux
# 6.12's scripts/Makefile.extrawarn without W=, GCC's half) rather than the
# tree's, so that a module that builds cleanly for Linux builds cleanly here
# and one that warns there warns here (docs/linux-compat.md).
EXTMOD_WARN := -Wall -Wextra -Wundef -Werror=implicit-function-declaration \
	-Werror=implicit-int -Werror=return-type -Werror=strict-prototypes \
	-Wno-format-security -Wno-trigraphs -Wno-frame-address \
	-Wno-address-of-packed-member -Wmissing-declarations -Wmissing-prototypes \
	-Wframe-larger-than=2048 -Wno-main -Wno-dangling-pointer -Wvla \
	-Wno-pointer-sign -Wcast-function-type -Wno-alloc-size-larger-than \
	-Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init \
	-Wenum-conversion -Wunused -Wno-unused-but-set-variable \
	-Wno-unused-const-variable -Wno-packed-not-aligned -Wno-format-overflow \
	-Wno-format-truncation -Wno-stringop-truncation -Wno-override-init \
	-Wno-missing-field-initializers -Wno-type-limits -Wno-shift-negative-value \
	-Wno-maybe-uninitialized -Wno-sign-compare -Wno-unused-parameter

# The modules of patches/ and tests/modules/, one per NAME.c.
patches-m := \
	livepatch-callbacks-demo \
	livepatch-module \
	livepatch-sample \
	livepatch-sample-mod
tests-modules-m := \
	hello \
	dyndbg_test \
	kelp_test \
	klp_target \
	livepatch-block \
	lkdtm \
	mod_attr \
	mod_crash \
	mod_export \
	mod_import \
	mod_initfail \
	mod_klp_mark \
	mod_klp_unmarked \
	mod_noexit \
	mod_ns_noimport \
	mod_proprietary \
	mod_unknown \
	test_klp_atomic_replace \
	test_klp_callbacks_busy \
	test_klp_callbacks_demo \
	test_klp_callbacks_demo2 \
	test_klp_callbacks_mod \
	test_klp_init_fails_after_enable \
	test_klp_kprobe \
	test_klp_livepatch \
	test_klp_mod_patch \
	test_klp_mod_target \
	test_klp_modfunc_missing \
	test_klp_nanosleep \
	test_klp_reloc_bad \
	test_klp_reloc_sympos \
	test_klp_reloc_unknown \
	test_klp_replace_a \
	test_klp_replace_b \
	test_klp_replace_c \
	test_klp_shadow_gc_a \
	test_klp_shadow_gc_b \
	test_klp_shadow_gc_c \
	test_klp_shadow_vars \
	test_klp_state \
	test_klp_state2 \
	test_klp_state3 \
	test_klp_syscall \
	workload
# Modules written as for Linux (docs/linux-compat.md): the build test
# compiles them with -Werror, and the linuxmod_* scenarios load them.
tests-linuxmod-m := \
	lm_exports \
	lm_ftrace \
	lm_headers \
	lm_params \
	lm_procfs \
	lm_sched \
	lm_string \
	lm_sysfs \
	lm_wait \
	lm_seqfile
module-srcs := $(patsubst %,patches/%.c,$(patches-m)) $(patsubst %,tests/modules/%.c,$(tests-modules-m)) \
	$(patsubst %,tests/linuxmod/%.c,$(tests-linuxmod-m))
module-gen := bench_16k bench_reloc_1k bench_reloc_10k bench_reloc_100k
module-kos := $(patsubst %,$(B)/modules/%.ko,$(notdir $(module-srcs:.c=)) $(module-gen))
EXT_DIR := $(or $(M),$(EXTRA_MODULES))
ext-srcs := $(if $(EXT_DIR),$(wildcard $(EXT_DIR)/*.c))
ext-kos := $(patsubst %,$(B)/extmod/%.ko,$(notdir $(ext-srcs:.c=)))
# The product image carries the example patches; the test image the rest.
# EXTRA_MODULES=DIR's modules go to /lib/modules/updates/, which modprobe
# and insmod NAME search first, as Linux's updates/: an outside module
# overrides an in-tree one of the same name (docs/modules.md).
product-kos := $(patsubst %,$(B)/modules/%.ko,$(patches-m))
update-kos := $(if $(EXTRA_MODULES),$(ext-kos))
tmod-kos := $(filter-out $(product-kos),$(module-kos))
# The test image's own override: an outside "hello" in updates/ that
# shadows tests/modules/hello.c (the linuxmod_override scenario).
test-update-kos := $(B)/updates/hello.ko

# $(1): the objects, $(2): their source folder (static pattern rules, so
# that NAME.mod.o never matches a source rule),
# $(3): extra prerequisites, $(4): flags left out (outside folders are
# always rebuilt, without dependency files that would name a gone folder)
# and $(5): flags added.
define module-rules
$(1): $$(dir $$(firstword $(1)))%.o: $(2)/%.c $(3) | deps-build
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC [M]  $$<")
	$$(Q)$$(CC) $$(filter-out $(4),$$(MODCFLAGS)) $(5) -DKBUILD_MODNAME='"$$(subst -,_,$$*)"' -c -o $$@ $$<
endef

mod-objs = $(patsubst %,$(2)/%.o,$(notdir $(basename $(1))))
$(eval $(call module-rules,$(patsubst %,$(B)/modules/%.o,$(patches-m)),patches))
$(eval $(call module-rules,$(patsubst %,$(B)/modules/%.o,$(tests-modules-m)),tests/modules))
$(eval $(call module-rules,$(patsubst %,$(B)/modules/%.o,$(tests-linuxmod-m)),tests/linuxmod,,,-Werror))
$(eval $(call module-rules,$(test-update-kos:.ko=.o),tests/linuxmod/updates,,,-Werror))
$(eval $(call module-rules,$(patsubst %,$(B)/modules/%.o,$(module-gen)),$(B)/gen))
ifneq ($(ext-srcs),)
$(eval $(call module-rules,$(call mod-objs,$(ext-srcs),$(B)/extmod),$(EXT_DIR),FORCE,-MMD -MP -Wextra,$(EXTMOD_WARN)))
endif

$(B)/%.mod.c: $(B)/%.o tools/modpost.py
	$(Q)$(PYTHON) tools/modpost.py --nm $(NM) $(if $(filter $(B)/extmod/%,$@),,--intree) \
		--name $(notdir $*) -o $@ $<

$(B)/%.mod.o: $(B)/%.mod.c | deps-build
	$(Q)$(CC) $(MODCFLAGS) -DKBUILD_MODNAME='"$(subst -,_,$(notdir $*))"' -c -o $@ $<

# tools/klp-convert.py turns a patch's .klp.sym references (KLP_SYM in
# <kelp/livepatch.h>) into SHN_LIVEPATCH symbols and .klp.rela sections;
# modules without them are left alone. KLP_CONVERT_LAX: modules whose
# malformed names are kept on purpose (they test the kernel's checks).
KLP_CONVERT_LAX := test_klp_reloc_bad

# NAME.ko.unsigned is the linked module; NAME.ko its signed copy (docs/signing.md).
$(B)/%.ko: $(B)/%.o $(B)/%.mod.o tools/klp-convert.py $(SIGN_DEPS)
	@$(if $(Q),echo "  LD [M]  $@")
	$(Q)$(LD) -r -o $@.unsigned $(filter %.o,$^)
	$(Q)$(PYTHON) tools/klp-convert.py $(if $(filter $(KLP_CONVERT_LAX),$(notdir $*)),--lax) $@.unsigned \
		|| { rm -f $@.unsigned; exit 1; }
	$(Q)$(call sign-ko,$@.unsigned,$@)

$(patsubst %,$(B)/gen/%.c,$(module-gen)): $(B)/gen/%.c: tools/gen-bench-module.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/gen-bench-module.py $* > $@

.PRECIOUS: $(B)/%.mod.c $(B)/%.mod.o $(B)/modules/%.o $(B)/extmod/%.o $(B)/gen/%.c

# Broken copies of hello.ko for the loader's scenarios (/lib/test/ in the
# image), signed after the damage: they test the ELF checks, which a
# signature check would otherwise stop first (docs/signing.md).
bad-kos := $(B)/modules/bad/truncated.ko $(B)/modules/bad/bitflip.ko
$(B)/modules/bad/%.ko: $(B)/modules/hello.ko tools/corrupt-ko.py $(SIGN_DEPS)
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/corrupt-ko.py $(if $(filter truncated,$*),truncate,bitflip) $<.unsigned $@.unsigned
	$(Q)$(call sign-ko,$@.unsigned,$@)

# Signed-module vectors of the signing scenarios (/lib/test/sig/ in the
# test image, tools/sig-vectors.py): hello.ko signed several ways, good and
# bad, one by a key the kernel does not trust.
$(B)/certs/other_key.pem: certs/default_x509.genkey | deps-sign
	@mkdir -p $(dir $@)
	$(Q)openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 -config $< \
		-outform PEM -out $@ -keyout $@ 2>/dev/null
# A P-256 key for the benchmarks of ECDSA verification (bench-module.ko),
# its certificate beside the trailers: /lib/test/sig/p256.der.
$(B)/certs/p256_key.pem: certs/default_x509.genkey | deps-sign
	@mkdir -p $(dir $@)
	$(Q)openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 -config $< \
		-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj '/CN=Kelp P-256 bench key' \
		-outform PEM -out $@ -keyout $@ 2>/dev/null
sig-vectors := $(B)/modules/sig/.stamp
$(sig-vectors): $(B)/modules/hello.ko tools/sig-vectors.py $(B)/certs/other_key.pem $(B)/certs/p256_key.pem $(SIGN_DEPS)
	$(Q)rm -rf $(dir $@)
	$(Q)$(OBJCOPY) --strip-debug $(B)/modules/hello.ko.unsigned $(B)/modules/hello.stripped
	$(Q)$(PYTHON) tools/sig-vectors.py $(SIGN_FILE) $(SIGN_KEY) $(B)/certs/other_key.pem \
		$(B)/modules/hello.stripped $(dir $@)
	$(Q)for s in 16k:16384 1m:1048576; do \
		head -c $${s#*:} /dev/zero > $(dir $@)bench.body && \
		$(call sign-ko,$(dir $@)bench.body,$(dir $@)bench.signed) && \
		tail -c +$$(($${s#*:} + 1)) $(dir $@)bench.signed > $(dir $@)bench_$${s%:*}.trailer || exit 1; \
	done
	$(Q)head -c 16384 /dev/zero > $(dir $@)bench.body && \
		$(SIGN_FILE) $(KELP_MODULE_SIG_HASH) $(B)/certs/p256_key.pem $(B)/certs/p256_key.pem \
			$(dir $@)bench.body $(dir $@)bench.signed && \
		tail -c +16385 $(dir $@)bench.signed > $(dir $@)bench_16k_p256.trailer && \
		openssl x509 -in $(B)/certs/p256_key.pem -outform DER -out $(dir $@)p256.der
	$(Q)rm -f $(dir $@)bench.body $(dir $@)bench.signed
	$(Q)touch $@

# In-kernel tests and benchmarks (docs/testing.md): modules of several
# objects, listed explicitly. Each ktest-*/bench-* module links
# tests/ktest/runner.o first and runner_end.o last (the markers around its
# .ktests/.kbenches cases) and runs its cases at load; target-* modules
# hold code the tests and benchmarks use or patch, and are loaded first.
# Objects under tests/ are compiled as module code, with their module's
# KBUILD_MODNAME.
ktest-mods := ktest-kernel ktest-mm ktest-sched ktest-fs ktest-module ktest-kallsyms \
	ktest-ftrace ktest-text_poke ktest-livepatch ktest-smp ktest-kprobes
bench-mods := bench-kernel bench-mm bench-sched bench-module bench-ftrace bench-livepatch \
	bench-smp bench-kprobes
target-mods := target-ktest target-bench
# Long-running tests, loaded by their scenario (not by /bin/ktest): `make soak`.
soak-mods := soak-livepatch

ktest-kernel-objs := tests/ktest/kernel/kernel_ktest.o
ktest-kernel-objs += tests/ktest/kernel/syscall_ktest.o
ktest-kernel-objs += tests/ktest/kernel/workqueue_ktest.o
ktest-kernel-objs += tests/ktest/kernel/stacktrace_ktest.o
ktest-kernel-objs += tests/ktest/kernel/parked.o
ktest-mm-objs := tests/ktest/mm/mm_ktest.o
ktest-sched-objs := tests/ktest/sched/sched_ktest.o
ktest-sched-objs += tests/ktest/sched/process_ktest.o
ktest-sched-objs += tests/ktest/sched/process_util.o
ktest-fs-objs := tests/ktest/fs/sysfs_ktest.o
ktest-fs-objs += tests/ktest/fs/sysfs_race_ktest.o
ktest-fs-objs += tests/ktest/fs/sysfs_link_ktest.o
ktest-fs-objs += tests/ktest/fs/seq_file_ktest.o
ktest-module-objs := tests/ktest/module/module_ktest.o
ktest-kallsyms-objs := tests/ktest/kallsyms/kallsyms_ktest.o
ktest-ftrace-objs := tests/ktest/ftrace/ftrace_ktest.o
ktest-ftrace-objs += tests/ktest/ftrace/ftrace_batch_ktest.o
ktest-text_poke-objs := tests/ktest/text_poke/text_poke_ktest.o
ktest-kprobes-objs := tests/ktest/kprobes/kprobes_ktest.o
ktest-kprobes-objs += tests/ktest/kernel/parked.o
ktest-text_poke-objs += tests/ktest/text_poke/poke_sled.o
ktest-text_poke-objs += tests/ktest/text_poke/poke_hammer.o
ktest-smp-objs := tests/ktest/smp/smp_ktest.o
ktest-livepatch-objs := tests/ktest/livepatch/klp_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_batch_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_cumulative_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_module_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_verify_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/shadow_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_seed001_ktest.o
ktest-livepatch-objs += tests/ktest/livepatch/klp_test.o
bench-kernel-objs := tests/bench/kernel/kernel_bench.o
bench-kernel-objs += tests/bench/kernel/stacktrace_bench.o
bench-kernel-objs += tests/ktest/kernel/parked.o
bench-mm-objs := tests/bench/mm/mm_bench.o
bench-sched-objs := tests/bench/sched/sched_bench.o
bench-sched-objs += tests/bench/sched/process_bench.o
bench-sched-objs += tests/ktest/sched/process_util.o
bench-module-objs := tests/bench/module/module_bench.o
bench-smp-objs := tests/bench/smp/smp_bench.o
bench-ftrace-objs := tests/bench/ftrace/ftrace_bench.o
bench-ftrace-objs += tests/ktest/text_poke/poke_sled.o
bench-kprobes-objs := tests/bench/kprobes/kprobes_bench.o
bench-livepatch-objs := tests/bench/livepatch/klp_bench.o
bench-livepatch-objs += tests/bench/livepatch/shadow_bench.o
bench-livepatch-objs += tests/bench/livepatch/klp_module_bench.o
bench-livepatch-objs += tests/bench/livepatch/klp_smp_bench.o
bench-livepatch-objs += tests/ktest/livepatch/klp_test.o
soak-livepatch-objs := tests/ktest/livepatch/klp_soak.o
soak-livepatch-objs += tests/ktest/livepatch/klp_test.o
target-ktest-objs := tests/ktest/livepatch/klp_ktest_target.o
target-ktest-objs += tests/ktest/kallsyms/kallsyms_dup_a.o
target-ktest-objs += tests/ktest/kallsyms/kallsyms_dup_b.o
target-bench-objs := tests/bench/livepatch/klp_bench_funcs.o

KTEST_RUNNER := $(B)/tests/ktest/runner.o
KTEST_RUNNER_END := $(B)/tests/ktest/runner_end.o
test-mods := $(ktest-mods) $(bench-mods) $(soak-mods) $(target-mods)
test-kos := $(patsubst %,$(B)/modules/%.ko,$(test-mods))

$(B)/tests/%.o: tests/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [M]  $<")
	$(Q)$(CC) $(MODCFLAGS) -DKBUILD_MODNAME='"$(or $(KMODNAME),ktest)"' -c -o $@ $<

$(B)/tests/%.o: tests/%.asm | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  NASM    $<")
	$(Q)$(NASM) $(NASMFLAGS) -MD $(B)/tests/$*.d -MP -o $@ $<

# $(1): a module of several objects; ktest-* and bench-* get the runner.
define multi-module
$(addprefix $(B)/,$($(1)-objs)): KMODNAME := $(subst -,_,$(1))
$(B)/modules/$(1).o: $(if $(filter target-%,$(1)),,$(KTEST_RUNNER)) \
		$(addprefix $(B)/,$($(1)-objs)) $(if $(filter target-%,$(1)),,$(KTEST_RUNNER_END))
	@mkdir -p $$(dir $$@)
	$$(Q)$$(LD) -r -o $$@ $$^
endef
$(foreach m,$(test-mods),$(eval $(call multi-module,$(m))))

modules: $(if $(M),$(ext-kos),$(module-kos) $(test-kos))
	@$(if $(M),printf '  MODULE  %s\n' $(ext-kos))


# ---------------------------------------------------------------------------
# Boot image

# The product initramfs, staged under build/initramfs/: the programs in
# /bin (userland section), /etc/motd, and the example patches in
# /lib/modules (rebuilt from the module list each time, so a former
# EXTRA_MODULES does not linger). GRUB reads every byte of the image's
# kernel and initramfs at about 13 instructions a byte, so both go without
# debug information (build/kelp.elf and build/modules/ keep it).
$(B)/initramfs.cpio: FORCE tools/mkcpio.py tools/depmod.py $(ubins) $(product-kos) $(update-kos)
	$(Q)rm -rf $(B)/initramfs/lib
	$(Q)for f in $(B)/initramfs/bin/*; do \
		case " $(notdir $(ubins)) " in *" $${f##*/} "*) ;; *) rm -f "$$f" ;; esac; \
	done	# programs no longer listed (or moved to the test image) go
	$(Q)mkdir -p $(B)/initramfs/etc $(B)/initramfs/lib/modules
	$(Q)$(foreach k,$(product-kos),$(OBJCOPY) --strip-debug $(k).unsigned $(B)/initramfs-strip.ko && \
		$(call sign-ko,$(B)/initramfs-strip.ko,$(B)/initramfs/lib/modules/$(notdir $(k))) &&) \
		rm -f $(B)/initramfs-strip.ko	# stripped, then signed: stripping drops a signature
	$(Q)$(if $(update-kos),mkdir -p $(B)/initramfs/lib/modules/updates && \
		$(foreach k,$(update-kos),$(OBJCOPY) --strip-debug $(k).unsigned $(B)/initramfs-strip.ko && \
		$(call sign-ko,$(B)/initramfs-strip.ko,$(B)/initramfs/lib/modules/updates/$(notdir $(k))) &&) \
		rm -f $(B)/initramfs-strip.ko)
	$(Q)$(PYTHON) tools/depmod.py --nm $(NM) -o $(B)/initramfs/lib/modules/modules.dep $(B)/initramfs/lib/modules
	$(Q)printf 'Welcome to Kelp.\n' > $(B)/initramfs/etc/motd
	$(Q)$(PYTHON) tools/mkcpio.py $(B)/initramfs $@.new
	$(Q)cmp -s $@.new $@ && rm $@.new || mv $@.new $@

# The test initramfs, the second archive of build/kelp-test.iso (the kernel
# unpacks both): the test, benchmark and target modules (without their
# debug information, which only the build tree needs) and the sample
# modules of the scenarios in /lib/modules, broken copies of hello.ko in
# /lib/test, the test programs (ubin-test-y) and a malformed executable
# /bin/badelf.
$(B)/initramfs-test.cpio: FORCE tools/mkcpio.py tools/depmod.py $(test-kos) $(tmod-kos) $(bad-kos) \
		$(sig-vectors) $(B)/initramfs.cpio $(B)/initramfs/bin/true $(test-update-kos) \
		$(ubins-test) $(ubins-upstream)
	$(Q)rm -rf $(B)/initramfs-test
	$(Q)mkdir -p $(B)/initramfs-test/bin $(B)/initramfs-test/lib/modules $(B)/initramfs-test/lib/test
	$(Q)cp $(ubins-test) $(ubins-upstream) $(B)/initramfs-test/bin/
	$(Q)cp $(tmod-kos) $(B)/initramfs-test/lib/modules/
	$(Q)for ko in $(test-kos); do \
		$(OBJCOPY) --strip-debug $$ko.unsigned $(B)/initramfs-test-strip.ko && \
		$(call sign-ko,$(B)/initramfs-test-strip.ko,$(B)/initramfs-test/lib/modules/$$(basename $$ko)) || exit 1; \
	done
	$(Q)rm -f $(B)/initramfs-test-strip.ko
	$(Q)cp $(bad-kos) $(B)/initramfs-test/lib/test/
	$(Q)mkdir -p $(B)/initramfs-test/lib/modules/updates
	$(Q)cp $(test-update-kos) $(B)/initramfs-test/lib/modules/updates/
	$(Q)$(PYTHON) tools/depmod.py --nm $(NM) -o $(B)/initramfs-test/lib/modules/modules.dep \
		$(B)/initramfs/lib/modules $(B)/initramfs-test/lib/modules	# covers both archives
	$(Q)mkdir -p $(B)/initramfs-test/lib/test/sig && \
		cp $(B)/modules/sig/*.ko $(B)/modules/sig/*.trailer $(B)/modules/sig/p256.der \
			$(B)/initramfs-test/lib/test/sig/
	$(Q)head -c 200 $(B)/initramfs/bin/true > $(B)/initramfs-test/bin/badelf	# truncated: refused
	$(Q)$(PYTHON) tools/mkcpio.py $(B)/initramfs-test $@.new
	$(Q)cmp -s $@.new $@ && rm $@.new || mv $@.new $@

# $(1): the image, $(2): its staging folder, $(3): extra files for /boot.
define make-iso
@$(if $(Q),echo "  ISO     $(1)")
$(Q)rm -rf $(2) && mkdir -p $(2)/boot/grub
$(Q)cp boot/grub.cfg $(2)/boot/grub/grub.cfg
$(Q)$(OBJCOPY) --strip-all $(B)/kelp.elf $(2)/boot/kelp.elf
$(Q)cp $(B)/initramfs.cpio $(2)/boot/initramfs.cpio
$(3)
$(Q)grub-mkrescue -o $(1) $(2) >$(2).log 2>&1 || { cat $(2).log; exit 1; }
endef

$(B)/kelp.iso: $(B)/kelp.elf $(B)/initramfs.cpio boot/grub.cfg | deps-iso
	$(call make-iso,$@,$(B)/iso)

# The test image: the same kernel and product initramfs, plus
# initramfs-test.cpio and the corrupt archives of the initramfs scenarios.
$(B)/kelp-test.iso: $(B)/kelp.elf $(B)/initramfs.cpio $(B)/initramfs-test.cpio boot/grub.cfg | deps-iso
	$(call make-iso,$@,$(B)/iso-test,$(iso-test-extra))

define iso-test-extra
$(Q)cp $(B)/initramfs-test.cpio $(B)/iso-test/boot/initramfs-test.cpio
$(Q)mkdir -p $(B)/iso-test/boot/test
$(Q)head -c 300 $(B)/initramfs.cpio > $(B)/iso-test/boot/test/truncated.cpio
$(Q)sed '1s/^070701/07X701/' $(B)/initramfs.cpio > $(B)/iso-test/boot/test/badmagic.cpio
endef

iso: $(B)/kelp.iso

# The image the QEMU scenarios boot.
test-iso: $(B)/kelp-test.iso

# The floor of `make bench`'s boot ratio: the smallest Multiboot2 kernel
# (tools/bench/floor.asm) on an ISO made the same way as Kelp's.
$(B)/floor/floor.elf: tools/bench/floor.asm | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  NASM    $<")
	$(Q)$(NASM) -f elf32 -o $(B)/floor/floor.o $<
	$(Q)$(LD) -m elf_i386 -N -nostdlib -z noexecstack --no-warn-rwx-segments -Ttext=0x100000 \
		-e _start -o $@ $(B)/floor/floor.o

$(B)/floor/floor.iso: $(B)/floor/floor.elf tools/bench/floor-grub.cfg | deps-iso
	@$(if $(Q),echo "  ISO     $@")
	$(Q)rm -rf $(B)/floor/iso && mkdir -p $(B)/floor/iso/boot/grub
	$(Q)cp tools/bench/floor-grub.cfg $(B)/floor/iso/boot/grub/grub.cfg
	$(Q)cp $< $(B)/floor/iso/boot/floor.elf
	$(Q)grub-mkrescue -o $@ $(B)/floor/iso >$(B)/floor/grub-mkrescue.log 2>&1 || \
		{ cat $(B)/floor/grub-mkrescue.log; exit 1; }

# CMDLINE reaches the kernel through QEMU's fw_cfg (file opt/kelp/cmdline,
# read by drivers/fw_cfg.c); a kelp.initrd=PATH in it also reaches GRUB as an
# SMBIOS OEM string (boot/grub.cfg). Commas are doubled for QEMU's parser.
comma := ,
qemu-quote = $(subst ','\'',$(subst $(comma),$(comma)$(comma),$(1)))
QEMU_CMDLINE := $(if $(strip $(CMDLINE)),-fw_cfg 'name=opt/kelp/cmdline$(comma)string=$(call qemu-quote,$(CMDLINE))')
QEMU_CMDLINE += $(foreach i,$(lastword $(filter kelp.initrd=%,$(CMDLINE))),-smbios 'type=11$(comma)value=$(call qemu-quote,$(i))')

QEMU_FLAGS := -M pc
QEMU_FLAGS += -cpu max
QEMU_FLAGS += -accel $(ACCEL)
QEMU_FLAGS += -m $(MEM)
QEMU_FLAGS += -smp $(SMP)
QEMU_FLAGS += -display none
QEMU_FLAGS += -no-reboot
QEMU_FLAGS += -nic none
QEMU_FLAGS += -serial mon:stdio
QEMU_FLAGS += -serial unix:$(B)/com2.sock,server=on,wait=off
QEMU_FLAGS += -device isa-debug-exit,iobase=0xf4,iosize=0x04
# The image as a CD on AHCI, which the firmware reads by DMA (QEMU's IDE
# CD, -cdrom, costs GRUB a device-model trip per 2 bytes: docs/testing.md).
QEMU_FLAGS += -device ahci,id=ahci
QEMU_FLAGS += -device ide-cd,drive=cd,bus=ahci.0,bootindex=0
QEMU_FLAGS += $(QEMU_CMDLINE)
# The product image, or the test image for run-test.
qemu-cd = -drive if=none,id=cd,media=cdrom,format=raw,readonly=on,file=$(1)

run: $(B)/kelp.iso | deps-run
	@echo "Kelp on COM1. Leave with Ctrl-A X (or type poweroff)."
	$(Q)$(QEMU) $(QEMU_FLAGS) $(call qemu-cd,$<) || true

# The test image: the same kernel, plus the test modules and programs
# (ktest, bench, workload, crash have their modules there).
run-test: $(B)/kelp-test.iso | deps-run
	@echo "Kelp (test image) on COM1. Leave with Ctrl-A X (or type poweroff)."
	$(Q)$(QEMU) $(QEMU_FLAGS) $(call qemu-cd,$<) || true

run-uefi: $(B)/kelp.iso | deps-run
	@echo "Kelp on COM1 through OVMF. Leave with Ctrl-A X (or type poweroff)."
	$(Q)$(QEMU) $(QEMU_FLAGS) $(call qemu-cd,$<) -bios $(OVMF) || true

run-gdb: $(B)/kelp.iso | deps-run
	@echo "QEMU waits for gdb on localhost:1234: run 'make gdb' in another terminal."
	$(Q)$(QEMU) $(QEMU_FLAGS) $(call qemu-cd,$<) -s -S || true

gdb: $(B)/kelp.elf
	gdb -q $(B)/kelp.elf -ex 'target remote localhost:1234'

# ---------------------------------------------------------------------------
# Host unit tests (cmocka, ASan+UBSan): each tests/unit/test_X.c is one
# program that #includes the kernel source it tests.

UNIT_CFLAGS := -std=gnu11
UNIT_CFLAGS += -g
UNIT_CFLAGS += -O1
UNIT_CFLAGS += -fsanitize=address,undefined
UNIT_CFLAGS += -fno-sanitize-recover=all
UNIT_CFLAGS += -fno-omit-frame-pointer
UNIT_CFLAGS += -D__KELP_HOST__
# after the system headers: include/linux/ must not shadow the host's <linux/*.h>
UNIT_CFLAGS += -idirafter include
UNIT_CFLAGS += -idirafter userland/include
UNIT_CFLAGS += -Itests/unit
UNIT_CFLAGS += -Wall
UNIT_CFLAGS += -Wextra
UNIT_CFLAGS += -Wno-unused-parameter
UNIT_CFLAGS += -Wno-sign-compare
# -MD, not -MMD: include/ comes in by -idirafter, a system directory to gcc,
# whose headers -MMD leaves out (a changed struct module left stale tests)
UNIT_CFLAGS += -MD
UNIT_CFLAGS += -MP

unit-y := \
	test_acpi \
	test_boot_info \
	test_cpio \
	test_dynamic_debug \
	test_elf_exec \
	test_glob \
	test_hexdump \
	test_kallsyms \
	test_kallsyms_gen \
	test_kprobe_events \
	test_klp_diff \
	test_klp_reloc \
	test_klp_shadow \
	test_kstrto \
	test_lineedit \
	test_lockdep \
	test_modinfo \
	test_module_elf \
	test_module_sig \
	test_page_bitmap \
	test_sh_parse \
	test_string \
	test_string_helpers \
	test_upload \
	test_vsprintf \
	test_vsscanf
unit-bins := $(patsubst %,$(B)/unit/%,$(unit-y))

$(B)/unit/%: tests/unit/%.c | deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UNIT    $<")
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_LIBS) -lcmocka

# BearSSL built for the host tests of module signing: the same sources,
# with the unit tests' sanitizers and with the fuzzer's instrumentation.
bearssl-host-flags := -g -O1 -fno-omit-frame-pointer $(BEARSSL_CFLAGS) -I$(BEARSSL)/src
$(B)/bearssl-host/unit/%.o: | $(BEARSSL)/inc/bearssl.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(bearssl-host-flags) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-c -o $@ $(BEARSSL)/src/$*.c
$(B)/bearssl-host/fuzz/%.o: | $(BEARSSL)/inc/bearssl.h deps-test
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(bearssl-host-flags) -fsanitize=fuzzer-no-link,address,undefined \
		-c -o $@ $(BEARSSL)/src/$*.c
# kernel/crypto/rsa.c is built as one of them (it includes BearSSL's inner.h).
$(B)/bearssl-host/unit/kelp-rsa.o: kernel/crypto/rsa.c include/kelp/crypto.h | $(BEARSSL)/inc/bearssl.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(bearssl-host-flags) -D__KELP_HOST__ -idirafter include \
		-fsanitize=address,undefined -fno-sanitize-recover=all -c -o $@ $<
$(B)/bearssl-host/fuzz/kelp-rsa.o: kernel/crypto/rsa.c include/kelp/crypto.h | $(BEARSSL)/inc/bearssl.h deps-test
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(bearssl-host-flags) -D__KELP_HOST__ -idirafter include \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<
# wolfSSL's RSA-2048 code and its glue (kernel/crypto/rsa_sp.c) go into the
# same archives; the assembly is built once, without instrumentation.
wolfssl-host-flags := -g -O1 -fno-omit-frame-pointer $(WOLFSSL_CFLAGS)
$(B)/wolfssl-host/unit/%.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(wolfssl-host-flags) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-c -o $@ $(WOLFSSL)/wolfcrypt/src/$*.c
$(B)/wolfssl-host/fuzz/%.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK) deps-test
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(wolfssl-host-flags) -fsanitize=fuzzer-no-link,address,undefined \
		-c -o $@ $(WOLFSSL)/wolfcrypt/src/$*.c
$(B)/wolfssl-host/sp_x86_64_asm.o: kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(WOLFSSL_CFLAGS) -c -o $@ $(WOLFSSL)/wolfcrypt/src/sp_x86_64_asm.S
$(B)/wolfssl-host/unit/kelp-rsa_sp.o: kernel/crypto/rsa_sp.c include/kelp/crypto.h kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(wolfssl-host-flags) -D__KELP_HOST__ -idirafter include \
		-fsanitize=address,undefined -fno-sanitize-recover=all -c -o $@ $<
$(B)/wolfssl-host/fuzz/kelp-rsa_sp.o: kernel/crypto/rsa_sp.c include/kelp/crypto.h kernel/crypto/wolfssl/user_settings.h | $(WOLFSSL_SRC_MARK) deps-test
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(wolfssl-host-flags) -D__KELP_HOST__ -idirafter include \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<
wolfssl-host-c := $(filter-out sp_x86_64_asm.o,$(wolfssl-y)) kelp-rsa_sp.o
$(B)/bearssl-host/unit.a: $(addprefix $(B)/bearssl-host/unit/,$(bearssl-y) kelp-rsa.o) $(B)/bearssl/objs.list \
		$(addprefix $(B)/wolfssl-host/unit/,$(wolfssl-host-c)) $(B)/wolfssl-host/sp_x86_64_asm.o
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(filter %.o,$^)
$(B)/bearssl-host/fuzz.a: $(addprefix $(B)/bearssl-host/fuzz/,$(bearssl-y) kelp-rsa.o) $(B)/bearssl/objs.list \
		$(addprefix $(B)/wolfssl-host/fuzz/,$(wolfssl-host-c)) $(B)/wolfssl-host/sp_x86_64_asm.o
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(filter %.o,$^)

# The signature checks' test reads vectors it makes with openssl and tools/sig-vectors.py.
$(B)/unit/test_module_sig: UNIT_CFLAGS += $(BEARSSL_CFLAGS)
$(B)/unit/test_module_sig: UNIT_LIBS := $(B)/bearssl-host/unit.a
$(B)/unit/test_module_sig: $(B)/bearssl-host/unit.a $(SIGN_FILE)

# The loader's unit test reads real modules (build/modules/*.ko).
unit: $(unit-bins) $(module-kos) $(test-kos) $(B)/tools/klp-diff

# libFuzzer targets, same include-the-source scheme.
FUZZ_CFLAGS := -g
FUZZ_CFLAGS += -O1
FUZZ_CFLAGS += -fsanitize=fuzzer,address,undefined
FUZZ_CFLAGS += -D__KELP_HOST__
FUZZ_CFLAGS += -idirafter include
FUZZ_CFLAGS += -idirafter userland/include
FUZZ_CFLAGS += -Itests/unit
FUZZ_CFLAGS += -MD		# as UNIT_CFLAGS: include/ is a system directory to gcc
FUZZ_CFLAGS += -MP

fuzz-y := \
	fuzz_acpi \
	fuzz_boot_info \
	fuzz_cpio \
	fuzz_dynamic_debug \
	fuzz_elf_exec \
	fuzz_glob \
	fuzz_kmsg \
	fuzz_kprobe_events \
	fuzz_kstrto \
	fuzz_lineedit \
	fuzz_modinfo \
	fuzz_module_elf \
	fuzz_module_params \
	fuzz_module_sig \
	fuzz_path \
	fuzz_sh_parse \
	fuzz_upload \
	fuzz_vsscanf
fuzz-bins := $(patsubst %,$(B)/fuzz/%,$(fuzz-y))

$(B)/fuzz/%: tests/fuzz/%.c | deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $<")
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LIBS)

$(B)/fuzz/fuzz_module_sig: FUZZ_CFLAGS += $(BEARSSL_CFLAGS)
$(B)/fuzz/fuzz_module_sig: FUZZ_LIBS := $(B)/bearssl-host/fuzz.a
$(B)/fuzz/fuzz_module_sig: $(B)/bearssl-host/fuzz.a

fuzz-build: $(fuzz-bins)

fuzz: fuzz-build
	$(Q)FUZZ_SECONDS=$(if $(filter command line,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),300) \
		$(PYTHON) tests/run_all.py --only fuzz

# Every object and source the lists above name, one a line: tools/check-tree
# refuses a source file that no list names (it would silently not be built).
listed-sources:
	@printf '%s\n' $(kernel-y-all) $(ulib-c) $(ulib-asm) $(ubin-c) $(module-srcs) \
		$(patsubst %,tests/unit/%.c,$(unit-y)) $(patsubst %,tests/fuzz/%.c,$(fuzz-y))

# ---------------------------------------------------------------------------
# tools/klp-build (docs/klp-build.md) asks the build for these.

klp-print-vars:
	@echo "kernel-c: $(kernel-c)"
	@echo "module-srcs: $(module-srcs)"
	@for f in $(MODCFLAGS); do printf 'modcflags: %s\n' "$$f"; done
	@echo "sign-file: $(SIGN_FILE)"
	@echo "sign-key: $(SIGN_KEY)"
	@echo "sign-hash: $(KELP_MODULE_SIG_HASH)"

# ---------------------------------------------------------------------------
# Tests and benchmarks

# The Linux-compat build test (docs/linux-compat.md): tests/linuxmod/ built
# as an outside folder (Kbuild's warnings) with -Werror, and so is every
# folder under build/upstream-livepatch/ (Linux's samples and selftest
# modules, unchanged: `make upstream-livepatch` copies them there from
# Debian's linux-source); then every symbol the modules need must be
# exported by the kernel or by one of them. The upstream modules are kept
# in build/upstream-ko/ for the linux_upstream scenario, which loads them.
linuxmod-check: $(B)/kelp.elf upstream-livepatch FORCE
	$(Q)rm -rf $(B)/upstream-ko && mkdir -p $(B)/upstream-ko
	$(Q)for d in tests/linuxmod $(B)/upstream-livepatch/*/; do \
		[ -d "$$d" ] || continue; \
		rm -rf $(B)/extmod && \
		$(MAKE) --no-print-directory modules M=$$d EXTMOD_WARN="$(EXTMOD_WARN) -Werror" || exit 1; \
		$(PYTHON) tools/linux-exports.py check-ko --nm $(NM) $(B)/kelp.elf $(B)/extmod/*.ko || exit 1; \
		echo "  CHECK   $$d: $$(ls $(B)/extmod/*.ko | wc -l) modules build and link"; \
		case $$d in $(B)/upstream-livepatch/*) cp $(B)/extmod/*.ko $(B)/upstream-ko/;; esac; \
	done

# Linux's livepatch modules from Debian's newest linux-source-X.Y
# (tools/ensure-deps linux-src: about 150 MB once, then cached in
# build/linux-src/), copied unchanged by tools/get-upstream-livepatch.
# `make upstream-livepatch LINUX_TREE=DIR` takes them from a Linux tree instead.
LINUX_TREE ?=
upstream-livepatch: FORCE
	$(Q)$(if $(LINUX_TREE),,tools/ensure-deps linux-src $(B)/linux-src &&) \
		tools/get-upstream-livepatch $(or $(LINUX_TREE),$(B)/linux-src)

# docs/linux-exports.md: Kelp's exports against Linux's (tools/linux-exports.txt).
linux-exports: $(B)/kelp.elf
	$(Q)$(PYTHON) tools/linux-exports.py compare --nm $(NM) -o docs/linux-exports.md $(B)/kelp.elf

test: $(B)/kelp-test.iso $(test-kos) unit fuzz-build linuxmod-check | deps-run deps-test deps-klp
	$(Q)tools/check-tree
	$(Q)tools/check-test-symbols --nm $(NM) $(B)/kelp.elf
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) KELP_SMP=$(SMP) $(PYTHON) tests/run_all.py

# tools/klp-build and kelpctl end to end (tests/klp-build/run.py): every
# fix built into a patch, loaded, checked and unloaded in QEMU, one VM at a time.
klp-build-test: $(B)/kelp-test.iso $(B)/tools/klp-diff | deps-run deps-klp
	$(Q)$(PYTHON) tests/klp-build/run.py

# The benchmarks run on the test image; the boot ratio boots the product one.
bench: $(B)/kelp.iso $(B)/kelp-test.iso $(B)/floor/floor.iso | deps-run
	$(Q)$(PYTHON) tests/qemu/bench.py

# The long soaks (tests/qemu/soak/*.t; make test runs a 30-second one):
# logs in build/soak/. SOAK_SMP=N runs them on N CPUs instead of 4.
SOAK_SMP ?= 4
soak: $(B)/kelp-test.iso $(test-kos) | deps-run
	$(Q)mkdir -p $(B)/soak
	$(Q)for f in tests/qemu/soak/*.t; do \
		sed 's/^#! smp: .*/#! smp: $(SOAK_SMP)/' $$f > $(B)/soak/$${f##*/}; done
	$(Q)$(PYTHON) tests/qemu/run.py -j 1 --out $(B)/soak $(B)/soak/*.t

# ---------------------------------------------------------------------------
# Tools this build needs, installed from Debian when missing (tools/ensure-deps).

deps-build:
	$(Q)tools/ensure-deps build
deps-iso: deps-build
	$(Q)tools/ensure-deps iso
deps-run: deps-iso
	$(Q)tools/ensure-deps run
deps-test:
	$(Q)tools/ensure-deps test
deps-klp:
	$(Q)tools/ensure-deps klp
deps-sign:
	$(Q)tools/ensure-deps sign

clean:
	rm -rf $(B)

FORCE:

.PHONY: all iso test-iso modules run run-uefi run-gdb gdb unit fuzz fuzz-build test bench soak clean userland linuxmod-check linux-exports upstream-livepatch FORCE

.PHONY: all iso modules run run-test run-uefi run-gdb gdb unit fuzz fuzz-build test bench clean listed-sources FORCE
.PHONY: deps-build deps-iso deps-run deps-test deps-klp klp-print-vars klp-build-test

-include $(shell find $(B) -name '*.d' 2>/dev/null)
