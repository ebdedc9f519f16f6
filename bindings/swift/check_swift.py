"""Checks the Swift that cannot be compiled on Linux (scripts/check-swift).

iOS-only sources (UIKit, AVFoundation, os) are parsed with tree-sitter-swift (failing on syntax
errors) and may only call types and functions the generated bindings define. The README's
```swift blocks must be verbatim parts of a compiled source (Example.swift, which
scripts/test-swift compiles and runs), so the docs show code that compiles.
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
    "CameraFeed", "Date", "ISO8601DateFormatter",
    "JSONSerialization", "UInt8", "Set", "Array", "Dictionary", "Optional",
    # The bindings' own module, named to tell its Logger from os.Logger.
    "SmileIdFfi",
}


# Foundation and Objective-C runtime names the React Native glue uses.
GLUE_PLATFORM = {
    "NSDictionary", "NSNull", "NSNumber", "NSError", "NSLock", "Bundle",
    "UUID", "DispatchSemaphore", "TimeInterval", "Result", "URLResourceValues", "RunLoop", "Timer",
    "Self", "Any",
}

# UIKit, AVFoundation and Core Video names of the React Native camera screen.
GLUE_IOS = {
    "UIViewController", "UILabel", "UIProgressView", "UIButton", "UIApplication", "UIWindowScene",
    "UIInterfaceOrientationMask", "NSLayoutConstraint", "NSCoder", "NotificationCenter",
    "Notification", "UIView", "AVCaptureSession", "AVCaptureDevice", "AVCaptureDeviceInput",
    "AVCaptureVideoDataOutput", "AVCaptureVideoPreviewLayer", "AVCaptureConnection",
    "AVCaptureOutput", "CMSampleBuffer", "CMSampleBufferGetImageBuffer",
    "CMSampleBufferGetPresentationTimeStamp", "CMTimeGetSeconds", "CVPixelBufferLockBaseAddress",
    "CVPixelBufferUnlockBaseAddress", "CVPixelBufferIsPlanar", "CVPixelBufferGetPlaneCount",
    "CVPixelBufferGetBaseAddressOfPlane", "CVPixelBufferGetBaseAddress",
    "CVPixelBufferGetBytesPerRowOfPlane", "CVPixelBufferGetBytesPerRow",
    "CVPixelBufferGetHeightOfPlane", "CVPixelBufferGetHeight", "CVPixelBufferGetWidth",
    "CVPixelBufferGetPixelFormatType", "UnsafeRawPointer", "AnyObject",
}


def unknown_names(code: str, known: set):
    """Capitalised identifiers followed by `(` or `.`, and called free functions, not defined anywhere."""
    code = re.sub(r"//.*", "", code)  # comments name files and prose, not code
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', code)  # and so do string literals
    local = set(re.findall(r"\b(?:class|struct|enum|protocol|func|actor) +(\w+)", code))
    used = set(re.findall(r"(?<![\w.])([A-Z]\w+)(?=[(.<])", code))
    used |= set(n for n in re.findall(r"(?<![\w.])([a-z]\w+)(?=\()", code) if n in {"captureFromFiles", "addIdCard", "verifyCallback", "libraryVersion", "setLogger"})
    return sorted(n for n in used if n not in known and n not in PLATFORM and n not in local)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generated", required=True)
    ap.add_argument("--ios", nargs="*", default=[])
    ap.add_argument("--readme")
    ap.add_argument("--compiled", nargs="*", default=[])
    # The React Native module's Swift (react-native-module/ios): Foundation and the bindings;
    # its own types count as known across its files.
    ap.add_argument("--glue", nargs="*", default=[])
    # The module's plain Swift (compiled by scripts/test-swift): its names count as known.
    ap.add_argument("--glue-names", nargs="*", default=[])
    args = ap.parse_args()

    known = defined_names(open(args.generated, encoding="utf-8").read())
    failed = 0
    checked = 0
    glue = {p: open(p, encoding="utf-8").read() for p in args.glue}
    glue_known = known | GLUE_PLATFORM | GLUE_IOS
    glue_sources = list(glue.values()) + [open(p, encoding="utf-8").read() for p in args.glue_names]
    declared = r"\b(?:class|struct|enum|protocol|typealias) +(\w+)"
    glue_known |= set(re.findall(declared, "".join(glue_sources)))
    for path in args.ios + args.glue:
        checked += 1
        code = glue.get(path) or open(path, encoding="utf-8").read()
        found = list(problems(code.encode()))
        for line, col, kind, text in found:
            print(f"{path}:{line}:{col}: {kind}: {text!r}")
        missing = unknown_names(code, glue_known if path in glue else known)
        if missing:
            print(f"{path}: uses names the bindings do not define: {', '.join(missing)}")
        failed += bool(found or missing)
    if args.readme:
        compiled = [open(p, encoding="utf-8").read() for p in args.compiled]
        for line, code in readme_blocks(args.readme):
            checked += 1
            if not any(code in source for source in compiled):
                print(f"{args.readme}:{line}: this swift block is not part of {', '.join(args.compiled)}")
                failed += 1
    print(f"check-swift: {checked} Swift sources checked")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
