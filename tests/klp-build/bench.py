#!/usr/bin/env python3
"""klp-build's benchmarks (docs/klp-build.md): wall time of a one-function
fix (tests/klp-build/proc-cmdline.patch) with the original build cached
(the median of three runs) and, with --cold, in a fresh export of HEAD with
nothing built; and the size of the generated module against the
hand-written patches/livepatch-sample.c, which replaces the same function.

  tests/klp-build/bench.py [--cold]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = "tests/klp-build/proc-cmdline.patch"


def klp_build(tree, out):
    t0 = time.monotonic()
    subprocess.run([os.path.join(tree, "tools/klp-build"), "-o", out, FIX], cwd=tree, check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def stripped(path):
    with tempfile.NamedTemporaryFile(suffix=".ko") as t:
        subprocess.run(["objcopy", "--strip-debug", path, t.name], check=True)
        return os.path.getsize(t.name)


def main():
    out = os.path.join(REPO, "build", "klp-bench.ko")
    klp_build(REPO, out)                     # fills the caches
    times = sorted(klp_build(REPO, out) for _ in range(3))
    print(f"klp-build cached (one-function fix, median of 3): {times[1]:.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in times)})")
    if "--cold" in sys.argv:
        tmp = tempfile.mkdtemp(prefix="klp-cold.")
        try:
            subprocess.run(f"git archive HEAD | tar -x -C {tmp}", shell=True, cwd=REPO, check=True)
            print(f"klp-build cold (fresh tree, nothing built): {klp_build(tmp, out):.1f} s")
        finally:
            shutil.rmtree(tmp)
    hand = os.path.join(REPO, "build", "modules", "livepatch-sample.ko")
    subprocess.run(["make", "-s", "build/modules/livepatch-sample.ko"], cwd=REPO, check=True)
    for label, p in (("generated (klp-build)", out), ("hand-written (livepatch-sample)", hand)):
        print(f"module size, {label}: {os.path.getsize(p)} bytes, {stripped(p)} without debug info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
