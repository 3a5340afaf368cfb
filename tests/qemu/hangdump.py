"""hangdump.py: what every vCPU was doing when a run stopped answering.

When a scenario times out, run.py asks QEMU's monitor (a unix socket per
run) for each CPU's registers and walks its frame-pointer chain through
guest memory (the kernel is built with frame pointers), then names the
addresses from the kernel ELF's symbol table. This works even when the
guest is wedged with interrupts off, where nothing the kernel could print
would come out. Module addresses are shown raw (their layout is the
running kernel's). Used by run.py's Run.stopped().
"""

from __future__ import annotations

import bisect
import re
import socket
import subprocess
import time
from pathlib import Path

MAX_FRAMES = 16
_SYMS: dict[str, tuple[list, list]] = {}


class Monitor:
    """A QEMU human monitor on a unix socket: commands in, text out."""

    def __init__(self, path: str, timeout: float = 5.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self._read_prompt()

    def _read_prompt(self) -> str:
        buf = b""
        deadline = time.monotonic() + 5.0
        while not buf.endswith(b"(qemu) ") and time.monotonic() < deadline:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            buf += chunk
        return buf.decode("utf-8", "replace")

    def cmd(self, line: str) -> str:
        self.sock.sendall(line.encode() + b"\n")
        text = self._read_prompt()
        # the monitor echoes the command (with terminal escapes) first
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
        lines = text.replace("\r", "").split("\n")
        return "\n".join(l for l in lines[1:] if not l.startswith("(qemu)"))

    def close(self) -> None:
        self.sock.close()


def _symbols(elf: Path) -> tuple[list, list]:
    """Sorted (address list, name list) of the ELF's functions."""
    key = str(elf)
    if key not in _SYMS:
        addrs, names = [], []
        try:
            out = subprocess.run(["nm", "-n", "--defined-only", str(elf)], capture_output=True,
                                 text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                addrs.append(int(parts[0], 16))
                names.append(parts[2])
        _SYMS[key] = (addrs, names)
    return _SYMS[key]


def symbolize(addr: int, elf: Path | None) -> str:
    """name+0xoff for a kernel text address, the hex otherwise."""
    if elf and elf.exists():
        addrs, names = _symbols(elf)
        i = bisect.bisect_right(addrs, addr) - 1
        if i >= 0 and addr - addrs[i] < 0x10000 and addr >= 0xffffffff80000000:
            return f"{names[i]}+{addr - addrs[i]:#x}"
    return f"{addr:#x}"


def _regs(block: str) -> dict:
    return {k: int(v, 16) for k, v in re.findall(r"\b([A-Z]{2,3})=([0-9a-f]{8,16})\b", block)}


def _read_qwords(mon: Monitor, addr: int, n: int) -> list:
    out = mon.cmd(f"x/{n}gx {addr:#x}")
    vals = []
    for line in out.splitlines():
        if ":" in line:
            vals += [int(v, 16) for v in re.findall(r"0x([0-9a-f]{16})", line.split(":", 1)[1])]
    return vals


def _walk(mon: Monitor, rbp: int) -> list:
    """Return addresses along the rbp chain (kernel stacks only)."""
    rets = []
    for _ in range(MAX_FRAMES):
        if rbp < 0xffff800000000000 or rbp & 7:
            break
        frame = _read_qwords(mon, rbp, 2)
        if len(frame) < 2:
            break
        nxt, ret = frame
        if not ret:
            break                       # the bottom of the stack
        rets.append(ret)
        if nxt <= rbp:
            break
        rbp = nxt
    return rets


def dump(mon_path: str, elf: Path | None) -> list:
    """One line per vCPU: where it is, whether IRQs are on, its call chain."""
    try:
        mon = Monitor(mon_path)
    except OSError as e:
        return [f"(no monitor: {e})"]
    lines = []
    try:
        mon.cmd("stop")                 # a still picture of every CPU
        text = mon.cmd("info registers -a")
        blocks = re.split(r"\n?CPU#(\d+)\n", "\n" + text)
        for k in range(1, len(blocks) - 1, 2):
            cpu, regs = int(blocks[k]), _regs(blocks[k + 1])
            if "RIP" not in regs:
                continue
            mon.cmd(f"cpu {cpu}")       # x reads through this CPU's page tables
            irqs = "on" if regs.get("RFL", 0) & 0x200 else "off"
            chain = [symbolize(a, elf) for a in _walk(mon, regs.get("RBP", 0))]
            lines.append(f"CPU {cpu}: {symbolize(regs['RIP'], elf)} (IRQs {irqs})"
                         + (" <- " + " <- ".join(chain) if chain else ""))
    except (OSError, socket.timeout) as e:
        lines.append(f"(monitor: {e})")
    finally:
        mon.close()
    return lines
