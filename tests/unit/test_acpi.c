/*
 * Unit tests of drivers/acpi_tables.c: firmware tables are built in a fake
 * physical memory (a buffer standing for the range PHYS_BASE..), the way
 * SeaBIOS (RSDP 1.0, RSDT) and OVMF (RSDP 2.0, XSDT) lay them out, then
 * broken: bad checksums, lengths past the end, entries running past the
 * MADT, a root pointing nowhere. Also the Multiboot2 ACPI tags of
 * kernel/boot_info.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

#undef __always_inline
#define strerror kelp_strerror
#include "../../drivers/acpi_tables.c"

#define PHYS_BASE 0x100000ull
#define MEM_SIZE 8192

static u8 mem[MEM_SIZE];

static void put16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }

/* acpi_map_fn over mem; counts calls in *ctx when given. */
static const void *fake_map(void *ctx, u64 phys, size_t len)
{
	if (ctx)
		(*(int *)ctx)++;
	if (phys < PHYS_BASE || phys - PHYS_BASE > MEM_SIZE || len > MEM_SIZE - (phys - PHYS_BASE))
		return NULL;
	return mem + (phys - PHYS_BASE);
}

static void fix_sum(u8 *p, size_t len, size_t at)
{
	u8 sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum += p[i];
	p[at] = (u8)-sum;
}

/* An SDT header at offset off of mem with signature sig and total length len. */
static u8 *sdt(u32 off, const char *sig, u32 len)
{
	u8 *t = mem + off;

	memset(t, 0, len);
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = 1;
	memcpy(t + 10, "BOCHS ", 6);
	memcpy(t + 16, "BXPC    ", 8);
	return t;
}

static void sdt_sum(u8 *t)
{
	u32 len;

	memcpy(&len, t + 4, 4);
	fix_sum(t, len, 9);
}

/* A MADT at 0x1000 with 2 CPUs (one disabled), an x2APIC CPU, an IOAPIC, an override. */
static u32 build_madt(void)
{
	u32 len = 44 + 8 + 8 + 16 + 12 + 10;
	u8 *t = sdt(0x1000, "APIC", len), *e = t + 44;

	put32(t + 36, 0xfee00000);
	put32(t + 40, 1);
	e[0] = 0; e[1] = 8; e[2] = 0; e[3] = 0; put32(e + 4, 1); e += 8;
	e[0] = 0; e[1] = 8; e[2] = 1; e[3] = 1; put32(e + 4, 2); e += 8;
	e[0] = 9; e[1] = 16; put32(e + 4, 300); put32(e + 8, 1); put32(e + 12, 7); e += 16;
	e[0] = 1; e[1] = 12; e[2] = 2; put32(e + 4, 0xfec00000); put32(e + 8, 0); e += 12;
	e[0] = 2; e[1] = 10; e[2] = 0; e[3] = 0; put32(e + 4, 2); put16(e + 8, 0);
	sdt_sum(t);
	return len;
}

/* SeaBIOS-like: RSDP 1.0 at 0, RSDT at 0x200 naming a FACP-like table and the MADT. */
static void build_v1(u8 *rsdp)
{
	u8 *rsdt, *facp;

	memset(mem, 0, sizeof(mem));
	build_madt();
	facp = sdt(0x800, "FACP", 64);
	sdt_sum(facp);
	rsdt = sdt(0x200, "RSDT", 36 + 8);
	put32(rsdt + 36, PHYS_BASE + 0x800);
	put32(rsdt + 40, PHYS_BASE + 0x1000);
	sdt_sum(rsdt);
	memset(rsdp, 0, 36);
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "BOCHS ", 6);
	rsdp[15] = 0;
	put32(rsdp + 16, PHYS_BASE + 0x200);
	fix_sum(rsdp, 20, 8);
}

/* OVMF-like: RSDP 2.0 with an XSDT at 0x400 (and an RSDT it must not use). */
static void build_v2(u8 *rsdp)
{
	u8 *xsdt;

	build_v1(rsdp);
	xsdt = sdt(0x400, "XSDT", 36 + 16);
	put64(xsdt + 36, PHYS_BASE + 0x800);
	put64(xsdt + 44, PHYS_BASE + 0x1000);
	sdt_sum(xsdt);
	rsdp[15] = 2;
	put32(rsdp + 20, 36);
	put64(rsdp + 24, PHYS_BASE + 0x400);
	fix_sum(rsdp, 20, 8);
	fix_sum(rsdp, 36, 32);
}

static void test_v1_tables(void **state)
{
	struct acpi_rsdp_info info;
	struct acpi_madt_info madt;
	u8 rsdp[36];
	const void *t;
	u32 len;

	(void)state;
	build_v1(rsdp);
	assert_int_equal(acpi_rsdp_parse(rsdp, 20, &info), 0);
	assert_int_equal(info.revision, 0);
	assert_false(info.root_is_xsdt);
	assert_string_equal(info.oem_id, "BOCHS ");
	t = acpi_find_table(&info, "APIC", fake_map, NULL, &len);
	assert_ptr_equal(t, mem + 0x1000);
	assert_int_equal(acpi_madt_parse(t, len, &madt), 0);
	assert_int_equal(madt.lapic_addr, 0xfee00000);
	assert_true(madt.pcat_compat);
	assert_int_equal(madt.cpu_count, 3);
	assert_true(madt.cpus[0].enabled);
	assert_false(madt.cpus[1].enabled);
	assert_true(madt.cpus[1].online_capable);
	assert_int_equal(madt.cpus[2].apic_id, 300);
	assert_int_equal(madt.cpus[2].acpi_id, 7);
	assert_int_equal(madt.ioapic_count, 1);
	assert_int_equal(madt.ioapics[0].addr, 0xfec00000);
	assert_int_equal(madt.override_count, 1);
	assert_int_equal(madt.overrides[0].gsi, 2);
	assert_null(acpi_find_table(&info, "HPET", fake_map, NULL, &len));
}

static void test_v2_uses_xsdt(void **state)
{
	struct acpi_rsdp_info info;
	u8 rsdp[36];
	u32 len;

	(void)state;
	build_v2(rsdp);
	assert_int_equal(acpi_rsdp_parse(rsdp, 36, &info), 0);
	assert_true(info.root_is_xsdt);
	assert_int_equal(info.root_phys, PHYS_BASE + 0x400);
	assert_ptr_equal(acpi_find_table(&info, "APIC", fake_map, NULL, &len), mem + 0x1000);
	/* A 2.0 RSDP cut to 20 bytes is refused: its extended part is missing. */
	assert_int_equal(acpi_rsdp_parse(rsdp, 20, &info), -EINVAL);
}

static void test_bad_rsdp(void **state)
{
	struct acpi_rsdp_info info;
	u8 rsdp[36];

	(void)state;
	build_v2(rsdp);
	rsdp[0] = 'X';
	assert_int_equal(acpi_rsdp_parse(rsdp, 36, &info), -EINVAL);
	build_v2(rsdp);
	rsdp[10] ^= 1;		/* v1 checksum */
	assert_int_equal(acpi_rsdp_parse(rsdp, 36, &info), -EINVAL);
	build_v2(rsdp);
	rsdp[33] ^= 1;		/* extended checksum only */
	assert_int_equal(acpi_rsdp_parse(rsdp, 36, &info), -EINVAL);
	build_v2(rsdp);
	put32(rsdp + 20, 4096);	/* length past the copy */
	fix_sum(rsdp, 20, 8);
	assert_int_equal(acpi_rsdp_parse(rsdp, 36, &info), -EINVAL);
	assert_int_equal(acpi_rsdp_parse(NULL, 36, &info), -EINVAL);
	assert_int_equal(acpi_rsdp_parse(rsdp, 19, &info), -EINVAL);
}

static void test_bad_tables_skipped(void **state)
{
	struct acpi_rsdp_info info;
	u8 rsdp[36];
	u32 len;

	(void)state;
	build_v1(rsdp);
	assert_int_equal(acpi_rsdp_parse(rsdp, 20, &info), 0);
	mem[0x1000 + 50] ^= 0xff;	/* MADT checksum broken: not found */
	assert_null(acpi_find_table(&info, "APIC", fake_map, NULL, &len));
	build_v1(rsdp);
	put32(mem + 0x1000 + 4, MEM_SIZE);	/* length past the memory */
	assert_null(acpi_find_table(&info, "APIC", fake_map, NULL, &len));
	build_v1(rsdp);
	put32(mem + 0x200 + 40, 0xdead0000);	/* root entry pointing nowhere */
	sdt_sum(mem + 0x200);
	assert_null(acpi_find_table(&info, "APIC", fake_map, NULL, &len));
	build_v1(rsdp);
	put32(mem + 0x1000 + 4, 20);	/* shorter than a header */
	assert_null(acpi_map_table(PHYS_BASE + 0x1000, fake_map, NULL, &len));
	info.root_phys = PHYS_BASE + 0x1000;	/* root of the wrong kind */
	assert_null(acpi_find_table(&info, "APIC", fake_map, NULL, &len));
}

static void test_madt_bad_entries(void **state)
{
	struct acpi_madt_info madt;
	u32 len;
	u8 *t;

	(void)state;
	memset(mem, 0, sizeof(mem));
	len = build_madt();
	t = mem + 0x1000;
	t[44 + 1] = 1;		/* entry length below 2 */
	assert_int_equal(acpi_madt_parse(t, len, &madt), -EINVAL);
	build_madt();
	t[44 + 1] = 200;	/* entry past the table */
	assert_int_equal(acpi_madt_parse(t, len, &madt), -EINVAL);
	build_madt();
	t[44 + 1] = 4;		/* LAPIC entry too short for its type */
	assert_int_equal(acpi_madt_parse(t, len, &madt), -EINVAL);
	build_madt();
	assert_int_equal(acpi_madt_parse(t, len - 1, &madt), -EINVAL);	/* length disagrees */
	assert_int_equal(acpi_madt_parse(t, 40, &madt), -EINVAL);
	memcpy(t, "FACP", 4);
	assert_int_equal(acpi_madt_parse(t, len, &madt), -EINVAL);
}

/* More CPUs than ACPI_MAX_CPUS: the rest are counted, not written past the array. */
static void test_madt_many_cpus(void **state)
{
	u32 n = ACPI_MAX_CPUS + 5, len = 44 + 8 * n + 12;
	struct acpi_madt_info madt;
	u8 *t = sdt(0x0, "APIC", len), *e = t + 44;

	(void)state;
	for (u32 i = 0; i < n; i++, e += 8) {
		e[0] = 0; e[1] = 8; e[2] = i; e[3] = i; put32(e + 4, 1);
	}
	e[0] = 5; e[1] = 12; put64(e + 4, 0xfed00000);	/* address override */
	assert_int_equal(acpi_madt_parse(t, len, &madt), 0);
	assert_int_equal(madt.cpu_count, ACPI_MAX_CPUS);
	assert_int_equal(madt.cpus_dropped, 5);
	assert_int_equal(madt.lapic_addr, 0xfed00000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1_tables),
		cmocka_unit_test(test_v2_uses_xsdt),
		cmocka_unit_test(test_bad_rsdp),
		cmocka_unit_test(test_bad_tables_skipped),
		cmocka_unit_test(test_madt_bad_entries),
		cmocka_unit_test(test_madt_many_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
