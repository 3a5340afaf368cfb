/*
 * Private to dynamic debug (kernel/dynamic_debug.c) and its host unit
 * test and fuzzer: the tables of call sites and the query engine, which
 * build without the rest of the kernel. Callers hold ddebug_lock in the
 * kernel; the host tools are single-threaded.
 */
#ifndef KELP_DYNAMIC_DEBUG_H
#define KELP_DYNAMIC_DEBUG_H

#include <kelp/printk.h>
#include <kelp/list.h>

/* The call sites of the kernel or of one module. */
struct ddebug_table {
	struct list_head link;
	const void *owner;		/* the module, NULL for the kernel */
	struct _ddebug *sites;
	unsigned int num;
};

void ddebug_table_add(struct ddebug_table *t);
void ddebug_table_del(struct ddebug_table *t);

/*
 * Runs Linux's dynamic debug queries in buf (modified in place), split at
 * ';' and newlines; blank and '#' queries are skipped. Every good query
 * is applied even if another is bad. Returns the number of sites changed,
 * or -EINVAL if any query was bad (its reason logged, "dyndbg: ...").
 */
int ddebug_exec_queries(char *buf);

/* The module name a site is listed under (buf holds a built-in's). */
const char *ddebug_modname(const struct _ddebug *dp, char *buf, size_t size);

#endif /* KELP_DYNAMIC_DEBUG_H */
