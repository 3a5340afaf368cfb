# Kelp: one non-recursive Makefile. Everything is built under build/.
#
#   make              kernel ELF (build/kelp.elf)
#   make iso          hybrid BIOS+UEFI GRUB image (build/kelp.iso)
#   make modules      build/modules/*.ko (M=DIR: an outside folder's, build/extmod/)
#   make run          boot it in QEMU, COM1 on this terminal (Ctrl-A X quits)
#   make run-uefi     the same through OVMF
#   make run-gdb      QEMU waits for gdb on :1234; `make gdb` attaches
#   make test         host unit tests, fuzz targets, QEMU scenarios
#   make bench        boot-time and in-kernel benchmarks under -icount
#   make fuzz         the fuzz targets, longer (FUZZ_SECONDS=300)
#   make clean
#
# Variables: CROSS_COMPILE=x86_64-elf-  V=1 (show commands)  ACCEL=kvm
#            CMDLINE="..." (kernel command line for run*)  MEM=512M
#            M=DIR (make modules)  EXTRA_MODULES=DIR (make iso: add DIR's modules)

MAKEFLAGS += -rR --no-print-directory
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
KLDFLAGS += -T linker.ld

# ---------------------------------------------------------------------------
# Kernel objects: every source under these folders is part of the kernel.

kernel-c   := $(wildcard kernel/*.c kernel/*/*.c drivers/*.c livepatch/*.c livepatch/*/*.c)
kernel-asm := $(wildcard boot/*.asm kernel/*/*.asm)
kernel-objs := $(patsubst %.c,$(B)/%.o,$(kernel-c)) $(patsubst %.asm,$(B)/%.o,$(kernel-asm))

all: $(B)/kelp.elf

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
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

# Three-pass link, as Linux's kallsyms: pass 1 has an empty symbol table,
# pass 2 a table of the right size, the final link the table of pass 2's
# addresses. The final symbols must equal pass 2's, or the build fails.
KLINK = $(LD) $(KLDFLAGS) -o $@ --whole-archive $(B)/kernel/built-in.a --no-whole-archive
KSYMS = $(NM) -n -S --defined-only

$(B)/tools/kallsyms: tools/kallsyms.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -o $@ $<

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
# Userland (docs/userland.md): the libc in userland/lib/ (plus the kernel's
# pure string, formatting, strerror, kstrto and tokenizer code, built again
# for ring 3) and one static program per userland/bin/*.c, installed into
# the initramfs staging /bin.

UCFLAGS := -std=gnu11
UCFLAGS += -O2
UCFLAGS += -g
UCFLAGS += -ffreestanding
UCFLAGS += -nostdinc
UCFLAGS += -isystem $(shell $(CC) -print-file-name=include)
UCFLAGS += -Iuserland/include
UCFLAGS += -Iinclude
UCFLAGS += -D__KELP_USER__
UCFLAGS += -fno-pic
UCFLAGS += -fno-pie
UCFLAGS += -mgeneral-regs-only
UCFLAGS += -fno-stack-protector
UCFLAGS += -fcf-protection=none
UCFLAGS += -fno-asynchronous-unwind-tables
UCFLAGS += -fno-builtin-printf
UCFLAGS += -Wall
UCFLAGS += -Wextra
UCFLAGS += -Wno-unused-parameter
UCFLAGS += -Wno-sign-compare
UCFLAGS += -MMD
UCFLAGS += -MP

ULDFLAGS := -static
ULDFLAGS += -nostdlib
ULDFLAGS += -z noexecstack
ULDFLAGS += -z separate-code
ULDFLAGS += --build-id=none
ULDFLAGS += --strip-all
ULDFLAGS += -e _start

ulib-c   := $(wildcard userland/lib/*.c)
ulib-asm := $(wildcard userland/lib/*.S)
ulib-kernel := kernel/lib/string.c kernel/lib/vsprintf.c kernel/lib/strerror.c kernel/lib/kstrto.c kernel/shell/parse.c kernel/shell/lineedit.c
ulib-objs := $(patsubst %.c,$(B)/userland/lib/%.o,$(notdir $(ulib-c))) \
	$(patsubst %.S,$(B)/userland/lib/%.o,$(notdir $(ulib-asm))) \
	$(patsubst %.c,$(B)/userland/klib/%.o,$(notdir $(ulib-kernel)))
ubin-c := $(wildcard userland/bin/*.c)
ubins := $(patsubst userland/bin/%.c,$(B)/initramfs/bin/%,$(ubin-c))

$(B)/userland/lib/%.o: userland/lib/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(CC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/lib/%.o: userland/lib/%.S | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UAS     $<")
	$(Q)$(CC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/klib/%.o: kernel/lib/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(CC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/klib/%.o: kernel/shell/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(CC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/bin/%.o: userland/bin/%.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(CC) $(UCFLAGS) -c -o $@ $<

$(B)/userland/libc.a: $(ulib-objs)
	$(Q)rm -f $@
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

# crt0 first, then the program, then the library.
$(B)/initramfs/bin/%: $(B)/userland/bin/%.o $(B)/userland/libc.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  ULD     $@")
	$(Q)$(LD) $(ULDFLAGS) -o $@ $(B)/userland/lib/crt0.o $< $(B)/userland/libc.a

userland: $(ubins)

# Modules (docs/modules.md). Every patches/*.c and tests/modules/*.c becomes
# build/modules/NAME.ko: the object compiled with the kernel's flags, linked
# (ld -r) with the NAME.mod.c stub tools/modpost.py generates. They are
# staged into the initramfs at /lib/modules/NAME.ko.
#   make modules M=DIR               builds DIR/*.c into build/extmod/NAME.ko
#   make iso EXTRA_MODULES=DIR       the same, and puts them in the image
# build/gen/ holds generated benchmark modules (tools/gen-bench-module.py).

MODCFLAGS := $(KCFLAGS)
MODCFLAGS += -DMODULE

module-srcs := $(wildcard patches/*.c tests/modules/*.c)
module-gen := bench_16k bench_reloc_1k bench_reloc_10k bench_reloc_100k
module-kos := $(patsubst %,$(B)/modules/%.ko,$(notdir $(module-srcs:.c=)) $(module-gen))
EXT_DIR := $(or $(M),$(EXTRA_MODULES))
ext-srcs := $(if $(EXT_DIR),$(wildcard $(EXT_DIR)/*.c))
ext-kos := $(patsubst %,$(B)/extmod/%.ko,$(notdir $(ext-srcs:.c=)))
staged-kos := $(module-kos) $(if $(EXTRA_MODULES),$(ext-kos))

# $(1): the objects, $(2): their source folder (static pattern rules, so
# that NAME.mod.o never matches a source rule),
# $(3): extra prerequisites and $(4): flags left out (outside folders are
# always rebuilt, without dependency files that would name a gone folder).
define module-rules
$(1): $$(dir $$(firstword $(1)))%.o: $(2)/%.c $(3) | deps-build
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC [M]  $$<")
	$$(Q)$$(CC) $$(filter-out $(4),$$(MODCFLAGS)) -DKBUILD_MODNAME='"$$(subst -,_,$$*)"' -c -o $$@ $$<
endef

mod-objs = $(patsubst %,$(2)/%.o,$(notdir $(basename $(1))))
$(eval $(call module-rules,$(call mod-objs,$(wildcard patches/*.c),$(B)/modules),patches))
$(eval $(call module-rules,$(call mod-objs,$(wildcard tests/modules/*.c),$(B)/modules),tests/modules))
$(eval $(call module-rules,$(patsubst %,$(B)/modules/%.o,$(module-gen)),$(B)/gen))
ifneq ($(ext-srcs),)
$(eval $(call module-rules,$(call mod-objs,$(ext-srcs),$(B)/extmod),$(EXT_DIR),FORCE,-MMD -MP))
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

$(B)/%.ko: $(B)/%.o $(B)/%.mod.o tools/klp-convert.py
	@$(if $(Q),echo "  LD [M]  $@")
	$(Q)$(LD) -r -o $@ $(filter %.o,$^)
	$(Q)$(PYTHON) tools/klp-convert.py $(if $(filter $(KLP_CONVERT_LAX),$(notdir $*)),--lax) $@ \
		|| { rm -f $@; exit 1; }

$(patsubst %,$(B)/gen/%.c,$(module-gen)): $(B)/gen/%.c: tools/gen-bench-module.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/gen-bench-module.py $* > $@

.PRECIOUS: $(B)/%.mod.c $(B)/%.mod.o $(B)/modules/%.o $(B)/extmod/%.o $(B)/gen/%.c

# Broken copies of hello.ko for the loader's scenarios (/lib/test/ in the image).
bad-kos := $(B)/modules/bad/truncated.ko $(B)/modules/bad/bitflip.ko
$(B)/modules/bad/%.ko: $(B)/modules/hello.ko tools/corrupt-ko.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/corrupt-ko.py $(if $(filter truncated,$*),truncate,bitflip) $< $@

modules: $(if $(M),$(ext-kos),$(module-kos))
	@$(if $(M),printf '  MODULE  %s\n' $(ext-kos))


# ---------------------------------------------------------------------------
# Boot image

# The initramfs: everything staged under build/initramfs/: the programs in
# /bin (userland section), a malformed executable /bin/badelf, /etc/motd,
# and the modules in /lib/modules (rebuilt from the module list each time,
# so a former EXTRA_MODULES does not linger). GRUB reads every byte of the
# image's kernel and initramfs at about 13 instructions a byte, so both go
# without debug information (build/kelp.elf and build/modules/ keep it).
$(B)/initramfs.cpio: FORCE tools/mkcpio.py $(ubins) $(staged-kos) $(bad-kos)
	$(Q)rm -rf $(B)/initramfs/lib/modules $(B)/initramfs/lib/test
	$(Q)mkdir -p $(B)/initramfs/etc $(B)/initramfs/lib/modules $(B)/initramfs/lib/test
	$(Q)$(foreach k,$(staged-kos),$(OBJCOPY) --strip-debug $(k) $(B)/initramfs/lib/modules/$(notdir $(k)) &&) true
	$(Q)cp $(bad-kos) $(B)/initramfs/lib/test/
	$(Q)printf 'Welcome to Kelp.\n' > $(B)/initramfs/etc/motd
	$(Q)head -c 200 $(B)/initramfs/bin/true > $(B)/initramfs/bin/badelf	# truncated: refused
	$(Q)$(PYTHON) tools/mkcpio.py $(B)/initramfs $@.new
	$(Q)cmp -s $@.new $@ && rm $@.new || mv $@.new $@

$(B)/kelp.iso: $(B)/kelp.elf $(B)/initramfs.cpio boot/grub.cfg | deps-iso
	@$(if $(Q),echo "  ISO     $@")
	$(Q)rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	$(Q)cp boot/grub.cfg $(B)/iso/boot/grub/grub.cfg
	$(Q)$(OBJCOPY) --strip-all $(B)/kelp.elf $(B)/iso/boot/kelp.elf
	$(Q)cp $(B)/initramfs.cpio $(B)/iso/boot/initramfs.cpio
	$(Q)mkdir -p $(B)/iso/boot/test
	$(Q)head -c 300 $(B)/initramfs.cpio > $(B)/iso/boot/test/truncated.cpio
	$(Q)sed '1s/^070701/07X701/' $(B)/initramfs.cpio > $(B)/iso/boot/test/badmagic.cpio
	$(Q)grub-mkrescue -o $@ $(B)/iso >$(B)/grub-mkrescue.log 2>&1 || \
		{ cat $(B)/grub-mkrescue.log; exit 1; }

iso: $(B)/kelp.iso

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
QEMU_FLAGS += -drive if=none,id=cd,media=cdrom,format=raw,readonly=on,file=$(B)/kelp.iso
QEMU_FLAGS += $(QEMU_CMDLINE)

run: $(B)/kelp.iso | deps-run
	@echo "Kelp on COM1. Leave with Ctrl-A X (or type poweroff)."
	$(Q)$(QEMU) $(QEMU_FLAGS) || true

run-uefi: $(B)/kelp.iso | deps-run
	@echo "Kelp on COM1 through OVMF. Leave with Ctrl-A X (or type poweroff)."
	$(Q)$(QEMU) $(QEMU_FLAGS) -bios $(OVMF) || true

run-gdb: $(B)/kelp.iso | deps-run
	@echo "QEMU waits for gdb on localhost:1234: run 'make gdb' in another terminal."
	$(Q)$(QEMU) $(QEMU_FLAGS) -s -S || true

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
UNIT_CFLAGS += -Itests/unit
UNIT_CFLAGS += -Wall
UNIT_CFLAGS += -Wextra
UNIT_CFLAGS += -Wno-unused-parameter
UNIT_CFLAGS += -Wno-sign-compare
UNIT_CFLAGS += -MMD
UNIT_CFLAGS += -MP

unit-srcs := $(wildcard tests/unit/test_*.c)
unit-bins := $(patsubst tests/unit/%.c,$(B)/unit/%,$(unit-srcs))

$(B)/unit/%: tests/unit/%.c | deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UNIT    $<")
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< -lcmocka

# The loader's unit test reads real modules (build/modules/*.ko).
unit: $(unit-bins) $(module-kos)

# libFuzzer targets, same include-the-source scheme.
FUZZ_CFLAGS := -g
FUZZ_CFLAGS += -O1
FUZZ_CFLAGS += -fsanitize=fuzzer,address,undefined
FUZZ_CFLAGS += -D__KELP_HOST__
FUZZ_CFLAGS += -idirafter include
FUZZ_CFLAGS += -Itests/unit
FUZZ_CFLAGS += -MMD
FUZZ_CFLAGS += -MP

fuzz-srcs := $(wildcard tests/fuzz/fuzz_*.c)
fuzz-bins := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(fuzz-srcs))

$(B)/fuzz/%: tests/fuzz/%.c | deps-test
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $<")
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -o $@ $<

fuzz-build: $(fuzz-bins)

fuzz: fuzz-build
	$(Q)FUZZ_SECONDS=$(if $(filter command line,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),300) \
		$(PYTHON) tests/run_all.py --only fuzz

# ---------------------------------------------------------------------------
# Tests and benchmarks

test: $(B)/kelp.iso unit fuzz-build | deps-run deps-test
	$(Q)tools/check-tree
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) $(PYTHON) tests/run_all.py

bench: $(B)/kelp.iso $(B)/floor/floor.iso | deps-run
	$(Q)$(PYTHON) tests/qemu/bench.py

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

clean:
	rm -rf $(B)

FORCE:

.PHONY: all iso run run-uefi run-gdb gdb unit fuzz fuzz-build test bench clean userland FORCE

.PHONY: all iso modules run run-uefi run-gdb gdb unit fuzz fuzz-build test bench clean FORCE
.PHONY: deps-build deps-iso deps-run deps-test

-include $(shell find $(B) -name '*.d' 2>/dev/null)
