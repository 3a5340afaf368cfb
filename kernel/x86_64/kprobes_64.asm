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

PTREGS_SIZE	equ 22 * 8
PT_R15 equ 0
PT_R14 equ 1
PT_R13 equ 2
PT_R12 equ 3
PT_RBP equ 4
PT_RBX equ 5
PT_R11 equ 6
PT_R10 equ 7
PT_R9  equ 8
PT_R8  equ 9
PT_RAX equ 10
PT_RCX equ 11
PT_RDX equ 12
PT_RSI equ 13
PT_RDI equ 14
PT_VEC equ 15
PT_ERR equ 16
PT_RIP equ 17
PT_CS  equ 18
PT_RFL equ 19
PT_RSP equ 20
PT_SS  equ 21

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
	mov [rsp + PT_RAX * 8], rax
	mov [rsp + PT_RCX * 8], rcx
	mov [rsp + PT_RDX * 8], rdx
	mov [rsp + PT_RSI * 8], rsi
	mov [rsp + PT_RDI * 8], rdi
	mov [rsp + PT_R8 * 8], r8
	mov [rsp + PT_R9 * 8], r9
	mov [rsp + PT_R10 * 8], r10
	mov [rsp + PT_R11 * 8], r11
	mov [rsp + PT_RBX * 8], rbx
	mov [rsp + PT_R12 * 8], r12
	mov [rsp + PT_R13 * 8], r13
	mov [rsp + PT_R14 * 8], r14
	mov [rsp + PT_R15 * 8], r15
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
	mov r15, [rsp + PT_R15 * 8]
	mov r14, [rsp + PT_R14 * 8]
	mov r13, [rsp + PT_R13 * 8]
	mov r12, [rsp + PT_R12 * 8]
	mov rbx, [rsp + PT_RBX * 8]
	mov r11, [rsp + PT_R11 * 8]
	mov r10, [rsp + PT_R10 * 8]
	mov r9, [rsp + PT_R9 * 8]
	mov r8, [rsp + PT_R8 * 8]
	mov rdi, [rsp + PT_RDI * 8]
	mov rsi, [rsp + PT_RSI * 8]
	mov rdx, [rsp + PT_RDX * 8]
	mov rcx, [rsp + PT_RCX * 8]
	mov rax, [rsp + PT_RAX * 8]
	add rsp, PTREGS_SIZE
	pop rbp
	ret
