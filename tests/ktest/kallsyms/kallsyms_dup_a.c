/*
 * Test object for kallsyms sympos: kallsyms_dup_a.c and its twin each
 * define a static function called kallsyms_test_dup, as two Linux files
 * may. kallsyms -p kallsyms_test_dup 1|2 and livepatch's old_sympos tell
 * them apart (by table order: the lower address is 1); the tests compare
 * with the addresses the twins return.
 */
#include <kelp/compiler.h>
#include <kelp/export.h>

unsigned long kallsyms_dup_a_addr(void);

/* Returns a value that tells the twins apart. */
static noinline __used int kallsyms_test_dup(int x)
{
	barrier();
	return x + 'a';
}

/* Address of this object's kallsyms_test_dup. */
unsigned long kallsyms_dup_a_addr(void)
{
	return (unsigned long)kallsyms_test_dup;
}
EXPORT_SYMBOL_GPL(kallsyms_dup_a_addr);
