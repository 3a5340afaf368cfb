# linuxmod_apis: modules written as for Linux (tests/linuxmod/) load and
# work. lm_procfs adds /proc/lm_procfs with proc_create_single and a
# directory with proc_mkdir; each read runs the show again; rmmod takes
# them away (proc_remove, remove_proc_entry), and an open that raced the
# removal would find nothing. lm_sched runs a kthread (struct task_struct,
# get_task_comm, task_tgid_vnr), a DECLARE_DELAYED_WORK item from the
# module (delayed_work_timer_fn is exported), a timer_list, completions
# and wait queues with timeouts, and the sleep helpers. lm_headers
# includes every <linux/...> header; lm_string checks the string,
# parsing and allocation helpers; lm_exports the workqueue, timer, sscanf
# and memset16 exports the issue 17 audit added; lm_wait the wait-queue
# wake functions, wait_woken, wait_on_bit/wait_var_event and the
# scheduler helpers (yield_to, set_user_nice, single_task_running);
# lm_seqfile the proc_ops files drivers make (proc_create_data with
# single_open/seq_read/seq_lseek/single_release, proc_create_seq over a
# list, proc_create_seq_private with per-open state) and a proc_symlink,
# all gone after rmmod. All of it leaves no memory behind.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/lm_procfs.ko
kelp# cat /proc/lm_procfs
lm_procfs: hello from a module
kelp# cat /proc/lm_procfs_dir/count
reads=1
kelp# cat /proc/lm_procfs_dir/count
reads=2
kelp# ls /proc/lm_procfs_dir
count
kelp# rmmod lm_procfs
kelp# cat /proc/lm_procfs
cat: /proc/lm_procfs: No such file or directory
kelp# ls /proc/lm_procfs_dir
ls: /proc/lm_procfs_dir: No such file or directory
kelp# insmod /lib/modules/lm_seqfile.ko
kelp# cat /proc/lm_seqfile/single
hello from single_open
kelp# cat /proc/lm_seqfile/list
name
alpha
two\040words
tab\011here
kelp# cat /proc/lm_seqfile/count
record 0, shown before 0
record 1, shown before 1
record 2, shown before 2
kelp# cat /proc/lm_seqfile/count
record 0, shown before 0
record 1, shown before 1
record 2, shown before 2
kelp# cat /proc/lm_seqfile_link/single
hello from single_open
kelp# ls /proc/lm_seqfile
count
list
single
kelp# rmmod lm_seqfile
kelp# cat /proc/lm_seqfile/list
cat: /proc/lm_seqfile/list: No such file or directory
kelp# cat /proc/lm_seqfile_link/single
cat: /proc/lm_seqfile_link/single: No such file or directory
kelp# insmod /lib/modules/lm_sched.ko
kelp# insmod /lib/modules/lm_headers.ko
kelp# insmod /lib/modules/lm_string.ko
kelp# insmod /lib/modules/lm_exports.ko
kelp# cat /proc/lm_exports_pad
ab      |
hex: 00000000: 4b 65 6c 70                                      Kelp
kelp# insmod /lib/modules/lm_wait.ko
kelp# rmmod lm_sched lm_headers lm_string lm_exports lm_wait
kelp# dmesg -c
*] lm_procfs: created /proc/lm_procfs (glob)
*] lm_procfs: removed /proc/lm_procfs (glob)
*] lm_seqfile: created /proc/lm_seqfile (glob)
*] lm_sched: kthread lm_kthread/0 ran (tgid set), stop returned 0 (glob)
*] lm_sched: delayed work ran after its delay (glob)
*] lm_sched: timer fired (glob)
*] lm_sched: time moved forward: yes (glob)
*] lm_sched: sprintf: 1 cpus max, 3 (glob)
*] lm_string: 12 checks, 0 failed (glob)
*] failing symbol_get of non-GPLONLY symbol kmalloc. (glob)
*] lm_exports: 36 checks, 0 failed (glob)
*] lm_wait: 46 checks, 0 failed (glob)
*] lm_sched: unloaded (glob)
kelp# memcheck mark
kelp# insmod /lib/modules/lm_procfs.ko
kelp# cat /proc/lm_procfs_dir/count
reads=1
kelp# rmmod lm_procfs
kelp# insmod /lib/modules/lm_sched.ko
kelp# rmmod lm_sched
kelp# insmod /lib/modules/lm_string.ko
kelp# rmmod lm_string
kelp# insmod /lib/modules/lm_exports.ko
kelp# rmmod lm_exports
kelp# insmod /lib/modules/lm_wait.ko
kelp# rmmod lm_wait
kelp# insmod /lib/modules/lm_seqfile.ko
kelp# cat /proc/lm_seqfile/list
name
alpha
two\040words
tab\011here
kelp# rmmod lm_seqfile
kelp# memcheck
memcheck: unchanged since mark
