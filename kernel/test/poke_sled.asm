; A sled of 1000 fentry-like sites for text_poke benchmarks and tests
; (kernel/test/ftrace_bench.c): each 8-byte slot is the 5-byte NOP, a ret
; and padding, so a slot can be called whatever its first 5 bytes become
; (call of a register-preserving stub, jmp to a ret, or the NOP).

section .text
bits 64

global poke_sled, poke_sled_end
align 16
poke_sled:
%rep 1000
	db 0x0f, 0x1f, 0x44, 0x00, 0x00	; nopl 0x0(%rax,%rax,1)
	ret
	int3
	int3
%endrep
poke_sled_end:
