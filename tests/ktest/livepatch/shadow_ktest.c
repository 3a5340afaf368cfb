/*
 * In-kernel tests of shadow variables: eight threads
 * allocating, reading and freeing shadows of shared objects at once (every
 * read sees a consistent value, nothing leaks; the same while patches
 * declaring the type replace each other is in
 * klp_cumulative_ktest.c). Their cost: tests/bench/livepatch/shadow_bench.c.
 */
#include <kelp/klp_shadow.h>
#include <kelp/completion.h>
#include <kelp/kthread.h>
#include <kelp/ktest.h>
#include <kelp/sched.h>
#include <kelp/x86.h>

#define RACE_THREADS 8
#define RACE_OBJS 64
#define RACE_ROUNDS 3000
#define RACE_ID 0x5eed

static int race_objs[RACE_OBJS];

struct race_arg {
	int idx;
	int bad;
	struct completion done;
};

static int stamp_ctor(void *obj, void *data, void *arg)
{
	*(unsigned long *)data = (unsigned long)obj ^ 0xa5a5;
	return 0;
}

static int shadow_racer(void *data)
{
	struct race_arg *a = data;
	u64 seed = 0x9e37 + a->idx;

	for (int i = 0; i < RACE_ROUNDS; i++) {
		unsigned int n = (seed >> 16) % RACE_OBJS;
		int *obj = &race_objs[n];
		bool mine = n % RACE_THREADS == (unsigned int)a->idx;
		unsigned long *s;

		/*
		 * As in Linux, nothing keeps a shadow's data alive against a
		 * concurrent free: a thread reads and frees only the shadows
		 * of its own objects, and allocates on all of them.
		 */
		seed = seed * 6364136223846793005ULL + 1;
		s = klp_shadow_get_or_alloc(obj, RACE_ID, sizeof(*s), GFP_KERNEL, stamp_ctor, NULL);
		if (!s || (mine && *s != ((unsigned long)obj ^ 0xa5a5)))
			a->bad++;
		if (mine && (seed >> 40) % 4 == 0)
			klp_shadow_free(obj, RACE_ID, NULL);
		if (i % 64 == 0)
			cond_resched();
	}
	complete(&a->done);
	return 0;
}

KTEST(klp_shadow_eight_threads)
{
	static struct race_arg args[RACE_THREADS];
	static struct task *tasks[RACE_THREADS];
	int bad = 0;

	for (int i = 0; i < RACE_THREADS; i++) {
		args[i] = (struct race_arg){ .idx = i };
		init_completion(&args[i].done);
		tasks[i] = kthread_create(shadow_racer, &args[i], "shadow-%d", i);
		KT_ASSERT(t, !IS_ERR_OR_NULL(tasks[i]));
		get_task_struct(tasks[i]);
		wake_up_process(tasks[i]);
	}
	for (int i = 0; i < RACE_THREADS; i++) {
		KT_EXPECT(t, wait_for_completion_timeout(&args[i].done, msecs_to_jiffies(20000)));
		kthread_stop(tasks[i]);
		put_task_struct(tasks[i]);
		bad += args[i].bad;
	}
	klp_shadow_free_all(RACE_ID, NULL);
	KT_EXPECT_EQ(t, bad, 0);
	/* Every shadow was freed (the hash table itself may have grown and stays). */
	KT_EXPECT_EQ(t, klp_shadow_count(), 0);
}
