#!/usr/bin/env python3
"""A COM2 socket that answers START and a few DATA frames, then hangs up, as
a VM that dies mid-upload does (tests/klp-build/kelpctl.t).
  fake-vm.py SOCKET CHUNKS"""
import socket, struct, sys, zlib, os
HDR = struct.Struct("<4sBBHIII")
path, chunks = sys.argv[1], int(sys.argv[2])
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(1)
print("ready", flush=True)
c, _ = s.accept()
buf, acked = b"", 0
while acked <= chunks:
    data = c.recv(65536)
    if not data:
        break
    buf += data
    while len(buf) >= HDR.size:
        _, _, t, _, seq, ln, _ = HDR.unpack_from(buf)
        if len(buf) < HDR.size + ln:
            break
        buf = buf[HDR.size + ln:]
        p = struct.pack("<i", 0)
        h = HDR.pack(b"KLPU", 1, 0x81, 0, seq, len(p), 0)
        c.sendall(HDR.pack(b"KLPU", 1, 0x81, 0, seq, len(p), zlib.crc32(h + p)) + p)
        acked += 1
c.close()
