/*
 * Kernel internals exported for the in-kernel test and benchmark modules
 * only (tests/ktest/, tests/bench/): EXPORT_SYMBOL_FOR_KTEST puts them in
 * the namespace EXPORTED_FOR_KTEST, so a module that does not say
 * MODULE_IMPORT_NS(EXPORTED_FOR_KTEST) cannot link against them (the
 * loader refuses it). Listed here, as kernel/ksymtab.c lists the module
 * API, so that the files defining them stay unaware of the tests; the
 * declarations stay where they are (public or private headers): nothing
 * here widens the module API. docs/testing.md says when to add one.
 */
#include <kelp/boot_info.h>
#include <kelp/completion.h>
#include <kelp/elf.h>
#include <kelp/export.h>
#include <kelp/fs.h>
#include <kelp/ftrace.h>
#include <kelp/irq.h>
#include <kelp/kallsyms.h>
#include <kelp/kernfs.h>
#include <kelp/kobject.h>
#include <kelp/kthread.h>
#include <kelp/livepatch.h>
#include <kelp/mm.h>
#include <kelp/module.h>
#include <kelp/mutex.h>
#include <kelp/panic.h>
#include <kelp/preempt.h>
#include <kelp/printk.h>
#include <kelp/process.h>
#include <kelp/sched.h>
#include <kelp/seq_file.h>
#include <kelp/stacktrace.h>
#include <kelp/string.h>
#include <kelp/syscall.h>
#include <kelp/traps.h>
#include <kelp/text_poke.h>
#include <kelp/time.h>
#include <kelp/timer.h>
#include <kelp/uaccess.h>
#include <kelp/wait.h>
#include <kelp/workqueue.h>
#include "trace/ftrace_internal.h"
#include "../livepatch/core.h"
#include "../livepatch/patch.h"
#include "../livepatch/verify.h"

/* Defined by the boot assembly (boot/entry.asm): the guard page under the boot stack. */
extern char boot_stack_guard[];

/* declared in include/kelp/boot_info.h */
EXPORT_SYMBOL_FOR_KTEST(module_count);

/* declared in include/kelp/completion.h */
EXPORT_SYMBOL_FOR_KTEST(completion_done);
EXPORT_SYMBOL_FOR_KTEST(reinit_completion);
EXPORT_SYMBOL_FOR_KTEST(try_wait_for_completion);

/* declared in include/kelp/elf.h */
EXPORT_SYMBOL_FOR_KTEST(elf_find_section);
EXPORT_SYMBOL_FOR_KTEST(elf_section_addr);

/* declared in include/kelp/export.h */
EXPORT_SYMBOL_FOR_KTEST(ksymtab_count);
EXPORT_SYMBOL_FOR_KTEST(ksymtab_find);

/* declared in include/kelp/fs.h */
EXPORT_SYMBOL_FOR_KTEST(sys_close);
EXPORT_SYMBOL_FOR_KTEST(sys_open);
EXPORT_SYMBOL_FOR_KTEST(unshare_fs);
EXPORT_SYMBOL_FOR_KTEST(vfs_chdir);
EXPORT_SYMBOL_FOR_KTEST(vfs_close);
EXPORT_SYMBOL_FOR_KTEST(vfs_getcwd);
EXPORT_SYMBOL_FOR_KTEST(vfs_lseek);
EXPORT_SYMBOL_FOR_KTEST(vfs_open);
EXPORT_SYMBOL_FOR_KTEST(vfs_read);
EXPORT_SYMBOL_FOR_KTEST(vfs_stat);
EXPORT_SYMBOL_FOR_KTEST(vfs_write);

/* declared in include/kelp/ftrace.h */
EXPORT_SYMBOL_FOR_KTEST(ftrace_bad_site_count);
EXPORT_SYMBOL_FOR_KTEST(ftrace_code_updates);
EXPORT_SYMBOL_FOR_KTEST(ftrace_enabled);
EXPORT_SYMBOL_FOR_KTEST(ftrace_enabled_set);
EXPORT_SYMBOL_FOR_KTEST(ftrace_location);
EXPORT_SYMBOL_FOR_KTEST(ftrace_module_add);
EXPORT_SYMBOL_FOR_KTEST(ftrace_module_remove);
EXPORT_SYMBOL_FOR_KTEST(ftrace_recursion_missed);
EXPORT_SYMBOL_FOR_KTEST(ftrace_regs_caller_ret);
EXPORT_SYMBOL_FOR_KTEST(ftrace_set_filter);
EXPORT_SYMBOL_FOR_KTEST(ftrace_show_available);
EXPORT_SYMBOL_FOR_KTEST(ftrace_site_count);
EXPORT_SYMBOL_FOR_KTEST(ftrace_site_state);

/* declared in include/kelp/irq.h */
EXPORT_SYMBOL_FOR_KTEST(request_irq);

/* declared in include/kelp/kallsyms.h */
EXPORT_SYMBOL_FOR_KTEST(kallsyms_count);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_count_name);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_format_line);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup_name);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_lookup_sympos);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_on_each_symbol);
EXPORT_SYMBOL_FOR_KTEST(kallsyms_symbol);
EXPORT_SYMBOL_FOR_KTEST(module_address_lookup);

/* declared in include/kelp/kernfs.h */
EXPORT_SYMBOL_FOR_KTEST(kernfs_node_count);

/* declared in include/kelp/kobject.h */
EXPORT_SYMBOL_FOR_KTEST(sysfs_break_active_protection);
EXPORT_SYMBOL_FOR_KTEST(sysfs_remove_file_self);
EXPORT_SYMBOL_FOR_KTEST(sysfs_unbreak_active_protection);

/* declared in include/kelp/livepatch.h */
EXPORT_SYMBOL_FOR_KTEST(klp_signal_ms);
EXPORT_SYMBOL_FOR_KTEST(klp_transition_in_progress);
EXPORT_SYMBOL_FOR_KTEST(klp_verify_failures);
EXPORT_SYMBOL_FOR_KTEST(klp_verify_runs);

/* declared in include/kelp/mm.h */
EXPORT_SYMBOL_FOR_KTEST(__data_start);
EXPORT_SYMBOL_FOR_KTEST(__rodata_start);
EXPORT_SYMBOL_FOR_KTEST(_stext);
EXPORT_SYMBOL_FOR_KTEST(_text);
EXPORT_SYMBOL_FOR_KTEST(cpu_has_nx);
EXPORT_SYMBOL_FOR_KTEST(direct_map_end);
EXPORT_SYMBOL_FOR_KTEST(kmalloc_fail_nth);
EXPORT_SYMBOL_FOR_KTEST(kmalloc_fail_pending);
EXPORT_SYMBOL_FOR_KTEST(kmalloc_get_stats);
EXPORT_SYMBOL_FOR_KTEST(page_alloc);
EXPORT_SYMBOL_FOR_KTEST(page_free);
EXPORT_SYMBOL_FOR_KTEST(paging_dynamic_table_pages);
EXPORT_SYMBOL_FOR_KTEST(paging_lookup);
EXPORT_SYMBOL_FOR_KTEST(pmm_get_stats);
EXPORT_SYMBOL_FOR_KTEST(set_direct_map_ro);
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_alloc);
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_bounds);
EXPORT_SYMBOL_FOR_KTEST(vmap_stack_free);
EXPORT_SYMBOL_FOR_KTEST(vmap_stacks_in_use);

/* declared in include/kelp/module.h */
EXPORT_SYMBOL_FOR_KTEST(delete_module);
EXPORT_SYMBOL_FOR_KTEST(find_module);
EXPORT_SYMBOL_FOR_KTEST(is_module_address);
EXPORT_SYMBOL_FOR_KTEST(load_module);
EXPORT_SYMBOL_FOR_KTEST(load_module_file);
EXPORT_SYMBOL_FOR_KTEST(module_area_used);
EXPORT_SYMBOL_FOR_KTEST(module_kallsyms_lookup_name);
EXPORT_SYMBOL_FOR_KTEST(module_mutex_is_held);
EXPORT_SYMBOL_FOR_KTEST(module_read_file);
EXPORT_SYMBOL_FOR_KTEST(module_mutex_lock);
EXPORT_SYMBOL_FOR_KTEST(module_mutex_unlock);
EXPORT_SYMBOL_FOR_KTEST(module_refcount);

/* declared in include/kelp/mutex.h */
EXPORT_SYMBOL_FOR_KTEST(mutex_is_locked);
EXPORT_SYMBOL_FOR_KTEST(mutex_owner);

/* declared in include/kelp/panic.h */
EXPORT_SYMBOL_FOR_KTEST(tainted_mask);

/* declared in include/kelp/preempt.h */
EXPORT_SYMBOL_FOR_KTEST(preempt_check_resched);

/* declared in include/kelp/printk.h */
EXPORT_SYMBOL_FOR_KTEST(console_write);
EXPORT_SYMBOL_FOR_KTEST(printk_log_dropped);
EXPORT_SYMBOL_FOR_KTEST(printk_log_for_each);

/* declared in include/kelp/process.h */
EXPORT_SYMBOL_FOR_KTEST(exec_args_add);
EXPORT_SYMBOL_FOR_KTEST(exec_args_free);
EXPORT_SYMBOL_FOR_KTEST(exec_args_init);
EXPORT_SYMBOL_FOR_KTEST(exec_load);
EXPORT_SYMBOL_FOR_KTEST(process_kill);
EXPORT_SYMBOL_FOR_KTEST(process_spawn);
EXPORT_SYMBOL_FOR_KTEST(process_start);
EXPORT_SYMBOL_FOR_KTEST(process_wait);

/* declared in include/kelp/sched.h */
EXPORT_SYMBOL_FOR_KTEST(cond_resched);
EXPORT_SYMBOL_FOR_KTEST(find_get_task_by_pid);
EXPORT_SYMBOL_FOR_KTEST(flush_signals);
EXPORT_SYMBOL_FOR_KTEST(get_task_struct);
EXPORT_SYMBOL_FOR_KTEST(msecs_to_jiffies);
EXPORT_SYMBOL_FOR_KTEST(msleep_interruptible);
EXPORT_SYMBOL_FOR_KTEST(nr_tasks);
EXPORT_SYMBOL_FOR_KTEST(put_task_struct);
EXPORT_SYMBOL_FOR_KTEST(schedule_timeout);
EXPORT_SYMBOL_FOR_KTEST(schedule_timeout_interruptible);
EXPORT_SYMBOL_FOR_KTEST(signal_wake_up);
EXPORT_SYMBOL_FOR_KTEST(synchronize_sched);

/* declared in include/kelp/seq_file.h */
EXPORT_SYMBOL_FOR_KTEST(seq_release);
EXPORT_SYMBOL_FOR_KTEST(seq_run);

/* declared in include/kelp/stacktrace.h */
EXPORT_SYMBOL_FOR_KTEST(show_stack);
EXPORT_SYMBOL_FOR_KTEST(stack_trace_check_tsk);
EXPORT_SYMBOL_FOR_KTEST(stack_trace_save_tsk);
EXPORT_SYMBOL_FOR_KTEST(stack_trace_save_tsk_reliable);
EXPORT_SYMBOL_FOR_KTEST(stack_walk_fp);

/* declared in include/kelp/string.h */
EXPORT_SYMBOL_FOR_KTEST(vscnprintf);

/* declared in include/kelp/syscall.h */
EXPORT_SYMBOL_FOR_KTEST(nanosleep_until);

/* declared in include/kelp/text_poke.h */
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_step_hook);
EXPORT_SYMBOL_FOR_KTEST(text_gen_insn);
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp);
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_batch);
EXPORT_SYMBOL_FOR_KTEST(text_poke_bp_hits);
EXPORT_SYMBOL_FOR_KTEST(x86_nop5);

/* declared in include/kelp/time.h */
EXPORT_SYMBOL_FOR_KTEST(jiffies);

/* declared in include/kelp/timer.h */
EXPORT_SYMBOL_FOR_KTEST(mod_timer);
EXPORT_SYMBOL_FOR_KTEST(timer_setup);

/* declared in include/kelp/traps.h */
EXPORT_SYMBOL_FOR_KTEST(isr_return_to_entry);

/* declared in include/kelp/uaccess.h */
EXPORT_SYMBOL_FOR_KTEST(strncpy_from_user);

/* declared in include/kelp/wait.h */
EXPORT_SYMBOL_FOR_KTEST(__wake_up);
EXPORT_SYMBOL_FOR_KTEST(finish_wait);
EXPORT_SYMBOL_FOR_KTEST(init_wait_entry);
EXPORT_SYMBOL_FOR_KTEST(prepare_to_wait);

/* declared in include/kelp/workqueue.h */
EXPORT_SYMBOL_FOR_KTEST(delayed_work_timer_fn);
EXPORT_SYMBOL_FOR_KTEST(flush_delayed_work);
EXPORT_SYMBOL_FOR_KTEST(flush_scheduled_work);
EXPORT_SYMBOL_FOR_KTEST(flush_workqueue);
EXPORT_SYMBOL_FOR_KTEST(mod_delayed_work);
EXPORT_SYMBOL_FOR_KTEST(system_wq);

/* declared in kernel/ftrace_internal.h */
EXPORT_SYMBOL_FOR_KTEST(ftrace_test_no_vec);

/* declared in livepatch/core.h */
EXPORT_SYMBOL_FOR_KTEST(klp_disable_patch);
EXPORT_SYMBOL_FOR_KTEST(klp_mutex);
EXPORT_SYMBOL_FOR_KTEST(klp_patches);
EXPORT_SYMBOL_FOR_KTEST(klp_wq);

/* declared in livepatch/patch.h */
EXPORT_SYMBOL_FOR_KTEST(klp_clear_direct);

/* declared in livepatch/verify.h */
EXPORT_SYMBOL_FOR_KTEST(klp_verify_lookup);
EXPORT_SYMBOL_FOR_KTEST(klp_verify_stacks);

/* declared in boot/entry.asm */
EXPORT_SYMBOL_FOR_KTEST(boot_stack_guard);
