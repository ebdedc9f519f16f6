"""What makes up a shared library (scripts/bench-bindings, like cargo-bloat for a cdylib).

    python3 bloat_report.py UNSTRIPPED.so STRIPPED.so [--map LINK.map] [--model EMBEDDED_MODEL]

Prints the file sections of the stripped library by size; with the linker's map, what each
linked object brought in (C and assembly by the crate that builds them: SQLite, ring; all Rust
code is one object after LTO); then the Rust symbols (from `nm`, demangled) summed by crate, and
the largest symbols. Without a map, symbols without a Rust path are grouped by name prefix.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

# C symbol prefixes -> the crate that links them in.
C_PREFIXES = [
    ("sqlite3", "sqlite (C, rusqlite bundled)"),
    ("fts", "sqlite (C, rusqlite bundled)"),
    ("ring_core_", "ring (C/asm)"),
    ("GFp", "ring (C/asm)"),
    ("ecp_nistz256", "ring (C/asm)"),
    ("aes_", "ring (C/asm)"),
    ("chacha20_", "ring (C/asm)"),
    ("x25519", "ring (C/asm)"),
]


def sections(path):
    out = subprocess.run(["size", "-A", path], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(".") and parts[1].isdigit():
            rows.append((parts[0], int(parts[1])))
    return rows


def crate_of(name):
    """The crate a demangled symbol belongs to (the type's crate for `<T as Trait>::f`)."""
    n = name.strip()
    while n.startswith(("<", "&", "*const ", "*mut ", "dyn ", "(")):
        n = re.sub(r"^(<|&(mut )?|\*const |\*mut |dyn |\()", "", n)
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", n)
    if m:
        crate = m.group(1)
        return "std" if crate in ("core", "alloc", "std") else crate
    for prefix, crate in C_PREFIXES:
        if n.startswith(prefix):
            return crate
    return "[C/other: " + re.split(r"[_.$0-9]", n + "_", maxsplit=1)[0][:12] + "…]"


def symbols(path):
    out = subprocess.run(["nm", "-S", "--size-sort", "--defined-only", "-C", path], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4:
            _, size, kind, name = parts
            yield int(size, 16), kind, name


def mib(n):
    return f"{n / 1048576:6.2f} MiB"


def origin(path):
    """Who brought an input object into the link: a crate's archive, Rust after LTO, or the toolchain."""
    if path.startswith("<internal>"):
        return "linker (synthesised)"
    m = re.search(r"/lib(\w+?)-[0-9a-f]+\.rlib\(", path)
    if m:
        name = m.group(1)
        return {"libsqlite3_sys": "SQLite (C, rusqlite bundled)", "ring": "ring (C/asm)"}.get(name, name)
    if path.endswith(".rcgu.o") or ".rcgu.o:" in path:
        return "Rust, every crate (one object after LTO; by crate below)"
    return "C runtime and toolchain"


def map_origins(path):
    """Bytes per origin from an lld map file: every input section line `... path:(section)`."""
    totals = collections.Counter()
    line_re = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+(\S.*):\((\.[^)]*)\)$")
    with open(path) as f:
        for line in f:
            m = line_re.match(line)
            if m and not m.group(3).startswith((".debug", ".comment", ".symtab", ".strtab", ".note")):
                totals[origin(m.group(2))] += int(m.group(1), 16)
    return totals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("unstripped")
    parser.add_argument("stripped")
    parser.add_argument("--map", help="lld map file of the link (-Wl,-Map=...)")
    parser.add_argument("--model", help="the compact face model core/build.rs embeds")
    args = parser.parse_args()
    unstripped, stripped = args.unstripped, args.stripped
    rows = sorted(sections(stripped), key=lambda r: -r[1])
    total = sum(s for _, s in rows)
    print("  sections of the stripped file:")
    for name, size in rows[:8]:
        print(f"    {name:20} {mib(size)}  {100 * size / total:5.1f} %")

    by_crate = collections.Counter()
    code = data = 0
    syms = list(symbols(unstripped))
    for size, kind, name in syms:
        by_crate[crate_of(name)] += size
        if kind in "tTwW":
            code += size
        else:
            data += size
    text = dict(rows).get(".text", 0)
    rodata = dict(rows).get(".rodata", 0)
    print(f"  symbols: {mib(code)} of code in .text ({mib(text)}), {mib(data)} of named data; the rest of")
    print(f"  .rodata ({mib(rodata)}) is unnamed constants, e.g. the face model smileid_core::face embeds")
    if args.model:
        print(f"  ({mib(os.path.getsize(args.model)).strip()}: the compact form core/build.rs makes of the 1.15 MiB original)")
    if args.map:
        print("  by linked object (link map: code, data and unwind tables of every input section):")
        for name, size in map_origins(args.map).most_common(8):
            print(f"    {name:58} {mib(size)}")
        # C symbols are counted above, by the archive they came from.
        by_crate = collections.Counter({k: v for k, v in by_crate.items() if not k.startswith(("[C/other", "sqlite", "ring (C"))})
        print("  Rust crates (code and named data, from symbol names):")
    else:
        print("  largest crates (code and named data):")
    for crate, size in by_crate.most_common(15):
        print(f"    {crate:34} {mib(size)}")
    print("  largest symbols:")
    for size, kind, name in sorted(syms, reverse=True)[:8]:
        print(f"    {mib(size)}  {kind}  {name[:90]}")


if __name__ == "__main__":
    main()
