; System call entry and the return to user space.
;
; entry_SYSCALL_64 is LSTAR's target. The CPU left the user rip in rcx and
; rflags in r11 and masked IF, DF, TF and AC (FMASK). The entry swaps GS to
; the per-CPU area, parks the user rsp in its scratch slot, takes the
; task's kernel stack top (cpu->kernel_sp, also TSS rsp0: the final frame
; [0][0] sits there, above everything pushed here), and builds a struct
; pt_regs (include/kelp/traps.h) with the system call number in the vector
; slot. rbp then points at the final frame, so a reliable unwind of a task
; inside a system call ends cleanly. do_syscall_64 returns true for
; sysretq (rip canonical user space, nothing changed the frame's segments)
; and false for iretq.
;
; ret_to_user(regs) enters user space with a prepared frame (a new process)
; through the same iretq path. Interrupts and exceptions from user mode go
; through isr_common (isr.asm), which swaps GS when the saved CS is ring 3.

%include "kernel/x86_64/pt_regs.inc"

extern do_syscall_64

%define PERCPU_KERNEL_SP 24
%define PERCPU_USER_SP 32
%define USER_DS (0x18 | 3)
%define USER_CS (0x20 | 3)

section .entry.text progbits alloc exec nowrite align=16
bits 64

align 16
global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	mov [gs:PERCPU_USER_SP], rsp
	mov rsp, [gs:PERCPU_KERNEL_SP]
	push USER_DS			; ss
	push qword [gs:PERCPU_USER_SP]	; sp
	push r11			; flags
	push USER_CS			; cs
	push rcx			; ip
	push 0				; error code
	push rax			; vector slot: orig_ax, the system call number
	PUSH_REGS
	lea rbp, [rsp + 22 * 8]		; the final frame at the stack top
	mov rdi, rsp
	call do_syscall_64
global syscall_return_to_entry
syscall_return_to_entry:
	test al, al
	jz restore_and_iret
	POP_REGS
	add rsp, 16			; vector and error code
	mov rcx, [rsp]			; user rip
	mov r11, [rsp + 16]		; user rflags
	mov rsp, [rsp + 24]		; user rsp: from here no kernel stack
	swapgs
	o64 sysret

; ret_to_user(struct pt_regs *regs): a frame built for user mode.
global ret_to_user
ret_to_user:
	mov rsp, rdi
restore_and_iret:
	POP_REGS
	add rsp, 16
	swapgs
	iretq
