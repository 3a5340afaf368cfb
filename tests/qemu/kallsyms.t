# kallsyms: /proc/kallsyms lines through the `kallsyms` program,
# the head of the table, globs, and sympos lookups (as livepatch's
# old_sympos resolves them: 0 = must be unique, N = the Nth in table
# order). The kernel holds no test symbol: the duplicated static
# kallsyms_test_dup lives in target-ktest.ko, whose sympos lookups the
# ktests kallsyms_sympos_duplicate_static and klp_refusals check.
#! cmdline: loglevel=4

kelp# kallsyms -n 3
ffffffff80100000 t mb2_header
ffffffff80100000 T _text
ffffffff80100\w{3} t mb2_header\.\w+ (re)
kelp# kallsyms kallsyms_test_*
kelp# kallsyms -n 1 kmai?
ffffffff801\w{5} T kmain (re)
kelp# kallsyms -p kmain 2
symbol position 2 for symbol 'kmain' in object 'vmlinux' not found
kallsyms: kmain,2: Invalid argument
kelp# kallsyms -p no_such_function 0
symbol 'no_such_function' not found in symbol table
kallsyms: no_such_function,0: Invalid argument
kelp# kallsyms -p kmain 1
ffffffff801\w{5} T kmain (re)
kelp# kallsyms -p kmain x
kallsyms: invalid position 'x'
kelp# kallsyms -n 0
kallsyms: invalid number '0'
kelp# kallsyms a b
usage: kallsyms [-n COUNT] [GLOB] | kallsyms -p NAME SYMPOS
kelp# ls -l /proc/kallsyms
-r--r--r--    1 root     root            0 /proc/kallsyms
