; The text_poke_bp hammer's sled (tests/ktest/text_poke/text_poke_ktest.c):
; 1000 8-byte slots, each a 5-byte site, a ret and padding. The hammer
; rewrites every site between `call tp_hammer_a` and `call tp_hammer_b`;
; a slot called as a function returns what the stub its site calls left
; in eax (1 or 2), so a caller sees which instruction ran. A torn site
; (old and new bytes mixed) calls neither stub.

section .text
bits 64

global poke_hammer_sled, poke_hammer_sled_end
align 16
poke_hammer_sled:
%rep 1000
	db 0x0f, 0x1f, 0x44, 0x00, 0x00	; nopl 0x0(%rax,%rax,1) until the first batch
	ret
	int3
	int3
%endrep
poke_hammer_sled_end:

global tp_hammer_a, tp_hammer_b
tp_hammer_a:
	mov eax, 1
	ret
tp_hammer_b:
	mov eax, 2
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
