/*
 * Program entry: the kernel leaves rsp at argc (16-byte aligned), then
 * argv[], NULL, envp[], NULL. __libc_start(sp) calls main and exits.
 */
	.text
	.globl _start
_start:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call __libc_start
	ud2
	.section .note.GNU-stack, "", @progbits
