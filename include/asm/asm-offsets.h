/*
 * <asm/asm-offsets.h>: Linux generates it at build time with the offsets
 * of its own structures for assembly code. Kelp's structures are not
 * Linux's, so it defines none; the header exists because Linux's
 * samples/ftrace modules include it for other architectures' trampolines
 * (their x86-64 code uses no offset).
 */
#ifndef _ASM_ASM_OFFSETS_H
#define _ASM_ASM_OFFSETS_H
#endif /* _ASM_ASM_OFFSETS_H */
