#!/usr/bin/env python3
"""The end-to-end tests of tools/klp-build and tools/kelpctl (docs/klp-build.md).

  tests/klp-build/run.py [NAME...]      (`make klp-build-test` runs it)

It first runs `make test-iso`: the image must hold the kernel the patches are
built against (a patch for another build ID is refused). Each
tests/klp-build/NAME.patch is a real fix against Kelp's source. It is
built with tools/klp-build into build/klp-test/NAME.ko (options from a
`klp-build: ...` line in the patch's description). Then:
- NAME.refused: the build must fail, and every line of that file must be
  in its error output (a change klp-build refuses);
- NAME.expect: lines the build's output must have (what it found);
- NAME.t: a QEMU scenario (tests/qemu/README.md) that loads the patch with
  kelpctl, shows the behaviour changed, unloads it and shows it changed
  back; run one VM at a time by tests/qemu/run.py.
Scenarios without a patch of their own (kelpctl.t) use the others' modules.
Prints PASS/FAIL per build and per scenario, then `N passed, N failed`.
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "build", "klp-test")


def build(name):
    """Builds NAME.patch; returns (ok, message)."""
    patch = os.path.join(HERE, name + ".patch")
    desc = open(patch).read().split("\n--- ", 1)[0]
    m = re.search(r"^klp-build: (.*)$", desc, re.M)
    args = m.group(1).split() if m else []
    refused = os.path.join(HERE, name + ".refused")
    t0 = time.monotonic()
    r = subprocess.run([os.path.join(REPO, "tools", "klp-build")] + args +
                       ["-o", os.path.join(OUT, name + ".ko"), patch], cwd=REPO,
                       capture_output=True, text=True)
    dt = time.monotonic() - t0
    if os.path.exists(refused):
        missing = [l for l in open(refused).read().splitlines() if l and l not in r.stderr]
        if r.returncode == 1 and not missing:
            return True, f"refused as expected ({dt:.1f}s)"
        return False, (f"exit {r.returncode}, missing: {missing}\n{r.stdout}{r.stderr}")
    if r.returncode:
        return False, f"exit {r.returncode}\n{r.stdout}{r.stderr}"
    expect = os.path.join(HERE, name + ".expect")
    if os.path.exists(expect):
        missing = [l for l in open(expect).read().splitlines() if l and l not in r.stdout]
        if missing:
            return False, f"missing in the output: {missing}\n{r.stdout}"
    return True, f"built ({dt:.1f}s)"


def main():
    names = sys.argv[1:] or sorted(f[:-6] for f in os.listdir(HERE) if f.endswith(".patch"))
    os.makedirs(OUT, exist_ok=True)
    # the image must be the kernel the patches are built against (same build ID)
    r = subprocess.run(["make", "-j2", "test-iso"], cwd=REPO, capture_output=True, text=True)
    if r.returncode:
        print(f"FAIL make test-iso\n{r.stdout[-3000:]}{r.stderr[-3000:]}")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    scenarios = []
    for n in names:
        if not os.path.exists(os.path.join(HERE, n + ".patch")):
            if os.path.exists(os.path.join(HERE, n + ".t")):
                scenarios.append(os.path.join(HERE, n + ".t"))
            continue
        ok, msg = build(n)
        print(f"{'PASS' if ok else 'FAIL'} build {n}: {msg.splitlines()[0] if ok else msg}", flush=True)
        passed, failed = passed + ok, failed + (not ok)
        t = os.path.join(HERE, n + ".t")
        if ok and os.path.exists(t):
            scenarios.append(t)
    if not sys.argv[1:]:
        scenarios += [os.path.join(HERE, f) for f in sorted(os.listdir(HERE))
                      if f.endswith(".t") and not os.path.exists(os.path.join(HERE, f[:-2] + ".patch"))]
    if scenarios:
        r = subprocess.run([sys.executable, os.path.join(REPO, "tests", "qemu", "run.py"), "-j", "1",
                            "--out", os.path.join(REPO, "build", "tests", "klp-build")] + scenarios,
                           cwd=REPO, capture_output=True, text=True)
        out = r.stdout
        sys.stdout.write("".join(l + "\n" for l in out.splitlines()
                                 if not re.match(r"^\d+ passed, \d+ failed$", l)))
        passed += len(re.findall(r"^PASS ", out, re.M))
        failed += len(re.findall(r"^FAIL ", out, re.M))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
