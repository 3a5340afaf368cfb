; Context switch and the first run of a new task.
;
; __switch_to_asm(prev, next) saves the callee-saved registers on prev's
; stack behind a normal frame (push rbp; mov rbp, rsp), stores rsp in
; prev->sp (offset 0 of struct task), loads next->sp and restores next's
; registers. A switched-out task's stack therefore starts with an ordinary
; call frame at sp + 40 ([saved rbp][return into __schedule]), which is
; where the reliable unwinder begins. It returns prev in rax, in the
; context of next. IRQs are off throughout (the scheduler holds rq->lock).
;
; A new task's stack (process_64.c, arch_task_stack_init) is laid out so
; that the first switch to it "returns" into ret_from_fork with rbp pointing
; at the final frame: [hi-16] = saved rbp 0, [hi-8] = return address 0.

extern schedule_tail
extern kthread_main

section .text
bits 64

global __switch_to_asm
__switch_to_asm:
	push rbp
	mov rbp, rsp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp			; prev->sp
	mov rsp, [rsi]			; next->sp
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdi			; the task we came from
	ret

; First code of every task, entered from __switch_to_asm with rbp = the
; final frame and rsp 16-byte aligned. schedule_tail(prev) finishes the
; switch (drops rq->lock, enables IRQs); kthread_main() runs the thread
; function and exits. The calls below build ordinary frames on top of the
; final one, so the unwinder walks from any depth down to it. A new task
; "returns" to ret_from_fork + 1, past a nop, so that the return address
; minus one (how traces look a caller up) still names ret_from_fork.
global ret_from_fork
ret_from_fork:
	nop
	mov rdi, rax
	call schedule_tail
	call kthread_main
	ud2				; kthread_main never returns
