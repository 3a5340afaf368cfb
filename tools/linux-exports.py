#!/usr/bin/env python3
"""Compares Kelp's exports with Linux's, subsystem by subsystem.

  linux-exports.py compare [--nm NM] [-o docs/linux-exports.md] build/kelp.elf
      Reads the exports of the built kernel (its __ksymtab_NAME symbols;
      namespaced test-only ones, __ksymtab_ns_NAME, do not count) and the
      list of Linux's exports in tools/linux-exports.txt, and writes the
      comparison: per subsystem the names both export, the names only
      Linux exports (the gaps, each with the reason when one is known), and
      Kelp's own exports that Linux has not.
  linux-exports.py check-ko [--nm NM] build/kelp.elf X.ko...
      Fails (status 1) if a module needs a symbol that neither the kernel
      nor another of the given modules exports: the build test of modules
      written for Linux (make linuxmod-check).
  linux-exports.py extract LINUX_TREE
      Rewrites tools/linux-exports.txt from a Linux source tree: the
      EXPORT_SYMBOL* names of the files each "## subsystem: files" header
      names.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "linux-exports.txt")

# Why a Linux export is not one of Kelp's, where the answer is not "not
# written yet". Everything not named here is a gap.
REASONS = {
    "inline": "Kelp's version is inline in its header: modules need no symbol",
    "sub": "Kelp has no such subsystem (see docs/linux-compat.md)",
    "nosmp": "per-CPU placement: Kelp's workers and timers are not per-CPU",
    "alloc": "Kelp's allocator has no kmem_cache API or tracing variant",
    "iter": "Kelp's VFS has no kiocb/iov_iter: files are read through read(), as seq_read does",
    "path": "Kelp's VFS has no struct path/dentry for seq_path to print (nor mangle_path to serve)",
    "user": "Linux's inline copy_*_user calls it; Kelp exports copy_from_user/copy_to_user",
    "alias": "Kelp's jiffies is 64 bits wide: <linux/jiffies.h> makes jiffies_64 a name for it",
    "shape": "Kelp's differs in shape: add_taint(flag) has no lockdep argument, and the "
             "console level is the int console_loglevel (exported) rather than an array",
}
EXPLAINED = {
    **{n: "inline" for n in (
        "_raw_spin_lock _raw_spin_lock_irq _raw_spin_lock_irqsave _raw_spin_lock_bh "
        "_raw_spin_unlock _raw_spin_unlock_irq _raw_spin_unlock_irqrestore "
        "_raw_spin_unlock_bh _raw_spin_trylock preempt_schedule preempt_schedule_notrace "
        "__put_task_struct").split()},
    **{n: "sub" for n in (
        "down down_interruptible down_killable down_trylock down_timeout up __init_rwsem "
        "down_read down_read_trylock down_write down_write_trylock up_read up_write "
        "downgrade_write kthread_worker_fn kthread_create_worker_on_cpu kthread_queue_work "
        "kthread_delayed_work_timer_fn kthread_queue_delayed_work kthread_flush_work "
        "kthread_mod_delayed_work kthread_cancel_work_sync kthread_cancel_delayed_work_sync "
        "kthread_flush_worker kthread_destroy_worker __kthread_init_worker kthread_use_mm "
        "kthread_unuse_mm kthread_park kthread_unpark kthread_parkme kthread_should_park "
        "kthread_freezable_should_stop queue_rcu_work flush_rcu_work "
        "mutex_lock_io kobject_uevent kobject_uevent_env add_uevent_var mm_kobj "
        "firmware_kobj sysfs_create_bin_file sysfs_remove_bin_file sysfs_create_mount_point "
        "sysfs_remove_mount_point proc_create_mount_point __request_module").split()},
    **{n: "nosmp" for n in "queue_work_node add_timer_on add_timer_local add_timer_global set_worker_desc".split()},
    **{n: "alloc" for n in (
        "kmem_cache_create kmem_cache_alloc kmem_cache_free kmem_cache_destroy kmalloc_trace "
        "kmalloc_node_trace kvmalloc_node").split()},
    "seq_read_iter": "iter",
    **{n: "path" for n in "seq_path seq_file_path mangle_path".split()},
    **{n: "user" for n in "_copy_from_user _copy_to_user".split()},
    "jiffies_64": "alias",
    "add_taint": "shape",
    "console_printk": "shape",
}


def read_data():
    """[(subsystem, files, [names])] from tools/linux-exports.txt."""
    groups = []
    with open(DATA) as f:
        for line in f:
            line = line.strip()
            m = re.match(r"## ([^:]+): (.*)", line)
            if m:
                groups.append((m.group(1), m.group(2).split(), []))
            elif line and not line.startswith("#"):
                groups[-1][2].append(line)
    return groups


def ksymtab(nm, path):
    """(exports, undefined) of an ELF file: __ksymtab_NAME symbols and U symbols."""
    out = subprocess.run([nm, path], check=True, capture_output=True, text=True).stdout
    exp, und = set(), set()
    for line in out.splitlines():
        p = line.split()
        if len(p) == 2 and p[0] == "U":
            und.add(p[1])
        elif len(p) == 3 and p[2].startswith("__ksymtab_") and not p[2].startswith("__ksymtab_ns_"):
            exp.add(p[2][len("__ksymtab_"):])
    return exp, und


def compare(a):
    kelp, _ = ksymtab(a.nm, a.kernel)
    groups = read_data()
    listed = {n for _, _, names in groups for n in names}
    out = ["# Kelp's exports compared with Linux's",
           "",
           "Generated by `make linux-exports` (tools/linux-exports.py from",
           "build/kelp.elf and tools/linux-exports.txt); do not edit. For each",
           "subsystem Kelp has: the Linux exports Kelp exports under the same name,",
           "the ones it does not (with the reason, where the name is not simply",
           "missing), and Kelp's own exports of that subsystem that Linux has not.",
           "docs/linux-compat.md explains the differences.",
           ""]
    total = [0, 0]
    summary = ["| subsystem | Linux exports | also Kelp's | gaps | explained |",
               "| --- | ---: | ---: | ---: | ---: |"]
    body = []
    for sub, files, names in groups:
        have = [n for n in names if n in kelp]
        miss = [n for n in names if n not in kelp]
        gaps = [n for n in miss if n not in EXPLAINED]
        expl = [n for n in miss if n in EXPLAINED]
        total[0] += len(names)
        total[1] += len(have)
        summary.append(f"| {sub} | {len(names)} | {len(have)} | {len(gaps)} | {len(expl)} |")
        body += [f"## {sub}", "", "Upstream: " + ", ".join(f"`{f}`" for f in files), ""]
        body += ["Exported by both: " + (", ".join(f"`{n}`" for n in have) or "none"), ""]
        body += ["Gaps (Linux exports, Kelp does not): " + (", ".join(f"`{n}`" for n in gaps) or "none"), ""]
        if expl:
            body += ["Not exported, by design:", ""]
            for n in expl:
                body.append(f"- `{n}`: {REASONS[EXPLAINED[n]]}")
            body.append("")
    own = sorted(kelp - listed)
    out += summary + ["", f"In all: Kelp exports {total[1]} of the {total[0]} names listed, "
                      f"and {len(own)} names Linux does not list here (last section).", ""]
    out += body
    out += ["## Kelp's own exports", "",
            "Exported by Kelp under names Linux keeps inline, spells differently or does",
            "not have: " + ", ".join(f"`{n}`" for n in own), ""]
    text = "\n".join(out)
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def check_ko(a):
    kelp, _ = ksymtab(a.nm, a.kernel)
    mods = {ko: ksymtab(a.nm, ko) for ko in a.modules}
    provided = set(kelp)
    for exp, _ in mods.values():
        provided |= exp
    bad = 0
    for ko, (_, und) in sorted(mods.items()):
        for sym in sorted(und - provided):
            print(f"{ko}: needs {sym}, which neither the kernel nor these modules export")
            bad = 1
    return bad


def extract(a):
    groups = read_data()
    with open(DATA) as f:
        head = [l for l in f.read().splitlines() if l.startswith("# ")]
    out = head[:]
    for sub, files, _ in groups:
        names = []
        for rel in files:
            try:
                text = open(os.path.join(a.tree, rel), errors="replace").read()
            except OSError as e:
                print(f"extract: {rel}: {e.strerror}", file=sys.stderr)
                continue
            for m in re.finditer(r"^EXPORT_SYMBOL(?:_GPL)?\((\w+)\)", text, re.M):
                # Linux 6.10+ exports the allocators as NAME_noprof behind
                # alloc_hooks() macros; a module's source calls NAME.
                name = re.sub(r"_noprof$", "", m.group(1))
                if name not in names:
                    names.append(name)
        out.append(f"## {sub}: {' '.join(files)}")
        out += names
    with open(DATA, "w") as f:
        f.write("\n".join(out) + "\n")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sp = ap.add_subparsers(dest="cmd", required=True)
    c = sp.add_parser("compare")
    c.add_argument("--nm", default="nm")
    c.add_argument("-o", "--output")
    c.add_argument("kernel")
    k = sp.add_parser("check-ko")
    k.add_argument("--nm", default="nm")
    k.add_argument("kernel")
    k.add_argument("modules", nargs="+")
    e = sp.add_parser("extract")
    e.add_argument("tree")
    a = ap.parse_args()
    return {"compare": compare, "check-ko": check_ko, "extract": extract}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
