#!/usr/bin/env python3
"""depmod for Kelp images: writes modules.dep for the modules under one or
more staging folders (each one is /lib/modules in the image), as Linux's
depmod does for /lib/modules/VERSION:

  depmod.py [--nm NM] -o modules.dep DIR [DIR...]

Each line is `PATH: DEP...` with paths relative to /lib/modules. A module
depends on the modules whose exports (__ksymtab_NAME, __ksymtab_ns_NAME
symbols) satisfy its undefined symbols, transitively; the list is in
Linux's order: modprobe loads it from the last entry to the first, then the
module. A module in updates/ shadows one of the same name elsewhere
(depmod's default `search updates built-in`): only the updates/ one is
listed, and other modules' dependencies point at it. Symbols the kernel
exports need no module, so an unresolved symbol is left to the loader.
"""
import argparse
import os
import subprocess
import sys


def mod_name(path: str) -> str:
    base = os.path.basename(path)
    if base.endswith(".ko"):
        base = base[:-3]
    return base.replace("-", "_")


def symbols(nm: str, ko: str):
    r = subprocess.run([nm, ko], capture_output=True, text=True)
    if r.returncode:
        print(f"depmod: {ko}: not a module ({r.stderr.strip()}), left out", file=sys.stderr)
        return None
    out = r.stdout
    exports, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[2].startswith("__ksymtab_"):
            sym = parts[2][len("__ksymtab_"):]
            if sym.startswith("ns_"):
                sym = sym[3:]
            exports.add(sym)
    return exports, undefined


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nm", default="nm")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()

    # name -> relative path; updates/ first, then the rest in sorted order.
    chosen = {}
    for d in a.dirs:
        for root, _, files in os.walk(d):
            for f in files:
                if f.endswith(".ko"):
                    rel = os.path.relpath(os.path.join(root, f), d)
                    name = mod_name(rel)
                    prio = 0 if rel.startswith("updates/") else 1
                    old = chosen.get(name)
                    if old is None or prio < old[0] or (prio == old[0] and rel < old[1]):
                        chosen[name] = (prio, rel, os.path.join(root, f))

    exports, needs = {}, {}
    for name, (_, rel, path) in list(chosen.items()):
        syms = symbols(a.nm, path)
        if syms is None:
            del chosen[name]
            continue
        exp, und = syms
        needs[name] = und
        for s in exp:
            exports.setdefault(s, name)

    direct = {}
    for name, und in needs.items():
        direct[name] = sorted({exports[s] for s in und if s in exports and exports[s] != name})

    def load_order(name, seen, order, stack):
        """Dependencies of name, each before the modules that need it."""
        for dep in direct[name]:
            if dep in stack:
                print(f"depmod: dependency cycle through {dep} and {name}", file=sys.stderr)
                sys.exit(1)
            if dep not in seen:
                seen.add(dep)
                load_order(dep, seen, order, stack | {dep})
                order.append(dep)

    lines = []
    for name in sorted(chosen, key=lambda n: chosen[n][1]):
        order = []
        load_order(name, set(), order, {name})
        deps = " ".join(chosen[d][1] for d in reversed(order))
        lines.append(f"{chosen[name][1]}:" + (f" {deps}" if deps else ""))
    tmp = a.output + ".new"
    with open(tmp, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
