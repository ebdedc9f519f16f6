"""Parses Swift sources with tree-sitter-swift and fails on syntax errors (scripts/check-swift).

Also checks that the hand-written Swift (the example and the README's ```swift blocks) only
calls types and functions the generated bindings define, so the docs cannot drift from the API.
"""

import argparse
import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

SWIFT = Language(tree_sitter_swift.language())


# Valid Swift that tree-sitter-swift 0.7.x does not parse, rewritten to an equivalent the grammar
# knows before parsing (same line count, so reported lines stay right). Each entry is a grammar
# gap, not a problem in the code: keep this list short and specific.
GRAMMAR_GAPS = [
    # Underscored attribute with a labelled argument (uniffi marks its internals with it).
    (re.compile(rb"@_documentation\(visibility: *private\)"), lambda m: b" " * len(m.group(0))),
    # A closure whose body is the empty tuple.
    (re.compile(rb"\{ *\(\) *\}"), lambda m: b"{ Void() }"),
]


def normalise(source: bytes) -> bytes:
    for pattern, replacement in GRAMMAR_GAPS:
        source = pattern.sub(replacement, source)
    return source


def problems(source: bytes):
    """Yields (line, column, kind, text) for every ERROR or MISSING node."""
    source = normalise(source)
    tree = Parser(SWIFT).parse(source)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_missing or node.type == "ERROR":
            kind = "MISSING " + node.type if node.is_missing else "ERROR"
            text = source[node.start_byte : node.end_byte].decode(errors="replace")[:60]
            yield node.start_point[0] + 1, node.start_point[1] + 1, kind, text
        elif node.has_error:
            stack.extend(node.children)


def readme_blocks(path: str):
    """The ```swift blocks of a Markdown file, with the line each starts on."""
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^```swift\n(.*?)^```", text, re.S | re.M):
        yield text.count("\n", 0, m.start()) + 2, m.group(1)


def defined_names(generated: str):
    """Top-level types and functions of the generated module."""
    names = set(re.findall(r"^(?:public |open )?(?:class|struct|enum|protocol|func|typealias) +(\w+)", generated, re.M))
    names |= set(re.findall(r"^public func +(\w+)", generated, re.M))
    return names


# Used by the example and README but defined by Swift or Apple's frameworks.
PLATFORM = {
    "Data", "URL", "String", "Int", "Int32", "Int64", "Float", "Double", "Bool", "Task", "Error",
    "CVPixelBuffer", "CVPixelBufferLockBaseAddress", "CVPixelBufferUnlockBaseAddress",
    "CVPixelBufferGetBaseAddress", "CVPixelBufferGetBytesPerRow", "CVPixelBufferGetWidth",
    "CVPixelBufferGetHeight", "CVPixelBufferGetDataSize", "CMSampleBuffer", "CMSampleBufferGetImageBuffer",
    "CMSampleBufferGetPresentationTimeStamp", "CMTimeGetSeconds", "FileManager", "DispatchQueue", "NSObject",
    "AVCaptureVideoDataOutputSampleBufferDelegate", "AVCaptureOutput", "AVCaptureConnection",
    "Main", "MainActor", "CancellationError", "ProcessInfo", "print", "fatalError", "min", "max",
    "Example", "SmileIdExample", "Printer", "Backend", "CameraFeed", "Date", "ISO8601DateFormatter",
    "JSONSerialization", "UInt8", "Set", "Array", "Dictionary", "Optional",
    # The bindings' own module, named to tell its Logger from os.Logger.
    "SmileIdFfi",
}


def unknown_names(code: str, known: set):
    """Capitalised identifiers followed by `(` or `.`, and called free functions, not defined anywhere."""
    local = set(re.findall(r"\b(?:class|struct|enum|protocol|func|actor) +(\w+)", code))
    used = set(re.findall(r"(?<![\w.])([A-Z]\w+)(?=[(.<])", code))
    used |= set(n for n in re.findall(r"(?<![\w.])([a-z]\w+)(?=\()", code) if n in {"captureFromFiles", "addIdCard", "verifyCallback", "libraryVersion", "setLogger"})
    return sorted(n for n in used if n not in known and n not in PLATFORM and n not in local)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generated", required=True)
    ap.add_argument("--examples", nargs="*", default=[])
    ap.add_argument("--readme")
    args = ap.parse_args()

    generated = open(args.generated, encoding="utf-8").read()
    known = defined_names(generated)
    failed = 0
    checked = 0

    units = [(args.generated, 1, generated, False)]
    units += [(p, 1, open(p, encoding="utf-8").read(), True) for p in args.examples]
    if args.readme:
        units += [(f"{args.readme} (block at line {line})", line, code, True) for line, code in readme_blocks(args.readme)]

    for name, first_line, code, hand_written in units:
        checked += 1
        found = list(problems(code.encode()))
        for line, col, kind, text in found:
            print(f"{name}:{line + first_line - 1}:{col}: {kind}: {text!r}")
        failed += bool(found)
        if hand_written:
            missing = unknown_names(code, known)
            if missing:
                print(f"{name}: uses names the bindings do not define: {', '.join(missing)}")
                failed += 1
    print(f"check-swift: {checked} Swift sources parsed")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
