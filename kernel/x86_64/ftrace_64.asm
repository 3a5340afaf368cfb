; ftrace_regs_caller: the trampoline an enabled fentry site calls
; (kernel/trace/ftrace.c). It saves a struct pt_regs (include/kelp/traps.h),
; calls ftrace_ops_list_func(ip, parent_ip, NULL, fregs) and returns to
; regs->ip, which a handler may have changed (IPMODIFY). A direct ops
; (register_ftrace_direct) sharing the site leaves its function in
; regs->error_code (Linux's orig_ax): the trampoline then calls it on the
; way out as the site would have, with every register restored and
; regs->ip (site + 5) as its return address.
;
; On entry [rsp] = site + 5 and [rsp + 8] = parent_ip: the traced
; function has not run yet, so every argument register is live and is
; restored. Two frame-pointer frames are pushed first, as Linux does, so a
; stack walk from a handler reads: ftrace_regs_caller_ret, the traced
; function (site + 5), its caller (parent_ip), and on. The return address
; ftrace_regs_caller_ret marks the trampoline for the reliable unwinder.

extern ftrace_ops_list_func

%include "kernel/x86_64/pt_regs.inc"

; Above the pt_regs: frame 2 (traced function), frame 1 (its caller),
; then E, the slot of the site's call (site + 5), and parent_ip.
ORIG_RBP equ PTREGS_SIZE + 16
RET_SLOT equ PTREGS_SIZE + 32
PARENT   equ PTREGS_SIZE + 40

; Every saved register back, and the flags (the direct path and the plain one).
%macro RESTORE_REGS 0
	LOAD_GPRS
	mov rbp, [rsp + PT_RBP * 8]
	push qword [rsp + PT_RFL * 8]
	popfq
%endmacro

section .text
bits 64

align 16
global ftrace_regs_caller, ftrace_regs_caller_ret, ftrace_regs_caller_end
ftrace_regs_caller:
	push qword [rsp + 8]		; parent_ip
	push rbp
	mov rbp, rsp			; frame 1: [rbp] caller's rbp, [rbp + 8] parent_ip
	push qword [rsp + 16]		; site + 5
	push rbp
	mov rbp, rsp			; frame 2: [rbp] frame 1, [rbp + 8] site + 5
	sub rsp, PTREGS_SIZE
	STORE_GPRS
	mov rax, [rsp + ORIG_RBP]
	mov [rsp + PT_RBP * 8], rax
	xor eax, eax
	mov [rsp + PT_VEC * 8], rax
	mov [rsp + PT_ERR * 8], rax
	mov rdi, [rsp + RET_SLOT]
	mov [rsp + PT_RIP * 8], rdi
	mov qword [rsp + PT_CS * 8], 0x08
	pushfq
	pop qword [rsp + PT_RFL * 8]
	lea rax, [rsp + PARENT]
	mov [rsp + PT_RSP * 8], rax
	mov qword [rsp + PT_SS * 8], 0x10
	sub rdi, 5			; ip: the site
	mov rsi, [rsp + PARENT]		; parent_ip
	xor edx, edx			; op: the list function finds them
	mov rcx, rsp			; struct ftrace_regs *
	call ftrace_ops_list_func
ftrace_regs_caller_ret:
	; Return to regs->ip through the site's own return slot.
	mov rax, [rsp + PT_RIP * 8]
	mov [rsp + RET_SLOT], rax
	mov rax, [rsp + PT_ERR * 8]
	test rax, rax
	jnz .direct
	RESTORE_REGS
	lea rsp, [rsp + RET_SLOT]
	ret
.direct:
	; "call" the direct function: its address goes in the slot below the
	; return slot (frame 1's, no longer needed), and the ret jumps there
	; with regs->ip on top of the stack.
	mov [rsp + RET_SLOT - 8], rax
	RESTORE_REGS
	lea rsp, [rsp + RET_SLOT - 8]
	ret
ftrace_regs_caller_end:
