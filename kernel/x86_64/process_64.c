/*
 * The x86-64 side of a task's life (<kelp/arch.h>): the stack a new task
 * starts from, laid out for its first __switch_to_asm (switch.asm) to
 * "return" into ret_from_fork. The final frame it leaves at the stack top
 * is the one the unwinder (stacktrace.c) ends every walk on.
 */
#include <kelp/arch.h>
#include <kelp/sched.h>

/*
 * See arch.h. The first switch to a task pops five zero registers and rbp = hi - 16,
 * then returns into ret_from_fork (+1); [hi - 16] = 0 (saved rbp) and
 * [hi - 8] = 0 (return address) form the final frame every walk ends on.
 */
void arch_task_stack_init(struct task *t)
{
	unsigned long *top = (unsigned long *)t->stack_hi;

	top[-1] = 0;
	top[-2] = 0;
	top[-3] = (unsigned long)ret_from_fork + 1;	/* past its nop: see switch.asm */
	top[-4] = t->stack_hi - 16;
	for (int i = 5; i <= 9; i++)
		top[-i] = 0;
	t->sp = (unsigned long)&top[-9];
}
