/*
 * 16550 UART: 115200 8N1 with FIFOs. Receive runs in the IRQ handler,
 * which drains the FIFO into the port's ring (single producer) and wakes
 * the consumer sleeping on rx_wait; the shell is the single consumer. Transmit polls "transmitter holding register
 * empty" before every byte, so output waits instead of being dropped.
 */
#include <kelp/uart.h>
#include <kelp/printk.h>
#include <kelp/irq.h>
#include <kelp/x86.h>
#include <kelp/compiler.h>

#define UART_DATA 0		/* RBR/THR, DLL when DLAB */
#define UART_IER 1		/* DLM when DLAB */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define MCR_DTR_RTS_OUT2 0x0b
#define IER_RX 0x01
#define FCR_ENABLE_CLEAR_14 0xc7

struct uart_port uart_com1 = {
	.base = 0x3f8, .irq = 4, .name = "ttyS0",
	.rx_wait = __WAIT_QUEUE_HEAD_INITIALIZER(uart_com1.rx_wait),
};
struct uart_port uart_com2 = {
	.base = 0x2f8, .irq = 3, .name = "ttyS1",
	.rx_wait = __WAIT_QUEUE_HEAD_INITIALIZER(uart_com2.rx_wait),
};

/* The scratch register keeps what we write only if a UART is there. */
static notrace bool uart_probe(struct uart_port *p)
{
	outb(p->base + UART_SCR, 0x5a);
	if (inb(p->base + UART_SCR) != 0x5a)
		return false;
	outb(p->base + UART_SCR, 0xa5);
	return inb(p->base + UART_SCR) == 0xa5;
}

/* printk's console on COM1: every kernel message goes out here. */
static notrace void uart_console_write(struct console *con, const char *s, size_t len)
{
	uart_write(con->data, s, len);
}

static struct console uart_console = {
	.name = "ttyS0",
	.write = uart_console_write,
	.data = &uart_com1,
};

/* See uart.h. */
notrace void uart_init(struct uart_port *p)
{
	p->present = uart_probe(p);
	if (!p->present)
		return;
	outb(p->base + UART_IER, 0);
	outb(p->base + UART_LCR, LCR_DLAB);
	outb(p->base + UART_DATA, 1);		/* divisor 1: 115200 baud */
	outb(p->base + UART_IER, 0);
	outb(p->base + UART_LCR, LCR_8N1);
	outb(p->base + UART_FCR, FCR_ENABLE_CLEAR_14);
	outb(p->base + UART_MCR, MCR_DTR_RTS_OUT2);
	p->rx_head = p->rx_tail = 0;
}

/* See uart.h. Linux's univ8250_console_init. */
void uart_console_init(void)
{
	register_console(&uart_console);
}

static void uart_irq(unsigned int irq, void *data)
{
	struct uart_port *p = data;

	while (inb(p->base + UART_LSR) & LSR_DATA_READY) {
		u8 c = inb(p->base + UART_DATA);
		u32 head = p->rx_head;

		if (p->rx_filter && p->rx_filter(c))
			continue;

		if (head - p->rx_tail >= UART_RX_RING) {
			p->rx_overruns++;
			continue;
		}
		p->rx[head % UART_RX_RING] = c;
		/* the byte before the index; pairs with uart_getc()'s acquire of rx_head */
		smp_store_release(&p->rx_head, head + 1);
	}
	if (p->rx_head != p->rx_tail)
		wake_up(&p->rx_wait);
}

/* See uart.h. */
void uart_enable_rx(struct uart_port *p)
{
	if (!p->present)
		return;
	request_irq(p->irq, uart_irq, p->name, p);
	outb(p->base + UART_IER, IER_RX);
	uart_irq(p->irq, p);	/* drain what arrived before */
}

static notrace void uart_putc(struct uart_port *p, u8 c)
{
	while (!(inb(p->base + UART_LSR) & LSR_THR_EMPTY))
		cpu_relax();
	outb(p->base + UART_DATA, c);
}

/* See uart.h. */
notrace void uart_write_raw(struct uart_port *p, const void *buf, size_t len)
{
	const u8 *s = buf;

	if (!p->present)
		return;
	while (len--)
		uart_putc(p, *s++);
}

/* See uart.h. */
notrace void uart_write(struct uart_port *p, const char *s, size_t len)
{
	if (!p->present)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc(p, '\r');
		uart_putc(p, s[i]);
	}
}

/* See uart.h. */
int uart_getc(struct uart_port *p)
{
	u32 tail = p->rx_tail;
	int c;

	if (tail == smp_load_acquire(&p->rx_head))	/* pairs with the IRQ's release */
		return -1;
	c = p->rx[tail % UART_RX_RING];
	/* the byte read before its slot is freed; pairs with the IRQ's read of rx_tail */
	smp_store_release(&p->rx_tail, tail + 1);
	return c;
}

static bool uart_rx_ready(struct uart_port *p)
{
	return p->rx_tail != smp_load_acquire(&p->rx_head);
}

/* See uart.h. */
int uart_getc_wait(struct uart_port *p)
{
	int c;

	while ((c = uart_getc(p)) < 0)
		wait_event(p->rx_wait, uart_rx_ready(p));
	return c;
}
