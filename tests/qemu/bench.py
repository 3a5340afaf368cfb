#!/usr/bin/env python3
"""bench.py: Kelp's boot and in-kernel benchmarks (`make bench`).

For each firmware it boots the image twice: once with `-icount shift=0` and
`bench=all` on the kernel command line (guest time proportional to executed
instructions, so the kernel's own numbers are deterministic), once plain
(realistic wall time). It reports the host wall time from QEMU start to the
first prompt, the kernel's `kelp: boot took N us`, and every
`bench: NAME: VALUE UNIT[ ...]` line printed before the prompt. The table is
printed and written to build/bench.txt. Exit 1 if a boot did not reach the
prompt. Reuses run.py's QEMU plumbing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True      # keep __pycache__ out of the tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as harness  # noqa: E402

BOOT_TOOK = re.compile(r"kelp: boot took (\d+) us")
BENCH = re.compile(r"bench: ([^:]+): (\S+) (\S+)(.*)")
TIMEOUT = {"bios": 300.0, "uefi": 600.0}        # icount boots can be slow
MODES = (("icount", ("-icount", "shift=0"), "bench=all"), ("plain", (), ""))


@dataclass
class Boot:
    """What one boot measured."""
    firmware: str
    mode: str
    wall: float | None = None           # seconds from QEMU start to the prompt
    boot_us: int | None = None          # the kernel's own `boot took`
    bench: dict = field(default_factory=dict)   # name -> "VALUE UNIT[ ...]"
    error: str | None = None


def parse_boot_log(boot: Boot, text: str) -> None:
    """Pick `kelp: boot took` and `bench:` lines out of a boot log."""
    for line in text.split("\n"):
        line = harness.TIMESTAMP.sub("", line)
        m = BOOT_TOOK.search(line)
        if m:
            boot.boot_us = int(m.group(1))
        m = BENCH.fullmatch(line)
        if m:
            boot.bench[m.group(1).strip()] = f"{m.group(2)} {m.group(3)}{m.group(4)}".rstrip()


def boot_once(cfg: harness.RunConfig, firmware: str, mode: str, extra: tuple,
              cmdline: str, run: int) -> Boot:
    """Boot to the prompt once, then kill QEMU."""
    boot = Boot(firmware, mode)
    why = harness.preflight(cfg, firmware)
    if why:
        boot.error = why
        return boot
    name = f"bench-{firmware}-{mode}-{run}"
    con = harness.start_console(cfg, name, firmware, "512M", cmdline, extra)
    try:
        text, status = con.read_until_prompt(TIMEOUT[firmware])
        if status == "prompt":
            boot.wall = time.monotonic() - con.started
        else:
            boot.error = f"no prompt ({status}); log: {con.log.name}"
            print("\n".join(["  | " + l for l in con.tail()]), file=sys.stderr)
        parse_boot_log(boot, text)
    finally:
        con.close()
        Path(f"{cfg.out / name}.com2.sock").unlink(missing_ok=True)
    return boot


UPLOAD_FILE = harness.REPO / "build" / "modules" / "bench_reloc_10k.ko"
LINE_LIMIT = 115200 // 10      # bytes/s of 115200 baud 8N1


def upload_once(cfg: harness.RunConfig) -> str:
    """Boot (BIOS, plain), send a module over COM2 with tools/klp-send and
    return its throughput line for the report."""
    why = harness.preflight(cfg, "bios")
    if why or not UPLOAD_FILE.exists():
        return f"FAILED: {why or f'{UPLOAD_FILE} missing (make modules)'}"
    name = "bench-upload"
    sock = Path(f"{cfg.out / name}.com2.sock")
    con = harness.start_console(cfg, name, "bios", "512M", "loglevel=4", ())
    try:
        _, status = con.read_until_prompt(TIMEOUT["bios"])
        if status != "prompt":
            return f"FAILED: no prompt ({status})"
        res = subprocess.run([str(harness.REPO / "tools" / "klp-send"), "--socket",
                              harness.socket_path(sock), str(UPLOAD_FILE)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        m = re.search(r"\((\d+) bytes\) in ([\d.]+) s, (\d+) bytes/s", res.stdout)
        if not m:
            return f"FAILED: {res.stdout.strip()}"
        rate = int(m.group(3))
        return (f"{m.group(1)} bytes in {m.group(2)} s: {rate} bytes/s, "
                f"{rate / LINE_LIMIT:.1f}x the 115200 baud line limit ({LINE_LIMIT} bytes/s); "
                "QEMU's socket chardev does not pace the line")
    finally:
        con.close()
        sock.unlink(missing_ok=True)


def combine(boots: list) -> Boot:
    """Median of repeated boots of one configuration (bench values: first)."""
    ok = [b for b in boots if not b.error]
    if not ok:
        return boots[0]
    out = Boot(ok[0].firmware, ok[0].mode, bench=ok[0].bench)
    out.wall = statistics.median(b.wall for b in ok)
    us = [b.boot_us for b in ok if b.boot_us is not None]
    out.boot_us = int(statistics.median(us)) if us else None
    return out


def table(rows: list, header: tuple) -> list:
    """Left-aligned text table."""
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    return [fmt(header)] + [fmt(r) for r in rows]


def report(results: list, cfg: harness.RunConfig, runs: int, upload: str = "") -> list:
    """The whole report as lines."""
    qemu = subprocess.run([harness.QEMU, "--version"], stdout=subprocess.PIPE,
                          text=True).stdout.split("\n")[0] if not cfg.qemu_cmd else "fake"
    lines = [f"Kelp benchmarks  {datetime.datetime.now():%Y-%m-%d %H:%M}",
             f"image {cfg.image}; {qemu}; accel {os.environ.get('ACCEL', 'tcg')}; "
             f"median of {runs} boot(s)", "", "Boot (wall time: host, QEMU start to first prompt):"]
    rows = []
    for b in results:
        mode = "icount shift=0, bench=all" if b.mode == "icount" else "plain"
        wall = f"{b.wall:.2f} s" if b.wall is not None else f"FAILED: {b.error}"
        took = f"{b.boot_us} us" if b.boot_us is not None else "-"
        rows.append((b.firmware, mode, wall, took))
    lines += table(rows, ("firmware", "mode", "wall to prompt", "kernel boot took"))
    if upload:
        lines += ["", f"Upload over COM2 (tools/klp-send, {UPLOAD_FILE.name}):", "  " + upload]
    lines += ["", "In-kernel benchmarks (bench=all, -icount shift=0):"]
    icount = [b for b in results if b.mode == "icount"]
    names = sorted({n for b in icount for n in b.bench})
    if not names:
        return lines + ["  (none reported)"]
    rows = [(n, *[b.bench.get(n, "-") for b in icount]) for n in names]
    return lines + table(rows, ("benchmark", *[b.firmware for b in icount]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Kelp boot and in-kernel benchmarks.")
    ap.add_argument("--image", default=str(harness.REPO / "build" / "kelp-test.iso"))
    ap.add_argument("--out", default=str(harness.REPO / "build" / "bench"), help="logs")
    ap.add_argument("--report", default=str(harness.REPO / "build" / "bench.txt"))
    ap.add_argument("--firmware", default="bios,uefi", help="comma-separated (default bios,uefi)")
    ap.add_argument("--runs", type=int, default=1, help="boots per configuration (median)")
    ap.add_argument("--qemu-cmd", help=argparse.SUPPRESS)   # fake kernel for self-tests
    args = ap.parse_args(argv)
    cfg = harness.RunConfig(image=Path(args.image), out=Path(args.out), qemu_cmd=args.qemu_cmd)
    image = cfg.image
    harness.snapshot_image(cfg)
    results = []
    for fw in args.firmware.split(","):
        for mode, extra, cmdline in MODES:
            print(f"booting {fw} ({mode}) x{args.runs} ...", file=sys.stderr, flush=True)
            boots = [boot_once(cfg, fw, mode, extra, cmdline, i) for i in range(args.runs)]
            results.append(combine(boots))
    upload = ""
    if not args.qemu_cmd:
        print("uploading over COM2 ...", file=sys.stderr, flush=True)
        upload = upload_once(cfg)
    cfg.image = image
    lines = report(results, cfg, args.runs, upload)
    print("\n".join(lines))
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text("\n".join(lines) + "\n")
    print(f"written to {harness.display_path(args.report)}", file=sys.stderr)
    return 1 if any(b.error for b in results) else 0


if __name__ == "__main__":
    sys.exit(main())
