; Boot entry: from GRUB's 32-bit protected mode to 64-bit C.
;
; GRUB (BIOS or UEFI) enters _start in 32-bit protected mode, paging off,
; with EAX = Multiboot2 magic and EBX = physical address of the boot info.
; We check the magic and the CPU, build early page tables (identity map of
; the first 4 GiB and the kernel window 0xffffffff80000000 -> 0), enable
; PAE, long mode, NX and paging, load a 64-bit GDT, jump to the higher half,
; zero .bss and call kmain(mbi_phys) on the boot stack. kernel/mm/paging.c
; replaces these tables with the final W^X ones early in kmain.

KERNEL_VMA      equ 0xffffffff80000000
MB2_BOOT_MAGIC  equ 0x36d76289
COM1            equ 0x3f8
BOOT_STACK_SIZE equ 16384
IST_STACK_SIZE  equ 8192

extern kmain
extern __bss_start
extern __bss_end

; Physical address of a symbol linked in the higher half.
%define PHYS(x) ((x) - KERNEL_VMA)

section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
_start:
	cli
	cld
	mov esp, PHYS(boot_stack_top)
	cmp eax, MB2_BOOT_MAGIC
	jne .bad_magic
	mov edi, ebx			; keep the boot info pointer in EDI
	rdtsc				; the boot clock's origin (kernel/time.c)
	mov [PHYS(entry_tsc)], eax
	mov [PHYS(entry_tsc) + 4], edx

	; Long mode (CPUID 0x80000001 EDX bit 29) is required.
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	mov ebp, edx			; EDX bit 20 = NX, used below

	call build_early_page_tables

	; CR4: PAE (bit 5) and PGE (bit 7).
	mov eax, cr4
	or eax, (1 << 5) | (1 << 7)
	mov cr4, eax
	mov eax, PHYS(early_pml4)
	mov cr3, eax

	; EFER: LME (bit 8), NXE (bit 11) when the CPU has NX.
	mov ecx, 0xC0000080
	rdmsr
	or eax, 1 << 8
	test ebp, 1 << 20
	jz .no_nx
	or eax, 1 << 11
.no_nx:
	wrmsr

	; CR0: PG (31), WP (16), PE (0).
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1
	mov cr0, eax

	lgdt [PHYS(early_gdt_ptr)]
	jmp 0x08:PHYS(long_mode_entry)

.bad_magic:
	mov esi, PHYS(msg_bad_magic)
	jmp early_die
.no_long_mode:
	mov esi, PHYS(msg_no_long_mode)
	jmp early_die

; Fill the early tables: PML4[0] and PML4[511] share nothing but the page
; directories; 2 MiB pages, present + writable.
build_early_page_tables:
	; Zero the tables (they live outside .bss, in .pgtables).
	push edi
	mov edi, PHYS(early_pml4)
	mov ecx, (early_pgtables_end - early_pml4) / 4
	xor eax, eax
	rep stosd
	pop edi

	mov eax, PHYS(early_pdpt_low)
	or eax, 0x3
	mov [PHYS(early_pml4)], eax
	mov eax, PHYS(early_pdpt_high)
	or eax, 0x3
	mov [PHYS(early_pml4) + 511 * 8], eax

	; Low PDPT: 4 x 1 GiB -> early_pd[0..3] (identity of 0..4 GiB).
	; High PDPT: entries 510, 511 -> early_pd[0..1] (kernel window).
	xor ecx, ecx
.pdpt_loop:
	mov eax, ecx
	shl eax, 12
	add eax, PHYS(early_pd)
	or eax, 0x3
	mov [PHYS(early_pdpt_low) + ecx * 8], eax
	cmp ecx, 2
	jae .pdpt_next
	mov [PHYS(early_pdpt_high) + (510 + 0) * 8 + ecx * 8], eax
.pdpt_next:
	inc ecx
	cmp ecx, 4
	jb .pdpt_loop

	; 2048 PD entries of 2 MiB each: physical address | PS | RW | P.
	xor ecx, ecx
.pd_loop:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83
	mov edx, ecx
	shr edx, 11			; high dword: bits 32+ of the address
	mov [PHYS(early_pd) + ecx * 8], eax
	mov [PHYS(early_pd) + ecx * 8 + 4], edx
	inc ecx
	cmp ecx, 2048
	jb .pd_loop
	ret

; Print the NUL-terminated string at ESI on COM1 and halt forever. The UART
; is used as the firmware left it (both SeaBIOS and OVMF set 115200 8N1).
early_die:
.next:
	lodsb
	test al, al
	jz .halt
	mov bl, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, COM1
	mov al, bl
	out dx, al
	jmp .next
.halt:
	cli
	hlt
	jmp .halt

bits 64
long_mode_entry:
	mov r12d, edi			; boot info pointer, survives the .bss clear
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rax, higher_half_entry
	jmp rax

section .text.entry progbits alloc exec nowrite align=16
higher_half_entry:
	mov rsp, boot_stack_top
	; Zero .bss (the stack and the early tables are outside it).
	mov rdi, __bss_start
	mov rcx, __bss_end
	sub rcx, rdi
	shr rcx, 3
	xor eax, eax
	rep stosq
	mov rdi, r12
	xor ebp, ebp			; kmain saves RBP = 0: the unwinder's last frame
	call kmain
.hang:
	cli
	hlt
	jmp .hang

; TSC at _start, in .data: .bss is zeroed after it is taken.
section .data
global entry_tsc
align 8
entry_tsc:
	dq 0

section .rodata
early_gdt:
	dq 0
	dq 0x00209A0000000000		; 0x08: 64-bit kernel code
	dq 0x0000920000000000		; 0x10: kernel data
early_gdt_end:
early_gdt_ptr:
	dw early_gdt_end - early_gdt - 1
	dd PHYS(early_gdt)

msg_bad_magic:
	db "Kelp: not started by a Multiboot2 boot loader (bad magic in EAX); halting", 13, 10, 0
msg_no_long_mode:
	db "Kelp: this CPU has no 64-bit long mode; halting", 13, 10, 0

; Boot stack and the interrupt stacks (IST), each with a guard page below
; that the final page tables leave unmapped: an overflow faults instead of
; silently corrupting the memory below.
section .stacks nobits alloc write align=4096
global boot_stack_guard, boot_stack_bottom, boot_stack_top
global ist_df_stack_top, ist_nmi_stack_top, ist_mc_stack_top
global stacks_guard_pages
stacks_guard_pages:
boot_stack_guard:
	resb 4096
boot_stack_bottom:
	resb BOOT_STACK_SIZE
boot_stack_top:
ist_df_guard:
	resb 4096
	resb IST_STACK_SIZE
ist_df_stack_top:
ist_nmi_guard:
	resb 4096
	resb IST_STACK_SIZE
ist_nmi_stack_top:
ist_mc_guard:
	resb 4096
	resb IST_STACK_SIZE
ist_mc_stack_top:

section .pgtables nobits alloc write align=4096
early_pml4:
	resb 4096
early_pdpt_low:
	resb 4096
early_pdpt_high:
	resb 4096
early_pd:
	resb 4 * 4096
early_pgtables_end:
