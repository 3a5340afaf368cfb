/*
 * Unit tests of the lock validator's core (kernel/locking/lockdep_core.c):
 * an AB-BA pair is reported the first time the second order appears, with
 * both chains; a longer cycle (A->B->C->A); consistent orders and trylocks
 * are not reported; recursion and subclass nesting; IRQ-unsafe use of a
 * class used in IRQ context (either order); bad unlock balance; the
 * validator stays quiet after one report; table overflow turns it off.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

#undef __always_inline
#define strerror kelp_strerror
#include "../../kernel/locking/lockdep_core.c"

static char report[16384];
static size_t report_len;

static void t_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_len += vsnprintf(report + report_len, sizeof(report) - report_len, fmt, ap);
	va_end(ap);
	if (report_len >= sizeof(report))
		report_len = sizeof(report) - 1;
}

static void t_print_ip(unsigned long ip)
{
	t_print("site%lu", ip);
}

static const char *t_ctx_name(void)
{
	return "test/1";
}

static const struct lockdep_ops t_ops = { t_print, t_print_ip, t_ctx_name };
static struct lockdep_graph g;
static struct lockdep_ctx cpu0, cpu1;
static struct lock_class_key key_a, key_b, key_c, key_d;
static struct lockdep_map A, B, C, D;

static int setup(void **state)
{
	(void)state;
	lockdep_graph_init(&g, &t_ops);
	memset(&cpu0, 0, sizeof(cpu0));
	memset(&cpu1, 0, sizeof(cpu1));
	A = (struct lockdep_map){ .name = "&A", .key = &key_a };
	B = (struct lockdep_map){ .name = "&B", .key = &key_b };
	C = (struct lockdep_map){ .name = "&C", .key = &key_c };
	D = (struct lockdep_map){ .name = "&D", .key = &key_d };
	report[0] = '\0';
	report_len = 0;
	return 0;
}

static enum lockdep_report lock(struct lockdep_ctx *c, struct lockdep_map *m, unsigned long ip)
{
	return lockdep_acquire(&g, c, m, 0, false, false, false, ip);
}

static void unlock(struct lockdep_ctx *c, struct lockdep_map *m)
{
	assert_int_equal(lockdep_release(&g, c, m, 99), LOCKDEP_OK);
}

static void test_abba_reported_first_time(void **state)
{
	(void)state;
	assert_int_equal(lock(&cpu0, &A, 1), LOCKDEP_OK);
	assert_int_equal(lock(&cpu0, &B, 2), LOCKDEP_OK);
	unlock(&cpu0, &B);
	unlock(&cpu0, &A);
	/* Another context, later, in the other order: no deadlock happens, yet it is reported. */
	assert_int_equal(lock(&cpu1, &B, 3), LOCKDEP_OK);
	assert_int_equal(lock(&cpu1, &A, 4), LOCKDEP_CIRCULAR);
	assert_non_null(strstr(report, "WARNING: possible circular locking dependency detected"));
	assert_non_null(strstr(report, "test/1 is trying to acquire lock:\n (&A), at: site4"));
	assert_non_null(strstr(report, "but task is already holding lock:\n (&B), at: site3"));
	/* Both chains: B taken at site2 while holding A (site1), and A being taken now. */
	assert_non_null(strstr(report, "-> #1 (&B):\n       taken at site2\n       while holding (&A) taken at site1"));
	assert_non_null(strstr(report, "-> #0 (&A):\n       being taken now at site4"));
	assert_non_null(strstr(report, "*** DEADLOCK ***"));
	assert_non_null(strstr(report, "1 lock held by test/1:\n #0: (&B), at: site3"));
	/* Off after one report: a second bad order says nothing. */
	report_len = 0;
	report[0] = '\0';
	assert_int_equal(lock(&cpu1, &C, 5), LOCKDEP_OK);
	assert_int_equal(report_len, 0);
}

static void test_long_cycle(void **state)
{
	(void)state;
	lock(&cpu0, &A, 1);
	lock(&cpu0, &B, 2);
	unlock(&cpu0, &B);
	unlock(&cpu0, &A);
	lock(&cpu0, &B, 3);
	lock(&cpu0, &C, 4);
	unlock(&cpu0, &C);
	unlock(&cpu0, &B);
	lock(&cpu0, &C, 5);
	assert_int_equal(lock(&cpu0, &A, 6), LOCKDEP_CIRCULAR);
	assert_non_null(strstr(report, "-> #2 (&C):"));
	assert_non_null(strstr(report, "-> #1 (&B):"));
	assert_non_null(strstr(report, "-> #0 (&A):"));
}

static void test_consistent_orders_quiet(void **state)
{
	(void)state;
	for (int i = 0; i < 100; i++) {
		assert_int_equal(lock(&cpu0, &A, 1), LOCKDEP_OK);
		assert_int_equal(lock(&cpu0, &B, 2), LOCKDEP_OK);
		assert_int_equal(lock(&cpu0, &C, 3), LOCKDEP_OK);
		unlock(&cpu0, &B);	/* out of order */
		unlock(&cpu0, &C);
		unlock(&cpu0, &A);
		assert_int_equal(lock(&cpu1, &A, 4), LOCKDEP_OK);
		assert_int_equal(lock(&cpu1, &C, 5), LOCKDEP_OK);
		unlock(&cpu1, &C);
		unlock(&cpu1, &A);
	}
	assert_int_equal(g.nr_edges, 3);	/* A->B, A->C, B->C, once each */
	assert_int_equal(cpu0.depth, 0);
	assert_int_equal(report_len, 0);
}

static void test_trylock_adds_no_order(void **state)
{
	(void)state;
	lock(&cpu0, &A, 1);
	lock(&cpu0, &B, 2);
	unlock(&cpu0, &B);
	unlock(&cpu0, &A);
	lock(&cpu1, &B, 3);
	assert_int_equal(lockdep_acquire(&g, &cpu1, &A, 0, true, false, false, 4), LOCKDEP_OK);
	assert_int_equal(cpu1.depth, 2);
	unlock(&cpu1, &A);
	unlock(&cpu1, &B);
}

static void test_recursive_and_subclass(void **state)
{
	struct lockdep_map A2 = { .name = "&A", .key = &key_a };

	(void)state;
	lock(&cpu0, &A, 1);
	/* Same class, nested on purpose: subclass 1 is a class of its own. */
	assert_int_equal(lockdep_acquire(&g, &cpu0, &A2, 1, false, false, false, 2), LOCKDEP_OK);
	unlock(&cpu0, &A2);
	assert_int_equal(lock(&cpu0, &A2, 3), LOCKDEP_RECURSIVE);
	assert_non_null(strstr(report, "WARNING: possible recursive locking detected"));
	assert_non_null(strstr(report, "May be due to missing lock nesting notation"));
}

static void test_subclass_name(void **state)
{
	(void)state;
	lockdep_acquire(&g, &cpu0, &A, 1, false, false, false, 1);
	lock(&cpu0, &B, 2);
	unlock(&cpu0, &B);
	unlock(&cpu0, &A);
	lock(&cpu0, &B, 3);
	assert_int_equal(lockdep_acquire(&g, &cpu0, &A, 1, false, false, false, 4), LOCKDEP_CIRCULAR);
	assert_non_null(strstr(report, "(&A/1), at: site4"));
}

static void test_irq_unsafe_after_irq(void **state)
{
	(void)state;
	/* Taken in an interrupt, then in a task with IRQs on: an interrupt could deadlock on it. */
	assert_int_equal(lockdep_acquire(&g, &cpu0, &A, 0, false, true, false, 7), LOCKDEP_OK);
	unlock(&cpu0, &A);
	assert_int_equal(lockdep_acquire(&g, &cpu1, &A, 0, false, false, true, 8), LOCKDEP_INCONSISTENT);
	assert_non_null(strstr(report, "WARNING: inconsistent lock state"));
	assert_non_null(strstr(report, "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage."));
	assert_non_null(strstr(report, "{IN-HARDIRQ-W} state was registered at:\n  site7"));
	assert_non_null(strstr(report, "<Interrupt>"));
}

static void test_irq_after_irq_unsafe(void **state)
{
	(void)state;
	lockdep_acquire(&g, &cpu0, &A, 0, false, false, true, 1);
	unlock(&cpu0, &A);
	/* IRQs off in task context is fine... */
	assert_int_equal(lockdep_acquire(&g, &cpu0, &A, 0, false, false, false, 2), LOCKDEP_OK);
	unlock(&cpu0, &A);
	/* ... but then in an interrupt it is not. */
	assert_int_equal(lockdep_acquire(&g, &cpu1, &A, 0, false, true, false, 3), LOCKDEP_INCONSISTENT);
	assert_non_null(strstr(report, "inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage."));
}

static void test_bad_unlock(void **state)
{
	(void)state;
	assert_int_equal(lockdep_release(&g, &cpu0, &A, 5), LOCKDEP_BAD_UNLOCK);
	assert_non_null(strstr(report, "WARNING: bad unlock balance detected!"));
	assert_non_null(strstr(report, "but there are no more locks to release!"));
}

static void test_overflow_turns_off(void **state)
{
	static struct lock_class_key keys[LOCKDEP_MAX_CLASSES + 1];
	static struct lockdep_map maps[LOCKDEP_MAX_CLASSES + 1];
	enum lockdep_report r = LOCKDEP_OK;
	int i;

	(void)state;
	for (i = 0; i <= LOCKDEP_MAX_CLASSES && r == LOCKDEP_OK; i++) {
		maps[i] = (struct lockdep_map){ .name = "many", .key = &keys[i] };
		r = lock(&cpu0, &maps[i], i);
		if (r == LOCKDEP_OK)
			unlock(&cpu0, &maps[i]);
	}
	assert_int_equal(r, LOCKDEP_OVERFLOW);
	assert_non_null(strstr(report, "class table full"));
	assert_true(g.off);
	/* Held-lock depth too. */
	setup(NULL);
	for (i = 0, r = LOCKDEP_OK; i <= LOCKDEP_MAX_DEPTH && r == LOCKDEP_OK; i++) {
		maps[i] = (struct lockdep_map){ .name = "deep", .key = &keys[i] };
		r = lock(&cpu0, &maps[i], i);
	}
	assert_int_equal(r, LOCKDEP_OVERFLOW);
	assert_int_equal(i, LOCKDEP_MAX_DEPTH + 1);
}

/* A module's classes go with its memory: their orders are no longer held against others. */
static void test_forget_keys_drops_orders(void **state)
{
	(void)state;
	lock(&cpu0, &A, 1);
	lock(&cpu0, &B, 2);
	unlock(&cpu0, &B);
	unlock(&cpu0, &A);
	lock(&cpu0, &B, 3);
	lock(&cpu0, &C, 4);
	unlock(&cpu0, &C);
	unlock(&cpu0, &B);
	assert_int_equal(g.nr_edges, 2);
	lockdep_forget_keys(&g, (unsigned long)&key_b, sizeof(key_b));
	assert_int_equal(g.nr_edges, 0);	/* both edges touched B */
	/* B -> A is now a first order, not a cycle; A -> C never existed */
	assert_int_equal(lock(&cpu1, &B, 5), LOCKDEP_OK);
	assert_int_equal(lock(&cpu1, &A, 6), LOCKDEP_OK);
	unlock(&cpu1, &A);
	unlock(&cpu1, &B);
	assert_int_equal(report_len, 0);
	/* an edge not touching the forgotten class stays and still catches a cycle */
	lock(&cpu0, &C, 7);
	lock(&cpu0, &D, 8);
	unlock(&cpu0, &D);
	unlock(&cpu0, &C);
	lockdep_forget_keys(&g, (unsigned long)&key_a, sizeof(key_a));
	lock(&cpu1, &D, 9);
	assert_int_equal(lock(&cpu1, &C, 10), LOCKDEP_CIRCULAR);
}

static void test_forget_keys_reuses_slots(void **state)
{
	u32 n;

	(void)state;
	lock(&cpu0, &A, 1);
	unlock(&cpu0, &A);
	lock(&cpu0, &B, 2);
	unlock(&cpu0, &B);
	n = g.nr_classes;
	lockdep_forget_keys(&g, (unsigned long)&key_a, sizeof(key_a));
	/* a new key takes A's slot; the table does not grow */
	lock(&cpu0, &C, 3);
	unlock(&cpu0, &C);
	assert_int_equal(g.nr_classes, n);
	/* A's map cached the slot; its key no longer matches, so A gets a class again */
	lock(&cpu0, &A, 4);
	unlock(&cpu0, &A);
	assert_int_equal(g.nr_classes, n + 1);
	assert_int_equal(report_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_abba_reported_first_time, setup),
		cmocka_unit_test_setup(test_long_cycle, setup),
		cmocka_unit_test_setup(test_consistent_orders_quiet, setup),
		cmocka_unit_test_setup(test_trylock_adds_no_order, setup),
		cmocka_unit_test_setup(test_recursive_and_subclass, setup),
		cmocka_unit_test_setup(test_subclass_name, setup),
		cmocka_unit_test_setup(test_irq_unsafe_after_irq, setup),
		cmocka_unit_test_setup(test_irq_after_irq_unsafe, setup),
		cmocka_unit_test_setup(test_bad_unlock, setup),
		cmocka_unit_test_setup(test_overflow_turns_off, setup),
		cmocka_unit_test_setup(test_forget_keys_drops_orders, setup),
		cmocka_unit_test_setup(test_forget_keys_reuses_slots, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
