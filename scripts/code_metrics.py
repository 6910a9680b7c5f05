#!/usr/bin/env python3
"""Size and documentation figures for the Swift sources, for reviews and closing notes.

    python3 scripts/code_metrics.py            # summary of Sources/
    python3 scripts/code_metrics.py --undocumented DeZero/Data   # list what lacks a /// comment
    python3 scripts/code_metrics.py --sources OTHER/Sources      # another checkout's figures

Figures:
- lines per module (all lines of .swift/.c/.h files under Sources/<module>, and the code lines
  among them: neither blank nor only a comment);
- the largest files and the longest functions (a `func`, `init` or `subscript` body, counted
  from its first line to its closing brace by brace matching, strings and comments skipped);
- the documented share of public declarations: a line that declares something `public` or
  `open` (not an `extension`, not an `override`, whose documentation DocC inherits) counts as
  documented when the nearest line above it that is not an attribute is a `///` comment or the
  end of a `/** … */` block.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
LIBRARY_MODULES = ("DeZeroArray", "DeZero", "DeZeroCLI")

DECL = re.compile(
    r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|open|final|static|class|mutating|nonmutating|convenience|required|indirect|"
    r"lazy|nonisolated|@\w+)\s+|(?:public|open)\s*\(set\)\s+|internal\(set\)\s+|private\(set\)\s+)*"
)
PUBLIC = re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:[\w()]+\s+)*?(public|open)\s")
FUNC_START = re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:[\w()]+\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|subscript\s*[(<])")


def source_files(base):
    for dirpath, _, names in os.walk(base):
        for name in sorted(names):
            if name.endswith((".swift", ".c", ".h")):
                yield os.path.join(dirpath, name)


def strip_code(line, state):
    """The line with strings and comments blanked; `state` carries /* */ across lines."""
    out, i, n = [], 0, len(line)
    while i < n:
        if state["block"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            state["block"], i = False, end + 2
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"], i = True, i + 2
            continue
        if c == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    """(length, first line, name) of each function-like body in a Swift file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    state = {"block": False}
    code = [strip_code(l, state) for l in lines]
    found = []
    for i, text in enumerate(code):
        m = FUNC_START.match(text)
        if not m:
            continue
        depth, started = 0, False
        for j in range(i, len(code)):
            for ch in code[j]:
                if ch == "{":
                    depth += 1
                    started = True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                found.append((j - i + 1, i + 1, m.group(1).strip("(< ")))
                break
            if not started and j > i + 8:
                break
    return found


def public_declarations(path):
    """(line number, documented?, text) of each public declaration in a Swift file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    result = []
    for i, line in enumerate(lines):
        if not PUBLIC.match(line):
            continue
        words = re.sub(r"\(.*", "", line).split()
        if "extension" in words or "override" in words or "import" in words:
            continue
        k = i - 1
        while k >= 0 and lines[k].strip().startswith("@"):
            k -= 1
        above = lines[k].strip() if k >= 0 else ""
        result.append((i + 1, above.startswith("///") or above.endswith("*/"), line.strip()))
    return result


def rel(path):
    return os.path.relpath(path, ROOT)


def code_lines(path):
    """Lines that are neither blank nor only a comment."""
    state, count = {"block": False}, 0
    for line in open(path, encoding="utf-8").read().split("\n"):
        count += bool(strip_code(line, state).strip())
    return count


def main():
    global ROOT
    if len(sys.argv) > 2 and sys.argv[1] == "--sources":
        ROOT = os.path.abspath(sys.argv[2])
        del sys.argv[1:3]
    if len(sys.argv) > 2 and sys.argv[1] == "--undocumented":
        for path in source_files(os.path.join(ROOT, sys.argv[2])):
            if path.endswith(".swift"):
                for line, documented, text in public_declarations(path):
                    if not documented:
                        print(f"{rel(path)}:{line}: {text}")
        return
    print("lines per module")
    for module in sorted(os.listdir(ROOT)):
        files = list(source_files(os.path.join(ROOT, module)))
        total = sum(len(open(f, encoding="utf-8").read().split("\n")) - 1 for f in files)
        code = sum(code_lines(f) for f in files)
        print(f"  {module:16} {total:6} lines ({code:5} code) in {len(files)} files")
    everything = [f for f in source_files(ROOT)]
    sizes = sorted(((len(open(f, encoding="utf-8").read().split("\n")) - 1, rel(f)) for f in everything), reverse=True)
    print("largest files")
    for size, name in sizes[:8]:
        print(f"  {size:5}  {name}")
    funcs = sorted(((n, rel(f), line, name) for f in everything if f.endswith(".swift") for n, line, name in functions(f)), reverse=True)
    print(f"longest functions (of {len(funcs)}; median {funcs[len(funcs) // 2][0]} lines)")
    for n, name, line, fname in funcs[:8]:
        print(f"  {n:5}  {name}:{line} {fname}")
    print("documented public declarations")
    grand = [0, 0]
    areas = {}
    for module in LIBRARY_MODULES:
        for path in source_files(os.path.join(ROOT, module)):
            if not path.endswith(".swift"):
                continue
            parts = rel(path).split(os.sep)
            area = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
            for _, documented, _ in public_declarations(path):
                counts = areas.setdefault(area, [0, 0])
                counts[0] += documented
                counts[1] += 1
                grand[0] += documented
                grand[1] += 1
    for area, (d, n) in sorted(areas.items()):
        print(f"  {area:28} {d:4}/{n:<4} {100 * d / n:5.1f}%")
    print(f"  {'all library modules':28} {grand[0]:4}/{grand[1]:<4} {100 * grand[0] / max(grand[1], 1):5.1f}%")


if __name__ == "__main__":
    main()
