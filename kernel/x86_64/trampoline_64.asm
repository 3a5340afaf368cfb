; The application processors' way from real mode to the kernel
; (kernel/x86_64/smpboot.c). An AP starts at the SIPI vector's page,
; TRAMPOLINE_PHYS, in 16-bit real mode; smpboot.c copies this blob there
; and fills its mailbox (the last fields) for each AP in turn. The blob is
; position-dependent on TRAMPOLINE_PHYS: every absolute address below is
; TRAMP(label). Its page tables are the temporary ones smpboot.c builds in
; the pages after it: the first 2 MiB identity-mapped (so the code keeps
; running when paging comes on) plus the kernel half of kernel_pml4, so the
; jump to the higher half works before the AP loads the real CR3.

TRAMPOLINE_PHYS equ 0x8000
%define TRAMP(x) (TRAMPOLINE_PHYS + (x) - trampoline_start)

section .rodata
align 16
global trampoline_start, trampoline_end
global trampoline_cr3, trampoline_efer, trampoline_stack, trampoline_arg, trampoline_entry

bits 16
trampoline_start:
	cli
	cld
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	lgdt [TRAMP(tr_gdt_ptr)]
	mov eax, cr0
	or eax, 1			; PE
	mov cr0, eax
	jmp dword 0x08:TRAMP(tr_protected)

bits 32
tr_protected:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr4
	or eax, (1 << 5) | (1 << 7)	; PAE, PGE
	mov cr4, eax
	mov eax, [TRAMP(trampoline_cr3)]
	mov cr3, eax
	mov ecx, 0xC0000080		; EFER: the boot CPU's LME, NXE and SCE
	mov eax, [TRAMP(trampoline_efer)]
	xor edx, edx
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)	; PG, WP
	mov cr0, eax
	jmp 0x18:TRAMP(tr_long)

bits 64
tr_long:
	xor eax, eax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov rsp, [TRAMP(trampoline_stack)]
	mov rdi, [TRAMP(trampoline_arg)]
	xor ebp, ebp			; the final frame: backtraces end here
	push rbp
	mov rax, [TRAMP(trampoline_entry)]
	jmp rax				; start_secondary(arg), never returns

align 8
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff		; 0x08: 32-bit code, flat
	dq 0x00cf92000000ffff		; 0x10: data, flat
	dq 0x00af9a000000ffff		; 0x18: 64-bit code
tr_gdt_end:
tr_gdt_ptr:
	dw tr_gdt_end - tr_gdt - 1
	dd TRAMP(tr_gdt)

; The mailbox, written by smpboot.c before each INIT-SIPI-SIPI.
align 8
trampoline_cr3:		dq 0	; physical, below 4 GiB: the temporary PML4
trampoline_efer:	dq 0
trampoline_stack:	dq 0	; the AP's stack top (virtual)
trampoline_arg:		dq 0	; its struct cpu
trampoline_entry:	dq 0	; start_secondary
trampoline_end:
