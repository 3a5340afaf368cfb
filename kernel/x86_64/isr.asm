; Interrupt and exception entry stubs, generated for all 256 vectors.
;
; Each stub pushes a zero error code when the CPU does not push one, then
; the vector number (the #BP stub first leaves a gap, see below), and jumps to isr_common, which saves the general
; registers as struct pt_regs (include/kelp/traps.h) and calls
; trap_dispatch(regs). isr_common also builds a frame-pointer frame whose
; return address is the interrupted RIP, so backtraces continue into the
; interrupted code; the unwinder recognises the frame by the return address
; isr_return_to_entry and declares such traces unreliable. Entries from
; ring 3 swap GS to the kernel's per-CPU base (and back on the way out).

%include "kernel/x86_64/pt_regs.inc"

extern trap_dispatch
extern cpu_has_smap

section .entry.text progbits alloc exec nowrite align=16
bits 64

; Vectors for which the CPU pushes an error code.
%define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%assign v 0
%rep 256
align 16
isr_stub_ %+ v:
%if HAS_ERRCODE(v) == 0
	push 0
%endif
%if v == 3
	; int3 from kernel mode: copy the frame (error code, ip, cs, flags, sp,
	; ss) 6 words lower, so the #BP handler can emulate a call by pushing
	; a return address at regs->sp - 8 without overwriting the live frame
	; (text_poke.c). Linux's create_gap.
	test byte [rsp + 16], 3
	jnz .from_user_ %+ v
%rep 6
	push qword [rsp + 5 * 8]
%endrep
.from_user_ %+ v:
%endif
	push v
	jmp isr_common
%assign v v + 1
%endrep

align 16
global isr_common
isr_common:
	cld
	test byte [rsp + 24], 3		; saved CS: from user mode?
	jz .kernel_entry
	swapgs				; the kernel's per-CPU GS base
	cmp byte [rel cpu_has_smap], 0
	je .kernel_entry
	clac				; user mode may have set AC: no SMAP bypass in here
.kernel_entry:
	PUSH_REGS
	mov rdi, rsp			; struct pt_regs *
	; Frame for the unwinder: [rbp] = interrupted RBP, [rbp+8] = its RIP.
	push qword [rdi + 17 * 8]	; regs->ip
	push qword [rdi + 4 * 8]	; regs->bp
	mov rbp, rsp
	call trap_dispatch
global isr_return_to_entry
isr_return_to_entry:
	add rsp, 16
	POP_REGS
	add rsp, 16			; vector and error code
	test byte [rsp + 8], 3		; returning to user mode?
	jz .kernel_exit
	swapgs
.kernel_exit:
	iretq

section .rodata
global isr_stub_table
align 8
isr_stub_table:
%assign v 0
%rep 256
	dq isr_stub_ %+ v
%assign v v + 1
%endrep
