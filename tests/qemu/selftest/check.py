#!/usr/bin/env python3
"""check.py: self-test of the QEMU harness (run.py, scenario.py), no QEMU needed.

Runs the scenarios beside this file against fake_kernel.py: every result of a
pass_*.t must pass (or skip); each `# expect-fail: TEXT` line of a fail_*.t
must show up in the details of one of its failed results. Also checks the
pattern matcher directly. Ends with `N passed, N failed`; exit 1 on failure.
"""

import io
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True      # keep __pycache__ out of the tree
sys.path.insert(0, str(HERE.parent))
import run  # noqa: E402
import scenario  # noqa: E402

FAKE = f"{sys.executable} {HERE / 'fake_kernel.py'}"


def matcher_cases():
    """(name, expected lines, actual lines, noeol, should match)."""
    return [
        ("exact", ["a", "b"], ["a", "b"], False, True),
        ("exact-differs", ["a"], ["b"], False, False),
        ("re", [r"\d+ (re)"], ["42"], False, True),
        ("re-fullmatch", [r"\d (re)"], ["42"], False, False),
        ("glob", ["a*c? (glob)"], ["abbbcd"], False, True),
        ("glob-literal-star", [r"a\* (glob)"], ["a*"], False, True),
        ("glob-literal-star-differs", [r"a\* (glob)"], ["ab"], False, False),
        ("esc", [r"x\x01\ty (esc)"], ["x\x01\ty"], False, True),
        ("dots-empty", ["a", "...", "b"], ["a", "b"], False, True),
        ("dots-many", ["...", "z"], ["x", "y", "z"], False, True),
        ("dots-backtrack", ["...", "a", "b"], ["a", "a", "b"], False, True),
        ("dots-end", ["a", "..."], ["a", "b", "c"], False, True),
        ("missing-line", ["a", "b"], ["a"], False, False),
        ("extra-line", ["a"], ["a", "b"], False, False),
        ("blank-significant", ["a", ""], ["a"], False, False),
        ("noeol", ["x (no-eol)"], ["x"], True, True),
        ("noeol-required", ["x"], ["x"], True, False),
        ("noeol-unexpected", ["x (no-eol)"], ["x"], False, False),
        ("noeol-re", [r"x+ (re) (no-eol)"], ["xx"], True, True),
    ]


def check_matcher():
    results = []
    for name, exp, act, noeol, want in matcher_cases():
        got = scenario.block_matches(exp, act, noeol)
        shown = scenario.align_for_diff(exp, act, noeol)
        ok = got == want and (not want or shown == exp)
        results.append((f"matcher:{name}", ok, f"match={got} shown={shown}"))
    return results


def check_scenarios():
    files = sorted(HERE.glob("*.t"))
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        summary = run.run_scenarios(files, out=tmp, jobs=4, qemu_cmd=FAKE, stream=out)
    results = []
    for f in files:
        mine = [r for r in summary.results
                if re.fullmatch(re.escape(f.stem) + r"(\.uefi)?(:.*)?", r.name)]
        text = "\n".join(d for r in mine if r.status == "fail" for d in r.details)
        if f.name.startswith("pass_"):
            ok = bool(mine) and all(r.status != "fail" for r in mine)
            results.append((f.stem, ok, text))
            continue
        wants = re.findall(r"^# expect-fail: (.*)$", f.read_text(), re.M)
        missing = [w for w in wants if w not in text]
        results.append((f.stem, bool(wants) and not missing, f"missing {missing}\n{text}"))
    return results


def main():
    passed = failed = 0
    for name, ok, why in check_matcher() + check_scenarios():
        print(f"{'PASS' if ok else 'FAIL'} {name}")
        if not ok:
            print("    " + why.replace("\n", "\n    "))
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
