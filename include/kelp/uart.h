/*
 * 16550 UART driver (drivers/uart16550.c). COM1 is the console (printk's,
 * through register_console, and /dev/console's), COM2 the live-upload
 * channel (kernel/module/upload.c). Receive is interrupt driven into a ring
 * per port; transmit polls the line status so output is never dropped.
 */
#ifndef KELP_UART_H
#define KELP_UART_H

#include <kelp/types.h>
#include <kelp/wait.h>

#define UART_RX_RING 4096	/* power of two */

struct uart_port {
	u16 base;
	u8 irq;
	const char *name;
	bool present;
	/* receive ring: written by the IRQ handler, read by one consumer */
	u8 rx[UART_RX_RING];
	volatile u32 rx_head, rx_tail;
	volatile u64 rx_overruns;	/* bytes lost because the ring was full */
	struct wait_queue_head rx_wait;	/* the consumer sleeps here; the IRQ wakes it */
	bool (*rx_filter)(u8 c);	/* sees each byte in the IRQ first; true: consumed (Ctrl-C) */
};

extern struct uart_port uart_com1, uart_com2;

/* Programs 115200 8N1 with FIFOs; detects the chip. Boot, IRQs off. */
void uart_init(struct uart_port *p);
/* Registers COM1 as printk's console (ttyS0). Boot, after uart_init(&uart_com1). */
void uart_console_init(void);
/* Enables the receive interrupt and routes the IRQ. After irq_init(). */
void uart_enable_rx(struct uart_port *p);
/* Writes len bytes, \n as \r\n, waiting for the transmitter. Any context. */
void uart_write(struct uart_port *p, const char *s, size_t len);
/* Writes bytes exactly as given. Any context. */
void uart_write_raw(struct uart_port *p, const void *buf, size_t len);
/* Next received byte, or -1 if none. Single consumer. */
int uart_getc(struct uart_port *p);
/* Sleeps until a byte arrives, then returns it. Single consumer, task context. */
int uart_getc_wait(struct uart_port *p);

#endif /* KELP_UART_H */
