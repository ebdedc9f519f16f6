"""What makes up a shared library (scripts/bench-bindings, like cargo-bloat for a cdylib).

    python3 bloat_report.py UNSTRIPPED.so STRIPPED.so [EMBEDDED_MODEL]

Prints the file sections of the stripped library by size, then the unstripped library's symbols
(from `nm`, demangled) summed by crate, and the largest symbols. Symbols without a Rust path are
C or assembly linked in by a crate (SQLite, ring, zlib-rs...) and are grouped by name prefix.
"""

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


def main():
    unstripped, stripped = sys.argv[1], sys.argv[2]
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
    if len(sys.argv) > 3:
        print(f"  ({mib(os.path.getsize(sys.argv[3])).strip()}: the compact form core/build.rs makes of the 1.15 MiB original)")
    print("  largest crates (code and named data):")
    for crate, size in by_crate.most_common(15):
        print(f"    {crate:34} {mib(size)}")
    print("  largest symbols:")
    for size, kind, name in sorted(syms, reverse=True)[:8]:
        print(f"    {mib(size)}  {kind}  {name[:90]}")


if __name__ == "__main__":
    main()
