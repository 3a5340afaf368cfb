/*
 * ACPI, as much as SMP needs: the RSDP the boot loader hands over, the
 * root table (RSDT or XSDT), and the MADT's processors, I/O APICs and
 * interrupt overrides. The parser (drivers/acpi_tables.c) is pure: tables
 * are reached through a map callback and every length, checksum and entry
 * is checked, since firmware tables are input like any other; host unit
 * tests and a fuzz target run it as is. drivers/acpi.c is the kernel glue.
 */
#ifndef KELP_ACPI_H
#define KELP_ACPI_H

#include <kelp/types.h>

#define ACPI_MAX_CPUS		64
#define ACPI_MAX_IOAPICS	8
#define ACPI_MAX_OVERRIDES	16
#define ACPI_TABLE_MAX		(1u << 20)	/* longer tables are refused */
#define ACPI_SDT_HDR_LEN	36

/* What the RSDP says (acpi_rsdp_parse). */
struct acpi_rsdp_info {
	u8 revision;		/* 0: ACPI 1.0 (RSDT only), 2+: has an XSDT */
	char oem_id[7];
	u64 root_phys;		/* the XSDT when there is one, else the RSDT */
	bool root_is_xsdt;
	u32 length;		/* bytes of the RSDP itself: 20 or its length field */
};

struct acpi_cpu {
	u32 apic_id;		/* local APIC (or x2APIC) id */
	u32 acpi_id;		/* processor UID */
	bool enabled;		/* usable now (flags bit 0) */
	bool online_capable;	/* may be enabled later (flags bit 1) */
};

struct acpi_ioapic {
	u32 id;
	u32 addr;		/* physical MMIO base */
	u32 gsi_base;		/* first global system interrupt it serves */
};

struct acpi_override {
	u8 bus, source;		/* ISA IRQ `source` ... */
	u32 gsi;		/* ... arrives on this GSI */
	u16 flags;		/* MPS INTI flags: polarity bits 0-1, trigger bits 2-3 */
};

/* What the MADT says (acpi_madt_parse). */
struct acpi_madt_info {
	u64 lapic_addr;		/* after any address override entry */
	bool pcat_compat;	/* flags bit 0: 8259 PICs present */
	u32 cpu_count;
	struct acpi_cpu cpus[ACPI_MAX_CPUS];
	u32 cpus_dropped;	/* entries past ACPI_MAX_CPUS */
	u32 ioapic_count;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	u32 override_count;
	struct acpi_override overrides[ACPI_MAX_OVERRIDES];
	u32 unknown_entries;	/* entry types Kelp does not use */
};

/*
 * Returns a pointer to len readable bytes of physical memory at phys, or
 * NULL when that range cannot be reached.
 */
typedef const void *(*acpi_map_fn)(void *ctx, u64 phys, size_t len);

/*
 * Checks an RSDP copy of len bytes (signature, checksum, and for revision
 * 2+ the extended checksum over its length) and fills *info. Returns 0 or
 * -EINVAL. Pure.
 */
int acpi_rsdp_parse(const void *rsdp, size_t len, struct acpi_rsdp_info *info);

/*
 * Maps the table at phys through map: its header, then its whole length,
 * which must be at least a header and at most ACPI_TABLE_MAX, with a zero
 * checksum. Returns the table and sets *len, or NULL. Pure.
 */
const void *acpi_map_table(u64 phys, acpi_map_fn map, void *ctx, u32 *len);

/*
 * Finds the first table with signature sig (4 characters) among the root
 * table's entries (rsdp: a parsed RSDP). Tables that do not map or fail
 * their checksum are skipped. Returns the table and sets *len, or NULL.
 * Pure.
 */
const void *acpi_find_table(const struct acpi_rsdp_info *rsdp, const char *sig,
			    acpi_map_fn map, void *ctx, u32 *len);

/*
 * Parses a MADT ("APIC") of len bytes into *info (cleared first). An entry
 * shorter than its type needs or running past the end makes it -EINVAL;
 * entries of types Kelp does not use are counted and skipped. Returns 0 or
 * -EINVAL. Pure.
 */
int acpi_madt_parse(const void *madt, u32 len, struct acpi_madt_info *info);

/* The kernel's view, filled by acpi_init(); valid when acpi_madt_found. */
extern struct acpi_madt_info acpi_madt;
extern bool acpi_madt_found;

/*
 * Finds and parses the MADT from boot_info's RSDP, logging each table as
 * Linux does ("ACPI: APIC 0x... (v01 BOCHS  BXPC ...)"). Without ACPI, or
 * with broken tables, it says why and leaves acpi_madt_found false: the
 * boot CPU alone then runs Kelp. Boot context, after paging_init().
 */
void acpi_init(void);

#endif /* KELP_ACPI_H */
