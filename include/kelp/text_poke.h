/*
 * Changing kernel code safely (kernel/x86_64/text_poke.c). Kernel text is never
 * writable: text_poke() writes through a temporary writable alias mapping
 * of the target page(s). text_poke_bp() changes an instruction that may be
 * executing, with the int3 protocol: int3 on byte 0, sync, the tail, sync,
 * byte 0, sync; a CPU that reaches the site meanwhile traps, and the #BP
 * handler emulates the instruction being installed (call rel32, jmp rel32
 * or the 5-byte NOP). "sync" serialises instruction fetch (iretq to self;
 * an IPI doing the same on every CPU once there is SMP).
 * Locking: text_mutex (one mutex, held for a whole update); task context
 * only; the #BP handler takes no lock.
 */
#ifndef KELP_TEXT_POKE_H
#define KELP_TEXT_POKE_H

#include <kelp/types.h>
#include <kelp/compiler.h>

#define INT3_INSN_OPCODE 0xcc
#define CALL_INSN_OPCODE 0xe8
#define JMP32_INSN_OPCODE 0xe9
#define CALL_INSN_SIZE 5
#define JMP32_INSN_SIZE 5
#define POKE_MAX_OPCODE_SIZE 5

/* The fentry NOP GCC emits with -mfentry -mnop-mcount: nopl 0x0(%rax,%rax,1). */
extern const u8 x86_nop5[POKE_MAX_OPCODE_SIZE];

/* One site of a batch update. */
struct text_poke_loc {
	void *addr;
	u8 len;					/* 5: call, jmp or NOP5 */
	u8 text[POKE_MAX_OPCODE_SIZE];		/* the instruction installed */
};

/* Takes over the alias slots' page table entries and installs the #BP fixup. Boot, after paging_init. */
void text_poke_init(void);

/*
 * Writes len bytes (at most a page) at addr through the alias; addr may be
 * read-only kernel or module text. Not safe for code that may run
 * concurrently (use text_poke_bp). Returns addr. Takes text_mutex; task
 * context.
 */
void *text_poke(void *addr, const void *opcode, size_t len);

/* Serialises instruction fetch after a code change (every CPU). */
void text_poke_sync(void);

/*
 * Replaces the instruction at addr with opcode (len 5: E8 call rel32, E9
 * jmp rel32, or x86_nop5) with the int3 protocol. Returns 0, or -EINVAL
 * for an instruction the #BP handler could not emulate. Task context.
 */
int text_poke_bp(void *addr, const void *opcode, size_t len);

/*
 * The same for nr sites at once: three writes per site but only three
 * syncs in all. tp is sorted by address in place. Returns 0 or -EINVAL
 * (nothing written) when an entry is not emulable or two overlap.
 */
int text_poke_bp_batch(struct text_poke_loc *tp, unsigned int nr);

/*
 * text_poke_bp_batch(), and live(arg) once every site holds its whole new
 * instruction, before the last sync: from then on every CPU runs the new
 * instruction or traps on an int3 the #BP handler emulates it for, so the
 * new code is what runs. The sync's IPI round then also serves the
 * caller: livepatch starts its transition in live() and lets that round
 * be the nudge of the CPUs running pending tasks (issue 15's busy
 * transition: one IPI round fewer). live runs under text_mutex, IRQs and
 * preemption on; it must not take text_mutex, ftrace_lock or
 * module_mutex. With nr 0 it runs at once; it does not run on an error.
 */
int text_poke_bp_batch_live(struct text_poke_loc *tp, unsigned int nr,
			    void (*live)(void *), void *arg);

/* Builds "call/jmp dest" at addr into buf (5 bytes); false when out of rel32 reach. */
bool text_gen_insn(u8 *buf, u8 opcode, const void *addr, const void *dest);

/* Destination of the call/jmp rel32 at insn (at address addr). */
unsigned long text_insn_dest(const u8 *insn, unsigned long addr);

/*
 * Test hook: when set, called after each of the three syncs of an update
 * (step 1: int3s in, 2: tails written, 3: done) with text_mutex held; it
 * may call the code being patched or sleep, never text_poke*.
 */
extern void (*text_poke_bp_step_hook)(unsigned int step);

/* Number of #BP hits the handler emulated (tests). */
extern u64 text_poke_bp_hits;
/*
 * Traps on an int3 that was already replaced (the batch had completed):
 * QEMU's multi-threaded TCG can keep running a translation made while the
 * int3 was in; the handler then runs the instruction now at the site.
 */
extern u64 text_poke_stale_hits;

#endif /* KELP_TEXT_POKE_H */
