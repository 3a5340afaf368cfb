/*
 * string_escape_mem (include/kelp/string_helpers.h): Linux's byte escaping
 * for text output, as seq_escape_mem() and friends print it. Each byte is
 * either passed through or replaced by the escape of the first class of
 * the flags that takes it; the output is counted in full even where it
 * does not fit, so the caller can tell a truncation.
 */
#include <kelp/string_helpers.h>
#include <kelp/string.h>
#include <kelp/export.h>

/* Linux's isprint() on its Latin-1 ctype table: 32-126 and 160-255. */
static bool esc_isprint(unsigned char c)
{
	return (c >= 32 && c < 127) || c >= 160;
}

/* Appends c at *p if it is below end; counts it either way. */
static void esc_put(char **p, char *end, char c)
{
	if (*p < end)
		**p = c;
	(*p)++;
}

/* The letter of c's two-character escape in the classes of flags, or 0. */
static char esc_letter(unsigned char c, unsigned int flags)
{
	static const char space_from[] = "\n\r\t\v\f", space_to[] = "nrtvf";
	static const char special_from[] = "\\\a\x1b\"", special_to[] = "\\ae\"";
	const char *hit;

	if ((flags & ESCAPE_SPACE) && c && (hit = strchr(space_from, c)))
		return space_to[hit - space_from];
	if ((flags & ESCAPE_SPECIAL) && c && (hit = strchr(special_from, c)))
		return special_to[hit - special_from];
	if ((flags & ESCAPE_NULL) && !c)
		return '0';
	return 0;
}

/* See string_helpers.h. */
int string_escape_mem(const char *src, size_t isz, char *dst, size_t osz, unsigned int flags,
		      const char *only)
{
	static const char hex[] = "0123456789abcdef";
	char *p = dst, *end = dst + osz;
	bool dict = only && *only, append = flags & ESCAPE_APPEND;

	for (size_t i = 0; i < isz; i++) {
		unsigned char c = src[i];
		bool listed = dict && (!c || strchr(only, c));	/* Linux's strchr finds the NUL too */
		bool keep = dict && !append && !listed;	/* only names others */
		char letter;

		/* The pass-through classes, unless only/APPEND forces this byte. */
		if (!keep && !(append && listed)) {
			bool ascii = c < 128, print = esc_isprint(c);

			keep = ((flags & ESCAPE_NAP) && ascii && print) ||
			       ((flags & ESCAPE_NP) && print) || ((flags & ESCAPE_NA) && ascii);
		}
		if (keep) {
			esc_put(&p, end, c);
			continue;
		}
		letter = esc_letter(c, flags);
		if (letter) {
			esc_put(&p, end, '\\');
			esc_put(&p, end, letter);
		} else if (flags & ESCAPE_OCTAL) {
			esc_put(&p, end, '\\');
			esc_put(&p, end, '0' + (c >> 6));
			esc_put(&p, end, '0' + ((c >> 3) & 7));
			esc_put(&p, end, '0' + (c & 7));
		} else if (flags & ESCAPE_HEX) {
			esc_put(&p, end, '\\');
			esc_put(&p, end, 'x');
			esc_put(&p, end, hex[c >> 4]);
			esc_put(&p, end, hex[c & 15]);
		} else {
			esc_put(&p, end, c);
		}
	}
	return p - dst;
}
EXPORT_SYMBOL(string_escape_mem);
