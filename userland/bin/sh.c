/*
 * sh: the console shell, the only one (docs/console.md): prompt "kelp# ",
 * line editing (lib/lineedit.c) and busybox's messages. A line is split at
 * ; and & (outside quotes); $?, $! and $$ are expanded; each command is a
 * builtin (cd, pwd, exit, help: what only the shell itself can do) or a
 * program, /bin/NAME or a path, run in a new process with > and >>
 * redirecting its descriptor 1; anything else is "sh: NAME: not found"
 * (127). A program with & runs in the background.
 */
#include <kelp.h>
#include <sh.h>

#define MAX_JOBS 32


static int last_status;
static int last_bg_pid;
static struct { int pid; char cmd[64]; } jobs[MAX_JOBS];

static void out(const char *s, size_t n)
{
	write_all(1, s, n);
}

/* ---- input ---- */

static int read_byte(void)
{
	static unsigned char buf[256];
	static ssize_t len, pos;

	while (pos == len) {
		len = read(0, buf, sizeof(buf));
		pos = 0;
		if (len < 0 && errno != EINTR)
			exit(1);
		if (len < 0)
			len = 0;
	}
	return buf[pos++];
}

static void err_out(const char *s, size_t n)
{
	write_all(2, s, n);
}

/* ---- jobs ---- */

static void job_add(int pid, const char *cmd)
{
	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pid) {
			jobs[i].pid = pid;
			strlcpy(jobs[i].cmd, cmd, sizeof(jobs[i].cmd));
			for (size_t n = strlen(jobs[i].cmd); n && jobs[i].cmd[n - 1] == ' '; n--)
				jobs[i].cmd[n - 1] = '\0';
			dprintf(1, "[%d] %d\n", i + 1, pid);
			return;
		}
	}
	dprintf(1, "[?] %d\n", pid);
}

static const char *signal_text(int sig)
{
	switch (sig) {
	case 1: return "Hangup";
	case 4: return "Illegal instruction";
	case 5: return "Trace/breakpoint trap";
	case 8: return "Floating point exception";
	case 9: return "Killed";
	case 10: return "User defined signal 1";
	case 11: return "Segmentation fault";
	case 12: return "User defined signal 2";
	case 13: return "Broken pipe";
	case 14: return "Alarm clock";
	case 15: return "Terminated";
	default: return NULL;
	}
}

/* Exit status as $? shows it: the code, or 128 + the signal. */
static int status_code(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

/* Reaps finished background jobs and reports them, as ash does before a prompt. */
static void reap_jobs(void)
{
	int st, pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_JOBS; i++) {
			if (jobs[i].pid != pid)
				continue;
			const char *sig = WIFSIGNALED(st) ? signal_text(WTERMSIG(st)) : NULL;

			if (sig)
				dprintf(1, "[%d]+  %s %s\n", i + 1, sig, jobs[i].cmd);
			else if (WEXITSTATUS(st))
				dprintf(1, "[%d]+  Done(%d) %s\n", i + 1, WEXITSTATUS(st), jobs[i].cmd);
			else
				dprintf(1, "[%d]+  Done %s\n", i + 1, jobs[i].cmd);
			jobs[i].pid = 0;
		}
	}
}

/*
 * Waits for a foreground child, which owns Ctrl-C meanwhile (the console
 * kills it with SIGINT); reports a death by signal.
 */
static int wait_fg(int pid)
{
	int st, none = 0;

	ioctl(0, TIOCSPGRP, &pid);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			ioctl(0, TIOCSPGRP, &none);
			return 1;
		}
	}
	ioctl(0, TIOCSPGRP, &none);
	if (WIFSIGNALED(st) && WTERMSIG(st) == 2)
		out("^C\n", 3);
	else if (WIFSIGNALED(st) && signal_text(WTERMSIG(st)))
		dprintf(2, "%s\n", signal_text(WTERMSIG(st)));
	return status_code(st);
}

/* ---- running commands ---- */

/* Opens a redirection target; the descriptor, or -1 (reported). */
static int open_redir(struct sh_cmdline *cl)
{
	int fd = open(cl->redir, O_WRONLY | O_CREAT | (cl->redir_append ? O_APPEND : O_TRUNC), 0644);

	if (fd < 0)
		dprintf(2, "sh: can't create %s: %s\n", cl->redir, strerror(errno));
	return fd;
}

/* The program for a command name: a path, or /bin/NAME if it exists. */
static bool find_program(const char *name, char *path, size_t len)
{
	struct stat st;

	if (strchr(name, '/'))
		strlcpy(path, name, len);
	else
		snprintf(path, len, "/bin/%s", name);
	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* Starts a program with descriptor 1 redirected if asked; returns the pid or -1 (reported). */
static int start_program(const char *path, struct sh_cmdline *cl)
{
	int saved = -1, pid;

	if (cl->redir) {
		int fd = open_redir(cl);

		if (fd < 0)
			return -1;
		saved = dup(1);
		dup2(fd, 1);
		close(fd);
	}
	pid = spawn(path, cl->argv, environ);
	if (saved >= 0) {
		dup2(saved, 1);
		close(saved);
	}
	if (pid < 0)
		dprintf(2, "sh: %s: %s\n", cl->argv[0], strerror(errno));
	return pid;
}

/* ---- builtins ---- */

static int builtin_cd(struct sh_cmdline *cl)
{
	const char *dir = cl->argc > 1 ? cl->argv[1] : "/";

	if (chdir(dir) < 0) {
		dprintf(2, "sh: cd: can't cd to %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static int builtin_pwd(struct sh_cmdline *cl)
{
	static char buf[4096];

	if (!getcwd(buf, sizeof(buf))) {
		dprintf(2, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

/* The builtins, then the programs of /bin, sorted. */
static int builtin_help(struct sh_cmdline *cl)
{
	static char buf[4096];
	char *names[256];
	int n = 0, got, fd;

	printf("Built-in commands: cd exit help pwd\nPrograms in /bin:\n");
	fd = open("/bin", O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return 1;
	while ((got = getdents64(fd, (void *)buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct dirent *d = (void *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] != '.' && n < (int)ARRAY_SIZE(names) &&
			    (names[n] = strdup(d->d_name)))
				n++;
		}
	}
	close(fd);
	for (int i = 1; i < n; i++) {	/* insertion sort: a few dozen names */
		char *t = names[i];
		int j = i;

		for (; j > 0 && strcmp(names[j - 1], t) > 0; j--)
			names[j] = names[j - 1];
		names[j] = t;
	}
	for (int i = 0; i < n; i++) {
		printf("  %s\n", names[i]);
		free(names[i]);
	}
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(struct sh_cmdline *cl);
} builtins[] = {
	{ "cd", builtin_cd },
	{ "help", builtin_help },
	{ "pwd", builtin_pwd },
};

/* Runs a builtin in the shell itself, descriptor 1 redirected around it if asked. */
static int run_builtin(int (*fn)(struct sh_cmdline *cl), struct sh_cmdline *cl)
{
	int saved = -1, fd, status;

	if (cl->redir) {
		fd = open_redir(cl);
		if (fd < 0)
			return 1;
		saved = dup(1);
		dup2(fd, 1);
		close(fd);
	}
	status = fn(cl);
	if (saved >= 0) {
		dup2(saved, 1);
		close(saved);
	}
	return status;
}

/* Runs one command (text already expanded); bg: in the background. */
static int run_command(char *text, bool bg)
{
	static struct sh_cmdline cl;
	static char path[256];
	const char *msg;
	int pid;

	if (sh_parse(text, &cl, &msg)) {
		dprintf(2, "sh: %s\n", msg);
		return 2;
	}
	if (!cl.argc)
		return last_status;
	if (!strcmp(cl.argv[0], "exit"))
		exit(cl.argc > 1 ? atoi(cl.argv[1]) : last_status);
	for (unsigned int i = 0; i < ARRAY_SIZE(builtins); i++)
		if (!strcmp(cl.argv[0], builtins[i].name))
			return run_builtin(builtins[i].fn, &cl);
	if (!find_program(cl.argv[0], path, sizeof(path))) {
		dprintf(2, "sh: %s: not found\n", cl.argv[0]);
		return 127;
	}
	pid = start_program(path, &cl);
	if (pid < 0)
		return 127;
	if (!bg)
		return wait_fg(pid);
	last_bg_pid = pid;
	job_add(pid, text);
	return 0;
}

/* Copies src to dst expanding $?, $! and $$ outside single quotes. */
static bool expand(const char *src, char *dst, size_t cap)
{
	size_t n = 0;
	char quote = 0;

	for (; *src; src++) {
		char num[16];
		const char *ins = NULL;

		if (quote != '\'' && *src == '$' && (src[1] == '?' || src[1] == '!' || src[1] == '$')) {
			snprintf(num, sizeof(num), "%d", src[1] == '?' ? last_status :
				 src[1] == '!' ? last_bg_pid : getpid());
			ins = num;
			src++;
		} else {
			if (*src == '\\' && quote != '\'' && src[1]) {
				if (n + 2 >= cap)
					return false;
				dst[n++] = *src++;
			} else if (!quote && (*src == '\'' || *src == '"')) {
				quote = *src;
			} else if (quote && *src == quote) {
				quote = 0;
			}
			if (n + 1 >= cap)
				return false;
			dst[n++] = *src;
			continue;
		}
		if (n + strlen(ins) >= cap)
			return false;
		memcpy(dst + n, ins, strlen(ins));
		n += strlen(ins);
	}
	dst[n] = '\0';
	return true;
}

/* Splits a line at ; and & outside quotes (a # word ends it) and runs each part. */
static int run_line(char *line)
{
	static char exp[SHELL_LINE_MAX * 2];
	char quote = 0, *start = line;
	int status = last_status;

	for (char *p = line;; p++) {
		char c = *p;

		if (quote) {
			if (c == quote)
				quote = 0;
			else if (quote == '"' && c == '\\' && p[1])
				p++;
			if (c)
				continue;
		}
		if (c == '\\' && p[1]) {
			p++;
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			continue;
		}
		if (c == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ';' || p[-1] == '&'))
			c = *p = '\0';
		if (c && c != ';' && c != '&')
			continue;
		*p = '\0';
		if (!expand(start, exp, sizeof(exp))) {
			dprintf(2, "sh: line too long\n");
			return 2;
		}
		status = run_command(exp, c == '&');
		last_status = status;
		if (!c)
			break;
		start = p + 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	static struct sh_line_editor le = { .echo = out, .error = err_out };

	if (argc == 3 && !strcmp(argv[1], "-c"))
		return run_line(argv[2]);
	for (;;) {
		reap_jobs();
		out(SHELL_PROMPT, sizeof(SHELL_PROMPT) - 1);
		if (sh_le_read_line(&le, read_byte))
			last_status = run_line(le.buf);
	}
}
