#!/usr/bin/env python3
"""fake_kernel.py: impersonates Kelp's serial console for harness self-tests.

run.py --qemu-cmd "python3 tests/qemu/selftest/fake_kernel.py" starts this
instead of QEMU, with the kernel command line in $KELP_CMDLINE. It prints a
boot log (TAP for ktest=, bench lines for bench=all), then a `kelp# ` shell
with a tiny line editor (echo, backspace, ^C, ^U) and a few commands.
Command-line knobs: fake_hang (no prompt), fake_exit=N (exit during boot),
fake_slow=S (sleep before the prompt), fake_noecho (shell does not echo),
fake_lockdep (a lock validator report during boot).
"""

import os
import sys
import time

OUT = sys.stdout.buffer
CMDLINE = os.environ.get("KELP_CMDLINE", "")
ARGS = dict(w.partition("=")[::2] for w in CMDLINE.split())
START = time.monotonic()


def say(text: str) -> None:
    OUT.write(text.replace("\n", "\r\n").encode())
    OUT.flush()


def klog(text: str) -> None:
    say(f"[{time.monotonic() - START:12.6f}] {text}\n")


def ktest(which: str) -> None:
    """Print TAP like the kernel's self-tests; ktest=broken omits the summary."""
    cases = [("list_add", True), ("kmalloc", True), ("ftrace_nop", which != "failing")]
    say(f"TAP version 13\n1..{len(cases) + 1}\n")
    for n, (name, ok) in enumerate(cases, 1):
        if not ok:
            say(f"# {name}: expected 0x90, got 0xcc\n")
        say(f"{'ok' if ok else 'not ok'} {n} - {name}\n")
    say(f"ok {len(cases) + 1} - smp # SKIP one CPU\n")
    failed = sum(not ok for _, ok in cases)
    if which != "broken":
        say(f"# ktest: {len(cases) + 1 - failed} passed, {failed} failed\n")


def ktest_modules(how: str) -> None:
    """Print one TAP block per test module, as /bin/ktest makes the kernel
    do: fake_modules=broken drops the second block's summary, =dup runs a
    case in both blocks."""
    blocks = [("ktest_lib", ["list_add", "kmalloc"]),
              ("ktest_ftrace", ["ftrace_nop"] + (["kmalloc"] if how == "dup" else []))]
    for k, (mod, cases) in enumerate(blocks):
        say(f"TAP version 13\n# module: {mod}\n1..{len(cases)}\n")
        for n, name in enumerate(cases, 1):
            say(f"ok {n} - {name}\n")
        if not (how == "broken" and k == 1):
            say(f"# ktest: {len(cases)} passed, 0 failed\n")


def boot() -> None:
    say("\x1b[2J\x1b[HGRUB loading...\n")
    klog("Kelp 0.1 (fake) booting")
    klog(f"Command line: {CMDLINE}")
    if "fake_exit" in ARGS:
        sys.exit(int(ARGS["fake_exit"]))
    if "ktest" in ARGS and "fake_modules" in ARGS:
        ktest_modules(ARGS["fake_modules"])
    elif "ktest" in ARGS:
        ktest(ARGS["ktest"])
    if ARGS.get("bench") == "all":
        say("bench: null_syscall: 123 ns\nbench: text_poke: 4567 ns (5 samples)\n")
    if "fake_lockdep" in ARGS:
        klog("WARNING: possible circular locking dependency detected")
    time.sleep(float(ARGS.get("fake_slow", "0")))
    say("kelp: boot took 1234 us\n")
    if "fake_hang" in ARGS:
        time.sleep(3600)


def run(line: str) -> None:
    """Execute one command line."""
    argv = line.split()
    if not argv:
        return
    cmd, args = argv[0], argv[1:]
    if cmd == "echo" and args[:1] == ["-n"]:
        say(" ".join(args[1:]))
    elif cmd == "echo":
        say(" ".join(args) + "\n")
    elif cmd == "cat" and args == ["/proc/cmdline"]:
        say(CMDLINE + "\n")
    elif cmd == "sleep":
        time.sleep(float(args[0]))
    elif cmd == "log":
        klog(" ".join(args))
    elif cmd == "bytes":
        OUT.write(b"ctl\x01\xff\tend\r\n")
    elif cmd == "poweroff":
        say("Power down.\n")
        sys.exit(0)
    elif cmd == "exit":
        sys.exit(int(args[0]))
    elif cmd == "crash":
        say("PANIC: fake crash\n")
        os._exit(3)
    else:
        say(f"sh: {cmd}: not found\n")


def shell() -> None:
    """Read keys, echo them, run lines; CR, LF and CR LF each end a line."""
    line, last = b"", b""
    say("kelp# ")
    while True:
        c = os.read(0, 1)
        if not c:
            return
        if c == b"\n" and last == b"\r":
            last = c
            continue
        last = c
        if c in (b"\r", b"\n"):
            say("\n")
            run(line.decode(errors="replace"))
            line = b""
            say("kelp# ")
        elif c == b"\x03":
            say("^C\n")
            line = b""
            say("kelp# ")
        elif c in (b"\x7f", b"\x08"):
            if line:
                line = line[:-1]
                say("\b \b")
        elif c == b"\x15":
            say("\b \b" * len(line))
            line = b""
        elif c >= b" ":
            line += c
            if "fake_noecho" not in ARGS:
                OUT.write(c)
                OUT.flush()


if __name__ == "__main__":
    boot()
    shell()
