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
Built-in commands: cd exit help pwd
Programs in /bin:
...
  cat
...
  crash
...
  echo
...
  workload
...
kelp# uname -x
uname: invalid option -- '-x'
kelp# dmesg -z
dmesg: invalid option -- '-z'
usage: dmesg [-c|-C]
kelp# echo done
done
