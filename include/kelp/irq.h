/*
 * Interrupt lines: the legacy 8259 PICs remapped to vectors 32..47 and a
 * handler table indexed by IRQ number. Handlers run with interrupts off,
 * on the interrupted task's stack; they must not sleep.
 */
#ifndef KELP_IRQ_H
#define KELP_IRQ_H

#include <kelp/types.h>

#define IRQ_BASE_VECTOR 32
#define NR_IRQS 16

struct pt_regs;
typedef void (*irq_handler_t)(unsigned int irq, void *data);

/* Remaps and masks the PICs. Boot, IRQs off. */
void pic_init(void);
void pic_mask(unsigned int irq);
void pic_unmask(unsigned int irq);
void pic_eoi(unsigned int irq);
/* Whether IRQ 7 or 15 is spurious (the PIC's ISR bit is clear). IRQs off. */
bool pic_irq_spurious(unsigned int irq);

/* Installs handler for irq and unmasks it. Returns 0 or -EBUSY/-EINVAL. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *data);
/* Called by the trap dispatcher for vectors 32..47. */
void irq_dispatch(unsigned int irq, struct pt_regs *regs);
/* Interrupt count per line (for `cat /proc/interrupts` style output). */
u64 irq_count(unsigned int irq);
const char *irq_name(unsigned int irq);

#endif /* KELP_IRQ_H */
