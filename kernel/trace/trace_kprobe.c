/*
 * Kprobe events: /sys/kernel/tracing/kprobe_events and events/GROUP/NAME/
 * enable, as Linux's. A line (parsed by trace_kprobe_parse.c) defines or
 * deletes an event; defining checks that the symbol is a function's
 * fentry site. Writing 1 to its enable file registers a kprobe (p) or a
 * kretprobe (r) whose handler records a hit in the trace ring
 * (trace.c prints it as Linux does: "NAME: (SYM+0x0/0x..)", return
 * probes "NAME: (CALLER+off/size <- SYM)"); 0 unregisters it. An enabled
 * event cannot be deleted (-EBUSY). kpe_mutex guards the event list; the
 * handlers only read their own event's id. The events directories are
 * made per lookup and name their event by key, so a deleted event's
 * open directory just stops finding it.
 */
#include <kelp/trace.h>
#include <kelp/errno.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/kallsyms.h>
#include <kelp/kprobes.h>
#include <kelp/mm.h>
#include <kelp/mutex.h>
#include <kelp/panic.h>
#include <kelp/seq_file.h>
#include <kelp/string.h>
#include <kelp/time.h>

struct trace_kprobe {
	struct list_head node;
	u32 id;				/* in trace ring events */
	bool enabled;
	bool is_return;
	int maxactive;
	char group[KPE_NAME_MAX];
	char event[KPE_NAME_MAX];
	char symbol[KPE_SYM_MAX];
	unsigned long nhit;		/* kprobe_profile: hits since the definition */
	struct kprobe kp;
	struct kretprobe rp;
};

/* The key an events directory inode keeps: its group and (for an event) name. */
struct kpe_key {
	char group[KPE_NAME_MAX];
	char event[KPE_NAME_MAX];
};

static DEFINE_MUTEX(kpe_mutex);
static LIST_HEAD(kpe_list);
static u32 kpe_next_id = 1;
static struct inode *events_root;

static struct trace_kprobe *kpe_find(const char *group, const char *event)
{
	struct trace_kprobe *tk;

	list_for_each_entry(tk, &kpe_list, node)
		if (!strcmp(tk->group, group) && !strcmp(tk->event, event))
			return tk;
	return NULL;
}

static notrace int kpe_pre_handler(struct kprobe *p, struct pt_regs *regs)
{
	struct trace_kprobe *tk = container_of(p, struct trace_kprobe, kp);

	__atomic_fetch_add(&tk->nhit, 1, __ATOMIC_RELAXED);
	trace_record_kprobe(tk->id, (unsigned long)p->addr, 0);
	return 0;
}

static notrace int kpe_ret_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kretprobe *rp = get_kretprobe(ri);
	struct trace_kprobe *tk = container_of(rp, struct trace_kprobe, rp);

	__atomic_fetch_add(&tk->nhit, 1, __ATOMIC_RELAXED);
	trace_record_kprobe(tk->id, (unsigned long)rp->kp.addr, ri->ret_addr);
	return 0;
}

/* Registers or unregisters tk's probe. kpe_mutex held. */
static int kpe_set_enabled(struct trace_kprobe *tk, bool on)
{
	int err = 0;

	if (tk->enabled == on)
		return 0;
	if (on && tk->is_return) {
		memset(&tk->rp, 0, sizeof(tk->rp));
		tk->rp.kp.symbol_name = tk->symbol;
		tk->rp.handler = kpe_ret_handler;
		tk->rp.maxactive = tk->maxactive;
		err = register_kretprobe(&tk->rp);
	} else if (on) {
		memset(&tk->kp, 0, sizeof(tk->kp));
		tk->kp.symbol_name = tk->symbol;
		tk->kp.pre_handler = kpe_pre_handler;
		err = register_kprobe(&tk->kp);
	} else if (tk->is_return) {
		unregister_kretprobe(&tk->rp);
	} else {
		unregister_kprobe(&tk->kp);
	}
	if (!err)
		tk->enabled = on;
	return err;
}

/* ---- error_log: Linux's last TRACING_LOG_ERRS_MAX errors ---- */

#define KPE_ERRS_MAX 8			/* Linux's TRACING_LOG_ERRS_MAX */
#define KPE_CMD_PREFIX "  Command: "	/* Linux's CMD_PREFIX */

struct kpe_err {
	struct list_head node;
	u64 ts;				/* ns since boot (Linux: local_clock()) */
	const char *text;
	unsigned int pos;		/* the caret's column in the command */
	char cmd[];			/* the words of the line, one space apart */
};

static LIST_HEAD(kpe_errs);		/* oldest first; kpe_mutex */
static unsigned int kpe_nr_errs;

/*
 * Logs line (len bytes) as refused for cmd->err at cmd->err_word and
 * err_off, as Linux's trace_probe_log_err(): the command is the line's
 * words joined by single spaces. The oldest entry goes past 8. Out of
 * memory: not logged. kpe_mutex held.
 */
static void kpe_log_err(const char *line, size_t len, const struct kprobe_event_cmd *cmd)
{
	struct kpe_err *e;
	size_t n = 0, word = 0;
	bool in_word = false;

	if (cmd->err == KPE_ERR_NONE)
		return;
	e = kmalloc(sizeof(*e) + len + 1, GFP_KERNEL);
	if (!e)
		return;
	e->pos = 0;
	for (size_t i = 0; i < len; i++) {
		bool space = line[i] == ' ' || line[i] == '\t';

		if (space) {
			in_word = false;
			continue;
		}
		if (!in_word) {
			if (n)
				e->cmd[n++] = ' ';
			if (word++ == (size_t)cmd->err_word)
				e->pos = n + cmd->err_off;
			in_word = true;
		}
		e->cmd[n++] = line[i];
	}
	e->cmd[n] = '\0';
	if (word <= (size_t)cmd->err_word)
		e->pos = n;	/* the word is missing: the caret after the end */
	e->text = kprobe_event_errstr(cmd->err);
	e->ts = ktime_get_ns();
	list_add_tail(&e->node, &kpe_errs);
	if (++kpe_nr_errs > KPE_ERRS_MAX) {
		struct kpe_err *old = list_first_entry(&kpe_errs, struct kpe_err, node);

		list_del(&old->node);
		kfree(old);
		kpe_nr_errs--;
	}
}

/*
 * error_log: Linux's format,
 *   [   12.345678] trace_kprobe: error: TEXT
 *     Command: CMD
 *                ^
 */
/* See trace.h. */
int kprobe_error_log_show(struct seq_file *m, void *v)
{
	struct kpe_err *e;

	mutex_lock(&kpe_mutex);
	list_for_each_entry(e, &kpe_errs, node) {
		seq_printf(m, "[%5llu.%06llu] trace_kprobe: error: %s\n" KPE_CMD_PREFIX "%s\n",
			   (unsigned long long)(e->ts / NSEC_PER_SEC),
			   (unsigned long long)(e->ts % NSEC_PER_SEC / NSEC_PER_USEC), e->text, e->cmd);
		seq_printf(m, "%*s^\n", (int)(sizeof(KPE_CMD_PREFIX) - 1 + e->pos), "");
	}
	mutex_unlock(&kpe_mutex);
	return 0;
}

/* `echo > error_log` empties it (O_TRUNC); what is written is ignored, as Linux. */
/* See trace.h. */
void kprobe_error_log_truncate(void)
{
	struct kpe_err *e, *n;

	mutex_lock(&kpe_mutex);
	list_for_each_entry_safe(e, n, &kpe_errs, node) {
		list_del(&e->node);
		kfree(e);
	}
	kpe_nr_errs = 0;
	mutex_unlock(&kpe_mutex);
}

/* See trace.h. */
int kprobe_error_log_write(const char *buf, size_t len)
{
	return 0;
}

/* kprobe_profile: Linux's "  NAME  NHIT  NMISSED" per event. */
/* See trace.h. */
int kprobe_profile_show(struct seq_file *m, void *v)
{
	struct trace_kprobe *tk;

	mutex_lock(&kpe_mutex);
	list_for_each_entry(tk, &kpe_list, node) {
		unsigned long missed = 0;

		if (tk->enabled && tk->is_return)
			missed = tk->rp.kp.nmissed + tk->rp.nmissed;
		else if (tk->enabled)
			missed = tk->kp.nmissed;
		seq_printf(m, "  %-44s %15lu %15lu\n", tk->event, READ_ONCE(tk->nhit), missed);
	}
	mutex_unlock(&kpe_mutex);
	return 0;
}

/*
 * Applies one parsed line; a refusal Linux logs sets cmd->err and its
 * place. kpe_mutex held.
 */
static int kpe_apply(struct kprobe_event_cmd *cmd)
{
	struct trace_kprobe *tk = kpe_find(cmd->group, cmd->event);
	unsigned long addr;

	if (cmd->op == KPE_DELETE) {
		if (!tk)
			return -ENOENT;
		if (tk->enabled)
			return -EBUSY;
		list_del(&tk->node);
		kfree(tk);
		return 0;
	}
	if (tk) {
		cmd->err = KPE_ERR_EVENT_EXIST;
		cmd->err_word = cmd->err_off = 0;
		return -EEXIST;
	}
	cmd->err = KPE_ERR_BAD_PROBE_ADDR;
	cmd->err_word = 1;
	cmd->err_off = 0;
	addr = kprobe_lookup_name(cmd->symbol);
	if (!addr)
		return -ENOENT;
	cmd->err = KPE_ERR_FAIL_REG_PROBE;
	if (ftrace_location(addr) != addr)
		return -EINVAL;	/* notrace, or not a function: nothing to probe */
	cmd->err = KPE_ERR_NONE;
	tk = kzalloc(sizeof(*tk), GFP_KERNEL);
	if (!tk)
		return -ENOMEM;
	tk->id = kpe_next_id++;
	tk->is_return = cmd->is_return;
	tk->maxactive = cmd->maxactive;
	strlcpy(tk->group, cmd->group, sizeof(tk->group));
	strlcpy(tk->event, cmd->event, sizeof(tk->event));
	strlcpy(tk->symbol, cmd->symbol, sizeof(tk->symbol));
	list_add_tail(&tk->node, &kpe_list);
	return 0;
}

/* See trace.h. Line by line; the first bad line stops the write (earlier ones stay). */
int kprobe_events_write(const char *buf, size_t len)
{
	struct kprobe_event_cmd *cmd = kmalloc(sizeof(*cmd), GFP_KERNEL);
	const char *end = buf + len;
	int err = 0;

	if (!cmd)
		return -ENOMEM;
	mutex_lock(&kpe_mutex);
	while (buf < end && !err) {
		const char *nl = memchr(buf, '\n', end - buf);
		size_t n = nl ? (size_t)(nl - buf) : (size_t)(end - buf);

		err = kprobe_event_parse(buf, n, cmd);
		if (err == 1)
			err = 0;
		else if (!err)
			err = kpe_apply(cmd);
		if (err < 0 && err != -ENOMEM)
			kpe_log_err(buf, n, cmd);
		buf += n + (nl ? 1 : 0);
	}
	mutex_unlock(&kpe_mutex);
	kfree(cmd);
	return err;
}

/* See trace.h. `>` deletes every event not enabled (Linux refuses all with -EBUSY). */
void kprobe_events_truncate(void)
{
	struct trace_kprobe *tk, *n;

	mutex_lock(&kpe_mutex);
	list_for_each_entry_safe(tk, n, &kpe_list, node) {
		if (tk->enabled)
			continue;
		list_del(&tk->node);
		kfree(tk);
	}
	mutex_unlock(&kpe_mutex);
}

/* See trace.h. Linux's format: "p:GROUP/EVENT SYMBOL", "r[N]:GROUP/EVENT SYMBOL". */
int kprobe_events_show(struct seq_file *m, void *v)
{
	struct trace_kprobe *tk;

	mutex_lock(&kpe_mutex);
	list_for_each_entry(tk, &kpe_list, node) {
		seq_putc(m, tk->is_return ? 'r' : 'p');
		if (tk->is_return && tk->maxactive)
			seq_printf(m, "%d", tk->maxactive);
		seq_printf(m, ":%s/%s %s\n", tk->group, tk->event, tk->symbol);
	}
	mutex_unlock(&kpe_mutex);
	return 0;
}

/* See trace.h. */
size_t trace_kprobe_format(char *buf, size_t size, u32 id, unsigned long ip,
			   unsigned long ret_ip, int lock)
{
	struct trace_kprobe *tk, *found = NULL;
	size_t n;

	if (lock == TRACE_LOCK_WAIT)
		mutex_lock(&kpe_mutex);
	else if (lock == TRACE_LOCK_NONE || !mutex_trylock(&kpe_mutex))
		goto anonymous;
	list_for_each_entry(tk, &kpe_list, node)
		if (tk->id == id)
			found = tk;
	if (!found)
		n = scnprintf(buf, size, "<deleted event %u>: ", id);
	else
		n = scnprintf(buf, size, "%s: ", found->event);
	mutex_unlock(&kpe_mutex);
	goto body;
anonymous:
	n = scnprintf(buf, size, "kprobe event %u: ", id);
body:
	if (ret_ip)
		n += scnprintf(buf + n, size - n, "(%pS <- %ps)\n", (void *)ret_ip, (void *)ip);
	else
		n += scnprintf(buf + n, size - n, "(%pS)\n", (void *)ip);
	return n;
}

/* ---- events/GROUP/EVENT/enable ---- */

static const struct inode_operations kpe_group_iops, kpe_event_iops, kpe_file_iops;
static const struct file_operations kpe_enable_fops;

static void kpe_evict(struct inode *inode)
{
	kfree(inode->private);
}

/* A new inode keyed by group (and event): NULL when out of memory. */
static struct inode *kpe_inode(u32 mode, const struct inode_operations *iop,
			       const struct file_operations *fop, const char *group,
			       const char *event, struct inode *parent)
{
	struct kpe_key *key = kzalloc(sizeof(*key), GFP_KERNEL);
	struct inode *inode = key ? inode_alloc(mode, iop, fop) : NULL;

	if (!inode) {
		kfree(key);
		return NULL;
	}
	strlcpy(key->group, group, sizeof(key->group));
	strlcpy(key->event, event ? event : "", sizeof(key->event));
	inode->private = key;
	inode->parent = parent;
	return inode;
}

/* The idx-th distinct group, in order of first definition. kpe_mutex held. */
static struct trace_kprobe *kpe_group_at(u64 idx)
{
	struct trace_kprobe *tk, *prev;
	u64 n = 0;

	list_for_each_entry(tk, &kpe_list, node) {
		bool seen = false;

		list_for_each_entry(prev, &kpe_list, node) {
			if (prev == tk)
				break;
			if (!strcmp(prev->group, tk->group))
				seen = true;
		}
		if (!seen && n++ == idx)
			return tk;
	}
	return NULL;
}

/* The enable file of a group (key event ""), or of every event (group "" too). */
static struct inode *kpe_enable_inode(struct inode *dir, const char *group, const char *event)
{
	struct inode *inode = kpe_inode(S_IFREG | 0644, &kpe_file_iops, &kpe_enable_fops, group,
					event, dir);

	return inode ? inode : ERR_PTR(-ENOMEM);
}

static struct inode *kpe_root_lookup(struct inode *dir, const char *name)
{
	struct trace_kprobe *tk;
	bool found = false;
	struct inode *inode;

	if (!strcmp(name, "enable"))
		return kpe_enable_inode(dir, "", "");
	mutex_lock(&kpe_mutex);
	list_for_each_entry(tk, &kpe_list, node)
		if (!strcmp(tk->group, name))
			found = true;
	mutex_unlock(&kpe_mutex);
	if (!found)
		return ERR_PTR(-ENOENT);
	inode = kpe_inode(S_IFDIR | 0755, &kpe_group_iops, NULL, name, NULL, dir);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

static int kpe_root_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	struct trace_kprobe *tk;
	int err = -ENOENT;

	mutex_lock(&kpe_mutex);
	tk = kpe_group_at(idx);
	if (tk) {
		strlcpy(out->name, tk->group, sizeof(out->name));
		out->ino = 0;
		out->mode = S_IFDIR | 0755;
		err = 0;
	} else if (!idx || kpe_group_at(idx - 1)) {	/* after the last group */
		strlcpy(out->name, "enable", sizeof(out->name));
		out->ino = 0;
		out->mode = S_IFREG | 0644;
		err = 0;
	}
	mutex_unlock(&kpe_mutex);
	return err;
}

static struct inode *kpe_group_lookup(struct inode *dir, const char *name)
{
	const struct kpe_key *key = dir->private;
	struct inode *inode;
	bool found;

	if (!strcmp(name, "enable"))
		return kpe_enable_inode(dir, key->group, "");
	mutex_lock(&kpe_mutex);
	found = kpe_find(key->group, name) != NULL;
	mutex_unlock(&kpe_mutex);
	if (!found)
		return ERR_PTR(-ENOENT);
	inode = kpe_inode(S_IFDIR | 0755, &kpe_event_iops, NULL, key->group, name, dir);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

static int kpe_group_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	const struct kpe_key *key = dir->private;
	struct trace_kprobe *tk;
	u64 n = 0;
	int err = -ENOENT;

	mutex_lock(&kpe_mutex);
	list_for_each_entry(tk, &kpe_list, node) {
		if (strcmp(tk->group, key->group) || n++ != idx)
			continue;
		strlcpy(out->name, tk->event, sizeof(out->name));
		out->ino = 0;
		out->mode = S_IFDIR | 0755;
		err = 0;
		break;
	}
	mutex_unlock(&kpe_mutex);
	if (err && idx == n) {	/* after the group's events: its enable file */
		strlcpy(out->name, "enable", sizeof(out->name));
		out->ino = 0;
		out->mode = S_IFREG | 0644;
		err = 0;
	}
	return err;
}

static struct inode *kpe_event_lookup(struct inode *dir, const char *name)
{
	const struct kpe_key *key = dir->private;
	struct inode *inode;

	if (strcmp(name, "enable"))
		return ERR_PTR(-ENOENT);
	inode = kpe_inode(S_IFREG | 0644, &kpe_file_iops, &kpe_enable_fops, key->group, key->event,
			  dir);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

static int kpe_event_readdir(struct inode *dir, u64 idx, struct dirent_info *out)
{
	if (idx)
		return -ENOENT;
	strlcpy(out->name, "enable", sizeof(out->name));
	out->ino = 0;
	out->mode = S_IFREG | 0644;
	return 0;
}

static const struct inode_operations kpe_root_iops = {
	.lookup = kpe_root_lookup,
	.readdir = kpe_root_readdir,
};

static const struct inode_operations kpe_group_iops = {
	.lookup = kpe_group_lookup,
	.readdir = kpe_group_readdir,
	.evict = kpe_evict,
};

static const struct inode_operations kpe_event_iops = {
	.lookup = kpe_event_lookup,
	.readdir = kpe_event_readdir,
	.evict = kpe_evict,
};

/* A file's i_op only frees its key when the last reference goes. */
static const struct inode_operations kpe_file_iops = {
	.evict = kpe_evict,
};

/* Whether tk is one of key's events: the event itself, its group's, or all. */
static bool kpe_key_has(const struct kpe_key *key, const struct trace_kprobe *tk)
{
	if (key->group[0] && strcmp(tk->group, key->group))
		return false;
	return !key->event[0] || !strcmp(tk->event, key->event);
}

/*
 * An event's enable reads 0 or 1; a group's or the top one reads Linux's
 * summary of its events: 0 all off, 1 all on, X mixed, ? none.
 */
static int kpe_enable_show(struct seq_file *m, void *v)
{
	static const char summary[] = "?01X";
	const struct kpe_key *key = v;
	struct trace_kprobe *tk;
	unsigned int set = 0;

	mutex_lock(&kpe_mutex);
	list_for_each_entry(tk, &kpe_list, node)
		if (kpe_key_has(key, tk))
			set |= tk->enabled ? 2 : 1;
	mutex_unlock(&kpe_mutex);
	if (key->event[0] && !set)
		return -ENOENT;
	seq_printf(m, "%c\n", summary[set]);
	return 0;
}

static int kpe_enable_open(struct inode *inode, struct file *f)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return 0;
	return seq_open_snapshot(f, kpe_enable_show, inode->private, 64);
}

static ssize_t kpe_enable_write(struct file *f, const char *buf, size_t len, u64 *pos)
{
	const struct kpe_key *key = f->inode->private;
	struct trace_kprobe *tk;
	char v[8];
	size_t n = len;
	int err;

	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	if (n != 1 || (buf[0] != '0' && buf[0] != '1'))
		return -EINVAL;
	memcpy(v, buf, 1);
	mutex_lock(&kpe_mutex);
	if (key->event[0]) {
		tk = kpe_find(key->group, key->event);
		err = tk ? kpe_set_enabled(tk, v[0] == '1') : -ENOENT;
	} else {
		/* Every event of the group (or all): the first failure is returned. */
		err = 0;
		list_for_each_entry(tk, &kpe_list, node) {
			int e = kpe_key_has(key, tk) ? kpe_set_enabled(tk, v[0] == '1') : 0;

			if (e && !err)
				err = e;
		}
	}
	mutex_unlock(&kpe_mutex);
	if (err)
		return err;
	*pos += len;
	return len;
}

static int kpe_enable_release(struct inode *inode, struct file *f)
{
	if (f->private)
		seq_release_snapshot(inode, f);
	return 0;
}

static const struct file_operations kpe_enable_fops = {
	.open = kpe_enable_open,
	.read = seq_read_snapshot,
	.write = kpe_enable_write,
	.release = kpe_enable_release,
};

/* See trace.h. */
struct inode *trace_events_dir(void)
{
	return iget(events_root);
}

/* See trace.h. */
void trace_events_init(void)
{
	events_root = inode_alloc(S_IFDIR | 0755, &kpe_root_iops, NULL);
	if (!events_root)
		panic("tracefs: out of memory");
}
