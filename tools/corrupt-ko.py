#!/usr/bin/env python3
"""Makes the broken modules of the loader's scenarios from a good one:

  corrupt-ko.py truncate GOOD.ko OUT.ko     the first 3000 bytes
  corrupt-ko.py bitflip GOOD.ko OUT.ko      bit 30 of section 1's sh_offset flipped
"""
import struct
import sys


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ("truncate", "bitflip"):
        print(__doc__, file=sys.stderr)
        return 1
    data = bytearray(open(sys.argv[2], "rb").read())
    if sys.argv[1] == "truncate":
        data = data[:3000]
    else:
        shoff = struct.unpack_from("<Q", data, 0x28)[0]
        off = shoff + 64 + 0x18 + 3          # section 1, sh_offset, byte 3
        data[off] ^= 0x40
    open(sys.argv[3], "wb").write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
