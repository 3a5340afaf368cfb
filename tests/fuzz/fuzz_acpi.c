/*
 * libFuzzer target for drivers/acpi_tables.c. The input is a fake
 * physical memory starting at FUZZ_BASE whose first 36 bytes are the RSDP
 * copy; the RSDP is parsed, the root table walked for the MADT, and the
 * MADT parsed; the input is also parsed as a MADT on its own. Checks the
 * parser's promises: every mapping stays inside the memory (ASan sees the
 * exact-size heap copy), counts within their arrays, lengths as declared.
 */
#include <stdint.h>
#include <stdlib.h>

#undef __always_inline
#define strerror kelp_strerror
#include "../../drivers/acpi_tables.c"

#define FUZZ_BASE 0x1000ull

struct fuzz_mem {
	const u8 *p;
	size_t len;
};

static const void *fuzz_map(void *ctx, u64 phys, size_t len)
{
	struct fuzz_mem *m = ctx;

	if (phys < FUZZ_BASE || phys - FUZZ_BASE > m->len || len > m->len - (phys - FUZZ_BASE))
		return NULL;
	return m->p + (phys - FUZZ_BASE);
}

static void check_madt(const struct acpi_madt_info *madt)
{
	if (madt->cpu_count > ACPI_MAX_CPUS || madt->ioapic_count > ACPI_MAX_IOAPICS ||
	    madt->override_count > ACPI_MAX_OVERRIDES)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct acpi_madt_info madt;
	struct acpi_rsdp_info rsdp;
	u8 *copy = malloc(size ? size : 1);
	struct fuzz_mem m = { copy, size };
	const u8 *t;
	u32 len;

	if (!copy)
		abort();
	memcpy(copy, data, size);
	if (!acpi_rsdp_parse(copy, size < 36 ? size : 36, &rsdp)) {
		t = acpi_find_table(&rsdp, "APIC", fuzz_map, &m, &len);
		if (t) {
			if (t < copy || t + len > copy + size || memcmp(t, "APIC", 4))
				abort();
			if (!acpi_madt_parse(t, len, &madt))
				check_madt(&madt);
		}
	}
	if (!acpi_madt_parse(copy, size, &madt))
		check_madt(&madt);
	free(copy);
	return 0;
}
