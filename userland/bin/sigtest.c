/*
 * sigtest: checks signal delivery on Kelp against Linux's semantics, with
 * musl's sigaction and raise. A handler runs and returns (siginfo: signo,
 * code, sender); rt_sigreturn puts back every general register and the
 * SSE state (xmm0-15, MXCSR), both for a signal taken at a system call's
 * return and for one taken when a timer interrupt leaves user mode
 * (rcx and r11 too); a signal interrupts nanosleep and wait4 with EINTR,
 * and wait4 restarts under SA_RESTART; sigsuspend waits with its own mask
 * and gives the caller's back, pause and clock_nanosleep (relative and
 * TIMER_ABSTIME) end with EINTR, sigpending shows a blocked signal;
 * SA_ONSTACK handlers run on the sigaltstack (SS_AUTODISARM too);
 * SIGCHLD reaches a handler; a
 * blocked signal waits for sigprocmask; SIG_IGN drops; default actions
 * kill (the wait status names the signal); a bad sigreturn frame is
 * SIGSEGV; mmap, mprotect (contents kept behind PROT_NONE, a PROT_NONE
 * read is SIGSEGV) and munmap; two processes keep their own SSE registers, MXCSR and FS base
 * across thousands of switches. Prints each failure and "sigtest: N
 * checks, M failed".
 * `sigtest send SIG PID MS [MS2]` (internal) sleeps MS ms, sends SIG to
 * PID, sleeps MS2 ms and exits; `sigtest hang` sleeps; `sigtest badframe`
 * calls rt_sigreturn with no frame. `sigtest nap SECONDS` sleeps with a
 * SIGUSR1 handler (no SA_RESTART) and says how the sleep ended: the
 * livepatch scenario kills it in the middle of a transition. `sigtest
 * raise N` sends itself N signals with an empty handler (the benchmark).
 */
#include <kelp.h>
#include <pthread.h>
#include <sys/mman.h>

static int checks, failed;
static volatile sig_atomic_t hits, last_sig, last_code, last_pid;

#define CHECK(cond, ...) do {						\
	checks++;							\
	if (!(cond)) {							\
		failed++;						\
		printf("sigtest: " __VA_ARGS__);			\
		printf("\n");						\
	}								\
} while (0)

static void on_signal(int sig, siginfo_t *info, void *uc)
{
	hits++;
	last_sig = sig;
	last_code = info->si_code;
	last_pid = info->si_pid;
}

static void install(int sig, int flags)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Starts `sigtest send SIG PID MS MS2`: SIG to us after ms, exit ms2 later. */
static int sender(int sig, long ms, long ms2)
{
	char s[16], p[16], m[16], m2[16];
	char *argv[] = { "sigtest", "send", s, p, m, m2, NULL };

	snprintf(s, sizeof(s), "%d", sig);
	snprintf(p, sizeof(p), "%d", getpid());
	snprintf(m, sizeof(m), "%ld", ms);
	snprintf(m2, sizeof(m2), "%ld", ms2);
	return spawn("/bin/sigtest", argv, environ);
}

/* ---- registers across a handler ---- */

#define NGPR 15		/* rax rbx rcx rdx rsi rdi rbp r8-r15 (not rsp) */
/* Global and `used`: the asm below names them, the compiler cannot see it. */
__attribute__((used)) u64 gpr_in[NGPR], gpr_out[NGPR];
__attribute__((used, aligned(16))) u64 xmm_in[32], xmm_out[32];
__attribute__((used)) u32 mxcsr_in = 0x1f80 | 0x2000, mxcsr_out;	/* all masked, round down */
__attribute__((used)) volatile int clobbered;

/*
 * The handler, in assembly so that it can wreck every register, the
 * callee-saved ones included (a C handler would save and restore those
 * itself and hide a kernel that does not): all general registers but
 * rsp, xmm0-15 and MXCSR; then it returns into the restorer, whose
 * rt_sigreturn must bring everything back.
 */
void clobber_handler(int sig);
__asm__(".text\n"
	".globl clobber_handler\n"
	"clobber_handler:\n\t"
	"movl $1, clobbered(%rip)\n\t"
	"pushq $0x7f80\n\t"			/* MXCSR: all masked, round toward zero */
	"ldmxcsr (%rsp)\n\t"
	"add $8, %rsp\n\t"
	"pcmpeqd %xmm0, %xmm0\n\t" "pcmpeqd %xmm1, %xmm1\n\t"
	"pcmpeqd %xmm2, %xmm2\n\t" "pcmpeqd %xmm3, %xmm3\n\t"
	"pcmpeqd %xmm4, %xmm4\n\t" "pcmpeqd %xmm5, %xmm5\n\t"
	"pcmpeqd %xmm6, %xmm6\n\t" "pcmpeqd %xmm7, %xmm7\n\t"
	"pcmpeqd %xmm8, %xmm8\n\t" "pcmpeqd %xmm9, %xmm9\n\t"
	"pcmpeqd %xmm10, %xmm10\n\t" "pcmpeqd %xmm11, %xmm11\n\t"
	"pcmpeqd %xmm12, %xmm12\n\t" "pcmpeqd %xmm13, %xmm13\n\t"
	"pcmpeqd %xmm14, %xmm14\n\t" "pcmpeqd %xmm15, %xmm15\n\t"
	"mov $-1, %rax\n\t" "mov $-1, %rbx\n\t" "mov $-1, %rcx\n\t" "mov $-1, %rdx\n\t"
	"mov $-1, %rsi\n\t" "mov $-1, %rdi\n\t" "mov $-1, %rbp\n\t" "mov $-1, %r8\n\t"
	"mov $-1, %r9\n\t" "mov $-1, %r10\n\t" "mov $-1, %r11\n\t" "mov $-1, %r12\n\t"
	"mov $-1, %r13\n\t" "mov $-1, %r14\n\t" "mov $-1, %r15\n\t"
	"ret\n");

/*
 * Loads gpr_in, xmm_in and mxcsr_in, then either makes the system call
 * kill(getpid(), SIGUSR1) (via_syscall: the signal comes at its return)
 * or spins until the handler ran (a signal from another process, taken
 * at an interrupt), and stores everything to the *_out arrays. rbp is
 * saved around it: it is the one register the asm borrows for itself.
 */
static void run_regs(bool via_syscall)
{
	clobbered = 0;
	gpr_in[0] = via_syscall ? SYS_kill : 0x1111111111111111ULL;
	gpr_in[5] = via_syscall ? (u64)getpid() : gpr_in[5];	/* rdi */
	gpr_in[4] = via_syscall ? SIGUSR1 : gpr_in[4];		/* rsi */
	__asm__ __volatile__(
		"push %%rbp\n\t"
		"ldmxcsr mxcsr_in(%%rip)\n\t"
		"movdqa xmm_in+0(%%rip), %%xmm0\n\t"   "movdqa xmm_in+16(%%rip), %%xmm1\n\t"
		"movdqa xmm_in+32(%%rip), %%xmm2\n\t"  "movdqa xmm_in+48(%%rip), %%xmm3\n\t"
		"movdqa xmm_in+64(%%rip), %%xmm4\n\t"  "movdqa xmm_in+80(%%rip), %%xmm5\n\t"
		"movdqa xmm_in+96(%%rip), %%xmm6\n\t"  "movdqa xmm_in+112(%%rip), %%xmm7\n\t"
		"movdqa xmm_in+128(%%rip), %%xmm8\n\t" "movdqa xmm_in+144(%%rip), %%xmm9\n\t"
		"movdqa xmm_in+160(%%rip), %%xmm10\n\t" "movdqa xmm_in+176(%%rip), %%xmm11\n\t"
		"movdqa xmm_in+192(%%rip), %%xmm12\n\t" "movdqa xmm_in+208(%%rip), %%xmm13\n\t"
		"movdqa xmm_in+224(%%rip), %%xmm14\n\t" "movdqa xmm_in+240(%%rip), %%xmm15\n\t"
		"mov gpr_in+8(%%rip), %%rbx\n\t"  "mov gpr_in+16(%%rip), %%rcx\n\t"
		"mov gpr_in+24(%%rip), %%rdx\n\t" "mov gpr_in+32(%%rip), %%rsi\n\t"
		"mov gpr_in+40(%%rip), %%rdi\n\t" "mov gpr_in+48(%%rip), %%rbp\n\t"
		"mov gpr_in+56(%%rip), %%r8\n\t"  "mov gpr_in+64(%%rip), %%r9\n\t"
		"mov gpr_in+72(%%rip), %%r10\n\t" "mov gpr_in+80(%%rip), %%r11\n\t"
		"mov gpr_in+88(%%rip), %%r12\n\t" "mov gpr_in+96(%%rip), %%r13\n\t"
		"mov gpr_in+104(%%rip), %%r14\n\t" "mov gpr_in+112(%%rip), %%r15\n\t"
		"mov gpr_in+0(%%rip), %%rax\n\t"
		"test %%al, %%al\n\t"		/* via_syscall: rax is SYS_kill (62) */
		"jz 2f\n\t"
		"cmp $62, %%rax\n\t"
		"jne 2f\n\t"
		"syscall\n\t"
		"jmp 3f\n"
		"2:\n\t"
		"cmpl $0, clobbered(%%rip)\n\t"
		"je 2b\n"
		"3:\n\t"
		"mov %%rax, gpr_out+0(%%rip)\n\t"  "mov %%rbx, gpr_out+8(%%rip)\n\t"
		"mov %%rcx, gpr_out+16(%%rip)\n\t" "mov %%rdx, gpr_out+24(%%rip)\n\t"
		"mov %%rsi, gpr_out+32(%%rip)\n\t" "mov %%rdi, gpr_out+40(%%rip)\n\t"
		"mov %%rbp, gpr_out+48(%%rip)\n\t" "mov %%r8, gpr_out+56(%%rip)\n\t"
		"mov %%r9, gpr_out+64(%%rip)\n\t"  "mov %%r10, gpr_out+72(%%rip)\n\t"
		"mov %%r11, gpr_out+80(%%rip)\n\t" "mov %%r12, gpr_out+88(%%rip)\n\t"
		"mov %%r13, gpr_out+96(%%rip)\n\t" "mov %%r14, gpr_out+104(%%rip)\n\t"
		"mov %%r15, gpr_out+112(%%rip)\n\t"
		"movdqa %%xmm0, xmm_out+0(%%rip)\n\t"   "movdqa %%xmm1, xmm_out+16(%%rip)\n\t"
		"movdqa %%xmm2, xmm_out+32(%%rip)\n\t"  "movdqa %%xmm3, xmm_out+48(%%rip)\n\t"
		"movdqa %%xmm4, xmm_out+64(%%rip)\n\t"  "movdqa %%xmm5, xmm_out+80(%%rip)\n\t"
		"movdqa %%xmm6, xmm_out+96(%%rip)\n\t"  "movdqa %%xmm7, xmm_out+112(%%rip)\n\t"
		"movdqa %%xmm8, xmm_out+128(%%rip)\n\t" "movdqa %%xmm9, xmm_out+144(%%rip)\n\t"
		"movdqa %%xmm10, xmm_out+160(%%rip)\n\t" "movdqa %%xmm11, xmm_out+176(%%rip)\n\t"
		"movdqa %%xmm12, xmm_out+192(%%rip)\n\t" "movdqa %%xmm13, xmm_out+208(%%rip)\n\t"
		"movdqa %%xmm14, xmm_out+224(%%rip)\n\t" "movdqa %%xmm15, xmm_out+240(%%rip)\n\t"
		"stmxcsr mxcsr_out(%%rip)\n\t"
		"pop %%rbp\n\t"
		: : : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
		      "r13", "r14", "r15", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
		      "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
		      "xmm15", "memory", "cc");
}

static void check_regs(const char *how, bool via_syscall)
{
	static const char *const names[NGPR] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
		"rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

	CHECK(clobbered, "%s: the handler did not run", how);
	for (int i = 0; i < NGPR; i++) {
		/* a system call returns in rax and clobbers rcx and r11 (the CPU's) */
		if (via_syscall && (i == 0 || i == 2 || i == 10))
			continue;
		CHECK(gpr_out[i] == gpr_in[i], "%s: %s is %#llx, was %#llx", how, names[i],
		      (unsigned long long)gpr_out[i], (unsigned long long)gpr_in[i]);
	}
	if (via_syscall)
		CHECK(gpr_out[0] == 0, "%s: kill returned %lld", how, (long long)gpr_out[0]);
	CHECK(!memcmp(xmm_out, xmm_in, sizeof(xmm_in)), "%s: xmm registers changed", how);
	CHECK(mxcsr_out == mxcsr_in, "%s: MXCSR is %#x, was %#x", how, mxcsr_out, mxcsr_in);
}

static void test_registers(void)
{
	int pid, st;

	for (int i = 0; i < NGPR; i++)
		gpr_in[i] = 0x0101010101010101ULL * (i + 1) ^ 0x8000000000000000ULL;
	for (int i = 0; i < 32; i++)
		xmm_in[i] = 0x1234567890abcdefULL * (i + 3);
	signal(SIGUSR1, clobber_handler);
	run_regs(true);
	check_regs("signal at a system call", true);

	for (int i = 0; i < NGPR; i++)
		gpr_in[i] = 0x2222222222222222ULL + i;
	pid = sender(SIGUSR1, 50, 0);
	run_regs(false);
	check_regs("signal at an interrupt", false);
	waitpid(pid, &st, 0);
}

/* ---- handlers, EINTR and restart, SIGCHLD, masks, default actions ---- */

static void test_delivery(void)
{
	sigset_t set;

	install(SIGUSR1, 0);
	hits = 0;
	raise(SIGUSR1);
	CHECK(hits == 1 && last_sig == SIGUSR1, "raise: handler ran %d times", (int)hits);
	CHECK(last_code == SI_TKILL && last_pid == getpid(), "raise: si_code %d si_pid %d",
	      (int)last_code, (int)last_pid);
	kill(getpid(), SIGUSR1);
	CHECK(hits == 2 && last_code == SI_USER, "kill: handler ran %d times, si_code %d",
	      (int)hits, (int)last_code);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hits = 0;
	raise(SIGUSR1);
	CHECK(hits == 0, "a blocked signal ran its handler");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK(hits == 1, "an unblocked pending signal did not run (hits %d)", (int)hits);

	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	CHECK(1, "SIG_IGN");	/* still alive */
	signal(SIGUSR2, SIG_DFL);
}

static void test_sleeps(void)
{
	struct timespec ts = { 2, 0 }, rem = { 0, 0 };
	int pid, st, r;

	install(SIGUSR1, 0);
	hits = 0;
	pid = sender(SIGUSR1, 100, 0);
	r = nanosleep(&ts, &rem);
	CHECK(r == -1 && errno == EINTR, "nanosleep: %d (%s), expected EINTR", r, strerror(errno));
	CHECK(hits == 1, "nanosleep: handler ran %d times", (int)hits);
	CHECK(rem.tv_sec >= 1 && rem.tv_sec <= 2, "nanosleep: %ld s left", (long)rem.tv_sec);
	waitpid(pid, &st, 0);

	hits = 0;
	pid = sender(SIGUSR1, 100, 300);
	r = waitpid(pid, &st, 0);
	CHECK(r == -1 && errno == EINTR, "wait4 without SA_RESTART: %d, expected EINTR", r);
	CHECK(hits == 1, "wait4: handler ran %d times", (int)hits);
	waitpid(pid, &st, 0);

	install(SIGUSR1, SA_RESTART);
	hits = 0;
	pid = sender(SIGUSR1, 100, 300);
	r = waitpid(pid, &st, 0);
	CHECK(r == pid && WIFEXITED(st), "wait4 with SA_RESTART: %d (%s)", r,
	      r < 0 ? strerror(errno) : "ok");
	CHECK(hits == 1, "wait4 with SA_RESTART: handler ran %d times", (int)hits);
}

/*
 * sigsuspend, pause, sigpending and clock_nanosleep: sigsuspend waits with
 * its own mask and the caller's comes back after the handler; a blocked
 * signal shows in sigpending; pause ends with EINTR after a handler;
 * clock_nanosleep is interrupted with EINTR and the time left (relative)
 * or without touching rem (TIMER_ABSTIME), and runs to its end otherwise.
 */
static void test_suspend(void)
{
	sigset_t block, empty, now, pend;
	struct timespec ts = { 2, 0 }, rem = { 0, 0 }, t0, t1;
	int pid, st, r;

	install(SIGUSR1, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR1) == 1, "sigpending: SIGUSR1 not pending while blocked");
	hits = 0;
	r = sigsuspend(&empty);
	CHECK(r == -1 && errno == EINTR && hits == 1, "sigsuspend, signal already pending: %d (%s), %d hits",
	      r, strerror(errno), (int)hits);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(sigismember(&now, SIGUSR1) == 1, "sigsuspend: the caller's mask did not come back");
	hits = 0;
	pid = sender(SIGUSR1, 100, 0);
	r = sigsuspend(&empty);
	CHECK(r == -1 && errno == EINTR && hits == 1, "sigsuspend: %d (%s), %d hits", r, strerror(errno),
	      (int)hits);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(sigismember(&now, SIGUSR1) == 1, "sigsuspend: mask lost after a sent signal");
	waitpid(pid, &st, 0);
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	hits = 0;
	pid = sender(SIGUSR1, 100, 0);
	r = pause();
	CHECK(r == -1 && errno == EINTR && hits == 1, "pause: %d (%s), %d hits", r, strerror(errno), (int)hits);
	waitpid(pid, &st, 0);

	hits = 0;
	pid = sender(SIGUSR1, 100, 0);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem);
	CHECK(r == EINTR && hits == 1, "clock_nanosleep: %d, %d hits, expected EINTR", r, (int)hits);
	CHECK(rem.tv_sec >= 1 && rem.tv_sec <= 2, "clock_nanosleep: %ld s left", (long)rem.tv_sec);
	waitpid(pid, &st, 0);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ts = (struct timespec){ t0.tv_sec + 2, t0.tv_nsec };
	rem = (struct timespec){ 7, 7 };
	hits = 0;
	pid = sender(SIGUSR1, 100, 0);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, &rem);
	CHECK(r == EINTR && hits == 1 && rem.tv_sec == 7 && rem.tv_nsec == 7,
	      "clock_nanosleep TIMER_ABSTIME: %d, %d hits, rem %ld", r, (int)hits, (long)rem.tv_sec);
	waitpid(pid, &st, 0);

	clock_gettime(CLOCK_REALTIME, &t0);
	ts = (struct timespec){ t0.tv_sec, t0.tv_nsec + 50000000L };
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL);
	clock_gettime(CLOCK_REALTIME, &t1);
	CHECK(r == 0 && (t1.tv_sec > ts.tv_sec || (t1.tv_sec == ts.tv_sec && t1.tv_nsec >= ts.tv_nsec)),
	      "clock_nanosleep CLOCK_REALTIME TIMER_ABSTIME: %d, woke early", r);
}

/*
 * sigaltstack: a SA_ONSTACK handler runs on the alternate stack and sees
 * SS_ONSTACK; one without SA_ONSTACK does not; the stack cannot be
 * changed from on it (EPERM); SS_AUTODISARM disarms it inside the handler
 * and sigreturn puts it back; SS_DISABLE removes it.
 */
static char altstack[65536] __attribute__((aligned(16)));
static volatile unsigned long alt_local;
static volatile int alt_flags, alt_change;

static void on_alt(int sig)
{
	volatile char here;
	stack_t cur, ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

	(void)sig;
	alt_local = (unsigned long)&here;
	sigaltstack(NULL, &cur);
	alt_flags = cur.ss_flags;
	alt_change = sigaltstack(&ss, NULL) ? errno : 0;
}

static bool in_altstack(unsigned long a)
{
	return a >= (unsigned long)altstack && a < (unsigned long)altstack + sizeof(altstack);
}

static void test_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, old, cur;
	struct sigaction sa = { .sa_handler = on_alt, .sa_flags = SA_ONSTACK };

	sigemptyset(&sa.sa_mask);
	CHECK(sigaltstack(&ss, &old) == 0 && old.ss_flags == SS_DISABLE,
	      "sigaltstack: set failed or an old stack was there (flags %d)", old.ss_flags);
	sigaction(SIGUSR2, &sa, NULL);
	alt_change = -1;
	raise(SIGUSR2);
	CHECK(in_altstack(alt_local), "SA_ONSTACK handler ran at %lx, not on the alternate stack",
	      (unsigned long)alt_local);
	CHECK(alt_flags == SS_ONSTACK, "sigaltstack in the handler: flags %d, expected SS_ONSTACK",
	      (int)alt_flags);
	CHECK(alt_change == EPERM, "sigaltstack change on the stack: %d, expected EPERM", (int)alt_change);
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	CHECK(!in_altstack(alt_local), "a handler without SA_ONSTACK ran on the alternate stack");

	ss.ss_flags = SS_AUTODISARM;
	sigaltstack(&ss, NULL);
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	CHECK(in_altstack(alt_local) && alt_flags == SS_DISABLE,
	      "SS_AUTODISARM: handler flags %d, expected SS_DISABLE on the alternate stack", (int)alt_flags);
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_sp == altstack && cur.ss_size == sizeof(altstack) && cur.ss_flags == SS_AUTODISARM,
	      "SS_AUTODISARM: not back after sigreturn (flags %d)", cur.ss_flags);

	ss.ss_flags = SS_DISABLE;
	CHECK(sigaltstack(&ss, NULL) == 0, "sigaltstack SS_DISABLE failed");
	sigaltstack(NULL, &cur);
	CHECK(cur.ss_flags == SS_DISABLE, "sigaltstack: still there after SS_DISABLE");
	signal(SIGUSR2, SIG_DFL);
}

static void test_children(void)
{
	char *true_argv[] = { "true", NULL }, *hang_argv[] = { "sigtest", "hang", NULL };
	char *bad_argv[] = { "sigtest", "badframe", NULL };
	int pid, st;

	install(SIGCHLD, SA_RESTART);
	hits = 0;
	pid = spawn("/bin/true", true_argv, environ);
	waitpid(pid, &st, 0);
	CHECK(hits == 1 && last_sig == SIGCHLD && last_pid == pid,
	      "SIGCHLD: %d hits, signal %d from %d (child %d)", (int)hits, (int)last_sig,
	      (int)last_pid, pid);
	signal(SIGCHLD, SIG_DFL);

	pid = spawn("/bin/sigtest", hang_argv, environ);
	msleep(50);
	kill(pid, SIGUSR1);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "SIGUSR1 default: status %#x", st);

	pid = spawn("/bin/sigtest", hang_argv, environ);
	msleep(50);
	kill(pid, SIGCHLD);	/* default: ignored */
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "SIGCHLD then SIGTERM: status %#x", st);

	signal(SIGUSR2, SIG_IGN);	/* kept across spawn, as across exec */
	pid = spawn("/bin/sigtest", hang_argv, environ);
	signal(SIGUSR2, SIG_DFL);
	msleep(50);
	kill(pid, SIGUSR2);
	msleep(50);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "inherited SIG_IGN: status %#x", st);

	pid = spawn("/bin/sigtest", (char *[]){ "sigtest", "protnone", NULL }, environ);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "read of a PROT_NONE page: status %#x", st);

	pid = spawn("/bin/sigtest", bad_argv, environ);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "bad sigreturn frame: status %#x", st);
}

/*
 * `sigtest fpu N`: xmm0-15 and MXCSR hold a pattern of this process's own
 * and must survive N sched_yield()s while another process does the same
 * with its pattern, as must the FS base (musl's thread pointer: %fs:0
 * points at itself). Returns 0 if nothing changed.
 */
static int fpu_worker(long n)
{
	u64 tp, self = (u64)pthread_self();
	int bad = 0;

	for (int i = 0; i < 32; i++)
		xmm_in[i] = ((u64)getpid() << 32) ^ (0x9e3779b97f4a7c15ULL * (i + 1));
	mxcsr_in = 0x1f80 | (getpid() & 1 ? 0x4000 : 0x2000);	/* round up or down */
	while (n-- > 0 && !bad) {
		__asm__ __volatile__(
			"ldmxcsr mxcsr_in(%%rip)\n\t"
			"movdqa xmm_in+0(%%rip), %%xmm0\n\t"   "movdqa xmm_in+16(%%rip), %%xmm1\n\t"
			"movdqa xmm_in+32(%%rip), %%xmm2\n\t"  "movdqa xmm_in+48(%%rip), %%xmm3\n\t"
			"movdqa xmm_in+64(%%rip), %%xmm4\n\t"  "movdqa xmm_in+80(%%rip), %%xmm5\n\t"
			"movdqa xmm_in+96(%%rip), %%xmm6\n\t"  "movdqa xmm_in+112(%%rip), %%xmm7\n\t"
			"movdqa xmm_in+128(%%rip), %%xmm8\n\t" "movdqa xmm_in+144(%%rip), %%xmm9\n\t"
			"movdqa xmm_in+160(%%rip), %%xmm10\n\t" "movdqa xmm_in+176(%%rip), %%xmm11\n\t"
			"movdqa xmm_in+192(%%rip), %%xmm12\n\t" "movdqa xmm_in+208(%%rip), %%xmm13\n\t"
			"movdqa xmm_in+224(%%rip), %%xmm14\n\t" "movdqa xmm_in+240(%%rip), %%xmm15\n\t"
			"mov $24, %%eax\n\t"		/* sched_yield: another process runs */
			"syscall\n\t"
			"movdqa %%xmm0, xmm_out+0(%%rip)\n\t"   "movdqa %%xmm1, xmm_out+16(%%rip)\n\t"
			"movdqa %%xmm2, xmm_out+32(%%rip)\n\t"  "movdqa %%xmm3, xmm_out+48(%%rip)\n\t"
			"movdqa %%xmm4, xmm_out+64(%%rip)\n\t"  "movdqa %%xmm5, xmm_out+80(%%rip)\n\t"
			"movdqa %%xmm6, xmm_out+96(%%rip)\n\t"  "movdqa %%xmm7, xmm_out+112(%%rip)\n\t"
			"movdqa %%xmm8, xmm_out+128(%%rip)\n\t" "movdqa %%xmm9, xmm_out+144(%%rip)\n\t"
			"movdqa %%xmm10, xmm_out+160(%%rip)\n\t" "movdqa %%xmm11, xmm_out+176(%%rip)\n\t"
			"movdqa %%xmm12, xmm_out+192(%%rip)\n\t" "movdqa %%xmm13, xmm_out+208(%%rip)\n\t"
			"movdqa %%xmm14, xmm_out+224(%%rip)\n\t" "movdqa %%xmm15, xmm_out+240(%%rip)\n\t"
			"stmxcsr mxcsr_out(%%rip)\n\t"
			"mov %%fs:0, %0\n\t"
			: "=r"(tp) : : "rax", "rcx", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
			  "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
			  "xmm14", "xmm15", "memory");
		bad = memcmp(xmm_in, xmm_out, sizeof(xmm_in)) || mxcsr_out != mxcsr_in || tp != self;
	}
	if (bad)
		printf("sigtest: fpu: pid %d: %s changed across a switch\n", getpid(),
		       tp != self ? "the FS base" : mxcsr_out != mxcsr_in ? "MXCSR" : "xmm");
	return bad;
}

static void test_fpu_switch(void)
{
	char *argv[] = { "sigtest", "fpu", "2000", NULL };
	int a = spawn("/bin/sigtest", argv, environ), b = spawn("/bin/sigtest", argv, environ);
	int sa = -1, sb = -1;

	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	CHECK(sa == 0 && sb == 0, "FPU/SSE state or FS base lost across switches: %#x %#x", sa, sb);
}

static void test_memory(void)
{
	size_t n = 1 << 20;
	unsigned char *p = malloc(n);	/* above musl's threshold: mmap */

	CHECK(p != NULL, "malloc(1 MiB) failed");
	if (p) {
		memset(p, 0xa5, n);
		CHECK(p[n - 1] == 0xa5, "malloc'd memory does not hold a value");
		free(p);
	}
	p = malloc(100);
	CHECK(p != NULL, "malloc(100) failed");
	free(p);

	/* mprotect keeps the contents behind PROT_NONE; the page left so is freed at exit */
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap of 2 pages: %s", strerror(errno));
	if (p == MAP_FAILED)
		return;
	CHECK(p[0] == 0 && p[8191] == 0, "mmap'd memory is not zeroed");
	p[0] = 0x5a;
	p[4096] = 0xa5;
	CHECK(!mprotect(p, 8192, PROT_NONE), "mprotect PROT_NONE: %s", strerror(errno));
	CHECK(mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) ==
	      MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a PROT_NONE page");
	CHECK(!mprotect(p, 4096, PROT_READ), "mprotect PROT_READ: %s", strerror(errno));
	CHECK(p[0] == 0x5a, "the page lost its contents under PROT_NONE");
	CHECK(!munmap(p, 4096), "munmap: %s", strerror(errno));
	CHECK(mprotect(p, 4096, PROT_READ) == -1 && errno == ENOMEM, "mprotect of an unmapped page");
	/* p + 4096 stays PROT_NONE, holding its page, until exit */
}

/* `sigtest protnone`: reads a PROT_NONE page, which must kill it with SIGSEGV. */
static int touch_protnone(void)
{
	volatile unsigned char *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	return p[0];
}

static void empty_handler(int sig)
{
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "send")) {
		msleep(atol(argv[4]));
		kill(atoi(argv[3]), atoi(argv[2]));
		msleep(atol(argv[5]));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "hang")) {
		for (;;)
			msleep(1000);
	}
	if (argc == 2 && !strcmp(argv[1], "protnone"))
		return touch_protnone();
	if (argc == 3 && !strcmp(argv[1], "fpu"))
		return fpu_worker(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "raise")) {
		long n = atol(argv[2]);
		int pid = getpid();

		signal(SIGUSR1, empty_handler);
		while (n-- > 0)
			kill(pid, SIGUSR1);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "nap")) {
		struct timespec ts = { atoi(argv[2]), 0 };
		int r;

		install(SIGUSR1, 0);
		r = nanosleep(&ts, &ts);
		printf("sigtest: nap: %s, handler ran %d times\n", r ? strerror(errno) : "slept",
		       (int)hits);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "badframe")) {
		__asm__ __volatile__("xor %%esp, %%esp\n\tmov $15, %%eax\n\tsyscall" : : : "memory");
		return 0;
	}
	test_delivery();
	test_registers();
	test_sleeps();
	test_suspend();
	test_altstack();
	test_children();
	test_fpu_switch();
	test_memory();
	printf("sigtest: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
