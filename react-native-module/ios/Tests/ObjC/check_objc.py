"""Checks the React Native module's ObjC++ and its pod without Xcode (scripts/check-swift).

1. RnSmileId.mm is compiled (syntax only, ARC, warnings as errors) with the Swift root's clang
   against the codegen'd spec header (RnSmileIdSpec.h), stand-ins for the Foundation and React
   headers it imports (stubs/, and empty ones below), and the Objective-C header Xcode would
   generate from the @objc members of the Swift half: a selector the spec base class, the
   protocol or the Swift class does not declare is an error, as in Xcode.
2. The pod's public headers (source_files minus private_header_files of RnSmileId.podspec) go
   into the umbrella header that Swift imports as a Clang module, in Objective-C, not C++: they
   are compiled that way, so one importing an Obj-C++-only header (the codegen'd spec) fails.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

# Headers the codegen'd spec imports whose declarations the module does not use.
EMPTY_STUBS = [
    "RCTRequired/RCTRequired.h",
    "RCTTypeSafety/RCTConvertHelpers.h",
    "RCTTypeSafety/RCTTypedModuleConstants.h",
    "React/RCTCxxConvert.h",
    "React/RCTManagedPointer.h",
]

CLANG_FLAGS = [
    "-fsyntax-only", "-fobjc-arc", "-fblocks", "-fobjc-runtime=ios-15.1", "-Werror",
    "-Wno-objc-root-class",
]


def split_top_level(text):
    """Splits at commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c in "([<"
        depth -= c in ")]>"
        if c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    rest = text[start:].strip()
    return parts + [rest] if rest else parts


def objc_type(swift, aliases):
    """The Objective-C type Swift exposes for a parameter or property type."""
    swift = swift.replace("@escaping", "").strip()
    swift = aliases.get(swift, swift)
    if swift.endswith(")?") and swift.startswith("(("):
        return objc_type(swift[1:-2], aliases).replace("(^)", "(^_Nullable)", 1)
    m = re.fullmatch(r"\((.*)\)\s*->\s*(\w+)", swift)
    if m:
        params = ", ".join(objc_type(p, aliases) for p in split_top_level(m.group(1))) or "void"
        return f"{objc_type(m.group(2), aliases)} (^)({params})"
    known = {"String": "NSString *", "Bool": "BOOL", "Any?": "id _Nullable", "Void": "void"}
    if swift not in known:
        raise SystemExit(f"check_objc: no Objective-C type known for Swift `{swift}`")
    return known[swift]


def swift_header(source):
    """The `@interface` Xcode generates for the @objc class of `source` (its @objc members)."""
    cls = re.search(r"@objc\((\w+)\)\s*public final class \w+: NSObject", source)
    if not cls:
        raise SystemExit("check_objc: no `@objc(Name) public final class …: NSObject` found")
    aliases = dict(re.findall(r"typealias (\w+) = (.+)", source))
    lines = [f"@interface {cls.group(1)} : NSObject"]
    for name, swift in re.findall(r"@objc public var (\w+): (.+)", source):
        block = objc_type(swift, aliases)
        nullable = "(^_Nullable)" in block
        block = block.replace("(^_Nullable)", f"(^{name})").replace("(^)", f"(^{name})", 1)
        lines.append(f"@property (nonatomic, copy{', nullable' if nullable else ''}) {block};")
    # Parameters are named types (typealiases for closures): no parentheses inside.
    funcs = re.findall(r"@objc public func (\w+)\(([^)]*)\)(?: -> (\w+))?", source)
    for name, params, ret in funcs:
        selector = f"- ({objc_type(ret or 'Void', aliases)}){name}"
        for i, param in enumerate(split_top_level(params)):
            label, rest = param.split(" ", 1) if i == 0 else param.split(":", 1)
            if i == 0:
                if label != "_":
                    raise SystemExit(f"check_objc: {name}: name its first parameter `_`")
                local, swift = rest.split(":", 1)
                selector += f":({objc_type(swift, aliases)}){local.strip()}"
            else:
                selector += f" {label}:({objc_type(rest, aliases)}){label}"
        lines.append(selector + ";")
    lines = ["#import <Foundation/Foundation.h>", "NS_ASSUME_NONNULL_BEGIN", *lines, "@end"]
    return "\n".join(lines + ["NS_ASSUME_NONNULL_END", ""])


def podspec_globs(podspec, key):
    """The patterns of `s.KEY = "…", "…"`, {a,b} alternatives expanded (as CocoaPods does)."""
    m = re.search(rf"s\.{key}\s*=\s*(.+)", open(podspec, encoding="utf-8").read())
    patterns = re.findall(r'"([^"]+)"', m.group(1)) if m else []
    expanded = []
    while patterns:
        pattern = patterns.pop()
        braces = re.search(r"\{([^{}]*)\}", pattern)
        if not braces:
            expanded.append(pattern)
            continue
        for choice in braces.group(1).split(","):
            patterns.append(pattern[: braces.start()] + choice + pattern[braces.end() :])
    return expanded


def clang(args, clang_command):
    result = subprocess.run(clang_command + args, capture_output=True, text=True)
    sys.stdout.write(result.stdout + result.stderr)
    return result.returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", required=True, help="react-native-module/")
    ap.add_argument("--codegen", required=True, help="the codegen's ios/ folder")
    ap.add_argument("--out", required=True, help="a folder for the generated headers")
    ap.add_argument("--clang", nargs="+", required=True, help="the clang command")
    args = ap.parse_args()

    ios = os.path.join(args.module, "ios")
    stubs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubs")
    for name in EMPTY_STUBS:
        path = os.path.join(args.out, "stubs", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").write("#pragma once\n")
    swift = open(os.path.join(ios, "RnSmileIdModule.swift"), encoding="utf-8").read()
    open(os.path.join(args.out, "RnSmileId-Swift.h"), "w").write(swift_header(swift))
    includes = ["-I", stubs, "-I", os.path.join(args.out, "stubs"), "-I", args.codegen,
                "-I", args.out]

    failed = 0
    mm = os.path.join(ios, "RnSmileId.mm")
    if not clang(["-x", "objective-c++", "-std=c++20", *CLANG_FLAGS, *includes, mm], args.clang):
        print(f"{mm}: does not compile against the codegen'd spec and the Swift half")
        failed += 1

    podspec = os.path.join(args.module, "RnSmileId.podspec")
    matched = lambda key: {os.path.abspath(p) for g in podspec_globs(podspec, key)
                           for p in glob.glob(os.path.join(args.module, g))}
    public = sorted(p for p in matched("source_files") - matched("private_header_files")
                    if p.endswith(".h"))
    umbrella = os.path.join(args.out, "RnSmileId-umbrella.h")
    open(umbrella, "w").write("".join(f'#import "{p}"\n' for p in public))
    if not clang(["-x", "objective-c", *CLANG_FLAGS, *includes, umbrella], args.clang):
        print(f"{podspec}: a public header is not Objective-C (Swift imports them all as a "
              "module): list it in private_header_files")
        failed += 1
    print(f"check_objc: {mm} and {len(public)} public headers of the pod checked")
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
