/*
 * Legacy 8259A pair: remapped to vectors 32..47 so IRQs never collide with
 * CPU exceptions, everything masked until a driver asks for its line.
 * The cascade line (IRQ 2) stays unmasked so slave IRQs get through.
 */
#include <kelp/irq.h>
#include <kelp/x86.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01

static u16 pic_mask_bits = 0xffff & ~(1 << 2);

static void pic_write_masks(void)
{
	outb(PIC1_DATA, pic_mask_bits & 0xff);
	outb(PIC2_DATA, pic_mask_bits >> 8);
}

/* See irq.h. */
void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	io_delay();
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	io_delay();
	outb(PIC1_DATA, IRQ_BASE_VECTOR);	/* ICW2: vector offsets */
	io_delay();
	outb(PIC2_DATA, IRQ_BASE_VECTOR + 8);
	io_delay();
	outb(PIC1_DATA, 1 << 2);		/* ICW3: slave on IRQ 2 */
	io_delay();
	outb(PIC2_DATA, 2);
	io_delay();
	outb(PIC1_DATA, ICW4_8086);
	io_delay();
	outb(PIC2_DATA, ICW4_8086);
	io_delay();
	pic_write_masks();
}

/* See irq.h. Caller serialises (IRQs off or the irq descriptor lock). */
void pic_mask(unsigned int irq)
{
	pic_mask_bits |= 1 << irq;
	pic_write_masks();
}

/* See irq.h. */
void pic_unmask(unsigned int irq)
{
	pic_mask_bits &= ~(1 << irq);
	pic_write_masks();
}

/* See irq.h. Any context. */
void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* See irq.h. The in-service register tells a real IRQ 7/15 from a spurious one. IRQs off. */
bool pic_irq_spurious(unsigned int irq)
{
	u16 cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(cmd, 0x0b);	/* OCW3: read ISR */
	return !(inb(cmd) & 0x80);
}
