/* Private to tests/ktest/livepatch/: the functions the livepatch ktests patch. */
#ifndef LIVEPATCH_TEST_KLP_KTEST_TARGET_H
#define LIVEPATCH_TEST_KLP_KTEST_TARGET_H

struct completion;

int klp_ktest_target(int x);		/* x + 1 */
int klp_ktest_target_new(int x);	/* x + 1001 */
int klp_ktest_target_newer(int x);	/* x + 2001 */
int klp_ktest_notrace(int x);		/* notrace: cannot be patched */
void klp_ktest_isleep(unsigned int ms);
void klp_ktest_isleep_new(unsigned int ms);
void klp_ktest_block(struct completion *done);
void klp_ktest_block_new(struct completion *done);
void klp_ktest_block_newer(struct completion *done);
int klp_ktest_spin(volatile int *hold);	/* busy while *hold == 1; 1 */
int klp_ktest_spin_new(volatile int *hold);	/* the same; 2 */

/* Exported: modules declare it as `extern long klp_test_objects[128];` */
#define KLP_TEST_NR_OBJECTS 128
extern long klp_test_objects[KLP_TEST_NR_OBJECTS];

#endif /* LIVEPATCH_TEST_KLP_KTEST_TARGET_H */
