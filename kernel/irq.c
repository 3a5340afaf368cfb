/*
 * IRQ handler table. A line has at most one handler; the dispatcher counts
 * the interrupt, calls the handler and acknowledges the PIC. Spurious
 * IRQ 7/15 (the PIC's "no one asked" vector) are counted and not EOI'd on
 * the line that did not fire, as the 8259 requires.
 */
#include <kelp/export.h>
#include <kelp/irq.h>
#include <kelp/errno.h>
#include <kelp/x86.h>
#include <kelp/printk.h>

struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
	u64 count;
};

static struct irq_desc irq_table[NR_IRQS];	/* written with IRQs off */

/* See irq.h. Task context. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *data)
{
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	flags = local_irq_save();
	if (irq_table[irq].handler) {
		local_irq_restore(flags);
		return -EBUSY;
	}
	irq_table[irq] = (struct irq_desc){ handler, data, name, 0 };
	pic_unmask(irq);
	local_irq_restore(flags);
	return 0;
}
EXPORT_SYMBOL_FOR_KTEST(request_irq);

/* See irq.h. IRQs off. */
void irq_dispatch(unsigned int irq, struct pt_regs *regs)
{
	struct irq_desc *d = &irq_table[irq];

	if (pic_irq_spurious(irq)) {
		if (irq == 15)
			pic_eoi(2);	/* the master did see the cascade */
		d->count++;
		return;
	}
	d->count++;
	if (d->handler)
		d->handler(irq, d->data);
	pic_eoi(irq);
}

/* See irq.h. */
u64 irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_table[irq].count : 0;
}

/* See irq.h. */
const char *irq_name(unsigned int irq)
{
	return irq < NR_IRQS ? irq_table[irq].name : NULL;
}
