; Multiboot2 header (Multiboot2 specification, section 3.1).
; GRUB scans the first 32 KiB of the image for it; the linker script puts
; the .multiboot2 section first in .text. We ask for the command line, the
; boot loader name, the boot modules and the memory map (all optional to
; the loader so that an older GRUB still boots us), and a framebuffer tag if
; the loader has one. Nothing here is executable.

MB2_MAGIC       equ 0xE85250D6
MB2_ARCH_I386   equ 0

section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header)) & 0xFFFFFFFF

	; Information request tag (type 1), flagged optional (bit 0).
	align 8
.info_req:
	dw 1, 1
	dd .info_req_end - .info_req
	dd 1			; boot command line
	dd 2			; boot loader name
	dd 3			; modules
	dd 6			; memory map
	dd 8			; framebuffer info
.info_req_end:

	; Module alignment tag (type 6): modules start on a page boundary.
	align 8
	dw 6, 0
	dd 8

	; End tag.
	align 8
	dw 0, 0
	dd 8
mb2_header_end:
