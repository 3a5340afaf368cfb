/*
 * <linux/kprobes.h> for modules written against Linux's API: kprobes and
 * kretprobes are Kelp's own (include/kelp/kprobes.h) with Linux's names,
 * fields and meanings, on fentry sites only (Linux's KPROBES_ON_FTRACE).
 * __kprobes is Linux's section marker for probe handlers; here it only
 * keeps them out of ftrace.
 */
#ifndef _LINUX_KPROBES_H
#define _LINUX_KPROBES_H

#include <kelp/kprobes.h>

#ifndef __kprobes
#define __kprobes notrace
#endif

#endif /* _LINUX_KPROBES_H */
