# linuxmod_params: every standard module_param type of a module written
# as for Linux (tests/linuxmod/lm_params.c): byte short ushort int uint
# long ulong ullong hexint charp bool invbool, module_param_string,
# module_param_array of ints and of charps, and a module_param_cb that
# only takes even numbers. Values come from the insmod line and from
# /sys/module/lm_params/parameters/, which shows them in Linux's text
# forms; out-of-range values, too many array elements and a too-long
# string are refused with Linux's messages. invbool shows what was given
# (the variable holds the opposite). Run twice under memcheck: the
# charp copies the loader made are freed at unload.
#! cmdline: loglevel=4
kelp# dmesg -C
kelp# insmod /lib/modules/lm_params.ko p_byte=255 p_short=-32768 p_ushort=65535 p_int=-7 p_uint=0x10 p_long=-9000000000 p_ulong=18446744073709551615 p_ullong=12345678901234 p_hexint=255 p_charp=hello p_bool=n p_invbool=y p_string=abc p_ints=5,6,7 p_names=a,bb p_even=4
kelp# dmesg -c
*] lm_params: byte=255 short=-32768 ushort=65535 int=-7 uint=16 long=-9000000000 ulong=18446744073709551615 ullong=12345678901234 hexint=0xff (glob)
*] lm_params: charp=hello bool=0 invbool=0 string=abc even=4 (glob)
*] lm_params: ints: 3 given, [5,6,7,0]; names: 2 given, first a (glob)
kelp# cd /sys/module/lm_params/parameters
kelp# cat p_byte p_short p_ushort p_int p_uint p_long p_ulong p_ullong p_hexint p_charp p_bool p_invbool p_string p_ints p_names p_even
255
-32768
65535
-7
16
-9000000000
18446744073709551615
12345678901234
0x0000ff
hello
N
Y
abc
5,6,7
a,bb
4
kelp# echo 256 > p_byte
echo: write error: Numerical result out of range
kelp# echo -32769 > p_short
echo: write error: Numerical result out of range
kelp# echo 1,2,3,4,5 > p_ints
*] p_ints: can only take 4 arguments (glob)
echo: write error: Invalid argument
kelp# echo 3 > p_even
echo: write error: Invalid argument
kelp# echo 12345678 > p_string
*] p_string: string doesn't fit in 7 chars. (glob)
echo: write error: No space left on device
kelp# dmesg -c
*] p_ints: can only take 4 arguments (glob)
*] p_string: string doesn't fit in 7 chars. (glob)
kelp# echo 0x7f > p_byte
kelp# echo 1 > p_invbool
kelp# echo 9,8 > p_ints
kelp# echo x,y,z > p_names
kelp# echo 1234567 > p_string
kelp# echo 6 > p_even
kelp# cat p_byte p_invbool p_ints p_names p_string p_even
127
Y
9,8
x,y,z
1234567
6
kelp# cd /
kelp# rmmod lm_params
kelp# memcheck mark
kelp# insmod /lib/modules/lm_params.ko p_charp=again p_names=one,two,three
kelp# echo four > /sys/module/lm_params/parameters/p_names
kelp# echo other > /sys/module/lm_params/parameters/p_charp
kelp# rmmod lm_params
kelp# memcheck
memcheck: unchanged since mark
kelp# insmod /lib/modules/lm_params.ko
kelp# dmesg -c
...
*] lm_params: byte=1 short=-2 ushort=3 int=-4 uint=5 long=-6 ulong=7 ullong=8 hexint=0x9 (glob)
*] lm_params: charp=ten bool=1 invbool=0 string=str even=0 (glob)
*] lm_params: ints: 2 given, [1,2,0,0]; names: 0 given, first - (glob)
kelp# rmmod lm_params
