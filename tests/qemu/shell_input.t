# shell_input: bad input never breaks the shell. An unknown command, a line
# longer than the buffer, a burst of binary garbage, an unterminated quote,
# Ctrl-C, Ctrl-U, backspace and CR LF line ends each get a clear response and
# the shell keeps working.
#! cmdline: loglevel=4

kelp# nosuchcommand --flag
sh: nosuchcommand: not found
kelp# echo 'unterminated
sh: syntax error: unterminated quoted string
kelp# echo > 
sh: syntax error: unexpected newline
kelp# echo hi > /nodir/file
sh: can't create /nodir/file: No such file or directory
kelp#~ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r
x{1023} (re)
sh: line too long (more than 1023 characters), ignored
kelp# echo still alive
still alive
kelp#~ \x00\x01\x02\xff\xfe\x80\x9b\x1b[A\x1b[15~\x07\x0e\x1f\x7f\r

sh: ignored 10 non-text input bytes
kelp#~ echo gar\x00\xffbage\r
echo garbage
sh: ignored 2 non-text input bytes
garbage
kelp#~ echo abandoned\x03
echo abandoned^C
kelp#~ echo killed\x15echo kept\r
echo killed\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08\x08 \x08echo kept (esc)
kept
kelp#~ echo crlf\r\n
echo crlf
crlf
kelp# echo "double  quoted" 'single' back\ slash
double  quoted single back slash
kelp# help
  cat        FILE...  print files
  cd         [DIR]  change the current directory
  cmdline    the kernel command line (as /proc/cmdline)
  crash      KIND  fault on purpose (testing the oops path)
  dmesg      [-c|-C]  print (and clear) the kernel log
  echo       [-n] ARGS...  print the arguments
  free       memory totals in KiB, as busybox free
  help       list the commands
  insmod     FILE [NAME=VALUE...]  load a module
  kallsyms   [-n COUNT] [GLOB] | -p NAME SYMPOS  /proc/kallsyms lines
  ls         [-l] [PATH...]  list a directory
  lsmod      list loaded modules
  memcheck   [mark]  compare memory use with the mark (leak check)
  meminfo    memory use, per kmalloc cache
  mkdir      DIR...  make directories
  poweroff   power the machine off (ends QEMU)
  ps         list tasks: PID STATE PATCH FLAGS NAME
  pwd        print the current directory
  reboot     reset the machine
  rm         FILE...  remove files
  rmdir      DIR...  remove empty directories
  rmmod      MODULE...  unload modules
  sleep      N  wait N seconds
  stack      PID|NAME  a task's reliable stack trace (or why not reliable)
  sysctl     [-n] [-w] KEY[=VALUE]...  /proc/sys parameters (kernel.ftrace_enabled)
  uname      [-a]  print system information
  uptime     time since boot
  workload   sleep|spin|block N, release, stop, overflow: test threads
kelp# uname -x
uname: invalid option -- '-x'
kelp# dmesg -z
dmesg: invalid option -- '-z'
usage: dmesg [-c|-C]
kelp# echo done
done
