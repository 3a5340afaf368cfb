; kretprobe_trampoline: where a kretprobed function returns to
; (kernel/trace/kprobes.c wrote its address over the return address). It
; saves a struct pt_regs (include/kelp/traps.h) holding the return value,
; calls kretprobe_trampoline_handler(regs, slot), which runs the probe's
; handler and gives back the real return address, stores that in the
; slot the function returned through, restores the registers (the
; handler may have changed ax) and returns there. The trampoline's frame
; sits right under the slot, and the C half puts the real address back in
; the slot before the probe's handler runs, so a stack walk from the
; handler reads the trampoline's caller as the function's caller.

extern kretprobe_trampoline_handler

%include "kernel/x86_64/pt_regs.inc"

; Above the pt_regs: the saved rbp, then SLOT, where the return address was.
SLOT	equ PTREGS_SIZE + 8

section .text
bits 64

align 16
global kretprobe_trampoline
kretprobe_trampoline:
	sub rsp, 8			; back onto the slot the function returned through
	push rbp
	mov rbp, rsp
	sub rsp, PTREGS_SIZE
	STORE_GPRS
	mov rax, [rsp + PTREGS_SIZE]
	mov [rsp + PT_RBP * 8], rax
	xor eax, eax
	mov [rsp + PT_VEC * 8], rax
	mov [rsp + PT_ERR * 8], rax
	lea rax, [rel kretprobe_trampoline]
	mov [rsp + PT_RIP * 8], rax
	mov qword [rsp + PT_CS * 8], 0x08
	pushfq
	pop qword [rsp + PT_RFL * 8]
	lea rax, [rsp + SLOT + 8]
	mov [rsp + PT_RSP * 8], rax	; the stack pointer after the function's ret
	mov qword [rsp + PT_SS * 8], 0x10
	mov rdi, rsp			; regs
	lea rsi, [rsp + SLOT]		; the slot
	call kretprobe_trampoline_handler
	mov [rsp + SLOT], rax		; the real return address
	LOAD_GPRS
	add rsp, PTREGS_SIZE
	pop rbp
	ret
