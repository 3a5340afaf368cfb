#!/usr/bin/env python3
"""Packs a folder into a cpio "newc" archive (the initramfs format).

    tools/mkcpio.py DIR OUT.cpio

Entries are sorted, owned by root, with mtime 0, so the same folder always
gives the same archive. Only directories and regular files are packed.
"""
import os
import stat
import sys


def header(ino, mode, size, namesize):
    fields = [ino, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, namesize, 0]
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(n):
    return (4 - n % 4) % 4


def entry(out, ino, name, mode, data=b""):
    bname = name.encode() + b"\0"
    out.write(header(ino, mode, len(data), len(bname)) + bname)
    out.write(b"\0" * pad4(110 + len(bname)))
    out.write(data + b"\0" * pad4(len(data)))


def walk(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        if rel != ".":
            yield rel, None
        for f in sorted(filenames):
            yield os.path.normpath(os.path.join(rel, f)), os.path.join(dirpath, f)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mkcpio.py DIR OUT.cpio")
    root, target = sys.argv[1], sys.argv[2]
    tmp = target + ".tmp"
    with open(tmp, "wb") as out:
        for ino, (name, path) in enumerate(walk(root), start=1):
            if path is None:
                entry(out, ino, name, stat.S_IFDIR | 0o755)
            elif os.path.isfile(path):
                mode = os.stat(path).st_mode
                with open(path, "rb") as f:
                    entry(out, ino, name, stat.S_IFREG | (mode & 0o777), f.read())
        entry(out, 0, "TRAILER!!!", 0)
    os.replace(tmp, target)


if __name__ == "__main__":
    main()
