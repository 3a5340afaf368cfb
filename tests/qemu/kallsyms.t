# kallsyms: /proc/kallsyms lines (`kallsyms` until the filesystem issue),
# the head of the table, globs, and sympos lookups of the static function
# kallsyms_test_dup that two test objects both define (as livepatch's
# old_sympos resolves it: 0 = must be unique, N = the Nth in table order).
#! cmdline: loglevel=4

kelp# kallsyms -n 3
ffffffff80100000 t mb2_header
ffffffff80100000 T _text
ffffffff80100\w{3} t mb2_header\.\w+ (re)
kelp# kallsyms kallsyms_test_*
ffffffff801\w{5} t kallsyms_test_dup (re)
ffffffff801\w{5} t kallsyms_test_dup (re)
kelp# kallsyms -n 1 kmai?
ffffffff801\w{5} T kmain (re)
kelp# kallsyms -p kallsyms_test_dup 1
ffffffff801\w{5} t kallsyms_test_dup (re)
kelp# kallsyms -p kallsyms_test_dup 2
ffffffff801\w{5} t kallsyms_test_dup (re)
kelp# kallsyms -p kallsyms_test_dup 0
unresolvable ambiguity for symbol 'kallsyms_test_dup' in object 'vmlinux'
kallsyms: kallsyms_test_dup,0: Invalid argument
kelp# kallsyms -p kallsyms_test_dup 3
symbol position 3 for symbol 'kallsyms_test_dup' in object 'vmlinux' not found
kallsyms: kallsyms_test_dup,3: Invalid argument
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
