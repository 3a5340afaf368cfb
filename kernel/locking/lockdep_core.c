/*
 * The pure core of the lock validator (include/kelp/lockdep.h): classes,
 * the dependency graph, and the three checks made at each acquisition:
 * recursion (the class is already held), order (a new edge held -> new
 * must not close a cycle: a breadth-first search from `new` for `held`),
 * and IRQ usage (one class both taken in IRQ context and with IRQs on in
 * task context). Reports follow the shape of Linux's lockdep reports, with
 * both chains, so that a Linux engineer reads them at a glance.
 * Tables are fixed-size; when one fills up the validator says so and
 * stops, it never allocates. The caller serialises every call.
 */
#include <kelp/lockdep.h>
#include <kelp/compiler.h>
#include <kelp/string.h>

#define NO_EDGE		(-1)
#define UNSEEN		(-2)

/* See lockdep.h. */
void lockdep_graph_init(struct lockdep_graph *g, const struct lockdep_ops *ops)
{
	memset(g, 0, sizeof(*g));
	g->ops = ops;
	g->nr_classes = 1;	/* index 0 means "no class" */
}

/* ---- reports ---- */

static void lockdep_print_class(struct lockdep_graph *g, u16 idx)
{
	const struct lockdep_class *c = &g->classes[idx];

	if (c->subclass)
		g->ops->print("(%s/%u)", c->name, c->subclass);
	else
		g->ops->print("(%s)", c->name);
}

/* " (name), at: func+0x../0x..\n" */
static void lockdep_print_lock(struct lockdep_graph *g, u16 idx, unsigned long ip)
{
	g->ops->print(" ");
	lockdep_print_class(g, idx);
	g->ops->print(", at: ");
	g->ops->print_ip(ip);
	g->ops->print("\n");
}

static void lockdep_banner(struct lockdep_graph *g, const char *title)
{
	size_t n = strlen("WARNING: ") + strlen(title);
	char rule[80];

	if (n >= sizeof(rule))
		n = sizeof(rule) - 1;
	memset(rule, '=', n);
	rule[n] = '\0';
	g->ops->print("\n%s\nWARNING: %s\n", rule, title);
	memset(rule, '-', n);
	g->ops->print("%s\n", rule);
}

static void lockdep_print_held(struct lockdep_graph *g, const struct lockdep_ctx *ctx)
{
	g->ops->print("\n%u lock%s held by %s:\n", ctx->depth, ctx->depth == 1 ? "" : "s",
		      g->ops->ctx_name());
	for (u32 i = 0; i < ctx->depth; i++) {
		g->ops->print(" #%u:", i);
		lockdep_print_lock(g, ctx->held[i].class_idx, ctx->held[i].ip);
	}
}

/* Ends every report: the validator goes quiet, as Linux's debug_locks_off(). */
static enum lockdep_report lockdep_report_done(struct lockdep_graph *g, enum lockdep_report r)
{
	g->off = true;
	g->last_report = r;
	return r;
}

static enum lockdep_report lockdep_overflow(struct lockdep_graph *g, const char *what)
{
	g->ops->print("BUG: lockdep: %s table full, the lock validator is off\n", what);
	return lockdep_report_done(g, LOCKDEP_OVERFLOW);
}

/* A dependency's saved call chain, one frame a line, as Linux lists them. */
static void lockdep_print_trace(struct lockdep_graph *g, const unsigned long *trace)
{
	for (u32 i = 0; i < LOCKDEP_TRACE_DEPTH && trace[i]; i++) {
		g->ops->print("       ");
		g->ops->print_ip(trace[i]);
		g->ops->print("\n");
	}
}

/* The two-CPU picture of an AB-BA pair: held = A, new = B, and B -> ... -> A exists. */
static void lockdep_print_scenario(struct lockdep_graph *g, u16 held, u16 new)
{
	g->ops->print("\nother info that might help us debug this:\n\n");
	g->ops->print(" Possible unsafe locking scenario:\n\n");
	g->ops->print("       CPU0                    CPU1\n");
	g->ops->print("       ----                    ----\n");
	g->ops->print("  lock");
	lockdep_print_class(g, held);
	g->ops->print(";\n                               lock");
	lockdep_print_class(g, new);
	g->ops->print(";\n                               lock");
	lockdep_print_class(g, held);
	g->ops->print(";\n  lock");
	lockdep_print_class(g, new);
	g->ops->print(";\n\n *** DEADLOCK ***\n");
}

/*
 * The circular report. The existing chain was found from new to held
 * (g->bfs_via holds the edge that reached each class); it is printed from
 * held back to new, each step with where its lock was taken while the
 * previous one was held.
 */
static enum lockdep_report lockdep_report_circular(struct lockdep_graph *g,
						   const struct lockdep_ctx *ctx,
						   const struct lockdep_held *held,
						   u16 new, unsigned long ip)
{
	u32 n = 0;

	lockdep_banner(g, "possible circular locking dependency detected");
	g->ops->print("%s is trying to acquire lock:\n", g->ops->ctx_name());
	lockdep_print_lock(g, new, ip);
	g->ops->print("\nbut task is already holding lock:\n");
	lockdep_print_lock(g, held->class_idx, held->ip);
	g->ops->print("\nwhich lock already depends on the new lock.\n\n");
	g->ops->print("the existing dependency chain (in reverse order) is:\n");

	for (u16 c = held->class_idx; c != new; c = g->edges[g->bfs_via[c]].from)
		n++;
	for (u16 c = held->class_idx; ; c = g->edges[g->bfs_via[c]].from) {
		g->ops->print("\n-> #%u ", n--);
		lockdep_print_class(g, c);
		g->ops->print(":\n");
		if (c == new) {
			g->ops->print("       being taken now at ");
			g->ops->print_ip(ip);
			g->ops->print("\n       while holding ");
			lockdep_print_class(g, held->class_idx);
			g->ops->print("\n");
			break;
		}
		g->ops->print("       taken at ");
		g->ops->print_ip(g->edges[g->bfs_via[c]].to_ip);
		g->ops->print("\n       while holding ");
		lockdep_print_class(g, g->edges[g->bfs_via[c]].from);
		g->ops->print(" taken at ");
		g->ops->print_ip(g->edges[g->bfs_via[c]].from_ip);
		g->ops->print("\n");
		lockdep_print_trace(g, g->edges[g->bfs_via[c]].trace);
	}
	lockdep_print_scenario(g, held->class_idx, new);
	lockdep_print_held(g, ctx);
	return lockdep_report_done(g, LOCKDEP_CIRCULAR);
}

static enum lockdep_report lockdep_report_recursive(struct lockdep_graph *g,
						    const struct lockdep_ctx *ctx,
						    const struct lockdep_held *held,
						    u16 new, unsigned long ip)
{
	lockdep_banner(g, "possible recursive locking detected");
	g->ops->print("%s is trying to acquire lock:\n", g->ops->ctx_name());
	lockdep_print_lock(g, new, ip);
	g->ops->print("\nbut task is already holding lock:\n");
	lockdep_print_lock(g, held->class_idx, held->ip);
	g->ops->print("\n *** DEADLOCK ***\n\n May be due to missing lock nesting notation\n");
	lockdep_print_held(g, ctx);
	return lockdep_report_done(g, LOCKDEP_RECURSIVE);
}

static const char *const usage_name[2] = { "IN-HARDIRQ-W", "HARDIRQ-ON-W" };

static enum lockdep_report lockdep_report_inconsistent(struct lockdep_graph *g,
						       const struct lockdep_ctx *ctx,
						       u16 idx, int had, int now,
						       unsigned long ip)
{
	lockdep_banner(g, "inconsistent lock state");
	g->ops->print("inconsistent {%s} -> {%s} usage.\n", usage_name[had], usage_name[now]);
	g->ops->print("%s takes:\n", g->ops->ctx_name());
	lockdep_print_lock(g, idx, ip);
	g->ops->print("{%s} state was registered at:\n  ", usage_name[had]);
	g->ops->print_ip(g->classes[idx].usage_ip[had]);
	g->ops->print("\n\nother info that might help us debug this:\n");
	g->ops->print(" Possible unsafe locking scenario:\n\n       CPU0\n       ----\n  lock");
	lockdep_print_class(g, idx);
	g->ops->print(";\n  <Interrupt>\n    lock");
	lockdep_print_class(g, idx);
	g->ops->print(";\n\n *** DEADLOCK ***\n");
	lockdep_print_held(g, ctx);
	return lockdep_report_done(g, LOCKDEP_INCONSISTENT);
}

/* ---- classes and edges ---- */

static u16 lockdep_class_fill(struct lockdep_graph *g, u32 idx, const struct lockdep_map *map,
			      unsigned int sub)
{
	struct lockdep_class *c = &g->classes[idx];

	memset(c, 0, sizeof(*c));
	c->key = map->key;
	c->subclass = sub;
	c->name = map->name ? map->name : "(unnamed)";
	c->first_edge = NO_EDGE;
	return idx;
}

/* The class of (map's key, subclass), registered on first use; 0 when full. */
static u16 lockdep_class_of(struct lockdep_graph *g, struct lockdep_map *map, unsigned int sub)
{
	if (map->class_idx[sub] && map->class_idx[sub] < g->nr_classes &&
	    g->classes[map->class_idx[sub]].key == map->key &&
	    g->classes[map->class_idx[sub]].subclass == sub)
		return map->class_idx[sub];
	for (u32 i = 1; i < g->nr_classes; i++)
		if (g->classes[i].key == map->key && g->classes[i].subclass == sub)
			return map->class_idx[sub] = i;
	for (u32 i = 1; i < g->nr_classes; i++)	/* a slot lockdep_forget_keys() freed */
		if (!g->classes[i].key)
			return map->class_idx[sub] = lockdep_class_fill(g, i, map, sub);
	if (g->nr_classes >= LOCKDEP_MAX_CLASSES)
		return 0;
	return map->class_idx[sub] = lockdep_class_fill(g, g->nr_classes++, map, sub);
}

static bool lockdep_has_edge(const struct lockdep_graph *g, u16 from, u16 to)
{
	for (s32 e = g->classes[from].first_edge; e != NO_EDGE; e = g->edges[e].next)
		if (g->edges[e].to == to)
			return true;
	return false;
}

/*
 * Breadth-first search from `from` for `target`; on success g->bfs_via
 * holds, for each class on the way, the edge that reached it.
 */
static bool lockdep_reaches(struct lockdep_graph *g, u16 from, u16 target)
{
	u32 head = 0, tail = 0;

	for (u32 i = 0; i < g->nr_classes; i++)
		g->bfs_via[i] = UNSEEN;
	g->bfs_via[from] = NO_EDGE;
	g->bfs_queue[tail++] = from;
	while (head < tail) {
		u16 c = g->bfs_queue[head++];

		for (s32 e = g->classes[c].first_edge; e != NO_EDGE; e = g->edges[e].next) {
			u16 to = g->edges[e].to;

			if (g->bfs_via[to] != UNSEEN)
				continue;
			g->bfs_via[to] = e;
			if (to == target)
				return true;
			g->bfs_queue[tail++] = to;
		}
	}
	return false;
}

/* Adds held -> new unless present; a cycle is reported instead. */
static enum lockdep_report lockdep_add_edge(struct lockdep_graph *g, const struct lockdep_ctx *ctx,
					    const struct lockdep_held *held, u16 new,
					    unsigned long ip)
{
	struct lockdep_edge *e;

	if (lockdep_has_edge(g, held->class_idx, new))
		return LOCKDEP_OK;
	if (lockdep_reaches(g, new, held->class_idx))
		return lockdep_report_circular(g, ctx, held, new, ip);
	if (g->nr_edges >= LOCKDEP_MAX_EDGES)
		return lockdep_overflow(g, "dependency");
	e = &g->edges[g->nr_edges];
	e->from = held->class_idx;
	e->to = new;
	e->from_ip = held->ip;
	e->to_ip = ip;
	memset(e->trace, 0, sizeof(e->trace));
	if (g->ops->save_trace)	/* once per new dependency: reports show its call chain */
		g->ops->save_trace(e->trace, LOCKDEP_TRACE_DEPTH);
	e->next = g->classes[held->class_idx].first_edge;
	g->classes[held->class_idx].first_edge = g->nr_edges++;
	return LOCKDEP_OK;
}

/* Usage bit `now` (0 in IRQ, 1 task with IRQs on) conflicts with the other one. */
static enum lockdep_report lockdep_mark_usage(struct lockdep_graph *g, const struct lockdep_ctx *ctx,
					      u16 idx, int now, unsigned long ip)
{
	struct lockdep_class *c = &g->classes[idx];
	int other = !now;

	if (c->usage & (1u << other))
		return lockdep_report_inconsistent(g, ctx, idx, other, now, ip);
	if (!(c->usage & (1u << now))) {
		c->usage |= 1u << now;
		c->usage_ip[now] = ip;
	}
	return LOCKDEP_OK;
}

/* ---- acquire and release ---- */

/* See lockdep.h. */
enum lockdep_report lockdep_acquire(struct lockdep_graph *g, struct lockdep_ctx *ctx,
				    struct lockdep_map *map, unsigned int subclass,
				    bool trylock, bool in_irq, bool irqs_on, unsigned long ip)
{
	enum lockdep_report r;
	u16 idx;

	if (g->off || !map || !map->key)
		return LOCKDEP_OK;
	if (subclass >= LOCKDEP_MAX_SUBCLASS)
		subclass = LOCKDEP_MAX_SUBCLASS - 1;
	idx = lockdep_class_of(g, map, subclass);
	if (!idx)
		return lockdep_overflow(g, "class");
	if (ctx->depth >= LOCKDEP_MAX_DEPTH)
		return lockdep_overflow(g, "held-lock");

	if (in_irq || irqs_on) {
		r = lockdep_mark_usage(g, ctx, idx, in_irq ? 0 : 1, ip);
		if (r)
			return r;
	}
	for (u32 i = 0; i < ctx->depth && !trylock; i++) {
		const struct lockdep_held *h = &ctx->held[i];

		if (h->class_idx == idx)
			return lockdep_report_recursive(g, ctx, h, idx, ip);
		r = lockdep_add_edge(g, ctx, h, idx, ip);
		if (r)
			return r;
	}
	ctx->held[ctx->depth].class_idx = idx;
	ctx->held[ctx->depth].map = map;
	ctx->held[ctx->depth].ip = ip;
	ctx->depth++;
	return LOCKDEP_OK;
}

/* See lockdep.h. */
enum lockdep_report lockdep_release(struct lockdep_graph *g, struct lockdep_ctx *ctx,
				    const struct lockdep_map *map, unsigned long ip)
{
	if (g->off || !map || !map->key)
		return LOCKDEP_OK;
	/* The newest entry of this map: locks may be released out of order. */
	for (u32 i = ctx->depth; i-- > 0;) {
		if (ctx->held[i].map != map)
			continue;
		memmove(&ctx->held[i], &ctx->held[i + 1],
			(ctx->depth - i - 1) * sizeof(ctx->held[0]));
		ctx->depth--;
		return LOCKDEP_OK;
	}
	lockdep_banner(g, "bad unlock balance detected!");
	g->ops->print("%s is trying to release lock (%s) at:\n", g->ops->ctx_name(),
		      map->name ? map->name : "(unnamed)");
	g->ops->print_ip(ip);
	g->ops->print("\nbut there are no more locks to release!\n");
	lockdep_print_held(g, ctx);
	return lockdep_report_done(g, LOCKDEP_BAD_UNLOCK);
}

/* See lockdep.h. Edges touching a forgotten class go; the rest are relinked. */
void lockdep_forget_keys(struct lockdep_graph *g, unsigned long start, unsigned long size)
{
	bool any = false;
	u32 kept = 0;

	for (u32 i = 1; i < g->nr_classes; i++) {
		unsigned long k = (unsigned long)g->classes[i].key;

		if (k && k - start < size) {
			g->classes[i].key = NULL;	/* the slot is free */
			any = true;
		}
	}
	if (!any)
		return;
	for (u32 i = 1; i < g->nr_classes; i++)
		g->classes[i].first_edge = NO_EDGE;
	for (u32 e = 0; e < g->nr_edges; e++) {
		struct lockdep_edge d = g->edges[e];

		if (!g->classes[d.from].key || !g->classes[d.to].key)
			continue;
		d.next = g->classes[d.from].first_edge;
		g->edges[kept] = d;
		g->classes[d.from].first_edge = kept++;
	}
	g->nr_edges = kept;
}
