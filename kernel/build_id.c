/*
 * The kernel's build ID: found in the ELF notes linker.ld keeps between
 * __start_notes and __stop_notes (the GNU build-id note, 20 bytes of SHA-1
 * with --build-id=sha1), turned into hex once. The module loader compares
 * it with a live patch's modinfo kelp_build_id (kernel/module/link.c), and
 * /sys/kernel/build_id shows it to tools/kelpctl and to people.
 */
#include <kelp/build_id.h>
#include <kelp/kobject.h>
#include <kelp/printk.h>
#include <kelp/string.h>

extern const u8 __start_notes[], __stop_notes[];

#define NT_GNU_BUILD_ID 3

static char build_id_hex[2 * BUILD_ID_MAX + 1];
static bool build_id_done;

/* Walks the notes (namesz, descsz, type, name, desc; 4-byte aligned). */
static void build_id_find(void)
{
	const u8 *p = __start_notes;

	while (p + 12 <= __stop_notes) {
		u32 namesz, descsz, type;
		const u8 *desc;

		memcpy(&namesz, p, 4);
		memcpy(&descsz, p + 4, 4);
		memcpy(&type, p + 8, 4);
		desc = p + 12 + ALIGN_UP(namesz, 4);
		if (desc + descsz > __stop_notes)
			return;
		if (type == NT_GNU_BUILD_ID && namesz == 4 && !memcmp(p + 12, "GNU", 4) &&
		    descsz <= BUILD_ID_MAX) {
			for (u32 i = 0; i < descsz; i++)
				snprintf(build_id_hex + 2 * i, 3, "%02x", desc[i]);
			return;
		}
		p = desc + ALIGN_UP(descsz, 4);
	}
}

/* See build_id.h. The first call is made at boot (build_id_init), before any reader. */
const char *kernel_build_id(void)
{
	if (!build_id_done) {
		build_id_find();
		build_id_done = true;
	}
	return build_id_hex;
}

static ssize_t build_id_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", kernel_build_id());
}

static struct kobj_attribute build_id_attr = __ATTR_RO(build_id);

/* See build_id.h. */
void build_id_init(void)
{
	int err;

	kernel_build_id();
	err = sysfs_create_file(kernel_kobj, &build_id_attr.attr);
	if (err)
		pr_warn("build_id: cannot create /sys/kernel/build_id (%d)\n", err);
}
