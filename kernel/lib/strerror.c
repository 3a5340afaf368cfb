/*
 * strerror(): the text of an errno value, word for word as glibc prints it,
 * so that shell errors read like busybox's on Linux ("echo: write error:
 * Invalid argument"). Known values come from a constant table indexed by the
 * number; anything else is formatted into one static buffer, which is the
 * only state here and the reason the unknown case is not reentrant.
 */
#include <kelp/compiler.h>
#include <kelp/errno.h>

/*
 * glibc's texts for Linux's whole errno range, 0 ("Success") to 133, not only
 * for what <kelp/errno.h> defines today: ported Linux code and patches may
 * return any of them. Values the header names are indexed by name.
 */
static const char *const errno_text[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[15] = "Block device required",	/* ENOTBLK */
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[18] = "Invalid cross-device link",	/* EXDEV */
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[26] = "Text file busy",	/* ETXTBSY */
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[31] = "Too many links",	/* EMLINK */
	[EPIPE] = "Broken pipe",
	[EDOM] = "Numerical argument out of domain",
	[ERANGE] = "Numerical result out of range",
	[35] = "Resource deadlock avoided",	/* EDEADLK */
	[ENAMETOOLONG] = "File name too long",
	[37] = "No locks available",	/* ENOLCK */
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ELOOP] = "Too many levels of symbolic links",
	[42] = "No message of desired type",	/* ENOMSG */
	[43] = "Identifier removed",	/* EIDRM */
	[44] = "Channel number out of range",	/* ECHRNG */
	[45] = "Level 2 not synchronized",	/* EL2NSYNC */
	[46] = "Level 3 halted",	/* EL3HLT */
	[47] = "Level 3 reset",	/* EL3RST */
	[48] = "Link number out of range",	/* ELNRNG */
	[49] = "Protocol driver not attached",	/* EUNATCH */
	[50] = "No CSI structure available",	/* ENOCSI */
	[51] = "Level 2 halted",	/* EL2HLT */
	[52] = "Invalid exchange",	/* EBADE */
	[53] = "Invalid request descriptor",	/* EBADR */
	[54] = "Exchange full",	/* EXFULL */
	[55] = "No anode",	/* ENOANO */
	[56] = "Invalid request code",	/* EBADRQC */
	[57] = "Invalid slot",	/* EBADSLT */
	[59] = "Bad font file format",	/* EBFONT */
	[60] = "Device not a stream",	/* ENOSTR */
	[ENODATA] = "No data available",
	[ETIME] = "Timer expired",
	[63] = "Out of streams resources",	/* ENOSR */
	[64] = "Machine is not on the network",	/* ENONET */
	[65] = "Package not installed",	/* ENOPKG */
	[66] = "Object is remote",	/* EREMOTE */
	[67] = "Link has been severed",	/* ENOLINK */
	[68] = "Advertise error",	/* EADV */
	[69] = "Srmount error",	/* ESRMNT */
	[70] = "Communication error on send",	/* ECOMM */
	[71] = "Protocol error",	/* EPROTO */
	[72] = "Multihop attempted",	/* EMULTIHOP */
	[73] = "RFS specific error",	/* EDOTDOT */
	[EBADMSG] = "Bad message",
	[EOVERFLOW] = "Value too large for defined data type",
	[76] = "Name not unique on network",	/* ENOTUNIQ */
	[77] = "File descriptor in bad state",	/* EBADFD */
	[78] = "Remote address changed",	/* EREMCHG */
	[79] = "Can not access a needed shared library",	/* ELIBACC */
	[80] = "Accessing a corrupted shared library",	/* ELIBBAD */
	[81] = ".lib section in a.out corrupted",	/* ELIBSCN */
	[82] = "Attempting to link in too many shared libraries",	/* ELIBMAX */
	[83] = "Cannot exec a shared library directly",	/* ELIBEXEC */
	[84] = "Invalid or incomplete multibyte or wide character",	/* EILSEQ */
	[85] = "Interrupted system call should be restarted",	/* ERESTART */
	[86] = "Streams pipe error",	/* ESTRPIPE */
	[87] = "Too many users",	/* EUSERS */
	[88] = "Socket operation on non-socket",	/* ENOTSOCK */
	[89] = "Destination address required",	/* EDESTADDRREQ */
	[90] = "Message too long",	/* EMSGSIZE */
	[91] = "Protocol wrong type for socket",	/* EPROTOTYPE */
	[92] = "Protocol not available",	/* ENOPROTOOPT */
	[93] = "Protocol not supported",	/* EPROTONOSUPPORT */
	[94] = "Socket type not supported",	/* ESOCKTNOSUPPORT */
	[95] = "Operation not supported",	/* EOPNOTSUPP */
	[96] = "Protocol family not supported",	/* EPFNOSUPPORT */
	[97] = "Address family not supported by protocol",	/* EAFNOSUPPORT */
	[98] = "Address already in use",	/* EADDRINUSE */
	[99] = "Cannot assign requested address",	/* EADDRNOTAVAIL */
	[100] = "Network is down",	/* ENETDOWN */
	[101] = "Network is unreachable",	/* ENETUNREACH */
	[102] = "Network dropped connection on reset",	/* ENETRESET */
	[103] = "Software caused connection abort",	/* ECONNABORTED */
	[104] = "Connection reset by peer",	/* ECONNRESET */
	[105] = "No buffer space available",	/* ENOBUFS */
	[106] = "Transport endpoint is already connected",	/* EISCONN */
	[107] = "Transport endpoint is not connected",	/* ENOTCONN */
	[108] = "Cannot send after transport endpoint shutdown",	/* ESHUTDOWN */
	[109] = "Too many references: cannot splice",	/* ETOOMANYREFS */
	[ETIMEDOUT] = "Connection timed out",
	[111] = "Connection refused",	/* ECONNREFUSED */
	[112] = "Host is down",	/* EHOSTDOWN */
	[113] = "No route to host",	/* EHOSTUNREACH */
	[114] = "Operation already in progress",	/* EALREADY */
	[115] = "Operation now in progress",	/* EINPROGRESS */
	[116] = "Stale file handle",	/* ESTALE */
	[117] = "Structure needs cleaning",	/* EUCLEAN */
	[118] = "Not a XENIX named type file",	/* ENOTNAM */
	[119] = "No XENIX semaphores available",	/* ENAVAIL */
	[120] = "Is a named type file",	/* EISNAM */
	[121] = "Remote I/O error",	/* EREMOTEIO */
	[122] = "Disk quota exceeded",	/* EDQUOT */
	[123] = "No medium found",	/* ENOMEDIUM */
	[124] = "Wrong medium type",	/* EMEDIUMTYPE */
	[125] = "Operation canceled",	/* ECANCELED */
	[126] = "Required key not available",	/* ENOKEY */
	[127] = "Key has expired",	/* EKEYEXPIRED */
	[128] = "Key has been revoked",	/* EKEYREVOKED */
	[129] = "Key was rejected by service",	/* EKEYREJECTED */
	[130] = "Owner died",	/* EOWNERDEAD */
	[131] = "State not recoverable",	/* ENOTRECOVERABLE */
	[132] = "Operation not possible due to RF-kill",	/* ERFKILL */
	[133] = "Memory page has hardware error",	/* EHWPOISON */
	/*
	 * 41 and 58 are unused in Linux, and ENOTSUPP (524) is kernel-internal:
	 * glibc has no text for them either, so they print "Unknown error N".
	 */
};

#define UNKNOWN_PREFIX "Unknown error "

/* "Unknown error " + at most 10 digits + NUL. */
static char unknown_buf[sizeof(UNKNOWN_PREFIX) + 10];

/* Formats "Unknown error N" into unknown_buf; returns it. */
static const char *unknown_error(unsigned int n)
{
	char digits[10];
	char *p = unknown_buf;
	const char *q = UNKNOWN_PREFIX;
	int len = 0;

	do {
		digits[len++] = '0' + n % 10;
		n /= 10;
	} while (n);
	while (*q)
		*p++ = *q++;
	while (len)
		*p++ = digits[--len];
	*p = '\0';
	return unknown_buf;
}

/*
 * Returns the text for err, accepted as errno (EINVAL) or as a kernel return
 * value (-EINVAL). Known values return constant strings and are safe in any
 * context. Unknown ones return "Unknown error N" (N = |err|) in a static
 * buffer that the next unknown lookup overwrites: not reentrant, so copy it
 * before another task or an interrupt handler could call strerror().
 */
const char *strerror(int err)
{
	/* Negate as unsigned so that INT_MIN does not overflow. */
	unsigned int n = err < 0 ? -(unsigned int)err : (unsigned int)err;

	if (n < ARRAY_SIZE(errno_text) && errno_text[n])
		return errno_text[n];
	return unknown_error(n);
}
