/*
 * Helpers shared by the livepatch ktests and benchmarks (klp_test.h).
 * Their patches are static data, enabled and freed many times in one
 * boot, where a real patch module would be loaded afresh each time.
 */
#include "../../../livepatch/core.h"
#include "klp_test.h"
#include <kelp/ktest.h>
#include <kelp/module.h>
#include <kelp/sched.h>
#include <kelp/string.h>
#include <kelp/workqueue.h>

/*
 * What unloading a module gives for free: the next enable starts from a
 * fresh copy of the patch's data (kobjects never initialised).
 */
void klp_test_reset(struct klp_patch *patch)
{
	struct klp_object *obj;
	struct klp_func *func;

	memset(&patch->kobj, 0, sizeof(patch->kobj));
	klp_for_each_object_static(patch, obj) {
		memset(&obj->kobj, 0, sizeof(obj->kobj));
		klp_for_each_func_static(obj, func)
			memset(&func->kobj, 0, sizeof(func->kobj));
	}
}

/* See klp_test.h. */
int klp_test_remove_module_patch(void)
{
	int err = ktest_write_file("/sys/kernel/livepatch/livepatch_module/enabled", "0");

	for (int i = 0; i < 500 && klp_transition_in_progress(); i++)
		msleep(1);
	flush_workqueue(klp_wq);	/* the free work */
	return err ? err : delete_module("livepatch_module");
}
