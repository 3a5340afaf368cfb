#!/usr/bin/env python3
"""Makes the signed-module test vectors of docs/signing.md from one unsigned
module: good signatures made several ways, and broken ones.

  sig-vectors.py SIGN-FILE KEY.pem OTHER-KEY.pem UNSIGNED.ko OUTDIR

Written to OUTDIR (the scenarios load them from /lib/test/sig/):
  unsigned.ko   no signature                     -ENODATA: refused or tainted
  linux.ko      `openssl cms` + the trailer by hand, as Linux's sign-file
                writes it (DER), checked equal to SIGN-FILE's output (RSA keys)
  ber.ko        the same message re-encoded in BER, its constructed elements
                with indefinite lengths (as streaming CMS writers do)
  skid.ko       signer named by subject key id (sign-file -k)
  sha512.ko     SHA-512 digest
  tampered.ko   a good signature, then one byte of .text flipped
  otherkey.ko   signed by a key the kernel does not trust  -ENOKEY
  sha1.ko       SHA-1 digest                     -ENOPKG
  badid.ko      id_type 1 (PGP), not PKCS#7      -ENOPKG
  badlen.ko     sig_len past the start of the file   -EBADMSG
  truncated.ko  the PKCS#7 message cut short (trailer fixed up)  -EBADMSG
  garbage.ko    the PKCS#7 message replaced by random bytes  -EBADMSG
  twice.ko      sign-file run on a signed module  -EBADMSG

With LINUX_SIGN_FILE=PATH in the environment, PATH being Linux's own
scripts/sign-file built on this machine (from a Linux tree: the Kelp tree
holds none of its code), that tool's output with sha256, sha512 and -k must
also equal SIGN-FILE's, byte for byte (RSA keys; docs/signing.md).
"""
import os
import random
import struct
import subprocess
import sys

MARKER = b"~Module signature appended~\n"


def trailer(p7: bytes, id_type: int = 2) -> bytes:
    return p7 + struct.pack(">BBBBB3xI", 0, 0, id_type, 0, 0, len(p7)) + MARKER


def cms(mod: str, key: str, *extra: str) -> bytes:
    return subprocess.run(["openssl", "cms", "-sign", "-binary", "-noattr", "-nocerts",
                           "-nosmimecap", "-outform", "DER", "-md", "sha256", "-signer", key,
                           "-inkey", key, "-in", mod, *extra],
                          check=True, capture_output=True).stdout


def to_ber(der: bytes, depth: int = 0) -> bytes:
    """der with its constructed elements down to the SignerInfo re-encoded
    with indefinite lengths (the issuer Name inside stays DER: the kernel
    compares it byte for byte with the certificate's, as Linux does)."""
    out, i = b"", 0
    while i < len(der):
        tag, n = der[i], der[i + 1]
        hdr = 2
        if n & 0x80:
            hdr += n & 0x7f
            n = int.from_bytes(der[i + 2:i + hdr], "big")
        val = der[i + hdr:i + hdr + n]
        if tag & 0x20 and depth < 5:
            out += bytes([tag, 0x80]) + to_ber(val, depth + 1) + b"\0\0"
        else:
            out += der[i:i + hdr + n]
        i += hdr + n
    return out


def text_offset(data: bytes) -> int:
    """File offset of the .text section of an ELF64 relocatable."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shnum, shstrndx = struct.unpack_from("<HH", data, 0x3c)
    stroff, = struct.unpack_from("<Q", data, shoff + shstrndx * 64 + 0x18)
    for i in range(shnum):
        name, = struct.unpack_from("<I", data, shoff + i * 64)
        end = data.index(b"\0", stroff + name)
        if data[stroff + name:end] == b".text":
            off, size = struct.unpack_from("<QQ", data, shoff + i * 64 + 0x18)
            if size:
                return off
    raise SystemExit("no .text")


def main() -> int:
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    sign_file, key, other, unsigned, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    body = open(unsigned, "rb").read()
    files = {}

    def sign(name, *args, key_=key, src=unsigned):
        dest = os.path.join(out, name)
        subprocess.run([sign_file, *args[:-1], args[-1], key_, key_, src, dest], check=True)
        files[name] = open(dest, "rb").read()

    files["unsigned.ko"] = body
    sign("signed.tmp", "sha256")
    good = files.pop("signed.tmp")
    linux = body + trailer(cms(unsigned, key))
    # RSA PKCS#1 v1.5 is deterministic: the two must be the same bytes (ECDSA is not)
    rsa = b"Modulus" in subprocess.run(["openssl", "pkey", "-in", key, "-noout", "-text_pub"],
                                       check=True, capture_output=True).stdout
    if rsa and linux != good:
        raise SystemExit("sig-vectors: sign-file's output differs from openssl cms's")
    files["linux.ko"] = linux
    linux_tool = os.environ.get("LINUX_SIGN_FILE")
    if linux_tool and rsa:
        for args in (["sha256"], ["sha512"], ["-k", "sha256"]):
            ours, theirs = os.path.join(out, "ours.tmp"), os.path.join(out, "theirs.tmp")
            subprocess.run([sign_file, *args, key, key, unsigned, ours], check=True)
            subprocess.run([linux_tool, *args, key, key, unsigned, theirs], check=True)
            if open(ours, "rb").read() != open(theirs, "rb").read():
                raise SystemExit(f"sig-vectors: {linux_tool} {' '.join(args)} differs from {sign_file}")
            os.unlink(ours)
            os.unlink(theirs)
        print(f"sig-vectors: {linux_tool}: the same bytes as {sign_file}", file=sys.stderr)
    files["ber.ko"] = body + trailer(to_ber(cms(unsigned, key)))
    sign("skid.ko", "-k", "sha256")
    sign("sha512.ko", "sha512")
    tampered = bytearray(good)
    tampered[text_offset(body) + 1] ^= 0x01
    files["tampered.ko"] = bytes(tampered)
    sign("otherkey.ko", "sha256", key_=other)
    sign("sha1.ko", "sha1")
    p7 = good[len(body):-len(MARKER) - 12]
    files["badid.ko"] = body + trailer(p7, id_type=1)
    bad = bytearray(good)
    struct.pack_into(">I", bad, len(good) - len(MARKER) - 4, len(good))
    files["badlen.ko"] = bytes(bad)
    files["truncated.ko"] = body + trailer(p7[:len(p7) // 2])
    files["garbage.ko"] = body + trailer(random.Random(18).randbytes(len(p7)))
    twice_src = os.path.join(out, "signed.tmp")
    open(twice_src, "wb").write(good)
    sign("twice.ko", "sha256", src=twice_src)
    os.unlink(twice_src)
    for name, data in files.items():
        open(os.path.join(out, name), "wb").write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
