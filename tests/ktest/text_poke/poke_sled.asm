; A sled of 1000 fentry-like sites for text_poke benchmarks and tests
; (tests/bench/ftrace/ftrace_bench.c, tests/ktest/text_poke/): each 8-byte slot is the 5-byte NOP, a ret
; and padding, so a slot can be called whatever its first 5 bytes become
; (call of a register-preserving stub, jmp to a ret, or the NOP); and
; that stub, tp_test_count_stub, which counts its calls in tp_test_count.

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

; Counts its calls; preserves every register but the flags (fentry ABI).
global tp_test_count_stub
tp_test_count_stub:
	inc qword [rel tp_test_count]
	ret

section .bss
global tp_test_count
align 8
tp_test_count:
	resq 1

section .note.GNU-stack noalloc noexec nowrite progbits
