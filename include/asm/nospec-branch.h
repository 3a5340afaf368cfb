/*
 * <asm/nospec-branch.h>: the return and call-depth macros Linux's
 * assembly uses. Kelp has no return thunks and no call-depth tracking
 * (Linux without CONFIG_MITIGATION_RETHUNK / CALL_DEPTH_TRACKING): a
 * return is a plain ret, and the accounting is empty.
 */
#ifndef _ASM_X86_NOSPEC_BRANCH_H
#define _ASM_X86_NOSPEC_BRANCH_H

#define ASM_RET "ret\n\t"
#define CALL_DEPTH_ACCOUNT ""

#endif /* _ASM_X86_NOSPEC_BRANCH_H */
