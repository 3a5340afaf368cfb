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

The boot ratio: the floor (tools/bench/floor.asm, the smallest Multiboot2
kernel on an ISO made as Kelp's) and Kelp boot alternately on BIOS, plain,
--ratio-runs times each; the report gives the median wall time of each
from QEMU start (floor: to its line, Kelp: to the prompt) and their ratio.
Under -icount shift=0 (TSC = nanoseconds = instructions while the CPU is
busy) it also gives the firmware's and GRUB's share (the TSC at kernel
entry, floor and Kelp) and Kelp's own, kernel entry to the first prompt
(the kernel's `kelp: prompt ...` debug record, read with dmesg).
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
PROMPT_MARK = re.compile(r"kelp: prompt (\d+) us after kernel entry \((\d+) us idle\), entered at tsc (\d+)")
FLOOR_LINE = re.compile(rb"kelp-floor: entered at tsc 0x([0-9a-f]{16})\r?\n")
FLOOR_IMAGE = harness.REPO / "build" / "floor" / "floor.iso"
ICOUNT = ("-icount", "shift=0")
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
    cpu: float | None = None            # QEMU's CPU seconds (user + system) to the prompt
    prompt_us: int | None = None        # kernel entry to the first prompt (busy)
    entry_tsc: int | None = None        # TSC at kernel entry


def cpu_seconds(con: harness.Console) -> float | None:
    """CPU time QEMU has used so far (all its threads): unlike wall time,
    hardly changed by other load on the host."""
    try:
        with open(f"/proc/{con.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def parse_boot_log(boot: Boot, text: str) -> None:
    """Pick `kelp: boot took` and `bench:` lines out of a boot log."""
    for line in text.split("\n"):
        line = harness.TIMESTAMP.sub("", line)
        m = BOOT_TOOK.search(line)
        if m:
            boot.boot_us = int(m.group(1))
        m = PROMPT_MARK.search(line)
        if m:
            boot.prompt_us = int(m.group(1)) - int(m.group(2))
            boot.entry_tsc = int(m.group(3))
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
            boot.cpu = cpu_seconds(con)
            if con.send(b"dmesg\r"):       # the kernel's `kelp: prompt` record
                text += con.read_until_prompt(TIMEOUT[firmware])[0]
        else:
            boot.error = f"no prompt ({status}); log: {con.log.name}"
            print("\n".join(["  | " + l for l in con.tail()]), file=sys.stderr)
        parse_boot_log(boot, text)
    finally:
        con.close()
        Path(f"{cfg.out / name}.com2.sock").unlink(missing_ok=True)
    return boot


def floor_once(cfg: harness.RunConfig, extra: tuple, run: int) -> Boot:
    """Boot the floor kernel (BIOS) once: wall time to its line and its TSC
    at entry."""
    boot = Boot("bios", "floor")
    if not FLOOR_IMAGE.exists():
        boot.error = f"{FLOOR_IMAGE} not found (make {FLOOR_IMAGE.relative_to(harness.REPO)})"
        return boot
    floor_cfg = harness.RunConfig(image=FLOOR_IMAGE, out=cfg.out)
    name = f"bench-floor-{run}"
    con = harness.start_console(floor_cfg, name, "bios", "512M", "", extra)
    try:
        deadline = time.monotonic() + TIMEOUT["bios"]
        while not con.eof and time.monotonic() < deadline:
            m = FLOOR_LINE.search(con.buf)
            if m:
                boot.wall = time.monotonic() - con.started
                boot.cpu = cpu_seconds(con)
                boot.entry_tsc = int(m.group(1), 16)
                break
            con._pump(deadline - time.monotonic())
        else:
            boot.error = f"no floor line; log: {con.log.name}"
    finally:
        con.close()
        Path(f"{cfg.out / name}.com2.sock").unlink(missing_ok=True)
    return boot


def boot_ratio(cfg: harness.RunConfig, runs: int) -> list:
    """Floor and Kelp on BIOS, alternating, plain then under icount.
    Returns the report lines."""
    floor, kelp = [], []
    for i in range(runs):
        floor.append(floor_once(cfg, (), i))
        kelp.append(boot_once(cfg, "bios", "plain", (), "", 100 + i))
    ifloor = floor_once(cfg, ICOUNT, 0)
    ikelp = boot_once(cfg, "bios", "icount", ICOUNT, "", 200)
    lines = [f"Boot ratio (BIOS, plain, {runs} alternating boots each; wall time from QEMU start):"]
    bad = [b.error for b in floor + kelp + [ifloor, ikelp] if b.error]
    if bad:
        return lines + [f"  FAILED: {bad[0]}"]
    f = statistics.median(b.wall for b in floor)
    k = statistics.median(b.wall for b in kelp)
    lines += [f"  floor kernel line  {f:.3f} s   (runs: {' '.join(f'{b.wall:.2f}' for b in floor)})",
              f"  Kelp prompt        {k:.3f} s   (runs: {' '.join(f'{b.wall:.2f}' for b in kelp)})",
              f"  ratio              {k / f:.2f}  (goal: at most 1.15)"]
    if all(b.cpu for b in floor + kelp):
        fc = statistics.median(b.cpu for b in floor)
        kc = statistics.median(b.cpu for b in kelp)
        lines += [f"  QEMU CPU time      floor {fc:.2f} s, Kelp {kc:.2f} s: ratio {kc / fc:.2f}"
                  " (steadier than wall time on a loaded host)"]
    lines += ["",
              "Boot instructions (-icount shift=0, TSC ns = instructions while busy):"]
    if ikelp.entry_tsc is None or ikelp.prompt_us is None:
        return lines + ["  FAILED: no `kelp: prompt` record in dmesg"]
    lines += [f"  firmware + GRUB to the floor's entry   {ifloor.entry_tsc / 1e6:8.2f} M",
              f"  firmware + GRUB to Kelp's entry        {ikelp.entry_tsc / 1e6:8.2f} M"
              f"  (+{(ikelp.entry_tsc - ifloor.entry_tsc) / 1e6:.2f} M)",
              f"  Kelp kernel entry to prompt            {ikelp.prompt_us / 1e3:8.2f} M  (goal: at most 2 M)"]
    return lines


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


SMP_LINE = re.compile(r"\[ *(\d+)\.(\d{6})\] smp: (Bringing up secondary CPUs|Brought up 1 node, (\d+) CPU)")


def smp_costs(cfg: harness.RunConfig, counts=(1, 2, 4)) -> list:
    """Boots BIOS under -icount with 1, 2 and 4 CPUs: the kernel's boot
    time and the application-processor bring-up (from "smp: Bringing up
    secondary CPUs" to "smp: Brought up"), in instructions of the boot
    CPU's timeline (icount runs the vCPUs in turn). Returns report lines."""
    lines = ["Boot with N CPUs (BIOS, -icount shift=0; TSC ns = instructions):"]
    rows = []
    for n in counts:
        name = f"bench-smp{n}"
        con = harness.start_console(cfg, name, "bios", "512M", "", ICOUNT + ("-smp", str(n)))
        try:
            text, status = con.read_until_prompt(TIMEOUT["bios"])
            if status == "prompt" and con.send(b"dmesg\r"):
                text += con.read_until_prompt(TIMEOUT["bios"])[0]
        finally:
            con.close()
            Path(f"{cfg.out / name}.com2.sock").unlink(missing_ok=True)
        marks = {m.group(3)[:8]: (int(m.group(1)) * 1000000 + int(m.group(2)), m.group(4))
                 for m in SMP_LINE.finditer(text)}
        took = re.search(r"kelp: boot took (\d+) us", text)
        if "Bringing" not in marks or "Brought " not in marks or not took:
            rows.append((str(n), "FAILED: no smp lines", "-", "-"))
            continue
        up_us = marks["Brought "][0] - marks["Bringing"][0]
        rows.append((str(n), marks["Brought "][1], f"{up_us / 1000:.2f} M", f"{int(took.group(1)) / 1000:.2f} M"))
    return lines + table(rows, ("CPUs", "online", "AP bring-up", "kernel boot"))


SMP_ICOUNT_BENCH = "smp_ipi*,smp_context*,smp_spinlock*,smp_synchronize*"  # sched and rcu


def smp_bench_boot(cfg: harness.RunConfig, n: int, mode: str, extra: tuple, which: str) -> dict:
    """One boot of the test image with n CPUs and bench=which; the bench lines."""
    boot = boot_once(cfg, "bios", f"smp{n}-{mode}", extra + ("-smp", str(n)), f"bench={which}", 0)
    return boot.bench if not boot.error else {"(boot)": f"FAILED: {boot.error}"}


def smp_benches(cfg: harness.RunConfig, counts=(1, 2, 4)) -> list:
    """bench-smp.ko with 1, 2 and 4 CPUs: the IPI, context switch, spinlock
    and grace-period costs under -icount (TSC = instructions of the whole
    machine's timeline: icount runs the vCPUs in turn, so a cross-CPU wait
    includes the other vCPU's turn), and the throughput ratio of a
    CPU-bound workload, all CPUs against one, measured in one plain boot
    (multi-threaded TCG: wall time on this host's cores)."""
    lines = ["SMP (bench-smp.ko; BIOS; -icount shift=0 except smp_throughput, plain):"]
    cols = {}
    for n in counts:
        cols[n] = smp_bench_boot(cfg, n, "icount", ICOUNT, SMP_ICOUNT_BENCH)
        if n > 1:
            cols[n].update(smp_bench_boot(cfg, n, "plain", (), "smp_throughput"))
    names = sorted({k for c in cols.values() for k in c})
    rows = [(k, *[cols[n].get(k, "-") for n in counts]) for k in names]
    return lines + table(rows, ("benchmark", *[f"{n} CPU{'s' if n > 1 else ''}" for n in counts]))


KLP_SMP_BENCH = "text_poke_bp,klp_call_cost,klp_smp*"


def klp_smp_benches(cfg: harness.RunConfig, counts=(1, 2, 4)) -> list:
    """Issue 15's livepatch-on-SMP figures with 1, 2 and 4 CPUs under
    -icount shift=0 (instructions of the whole machine): text_poke_bp per
    site in a 1000-site batch (bench-ftrace.ko), the patched call in
    direct mode (bench-livepatch.ko klp_call_cost) and the transition of
    100 threads spread over every CPU with the independent stack check's
    share (klp_smp_bench.c)."""
    lines = ["Livepatch on SMP (bench-ftrace.ko, bench-livepatch.ko; BIOS; -icount shift=0):"]
    cols = {n: smp_bench_boot(cfg, n, "klp-icount", ICOUNT, KLP_SMP_BENCH) for n in counts}
    names = sorted({k for c in cols.values() for k in c})
    rows = [(k, *[cols[n].get(k, "-") for n in counts]) for k in names]
    return lines + table(rows, ("benchmark", *[f"{n} CPU{'s' if n > 1 else ''}" for n in counts]))


def report(results: list, cfg: harness.RunConfig, runs: int, upload: str = "",
           ratio: list = (), smp: list = ()) -> list:
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
    if ratio:
        lines += [""] + list(ratio)
    if smp:
        lines += [""] + list(smp)
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
    ap.add_argument("--ratio-image", default=str(harness.REPO / "build" / "kelp.iso"),
                    help="the image the boot ratio compares with the floor (the product one)")
    ap.add_argument("--out", default=str(harness.REPO / "build" / "bench"), help="logs")
    ap.add_argument("--report", default=str(harness.REPO / "build" / "bench.txt"))
    ap.add_argument("--firmware", default="bios,uefi", help="comma-separated (default bios,uefi)")
    ap.add_argument("--runs", type=int, default=1, help="boots per configuration (median)")
    ap.add_argument("--ratio-runs", type=int, default=7,
                    help="alternating floor/Kelp boots for the boot ratio (0: none)")
    ap.add_argument("--only-ratio", action="store_true", help="only the boot ratio")
    ap.add_argument("--only-smp", action="store_true",
                    help="only the SMP tables (boot with 1, 2, 4 CPUs; bench-smp.ko)")
    ap.add_argument("--only-bench", metavar="FILTER",
                    help="one BIOS boot under -icount with bench=FILTER (NAME, PREFIX*): "
                         "print its bench lines, nothing else")
    ap.add_argument("--smp", type=int, default=1, metavar="N",
                    help="with --only-bench: boot with N CPUs (default 1)")
    ap.add_argument("--qemu-cmd", help=argparse.SUPPRESS)   # fake kernel for self-tests
    args = ap.parse_args(argv)
    cfg = harness.RunConfig(image=Path(args.image), out=Path(args.out), qemu_cmd=args.qemu_cmd)
    image = cfg.image
    harness.snapshot_image(cfg)
    if args.only_bench:
        extra = ICOUNT + (("-smp", str(args.smp)) if args.smp > 1 else ())
        boot = boot_once(cfg, "bios", "icount", extra, f"bench={args.only_bench}", 0)
        rows = sorted(boot.bench.items())
        print("\n".join(table(rows, ("benchmark", "bios (icount)"))) if rows else "no bench lines")
        if boot.error:
            print(f"FAILED: {boot.error}", file=sys.stderr)
        return 1 if boot.error or not rows else 0
    results = []
    ratio = []
    if args.only_smp:
        smp_cfg = harness.RunConfig(image=Path(args.ratio_image), out=cfg.out / "smp")
        harness.snapshot_image(smp_cfg)
        lines = smp_costs(smp_cfg) + [""] + smp_benches(cfg)
        print("\n".join(lines))
        return 1 if any("FAILED" in l for l in lines) else 0
    if args.ratio_runs > 0 and not args.qemu_cmd:
        print(f"boot ratio: floor and Kelp x{args.ratio_runs} ...", file=sys.stderr, flush=True)
        # the product image, as a person boots it (its own copy: the test
        # image's snapshot is OUT/image.iso)
        ratio_cfg = harness.RunConfig(image=Path(args.ratio_image), out=cfg.out / "ratio")
        harness.snapshot_image(ratio_cfg)
        ratio = boot_ratio(ratio_cfg, args.ratio_runs)
        if args.only_ratio:
            print("\n".join(ratio))
            return 1 if any("FAILED" in l for l in ratio) else 0
    for fw in args.firmware.split(","):
        for mode, extra, cmdline in MODES:
            print(f"booting {fw} ({mode}) x{args.runs} ...", file=sys.stderr, flush=True)
            boots = [boot_once(cfg, fw, mode, extra, cmdline, i) for i in range(args.runs)]
            results.append(combine(boots))
    smp = []
    if not args.qemu_cmd:
        print("booting bios (icount) with 1, 2 and 4 CPUs ...", file=sys.stderr, flush=True)
        smp_cfg = harness.RunConfig(image=Path(args.ratio_image), out=cfg.out / "smp")
        harness.snapshot_image(smp_cfg)
        smp = smp_costs(smp_cfg)
        print("bench-smp with 1, 2 and 4 CPUs ...", file=sys.stderr, flush=True)
        smp += [""] + smp_benches(cfg)
        print("livepatch on SMP with 1, 2 and 4 CPUs ...", file=sys.stderr, flush=True)
        smp += [""] + klp_smp_benches(cfg)
    upload = ""
    if not args.qemu_cmd and not args.only_ratio:
        print("uploading over COM2 ...", file=sys.stderr, flush=True)
        upload = upload_once(cfg)
    cfg.image = image
    lines = report(results, cfg, args.runs, upload, ratio, smp)
    print("\n".join(lines))
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text("\n".join(lines) + "\n")
    print(f"written to {harness.display_path(args.report)}", file=sys.stderr)
    return 1 if any(b.error for b in results) or any("FAILED" in l for l in ratio) else 0


if __name__ == "__main__":
    sys.exit(main())
