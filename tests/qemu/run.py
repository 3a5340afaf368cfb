#!/usr/bin/env python3
"""run.py: Kelp's QEMU transcript test harness.

Boots build/kelp-test.iso in QEMU once per scenario (tests/qemu/*.t), types each
`kelp# COMMAND` of the scenario into the serial console and compares what the
kernel answers with the expected lines (format and matching: scenario.py,
cram-like). Kernel self-tests (`#! ktest:`) printed as TAP before the
first prompt are counted one test per case. Builds nothing; the format is in
tests/qemu/README.md. Importable: run_scenarios() returns the counts, and
bench.py reuses Console, qemu_command() and start_console().
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True      # keep __pycache__ out of the tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenario import (Scenario, Step, align_for_diff, block_matches,  # noqa: E402
                      output_lines, parse_scenario, render)
import hangdump  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PROMPT = b"kelp# "
OVMF = os.environ.get("OVMF", "/usr/share/ovmf/OVMF.fd")
QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
BOOT_TIMEOUT = {"bios": 60.0, "uefi": 120.0}
SETTLE = 1.0            # quiet time that ends the output of a raw line
PROMPT_QUIET = 0.3      # quiet time after a prompt that is not at a line start
TAIL_LINES = 20         # serial lines shown when a run stops early
KERNEL_ELF = REPO / "build" / "kelp.elf"     # names the addresses of a hang dump


# --------------------------------------------------------------------------
# QEMU and its serial console

@dataclass
class RunConfig:
    """What every run shares: where the image is, where output goes."""
    image: Path = REPO / "build" / "kelp-test.iso"
    out: Path = REPO / "build" / "tests"
    qemu_cmd: str | None = None     # hidden: a fake kernel for self-tests
    verbose: bool = False
    smp: int = 1                    # CPUs of a scenario without `#! smp:`


def qemu_quote(value: str) -> str:
    """A QEMU option value: a comma is written twice."""
    return value.replace(",", ",,")


def cmdline_args(cmdline: str) -> list:
    """QEMU arguments that hand `cmdline` to the kernel: the fw_cfg file
    opt/kelp/cmdline (drivers/fw_cfg.c), and for GRUB, which cannot read
    fw_cfg, an SMBIOS OEM string when a `kelp.initrd=` picks an archive."""
    if not cmdline:
        return []
    args = ["-fw_cfg", f"name=opt/kelp/cmdline,string={qemu_quote(cmdline)}"]
    initrd = re.findall(r"(?:^|\s)(kelp\.initrd=\S+)", cmdline)
    if initrd:
        args += ["-smbios", f"type=11,value={qemu_quote(initrd[-1])}"]
    return args


def socket_path(path: Path) -> str:
    """Unix socket paths are limited to 107 bytes: shorten when needed."""
    return str(path) if len(str(path)) < 100 else os.path.relpath(path)


def cdrom_args(image: Path) -> list:
    """The image as a CD on an AHCI controller, the boot device. SeaBIOS
    and OVMF read it by DMA; on QEMU's IDE CD (-cdrom) every 2-byte read of
    GRUB's is a trip through the device model, which doubled the QEMU CPU
    time of a boot with the test initramfs (docs/testing.md, Boot ratio)."""
    return ["-device", "ahci,id=ahci", "-device", "ide-cd,drive=cd,bus=ahci.0,bootindex=0",
            "-drive", f"if=none,id=cd,media=cdrom,format=raw,readonly=on,file={qemu_quote(str(image))}"]


def qemu_command(cfg: RunConfig, firmware: str, memory: str, cmdline: str,
                 com2: Path, extra: tuple = (), mon: Path | None = None) -> list:
    """The QEMU argv of one boot, the kernel command line through fw_cfg;
    with mon, QEMU's monitor on that unix socket (hangdump.py)."""
    accel = os.environ.get("ACCEL", "tcg")
    monitor = f"unix:{socket_path(mon)},server=on,wait=off" if mon else "none"
    argv = [QEMU, "-M", "pc", "-cpu", "max", "-accel", accel, "-m", memory,
            "-display", "none", "-no-reboot", "-monitor", monitor,
            "-serial", "stdio",
            "-serial", f"unix:{socket_path(com2)},server=on,wait=off",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    argv += cdrom_args(cfg.image) + cmdline_args(cmdline)
    if firmware == "uefi":
        argv += ["-bios", OVMF]
    return argv + list(extra)


def preflight(cfg: RunConfig, firmware: str) -> str | None:
    """Why a boot cannot even start (missing image, QEMU or OVMF), or None."""
    if cfg.qemu_cmd:
        return None
    if not cfg.image.exists():
        return f"image {cfg.image} not found (run `make iso` first)"
    if not shutil.which(QEMU):
        return f"{QEMU} not found (apt-get install qemu-system-x86)"
    if firmware == "uefi" and not Path(OVMF).exists():
        return f"{OVMF} not found (apt-get install ovmf)"
    return None


def snapshot_image(cfg: RunConfig) -> None:
    """Boot a private copy of the image (OUT/image.iso) so that a rebuild
    during the run cannot change what is tested halfway."""
    if cfg.qemu_cmd or not cfg.image.exists():
        return
    cfg.out.mkdir(parents=True, exist_ok=True)
    copy = cfg.out / "image.iso"
    shutil.copyfile(cfg.image, copy)
    cfg.image = copy


LIVE = set()                    # running Consoles, killed on Ctrl-C
LIVE_LOCK = threading.Lock()


class Console:
    """A running QEMU (or fake) with COM1 on its stdin/stdout.

    Received bytes go to the raw log as they are; the in-memory copy has
    every CR removed (CR LF -> LF, stray CR dropped). `pos` is how far the
    transcript has been consumed by read_until_prompt()."""

    def __init__(self, argv: list, log: Path, err: Path, env: dict | None = None):
        self.log = open(log, "wb")
        self.started = time.monotonic()
        try:
            with open(err, "wb") as errf:
                self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=errf, bufsize=0, env=env)
        except OSError:
            self.log.close()
            raise
        self.err_path = err
        self.mon_path: str | None = None    # QEMU's monitor socket, if any
        self.buf = bytearray()
        self.pos = 0
        self.eof = False
        self.last_activity = self.last_rx = time.monotonic()
        with LIVE_LOCK:
            LIVE.add(self)

    def _pump(self, timeout: float) -> None:
        """Wait up to timeout for output and take what is there."""
        if self.eof:
            return
        fd = self.proc.stdout.fileno()
        if not select.select([fd], [], [], max(0.0, timeout))[0]:
            return
        data = os.read(fd, 65536)
        if not data:
            self.eof = True
            return
        self.log.write(data)
        self.log.flush()
        self.buf += data.replace(b"\r", b"")
        self.last_activity = self.last_rx = time.monotonic()

    def _find_prompt(self) -> int:
        """Offset of the first prompt after pos at the start of a line, or
        of one ending the output after PROMPT_QUIET seconds of silence (as
        after `echo -n x`); -1 if none (yet)."""
        start = self.pos
        while True:
            p = self.buf.find(PROMPT, start)
            if p < 0 or p == 0 or self.buf[p - 1] == 0x0A:
                break
            start = p + 1
        if p < 0 and self._prompt_at_end() and time.monotonic() - self.last_rx >= PROMPT_QUIET:
            p = len(self.buf) - len(PROMPT)
        return p

    def _prompt_at_end(self) -> bool:
        return self.buf.endswith(PROMPT) and len(self.buf) - len(PROMPT) >= self.pos

    def send(self, data: bytes) -> bool:
        """Type data; False if QEMU is gone."""
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return False
        self.last_activity = time.monotonic()
        return True

    def read_until_prompt(self, timeout: float, settle: float | None = None):
        """Read up to the next prompt. Returns (text, status) with status
        "prompt", "exit" (QEMU closed its output), "settled" (settle seconds
        passed with no output) or "timeout"; text is what came before."""
        deadline = time.monotonic() + timeout
        while True:
            p = self._find_prompt()
            if p >= 0:
                return self._take(p, p + len(PROMPT)), "prompt"
            now = time.monotonic()
            if self.eof:
                status = "exit"
            elif settle is not None and now - self.last_activity >= settle:
                status = "settled"
            elif now >= deadline:
                status = "timeout"
            else:
                wait = deadline - now
                if settle is not None:
                    wait = min(wait, self.last_activity + settle - now)
                if self._prompt_at_end():
                    wait = min(wait, self.last_rx + PROMPT_QUIET - now)
                self._pump(wait)
                continue
            return self.take_all(), status

    def take_all(self) -> str:
        """Everything received and not yet consumed."""
        return self._take(len(self.buf), len(self.buf))

    def _take(self, end: int, new_pos: int) -> str:
        text = bytes(self.buf[self.pos:end]).decode("utf-8", "surrogateescape")
        self.pos = new_pos
        return text

    def wait_exit(self, timeout: float) -> int | None:
        """Wait for QEMU to exit, reading its output; its status or None."""
        deadline = time.monotonic() + timeout
        while not self.eof and time.monotonic() < deadline:
            self._pump(deadline - time.monotonic())
        try:
            return self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None

    def tail(self, n: int = TAIL_LINES) -> list:
        text = bytes(self.buf).decode("utf-8", "surrogateescape")
        return [render(l) for l in output_lines(text)[0][-n:]]

    def stderr_text(self) -> str:
        try:
            return self.err_path.read_text(errors="replace").strip()
        except OSError:
            return ""

    def close(self) -> None:
        """Kill QEMU if it still runs and release everything."""
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout, self.log):
            try:
                f.close()
            except OSError:
                pass
        if not self.stderr_text():
            self.err_path.unlink(missing_ok=True)
        with LIVE_LOCK:
            LIVE.discard(self)


def kill_all_consoles() -> None:
    """Kill every QEMU this process started (on Ctrl-C)."""
    with LIVE_LOCK:
        consoles = list(LIVE)
    for con in consoles:
        if con.proc.poll() is None:
            con.proc.kill()


def start_console(cfg: RunConfig, run_name: str, firmware: str, memory: str,
                  cmdline: str, extra: tuple = ()) -> Console:
    """Boot QEMU (or cfg.qemu_cmd) for one run.
    Files: OUT/NAME.log (raw serial), .qemu.err, .com2.sock, .mon.sock."""
    cfg.out.mkdir(parents=True, exist_ok=True)
    base = cfg.out / run_name
    sock, mon = Path(f"{base}.com2.sock"), Path(f"{base}.mon.sock")
    sock.unlink(missing_ok=True)
    mon.unlink(missing_ok=True)
    argv = qemu_command(cfg, firmware, memory, cmdline, sock, extra, mon)
    env = None
    if cfg.qemu_cmd:
        argv = shlex.split(cfg.qemu_cmd)
        env = dict(os.environ, KELP_CMDLINE=cmdline, KELP_FIRMWARE=firmware, KELP_MEMORY=memory)
    if cfg.verbose:
        print(f"# {run_name}: {shlex.join(argv)}", flush=True)
    con = Console(argv, Path(f"{base}.log"), Path(f"{base}.qemu.err"), env)
    con.mon_path = None if cfg.qemu_cmd else socket_path(mon)
    return con


# --------------------------------------------------------------------------
# Results and kernel self-test (TAP) parsing

@dataclass
class Result:
    name: str
    status: str                 # "pass", "fail" or "skip"
    seconds: float | None = None
    details: list = field(default_factory=list)

    def line(self) -> str:
        took = f" ({self.seconds:.1f}s)" if self.seconds is not None else ""
        return f"{self.status.upper()} {self.name}{took}"


TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\]\s?")
TAP_RESULT = re.compile(r"(not )?ok (\d+)(?:\s*-)?\s*(.*)")
TAP_SUMMARY = re.compile(r"# ktest: (\d+) passed, (\d+) failed.*")


def tap_case(run: str, m: re.Match, diags: list) -> Result:
    """A Result for one `ok`/`not ok` line (SKIP and TODO count as skipped);
    a failed case carries the `#` lines printed around it."""
    desc, _, directive = m.group(3).partition(" # ")
    name = f"{run}:ktest:{desc.strip() or m.group(2)}"
    if re.match(r"(?i)(skip|todo)\b", directive.strip()):
        return Result(name, "skip", details=[f"# {directive.strip()}"])
    if m.group(1):
        return Result(name, "fail", details=diags)
    return Result(name, "pass")


def unmatched_ktest_patterns(spec: str, cases: list) -> list:
    """The patterns of a `ktest=` list (comma-separated, `*` globs, `all`)
    that named no case that ran: a misspelt or deleted test name would
    otherwise pass by running nothing."""
    names = [c.name.split(":ktest:", 1)[1] for c in cases if ":ktest:" in c.name]
    return [p for p in spec.split(",")
            if p and p != "all" and not any(fnmatch.fnmatchcase(n, p) for n in names)]


TAP_MODULE = re.compile(r"# module: (\S+)")


def parse_tap_block(lines: list, run: str) -> tuple:
    """One module's TAP block (the lines after its `TAP version`): returns
    its case Results and the problems with its plan, numbering or summary."""
    marks = [i for i, l in enumerate(lines) if TAP_RESULT.fullmatch(l)] + [len(lines)]
    cases, plan, summary, problems = [], None, None, []
    for k, i in enumerate(marks[:-1]):
        lo = marks[k - 1] + 1 if k else 0
        diags = [l for l in lines[lo:marks[k + 1]] if l.startswith("#") and not TAP_SUMMARY.fullmatch(l)]
        m = TAP_RESULT.fullmatch(lines[i])
        if int(m.group(2)) != k + 1:
            problems.append(f"case `{lines[i]}` is numbered {m.group(2)}, expected {k + 1}")
        cases.append(tap_case(run, m, diags))
    for l in lines:
        plan = int(l[3:]) if re.fullmatch(r"1\.\.\d+", l) else plan
        summary = TAP_SUMMARY.fullmatch(l) or summary
    if plan is None:
        problems.append("no plan line (`1..N`)")
    elif plan != len(cases):
        problems.append(f"plan says 1..{plan} but {len(cases)} cases ran")
    failed = sum(c.status == "fail" for c in cases)
    if summary is None:
        problems.append("no `# ktest: N passed, M failed` summary line")
    elif (int(summary.group(1)), int(summary.group(2))) != (len(cases) - failed, failed):
        problems.append(f"summary `{summary.group(0)}` disagrees: counted "
                        f"{len(cases) - failed} passed, {failed} failed")
    return cases, problems


def parse_ktap(text: str, run: str, spec: str = "all") -> list:
    """Turn the TAP a ktest boot printed into Results: one per case, plus a
    `RUN:ktest` failure if a block's plan, numbering or summary is wrong, or
    if a pattern of spec (the `ktest=` value) matched no case. Each test
    module prints its own block (`TAP version`, `# module: NAME`, plan,
    cases, summary); a problem names the module of its block."""
    lines = [TIMESTAMP.sub("", l) for l in text.split("\n")]
    starts = [i for i, l in enumerate(lines) if l.startswith("TAP version")]
    if not starts:
        return [Result(f"{run}:ktest", "fail", details=["no `TAP version` line before the prompt"])]
    cases, problems = [], []
    for k, start in enumerate(starts):
        block = lines[start + 1:starts[k + 1] if k + 1 < len(starts) else len(lines)]
        mod = next((m.group(1) for m in map(TAP_MODULE.fullmatch, block[:1]) if m), None)
        got, bad = parse_tap_block(block[1:] if mod else block, run)
        cases += got
        problems += [f"{mod}: {p}" if mod else p for p in bad]
    seen = set()
    for c in cases:
        if c.name in seen:
            problems.append(f"case `{c.name.split(':ktest:', 1)[1]}` ran twice")
        seen.add(c.name)
    problems += [f"ktest pattern `{p}` matched no case" for p in unmatched_ktest_patterns(spec, cases)]
    if problems:
        cases.append(Result(f"{run}:ktest", "fail", details=problems))
    return cases


# --------------------------------------------------------------------------
# Running one scenario on one firmware

# Report lines of the lock validator and of the atomic-sleep checks
# (kernel/locking/lockdep.c, kernel/sched/core.c): never expected in a run
# unless its scenario names them.
VALIDATOR_BANNERS = (
    "WARNING: possible circular locking dependency detected",
    "WARNING: possible recursive locking detected",
    "WARNING: inconsistent lock state",
    "WARNING: bad unlock balance detected!",
    "BUG: lockdep:",
    "BUG: sleeping function called from invalid context",
    "BUG: scheduling while atomic",
)
ANSI_OR_CR = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")

# A report of livepatch's independent stack check that no test asked for.
KLP_VERIFY_REPORT = re.compile(r"livepatch: verify: (?!expected: )")

def run_name(scn: Scenario, firmware: str) -> str:
    return scn.name + (".uefi" if firmware == "uefi" else "")


class ScenarioRun:
    """One boot of one scenario: drives the console, builds the actual
    transcript next to the expected one and collects failure messages."""

    def __init__(self, scn: Scenario, firmware: str, cfg: RunConfig):
        self.scn, self.firmware, self.cfg = scn, firmware, cfg
        self.name = run_name(scn, firmware)
        self.problems = []
        self.actual = list(scn.header)
        self.boot_log = ""
        self.con = None

    def run(self) -> list:
        """Run it; return its Results (the scenario itself, then TAP cases)."""
        t0 = time.monotonic()
        why = self.scn.error or preflight(self.cfg, self.firmware)
        if why:
            return [Result(self.name, "fail", 0.0, [why])]
        try:
            self.con = start_console(self.cfg, self.name, self.firmware, self.scn.memory,
                                     self.scn.kernel_cmdline(),
                                     ("-smp", str(self.scn.smp or self.cfg.smp)))
            if self.boot():
                self.run_steps()
        except (OSError, RuntimeError) as e:
            self.problems.append(f"harness error: {e}")
        except Exception:                   # a harness bug: report, go on
            self.problems += ["harness error:"] + traceback.format_exc().rstrip().split("\n")
        finally:
            if self.con:
                self.con.close()
                Path(f"{self.cfg.out / self.name}.com2.sock").unlink(missing_ok=True)
                Path(f"{self.cfg.out / self.name}.mon.sock").unlink(missing_ok=True)
        self.check_klp_verify()
        return self.results(time.monotonic() - t0)

    def check_klp_verify(self) -> None:
        """livepatch's independent stack check (livepatch/verify.c) must never
        report in any run; a test that provokes a report on purpose marks it
        `expected:`."""
        if not self.con:
            return
        text = bytes(self.con.buf).decode("utf-8", "replace")
        for line in text.splitlines():
            if KLP_VERIFY_REPORT.search(line):
                self.problems.append(f"livepatch's stack check reported: {line.strip()}")

    def stopped(self, what: str) -> None:
        """Record that the run could not go on, with the serial tail."""
        self.problems.append(what)
        err = self.con.stderr_text()
        if err:
            self.problems += ["QEMU stderr:"] + ["  " + l for l in err.split("\n")[-10:]]
        self.problems += [f"last {TAIL_LINES} lines of serial output:"]
        self.problems += ["  | " + l for l in self.con.tail()]
        if self.con.mon_path and self.con.proc.poll() is None:
            self.problems += ["each CPU when it stopped (QEMU monitor, frame-pointer walk):"]
            self.problems += ["  " + l for l in hangdump.dump(self.con.mon_path, KERNEL_ELF)]

    def boot(self) -> bool:
        """Wait for the first prompt (or, for a scenario that only expects an
        exit status, for QEMU to exit). True if commands can follow."""
        limit = self.scn.boot_timeout or BOOT_TIMEOUT[self.firmware]
        if self.scn.exit_status is not None and not self.scn.steps:
            self.check_exit(limit)
            self.boot_log = self.con.take_all()
            if self.scn.boot_expected:
                lines, noeol = output_lines(self.boot_log)
                self.actual += align_for_diff(self.scn.boot_expected, lines, noeol)
                if not block_matches(self.scn.boot_expected, lines, noeol):
                    self.problems.append("the output until QEMU exited differs")
            return False
        self.boot_log, status = self.con.read_until_prompt(limit)
        if status == "prompt":
            return True
        if status == "exit":
            self.stopped(f"QEMU exited with status {self.con.proc.wait()} before the first prompt")
        else:
            self.stopped(f"no prompt within the boot timeout ({limit:g}s)")
        return False

    def run_steps(self) -> None:
        for k, step in enumerate(self.scn.steps):
            last = k == len(self.scn.steps) - 1
            if not self.run_step(step, last):
                return
        if self.scn.exit_status is not None:
            self.check_exit(self.scn.timeout)

    def run_host_step(self, step: Step) -> bool:
        """Run a `host$` command (bash, in the repository, $COM2 = this run's
        COM2 socket); its output, then what the console printed meanwhile,
        is compared with the expected lines."""
        env = dict(os.environ, COM2=socket_path(Path(f"{self.cfg.out / self.name}.com2.sock")))
        # A host step's make is not a sub-make of `make test`: no jobserver.
        for var in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
            env.pop(var, None)
        try:
            res = subprocess.run(["bash", "-c", step.text], cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 timeout=self.scn.timeout)
            text = res.stdout.decode("utf-8", "surrogateescape")
        except subprocess.TimeoutExpired:
            self.stopped(f"line {step.lineno}: `{step.source}` took more than {self.scn.timeout:g}s")
            return False
        self.con._pump(0.3)
        text += self.con.take_all()
        lines, noeol = output_lines(text)
        self.actual.append(step.source)
        self.actual += align_for_diff(step.expected, lines, noeol)
        if not block_matches(step.expected, lines, noeol):
            self.problems.append(f"line {step.lineno}: output of `{step.source}` differs")
        return True

    def run_step(self, step: Step, last: bool) -> bool:
        """Type one step, compare its output; False if the run must stop."""
        if step.kind == "host":
            return self.run_host_step(step)
        settle = None if step.waits_for_prompt() else SETTLE
        if not self.con.send(step.input_bytes()):
            self.stopped(f"QEMU is gone before line {step.lineno}: {step.source}")
            return False
        text, status = self.con.read_until_prompt(self.scn.timeout, settle)
        lines, noeol = output_lines(text)
        head = step.source
        if step.kind == "cmd":
            echo = lines.pop(0) if lines else None
            noeol = noeol and bool(lines)
            if echo != step.text:
                self.problems.append(f"line {step.lineno}: shell echoed {echo!r}, typed {step.text!r}")
                head = "kelp# " + render(echo or "")
        self.actual.append(head)
        self.actual += align_for_diff(step.expected, lines, noeol)
        if not block_matches(step.expected, lines, noeol):
            self.problems.append(f"line {step.lineno}: output of `{step.source}` differs")
        return self.step_status_ok(step, status, last)

    def step_status_ok(self, step: Step, status: str, last: bool) -> bool:
        if status == "timeout":
            self.stopped(f"line {step.lineno}: no prompt within {self.scn.timeout:g}s after `{step.source}`")
            return False
        if status == "exit" and not (last and self.scn.exit_status is not None):
            self.stopped(f"line {step.lineno}: QEMU exited (status {self.con.proc.wait()}) "
                         f"during `{step.source}`")
            return False
        return True

    def check_exit(self, limit: float) -> None:
        code = self.con.wait_exit(limit)
        if code is None:
            self.stopped(f"QEMU still running {limit:g}s after the end; expected exit status "
                         f"{self.scn.exit_status}")
        elif code != self.scn.exit_status:
            self.stopped(f"QEMU exit status {code}, expected {self.scn.exit_status}")

    def expected_transcript(self) -> list:
        out = list(self.scn.header) + self.scn.boot_expected
        for step in self.scn.steps:
            out += [step.source] + step.expected
        return out

    def validator_reports(self) -> list:
        """Lock validator and atomic-sleep reports in the serial log that the
        scenario does not expect (a scenario expects one by naming its
        banner line): each fails the run, wherever it appeared."""
        try:
            text = Path(self.con.log.name).read_text("utf-8", "replace")
        except OSError:
            return []
        expected = "\n".join(self.scn.boot_expected +
                             [l for step in self.scn.steps for l in step.expected])
        found = []
        for line in text.splitlines():
            line = ANSI_OR_CR.sub("", line).strip()
            for b in VALIDATOR_BANNERS:
                if b in line and b not in expected:
                    found.append(f"lock validator: {line}")
        return found

    def results(self, seconds: float) -> list:
        if self.con:
            self.problems += self.validator_reports()
        res = Result(self.name, "fail" if self.problems else "pass", seconds)
        if self.problems:
            res.details = self.problems + self.diff()
            if self.con:
                res.details.append(f"serial log: {display_path(self.con.log.name)}")
        if self.cfg.verbose:
            res.details += ["transcript:"] + ["  " + l for l in self.actual[len(self.scn.header):]]
        out = [res]
        if self.scn.ktest and self.con:
            out += parse_ktap(self.boot_log, self.name, self.scn.ktest)
        return out

    def diff(self) -> list:
        """Unified diff of the scenario file against what happened; nothing
        if no command ran (the boot failure message says it all)."""
        expected = self.expected_transcript()
        if expected == self.actual or len(self.actual) == len(self.scn.header):
            return []
        return list(difflib.unified_diff(expected, self.actual, str(self.scn.path),
                                         f"actual ({self.name})", lineterm=""))


# --------------------------------------------------------------------------
# Running many scenarios

@dataclass
class Summary:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    results: list = field(default_factory=list)

    def add(self, results: list) -> None:
        self.results += results
        self.passed += sum(r.status == "pass" for r in results)
        self.failed += sum(r.status == "fail" for r in results)
        self.skipped += sum(r.status == "skip" for r in results)

    def totals_line(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return f"{self.passed} passed, {self.failed} failed{skipped}"


def print_results(results: list, stream) -> None:
    """One line per result, its details (diff, diagnostics) indented below."""
    for r in results:
        print(r.line(), file=stream)
        for l in r.details:
            print("    " + l, file=stream)
    stream.flush()


def display_path(path) -> str:
    """path relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def plan_runs(files, filt: str | None) -> list:
    """(Scenario, firmware) pairs to run, in file order."""
    if not files:
        files = sorted((REPO / "tests" / "qemu").glob("*.t"))
    runs = []
    for f in files:
        scn = parse_scenario(Path(f))
        for fw in scn.firmwares:
            if not filt or filt in run_name(scn, fw):
                runs.append((scn, fw))
    return runs


def run_scenarios(files=None, image=None, out=None, jobs: int = 2, filt: str | None = None,
                  verbose: bool = False, qemu_cmd: str | None = None, stream=None,
                  smp: int | None = None) -> Summary:
    """Run scenarios `jobs` at a time, printing one line per result to
    stream as they finish (not the totals line). Returns the Summary."""
    stream = stream or sys.stdout
    cfg = RunConfig(verbose=verbose, qemu_cmd=qemu_cmd)
    cfg.image = Path(image) if image else cfg.image
    cfg.out = Path(out) if out else cfg.out
    cfg.smp = smp or int(os.environ.get("KELP_SMP", "1"))
    snapshot_image(cfg)
    summary, lock, interrupted = Summary(), threading.Lock(), threading.Event()

    def one(run):
        results = ScenarioRun(run[0], run[1], cfg).run()
        with lock:
            if interrupted.is_set():
                return                  # killed by Ctrl-C: nothing to report
            print_results(results, stream)
            summary.add(results)

    runs = plan_runs(files, filt)
    if not runs:
        print("no scenarios to run", file=stream)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        for fut in [pool.submit(one, r) for r in runs]:
            fut.result()
    except KeyboardInterrupt:
        interrupted.set()
        pool.shutdown(wait=False, cancel_futures=True)
        kill_all_consoles()
        raise
    pool.shutdown()
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Run Kelp's QEMU transcript scenarios.")
    ap.add_argument("files", nargs="*", help="scenario files (default: tests/qemu/*.t)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="VMs at a time (default 2)")
    ap.add_argument("--image", default=str(REPO / "build" / "kelp-test.iso"))
    ap.add_argument("--out", default=str(REPO / "build" / "tests"), help="logs and scratch files")
    ap.add_argument("--filter", help="only runs whose name contains this")
    ap.add_argument("--smp", type=int, help="CPUs of a scenario without `#! smp:` "
                    "(default $KELP_SMP, else 1)")
    ap.add_argument("--list", action="store_true", help="list the runs and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="show QEMU commands and transcripts")
    ap.add_argument("--qemu-cmd", help=argparse.SUPPRESS)   # fake kernel for harness self-tests
    args = ap.parse_args(argv)
    if args.list:
        for scn, fw in plan_runs(args.files, args.filter):
            note = f"  [error: {scn.error}]" if scn.error else ""
            print(f"{run_name(scn, fw)}  {scn.path}{note}")
        return 0
    try:
        summary = run_scenarios(args.files, args.image, args.out, args.jobs, args.filter,
                                args.verbose, args.qemu_cmd, smp=args.smp)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(summary.totals_line())
    return 1 if summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
