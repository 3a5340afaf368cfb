/*
 * <asm/ibt.h>: Linux's Indirect Branch Tracking markers for assembly.
 * Kelp builds with -fcf-protection=none and never enables IBT, so a
 * function entered indirectly needs no endbr64: the markers are empty,
 * as in a Linux kernel built without CONFIG_X86_KERNEL_IBT.
 */
#ifndef _ASM_X86_IBT_H
#define _ASM_X86_IBT_H

#define ASM_ENDBR
#define ENDBR_INSN_SIZE 0

#endif /* _ASM_X86_IBT_H */
