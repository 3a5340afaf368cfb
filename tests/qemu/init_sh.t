# init_sh: init=/bin/sh runs the shell itself as pid 1 (no /bin/init), the
# way one rescues a Linux system.
#! cmdline: loglevel=4 init=/bin/sh
kelp# echo $$
1
kelp# cat /proc/1/status
Name:	sh
...
