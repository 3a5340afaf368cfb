#!/usr/bin/env python3
"""scenario.py: the transcript scenario format of tests/qemu (pure logic).

Parses `*.t` files (header directives, `kelp#` / `kelp#~` steps, expected
lines) and matches expected lines against console output, cram-style: exact,
`(re)`, `(glob)`, `(esc)`, `(no-eol)` and `...`. Also renders output for
diffs. No I/O but reading the file; run.py drives QEMU with it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FIRMWARES = ("bios", "uefi")
CMD_TIMEOUT = 30.0
NOEOL = " (no-eol)"
DIRECTIVES = ("firmware", "cmdline", "memory", "timeout", "boot-timeout",
              "exit", "ktest", "smp")

class ScenarioError(Exception):
    """A malformed scenario file (reported as a failure of that scenario)."""


# --------------------------------------------------------------------------
# Scenario files

@dataclass
class Step:
    """One `kelp# COMMAND` (kind "cmd"), `kelp#~ TEXT` (kind "raw") or
    `host$ COMMAND` (kind "host": a shell command run on the host) line."""
    kind: str
    text: str                   # as written in the file, after the marker
    source: str                 # the whole line, for diffs
    lineno: int
    expected: list = field(default_factory=list)

    def input_bytes(self) -> bytes:
        """What the harness types for this step (nothing for a host command)."""
        if self.kind == "host":
            return b""
        if self.kind == "cmd":
            return self.text.encode("utf-8") + b"\r"
        return unescape(self.text)

    def waits_for_prompt(self) -> bool:
        """False for raw input that does not end a line: output then ends
        after SETTLE seconds of quiet if no prompt comes."""
        return self.kind == "cmd" or self.input_bytes()[-1:] in (b"\r", b"\n", b"\x03")


# Appended to every scenario's command line unless it sets its own.
SIG_ENFORCE = "module.sig_enforce=1"
LOCKDEP = "lockdep=1"


@dataclass
class Scenario:
    path: Path
    name: str
    firmwares: list = field(default_factory=lambda: ["bios"])
    cmdline: str = ""
    memory: str = "512M"
    smp: int | None = None          # CPUs (-smp); None: the run's default (--smp)
    timeout: float = CMD_TIMEOUT
    boot_timeout: float | None = None
    exit_status: int | None = None
    ktest: str | None = None
    header: list = field(default_factory=list)
    boot_expected: list = field(default_factory=list)   # no commands, exit: the boot output
    steps: list = field(default_factory=list)
    error: str | None = None

    def kernel_cmdline(self) -> str:
        words = [self.cmdline] if self.cmdline else []
        if self.ktest:
            words.append("ktest=" + self.ktest)
        # The test configuration enforces module signatures (docs/signing.md);
        # a scenario that names module.sig_enforce itself chooses.
        if "module.sig_enforce" not in self.cmdline:
            words.append(SIG_ENFORCE)
        # ... and runs the lock validator (docs/smp.md), unless it says lockdep=0.
        if "lockdep=" not in self.cmdline:
            words.append(LOCKDEP)
        return " ".join(words)


def unescape(text: str) -> bytes:
    """Decode Python-style escapes (\\x03, \\r, \\x1b[A, \\\\) into bytes."""
    try:
        return codecs.escape_decode(text.encode("utf-8"))[0]
    except ValueError as e:
        raise ScenarioError(f"bad escape in {text!r}: {e}") from None


def parse_directive(scn: Scenario, key: str, value: str) -> None:
    """Apply one `#! key: value` header line to scn."""
    if key not in DIRECTIVES:
        raise ScenarioError(f"unknown directive {key!r} (known: {', '.join(DIRECTIVES)})")
    try:
        if key == "firmware":
            scn.firmwares = value.split()
            if not scn.firmwares or not set(scn.firmwares) <= set(FIRMWARES):
                raise ScenarioError(f"firmware must be bios and/or uefi, not {value!r}")
        elif key == "cmdline":
            scn.cmdline = f"{scn.cmdline} {value}".strip()
        elif key == "smp":
            if not re.fullmatch(r"[1-9]\d?", value):
                raise ScenarioError(f"bad CPU count {value!r} (1-99)")
            scn.smp = int(value)
        elif key == "memory":
            if not re.fullmatch(r"\d+[KMGT]?", value):
                raise ScenarioError(f"bad memory size {value!r}")
            scn.memory = value
        elif key == "timeout":
            scn.timeout = float(value)
        elif key == "boot-timeout":
            scn.boot_timeout = float(value)
        elif key == "exit":
            scn.exit_status = int(value)
        elif key == "ktest":
            if not re.fullmatch(r"\S+", value):
                raise ScenarioError(f"bad ktest value {value!r}")
            scn.ktest = value
    except ValueError:
        raise ScenarioError(f"bad value for {key}: {value!r}") from None


def parse_step(line: str, lineno: int) -> Step | None:
    """Return the Step a `kelp#` line starts, or None for an output line."""
    if line.startswith("kelp#~"):
        text = line[7:] if line.startswith("kelp#~ ") else ""
        if not text:
            raise ScenarioError(f"line {lineno}: `kelp#~` needs some text to type")
        step = Step("raw", text, line, lineno)
        step.input_bytes()          # reject bad escapes now
        return step
    if line == "kelp#" or line.startswith("kelp# "):
        return Step("cmd", line[6:], line, lineno)
    if line.startswith("host$ "):
        return Step("host", line[6:], line, lineno)
    return None


def parse_scenario(path: Path) -> Scenario:
    """Parse a .t file; a malformed file gives a Scenario with .error set."""
    scn = Scenario(path=path, name=path.stem)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()                     # trailing blank lines are ignored
        for lineno, line in enumerate(lines, 1):
            step = parse_step(line, lineno)
            if step:
                scn.steps.append(step)
            elif scn.steps:
                compile_pattern(line)      # reject bad regexes now
                scn.steps[-1].expected.append(line)
            elif line.startswith("#!"):
                key, sep, value = line[2:].partition(":")
                if not sep:
                    raise ScenarioError(f"line {lineno}: directive needs `#! key: value`")
                parse_directive(scn, key.strip(), value.strip())
                scn.header.append(line)
            elif (line.startswith("#") or not line.strip()) and not scn.boot_expected:
                scn.header.append(line)
            else:
                compile_pattern(line)
                scn.boot_expected.append(line)
        if scn.boot_expected and (scn.steps or scn.exit_status is None):
            raise ScenarioError("expected output before the first `kelp# ` command (only a "
                                "scenario with `exit:` and no commands checks the boot output)")
    except (OSError, UnicodeDecodeError, ScenarioError) as e:
        scn.error = f"{path}: {e}"
    return scn


# --------------------------------------------------------------------------
# Matching expected lines against output

def glob_to_regex(glob: str) -> str:
    """`*` any run, `?` one char, `\\*` `\\?` `\\\\` literal."""
    out, i = [], 0
    while i < len(glob):
        c = glob[i]
        if c == "\\" and i + 1 < len(glob) and glob[i + 1] in "*?\\":
            out.append(re.escape(glob[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
        i += 1
    return "".join(out)


@lru_cache(maxsize=None)
def compile_pattern(line: str):
    """Return a predicate match(text, noeol) telling whether an output line
    matches `line`; noeol is true for a last line that had no newline, which
    only a pattern ending in ` (no-eol)` matches."""
    if line.endswith(NOEOL):
        inner = compile_pattern(line[:-len(NOEOL)])
        return lambda s, noeol: noeol and inner(s, False)
    try:
        if line.endswith(" (re)"):
            rx = re.compile(line[:-5])
            return lambda s, noeol: not noeol and rx.fullmatch(s) is not None
        if line.endswith(" (glob)"):
            rx = re.compile(glob_to_regex(line[:-7]), re.S)
            return lambda s, noeol: not noeol and rx.fullmatch(s) is not None
    except re.error as e:
        raise ScenarioError(f"bad pattern {line!r}: {e}") from None
    if line.endswith(" (esc)"):
        want = unescape(line[:-6])
        return lambda s, noeol: not noeol and s.encode("utf-8", "surrogateescape") == want
    return lambda s, noeol: not noeol and s == line


def block_matches(expected: list, actual: list, noeol: bool = False) -> bool:
    """True if the actual lines match the expected ones; `...` matches any
    run of lines (dynamic programming, so no recursion limit). noeol: the
    last actual line had no newline."""
    n, m = len(expected), len(actual)
    ok = [[False] * (m + 1) for _ in range(n + 1)]
    ok[n][m] = True
    for i in range(n - 1, -1, -1):
        pat = expected[i]
        match = compile_pattern(pat)
        for j in range(m, -1, -1):
            if pat == "...":
                ok[i][j] = ok[i + 1][j] or (j < m and ok[i][j + 1])
            else:
                ok[i][j] = (j < m and ok[i + 1][j + 1]
                            and match(actual[j], noeol and j == m - 1))
    return ok[0][0]


def render(line: str) -> str:
    """An output line as shown in diffs: lines with control or undecodable
    characters are escaped and marked ` (esc)`, which also matches them."""
    if line.isprintable():
        return line
    out = []
    for b in line.encode("utf-8", "surrogateescape"):
        c = chr(b)
        out.append("\\\\" if c == "\\" else "\\t" if c == "\t"
                   else c if 0x20 <= b < 0x7f else f"\\x{b:02x}")
    return "".join(out) + " (esc)"


def align_for_diff(expected: list, actual: list, noeol: bool = False) -> list:
    """Return the actual lines for display, each line that matches its
    expected pattern replaced by that pattern (and runs eaten by `...`
    shown as `...`), so a diff shows only the real differences."""
    n, m = len(expected), len(actual)
    shown = [render(a) for a in actual]
    if noeol and shown:
        shown[-1] += NOEOL
    if n * m > 4_000_000:
        return shown
    score = [[0] * (m + 1) for _ in range(n + 1)]
    hit = lambda i, j: (expected[i] != "..."
                        and compile_pattern(expected[i])(actual[j], noeol and j == m - 1))
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            best = score[i + 1][j]
            if j < m:
                best = max(best, score[i][j + 1])
                if hit(i, j):
                    best = max(best, score[i + 1][j + 1] + 1)
            score[i][j] = best
    out, i, j, dots = [], 0, 0, False
    while i < n or j < m:
        if i < n and expected[i] == "...":
            if j < m and score[i][j] == score[i][j + 1]:
                j += 1                      # absorbed by `...`
            else:
                i += 1
            if not dots:
                out.append("...")
            dots = i < n and expected[i] == "..."
        elif i < n and j < m and hit(i, j) and score[i][j] == score[i + 1][j + 1] + 1:
            out.append(expected[i])
            i, j = i + 1, j + 1
        elif j < m and (i == n or score[i][j] == score[i][j + 1]):
            out.append(shown[j])
            j += 1
        else:
            i += 1                          # expected line missing
    return out


def output_lines(text: str) -> tuple:
    """Split output into lines; also say whether the last one had no newline."""
    noeol = text != "" and not text.endswith("\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines, noeol
