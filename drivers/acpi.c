/*
 * ACPI at boot (include/kelp/acpi.h): the RSDP copy from the Multiboot2
 * information, then the root table and the MADT, each logged in Linux's
 * format. Tables are read through the direct map: firmware puts them in
 * RAM below the highest usable address, which the direct map covers; a
 * table outside it is reported and ignored rather than mapped blindly.
 * The result (acpi_madt) is what SMP bring-up reads: the CPUs, the I/O
 * APICs and the ISA interrupt overrides.
 */
#include <kelp/acpi.h>
#include <kelp/boot_info.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/string.h>
#include <kelp/unaligned.h>

struct acpi_madt_info acpi_madt;
bool acpi_madt_found;

/* acpi_map_fn over the direct map; ctx unused. */
static const void *acpi_map_direct(void *ctx, u64 phys, size_t len)
{
	if (phys + len < phys || phys + len > direct_map_end) {
		pr_warn("ACPI: table at 0x%llx (%zu bytes) outside the direct map\n",
			(unsigned long long)phys, len);
		return NULL;
	}
	return phys_to_virt(phys);
}

/* Linux's line for one table: signature, address, length, then the header's ids. */
static void acpi_log_table(const u8 *t, u64 phys)
{
	u32 len, oem_rev, creator_rev;

	len = get_unaligned_le32(t + 4);
	oem_rev = get_unaligned_le32(t + 24);
	creator_rev = get_unaligned_le32(t + 32);
	pr_info("ACPI: %.4s 0x%016llX %06X (v%02d %.6s %.8s %08X %.4s %08X)\n",
		(const char *)t, (unsigned long long)phys, len, t[8],
		(const char *)t + 10, (const char *)t + 16, oem_rev,
		(const char *)t + 28, creator_rev);
}

/* Physical address of a table the direct map gave us. */
static u64 acpi_phys(const void *t)
{
	return virt_to_phys(t);
}

/* See acpi.h. */
void acpi_init(void)
{
	struct acpi_rsdp_info rsdp;
	const u8 *root, *madt;
	u32 len;

	if (!boot_info.acpi_rsdp_len) {
		pr_info("ACPI: no RSDP from the boot loader: one CPU\n");
		return;
	}
	if (acpi_rsdp_parse(boot_info.acpi_rsdp, boot_info.acpi_rsdp_len, &rsdp)) {
		pr_warn("ACPI: the RSDP copy is invalid (signature or checksum): one CPU\n");
		return;
	}
	pr_info("ACPI: RSDP (v%02d %.6s) root %s at 0x%016llX\n", rsdp.revision, rsdp.oem_id,
		rsdp.root_is_xsdt ? "XSDT" : "RSDT", (unsigned long long)rsdp.root_phys);
	root = acpi_map_table(rsdp.root_phys, acpi_map_direct, NULL, &len);
	if (root)
		acpi_log_table(root, rsdp.root_phys);
	madt = acpi_find_table(&rsdp, "APIC", acpi_map_direct, NULL, &len);
	if (!madt) {
		pr_warn("ACPI: no valid MADT: one CPU\n");
		return;
	}
	acpi_log_table(madt, acpi_phys(madt));
	if (acpi_madt_parse(madt, len, &acpi_madt)) {
		pr_warn("ACPI: the MADT is malformed: one CPU\n");
		memset(&acpi_madt, 0, sizeof(acpi_madt));
		return;
	}
	acpi_madt_found = true;
	pr_info("ACPI: Using ACPI (MADT) for SMP configuration information\n");
	pr_info("ACPI: %u CPUs (%u more ignored), %u IOAPICs, %u overrides, LAPIC at 0x%llx\n",
		acpi_madt.cpu_count, acpi_madt.cpus_dropped, acpi_madt.ioapic_count,
		acpi_madt.override_count, (unsigned long long)acpi_madt.lapic_addr);
}
