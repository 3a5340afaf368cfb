; floor.asm: the smallest Multiboot2 kernel, the "floor" of `make bench`'s
; boot ratio. GRUB loads it from an ISO made exactly as Kelp's (grub-mkrescue,
; the same grub.cfg settings; tools/bench/floor-grub.cfg); it prints one line
; on COM1 with its TSC at entry (under -icount shift=0: nanoseconds =
; instructions since reset, so the firmware's and GRUB's share) and ends
; QEMU through isa-debug-exit (port 0xf4). Kelp's boot can be no faster than
; this; tests/qemu/bench.py times both, interleaved.

MB2_MAGIC	equ 0xE85250D6
COM1		equ 0x3f8
DEBUG_EXIT	equ 0xf4

section .text			; one section: header, code, string
align 8
mb2:	dd MB2_MAGIC, 0, mb2_end - mb2, -(MB2_MAGIC + (mb2_end - mb2)) & 0xFFFFFFFF
	align 8
	dw 0, 0			; end tag
	dd 8
mb2_end:

bits 32
global _start
_start:				; protected mode, paging off, no stack needed
	rdtsc
	mov ebx, eax		; low half
	mov ebp, edx		; high half
	mov esi, msg
.str:	lodsb
	test al, al
	jz .hex
	call putc
	jmp .str
.hex:	mov edi, ebp		; 16 hex digits: high half, then low half
	call hex32
	mov edi, ebx
	call hex32
	mov al, 10
	call putc
	mov dx, DEBUG_EXIT
	xor eax, eax
	out dx, eax		; QEMU exits with status 1
.halt:	hlt
	jmp .halt

hex32:	mov ecx, 8
.digit:	rol edi, 4
	mov eax, edi
	and al, 0xf
	add al, '0'
	cmp al, '9'
	jbe .out
	add al, 'a' - '0' - 10
.out:	call putc
	loop .digit
	ret

putc:	mov ah, al		; wait for the transmitter, then send AL
	mov dx, COM1 + 5
.busy:	in al, dx
	test al, 0x20
	jz .busy
	mov al, ah
	mov dx, COM1
	out dx, al
	ret

msg:	db "kelp-floor: entered at tsc 0x", 0
