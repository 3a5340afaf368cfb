#!/usr/bin/env python3
"""klp-convert: turn a live patch module's .klp.sym references into Linux's
livepatch ELF format (Documentation/livepatch/module-elf-format.rst).

A patch's new code names a symbol its target object does not export with
KLP_SYM (include/kelp/livepatch.h):

    extern int counter KLP_SYM(my_module, counter, 0);

which leaves an undefined symbol `.klp.sym.my_module.counter,0` in the
object. This tool, run on the linked NAME.ko (after `ld -r`, which would
merge the sections back), rewrites the file in place:

- every undefined `.klp.sym.OBJ.NAME,POS` symbol gets st_shndx
  SHN_LIVEPATCH (0xff20);
- the relocations against those symbols leave their .rela<SEC> section
  and go to a new `.klp.rela.OBJ<SEC>` section (type SHT_RELA, flags
  SHF_RELA_LIVEPATCH | SHF_INFO_LINK, same target), one per object and
  target section; the kernel applies them when OBJ is loaded.

A module without such symbols is left untouched (the Makefile runs the
tool on every module). A malformed name is an error, unless --lax (for
the test modules that check the kernel's refusal). Sections are appended
at the end with a new section name table and header table; nothing else
moves, so every other offset stays valid.
"""
import argparse
import re
import struct
import sys

SHT_SYMTAB, SHT_RELA = 2, 4
SHF_INFO_LINK = 0x40
SHF_RELA_LIVEPATCH = 0x00100000
SHN_UNDEF, SHN_LIVEPATCH = 0, 0xff20
SHDR = struct.Struct("<IIQQQQIIQQ")
SYM = struct.Struct("<IBBHQQ")
RELA = struct.Struct("<QQq")
KLP_SYM_RE = re.compile(r"^\.klp\.sym\.([^.]{1,55})\.([^,]{1,511}),(\d+)$")


class Error(Exception):
    pass


def cstr(data, off):
    end = data.index(b"\0", off)
    return data[off:end].decode("utf-8", "replace")


def read_sections(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise Error("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if shentsize != SHDR.size or shoff + shnum * SHDR.size > len(data):
        raise Error("bad section header table")
    secs = [list(SHDR.unpack_from(data, shoff + i * SHDR.size)) for i in range(shnum)]
    return secs, shstrndx


def convert(data, lax):
    """Returns the converted file, or None when there is nothing to do."""
    secs, shstrndx = read_sections(data)
    shstr = secs[shstrndx]
    name = lambda s: cstr(data, shstr[4] + s[0])
    symtab_idx = next((i for i, s in enumerate(secs) if s[1] == SHT_SYMTAB), None)
    if symtab_idx is None:
        return None
    symtab = secs[symtab_idx]
    strtab = secs[symtab[6]]
    out = bytearray(data)

    klp_obj = {}                         # symbol index -> object name
    for i in range(1, symtab[5] // SYM.size):
        off = symtab[4] + i * SYM.size
        st_name, info, other, shndx, value, size = SYM.unpack_from(data, off)
        sname = cstr(data, strtab[4] + st_name)
        if not sname.startswith(".klp.sym."):
            continue
        if shndx == SHN_LIVEPATCH:
            return None                  # converted already
        if shndx != SHN_UNDEF:
            raise Error(f"{sname} is defined in the module; it must be an extern reference")
        m = KLP_SYM_RE.match(sname)
        if not m and not lax:
            raise Error(f"malformed livepatch symbol {sname!r} "
                        "(want .klp.sym.OBJNAME.SYMNAME,SYMPOS)")
        klp_obj[i] = m.group(1) if m else sname[len(".klp.sym."):].split(".")[0] or "?"
        SYM.pack_into(out, off, st_name, info, other, SHN_LIVEPATCH, value, size)
    if not klp_obj:
        return None

    new = []                             # (name, target index, rela bytes)
    for idx, s in enumerate(list(secs)):
        if s[1] != SHT_RELA or s[2] & SHF_RELA_LIVEPATCH or s[6] != symtab_idx:
            continue
        keep, moved = [], {}
        for k in range(s[5] // RELA.size):
            r = RELA.unpack_from(data, s[4] + k * RELA.size)
            obj = klp_obj.get(r[1] >> 32)
            if obj is None:
                keep.append(r)
            else:
                moved.setdefault(obj, []).append(r)
        if not moved:
            continue
        for k, r in enumerate(keep):
            RELA.pack_into(out, s[4] + k * RELA.size, *r)
        secs[idx][5] = len(keep) * RELA.size
        target = name(secs[s[7]])
        for obj, relas in sorted(moved.items()):
            new.append((f".klp.rela.{obj}{target}", s[7],
                        b"".join(RELA.pack(*r) for r in relas)))

    # appended: the new sections' data, the new name table, the header table
    names = bytearray(data[shstr[4]:shstr[4] + shstr[5]])
    for sec_name, target, blob in new:
        while len(out) % 8:
            out.append(0)
        sh_name = len(names)
        names += sec_name.encode() + b"\0"
        secs.append([sh_name, SHT_RELA, SHF_RELA_LIVEPATCH | SHF_INFO_LINK, 0, len(out),
                     len(blob), symtab_idx, target, 8, RELA.size])
        out += blob
    secs[shstrndx][4], secs[shstrndx][5] = len(out), len(names)
    out += names
    while len(out) % 8:
        out.append(0)
    struct.pack_into("<Q", out, 0x28, len(out))
    struct.pack_into("<H", out, 0x3C, len(secs))
    for s in secs:
        out += SHDR.pack(*s)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ko", help="module to convert in place")
    ap.add_argument("--lax", action="store_true",
                    help="convert malformed .klp.sym names too (tests of the kernel's checks)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    try:
        data = open(args.ko, "rb").read()
        out = convert(data, args.lax)
    except (Error, ValueError, struct.error, IndexError) as e:
        print(f"klp-convert: {args.ko}: {e}", file=sys.stderr)
        return 1
    if out is None:
        return 0
    with open(args.ko, "wb") as f:
        f.write(out)
    if args.verbose:
        print(f"klp-convert: {args.ko}: converted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
