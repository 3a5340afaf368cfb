/*
 * The pure half of ACPI (include/kelp/acpi.h): the RSDP, the walk of the
 * RSDT/XSDT and the MADT's entries. Firmware tables are treated as
 * untrusted input: every field is read with a bounded, unaligned load,
 * every table's length is checked before its checksum, and an entry that
 * runs past its table ends the parse with -EINVAL. No globals, no
 * allocation: built on the host for unit tests and fuzzing as well.
 */
#include <kelp/acpi.h>
#include <kelp/compiler.h>
#include <kelp/errno.h>
#include <kelp/string.h>
#include <kelp/unaligned.h>

#define RSDP_V1_LEN		20
#define RSDP_V2_LEN		36

/* MADT: after the SDT header come the local APIC address and the flags. */
#define MADT_ENTRIES		44
#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_OVERRIDE		2
#define MADT_LAPIC_ADDR		5
#define MADT_X2APIC		9

/* ACPI checksums: every byte of the structure adds up to 0 (mod 256). */
static u8 acpi_sum(const u8 *p, size_t len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

/* See acpi.h. */
int acpi_rsdp_parse(const void *rsdp, size_t len, struct acpi_rsdp_info *info)
{
	const u8 *p = rsdp;

	memset(info, 0, sizeof(*info));
	if (!p || len < RSDP_V1_LEN || memcmp(p, "RSD PTR ", 8) || acpi_sum(p, RSDP_V1_LEN))
		return -EINVAL;
	info->revision = p[15];
	memcpy(info->oem_id, p + 9, 6);
	info->root_phys = get_unaligned_le32(p + 16);
	info->length = RSDP_V1_LEN;
	if (info->revision < 2)
		return info->root_phys ? 0 : -EINVAL;

	/* 2.0+: the length field covers the extended part, which must be here. */
	if (len < RSDP_V2_LEN)
		return -EINVAL;
	info->length = get_unaligned_le32(p + 20);
	if (info->length < RSDP_V2_LEN || info->length > len || acpi_sum(p, info->length))
		return -EINVAL;
	if (get_unaligned_le64(p + 24)) {
		info->root_phys = get_unaligned_le64(p + 24);
		info->root_is_xsdt = true;
	}
	return info->root_phys ? 0 : -EINVAL;
}

/* See acpi.h. */
const void *acpi_map_table(u64 phys, acpi_map_fn map, void *ctx, u32 *len)
{
	const u8 *t;
	u32 n;

	if (!phys)
		return NULL;
	t = map(ctx, phys, ACPI_SDT_HDR_LEN);
	if (!t)
		return NULL;
	n = get_unaligned_le32(t + 4);
	if (n < ACPI_SDT_HDR_LEN || n > ACPI_TABLE_MAX)
		return NULL;
	t = map(ctx, phys, n);
	/* Read the length again: the first mapping may have been a window. */
	if (!t || get_unaligned_le32(t + 4) != n || acpi_sum(t, n))
		return NULL;
	*len = n;
	return t;
}

/* See acpi.h. */
const void *acpi_find_table(const struct acpi_rsdp_info *rsdp, const char *sig,
			    acpi_map_fn map, void *ctx, u32 *len)
{
	size_t entry = rsdp->root_is_xsdt ? 8 : 4;
	const u8 *root;
	u32 root_len, n;

	root = acpi_map_table(rsdp->root_phys, map, ctx, &root_len);
	if (!root || memcmp(root, rsdp->root_is_xsdt ? "XSDT" : "RSDT", 4))
		return NULL;
	n = (root_len - ACPI_SDT_HDR_LEN) / entry;
	for (u32 i = 0; i < n; i++) {
		const u8 *e = root + ACPI_SDT_HDR_LEN + (size_t)i * entry;
		u64 phys = entry == 8 ? get_unaligned_le64(e) : get_unaligned_le32(e);
		const u8 *t;
		u32 tlen;

		/*
		 * The mapping of the root may be a window the next map call
		 * reuses: read the entry before mapping what it names, and map
		 * the root again afterwards.
		 */
		t = acpi_map_table(phys, map, ctx, &tlen);
		if (t && !memcmp(t, sig, 4)) {
			*len = tlen;
			return t;
		}
		root = acpi_map_table(rsdp->root_phys, map, ctx, &root_len);
		if (!root)
			return NULL;
	}
	return NULL;
}

static void madt_add_cpu(struct acpi_madt_info *info, u32 apic_id, u32 acpi_id, u32 flags)
{
	struct acpi_cpu *c;

	if (info->cpu_count >= ACPI_MAX_CPUS) {
		info->cpus_dropped++;
		return;
	}
	c = &info->cpus[info->cpu_count++];
	c->apic_id = apic_id;
	c->acpi_id = acpi_id;
	c->enabled = flags & 1;
	c->online_capable = flags & 2;
}

/* One entry of len bytes (len >= 2, inside the table). */
static int madt_entry(struct acpi_madt_info *info, const u8 *e, u8 len)
{
	switch (e[0]) {
	case MADT_LAPIC:
		if (len < 8)
			return -EINVAL;
		madt_add_cpu(info, e[3], e[2], get_unaligned_le32(e + 4));
		return 0;
	case MADT_X2APIC:
		if (len < 16)
			return -EINVAL;
		madt_add_cpu(info, get_unaligned_le32(e + 4), get_unaligned_le32(e + 12), get_unaligned_le32(e + 8));
		return 0;
	case MADT_IOAPIC:
		if (len < 12)
			return -EINVAL;
		if (info->ioapic_count < ACPI_MAX_IOAPICS) {
			struct acpi_ioapic *io = &info->ioapics[info->ioapic_count++];

			io->id = e[2];
			io->addr = get_unaligned_le32(e + 4);
			io->gsi_base = get_unaligned_le32(e + 8);
		}
		return 0;
	case MADT_OVERRIDE:
		if (len < 10)
			return -EINVAL;
		if (info->override_count < ACPI_MAX_OVERRIDES) {
			struct acpi_override *o = &info->overrides[info->override_count++];

			o->bus = e[2];
			o->source = e[3];
			o->gsi = get_unaligned_le32(e + 4);
			o->flags = get_unaligned_le16(e + 8);
		}
		return 0;
	case MADT_LAPIC_ADDR:
		if (len < 12)
			return -EINVAL;
		info->lapic_addr = get_unaligned_le64(e + 4);
		return 0;
	default:
		info->unknown_entries++;
		return 0;
	}
}

/* See acpi.h. */
int acpi_madt_parse(const void *madt, u32 len, struct acpi_madt_info *info)
{
	const u8 *t = madt;
	u32 off = MADT_ENTRIES;

	memset(info, 0, sizeof(*info));
	if (!t || len < MADT_ENTRIES || memcmp(t, "APIC", 4) || get_unaligned_le32(t + 4) != len)
		return -EINVAL;
	info->lapic_addr = get_unaligned_le32(t + 36);
	info->pcat_compat = get_unaligned_le32(t + 40) & 1;
	while (off < len) {
		u8 elen;

		if (len - off < 2)
			return -EINVAL;
		elen = t[off + 1];
		if (elen < 2 || elen > len - off)
			return -EINVAL;
		if (madt_entry(info, t + off, elen))
			return -EINVAL;
		off += elen;
	}
	return 0;
}
