/*
 * The CPU masks as Linux shows them: /sys/devices/system/cpu/possible,
 * present and online, each a list of ranges ("0-3", "0,2-3"). possible
 * and present are the CPUs smp_init() tried (the MADT's, within nr_cpus),
 * online the ones that came up (include/kelp/smp.h).
 */
#include <kelp/kobject.h>
#include <kelp/mm.h>
#include <kelp/printk.h>
#include <kelp/smp.h>
#include <kelp/string.h>

/* See smp.h. */
ssize_t cpulist_print(char *buf, size_t len, u64 mask)
{
	size_t n = 0;

	for (int i = 0; i < NR_CPUS; i++) {
		int j = i;

		if (!(mask & (1ULL << i)))
			continue;
		while (j + 1 < NR_CPUS && (mask & (1ULL << (j + 1))))
			j++;
		n += scnprintf(buf + n, len - n, n ? ",%d" : "%d", i);
		if (j > i)
			n += scnprintf(buf + n, len - n, "-%d", j);
		i = j;
	}
	n += scnprintf(buf + n, len - n, "\n");
	return n;
}

static ssize_t online_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	/* Pairs with the release in start_secondary(): a CPU shown is set up. */
	return cpulist_print(buf, PAGE_SIZE, smp_load_acquire(&cpu_online_mask));
}

static ssize_t possible_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return cpulist_print(buf, PAGE_SIZE, cpu_possible_mask);
}

static struct kobj_attribute online_attr = __ATTR_RO(online);
static struct kobj_attribute possible_attr = __ATTR(possible, 0444, possible_show, NULL);
static struct kobj_attribute present_attr = __ATTR(present, 0444, possible_show, NULL);

/* See smp.h. */
void cpu_sysfs_init(void)
{
	struct kobject *devices = kobject_create_and_add("devices", NULL);
	struct kobject *system = devices ? kobject_create_and_add("system", devices) : NULL;
	struct kobject *cpu = system ? kobject_create_and_add("cpu", system) : NULL;

	if (!cpu || sysfs_create_file(cpu, &online_attr.attr) ||
	    sysfs_create_file(cpu, &possible_attr.attr) || sysfs_create_file(cpu, &present_attr.attr))
		pr_warn("cpu: cannot create /sys/devices/system/cpu\n");
}
