#!/usr/bin/env python3
"""check_limits.py ROOT: the guide's list of refusals and the transpiler's errors cannot drift.

Every error message the transpiler can raise about the user's code (each dg_error,
dg_error_node or dg_diag_node(..., "error", ...) format string in transpiler/*.c, lint.c's
warnings aside) must be a row of the table in docs/guide.md's "What the transpiler rejects"
section, and every message of that table must be one the transpiler raises; each must also be
checked by a negative test under tests/transpiler (the start of its first fixed part appears
there). A
%-conversion in the code matches any text of the guide's row, which writes `%s` for a name.

Refusals come from the checking pass, before any code is generated: an error raised by a file
that generates code (lower_*.c, output.c, branches.c, debug_names.c) is a problem. Where the
code generation meets what the checks should have refused, it calls dg_unchecked (diag.c): an
"internal error" is asyncc's bug, never a refusal, so it is no row and the guide lists none."""
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
CALL = re.compile(r"\b(dg_error_node|dg_error|dg_diag_node|dg_diag_at)\s*\(")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
CONV = re.compile(r"%[-+ #0-9.]*(?:z|l|ll|h)?[sdui]")


def generates_code(name):
    return name.startswith("lower") or name in ("output.c", "branches.c", "debug_names.c")


def call_args(text, start):
    """The text of a call's arguments, from the '(' at start to its matching ')'."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == '"':
            m = STRING.match(text, i)
            i = m.end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return text[start + 1:]


def formats():
    """(format, file:line) of every error the transpiler raises about the user's code."""
    found = []
    for path in sorted(glob.glob(os.path.join(root, "transpiler", "*.c"))):
        name = os.path.basename(path)
        # diag.c: the functions themselves; lint.c, falloff.c: warnings (errors only under -Werror)
        if name in ("diag.c", "lint.c", "falloff.c"):
            continue
        text = open(path, encoding="utf-8").read()
        for m in CALL.finditer(text):
            args = call_args(text, m.end() - 1)
            if m.group(1) in ("dg_diag_node", "dg_diag_at") and '"error"' not in args:
                continue
            # the format: the first run of adjacent string literals
            parts, pos = [], None
            for s in STRING.finditer(args):
                if pos is not None and args[pos:s.start()].strip():
                    break
                if m.group(1) in ("dg_diag_node", "dg_diag_at") and s.group(1) in ("error", "warning"):
                    continue
                parts.append(s.group(1))
                pos = s.end()
            fmt = bytes("".join(parts), "utf-8").decode("unicode_escape")
            line = text.count("\n", 0, m.start()) + 1
            found.append((fmt, "%s:%d" % (name, line)))
    return found


def guide_messages():
    text = open(os.path.join(root, "docs", "guide.md"), encoding="utf-8").read()
    start = text.index("## What the transpiler rejects")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else len(text)]
    messages = []
    for row in section.splitlines():
        if not row.startswith("|") or row.startswith("|---") or row.startswith("| what"):
            continue
        last = row.rstrip().rstrip("|").rsplit(" | ", 1)[-1]
        for m in re.finditer(r"``\s?(.+?)\s?``|`([^`]+)`", last):
            messages.append(m.group(1) or m.group(2))
    return messages


def pattern(fmt):
    out, pos = "", 0
    for m in CONV.finditer(fmt):
        out += re.escape(fmt[pos:m.start()]) + ".+?"
        pos = m.end()
    return re.compile(out + re.escape(fmt[pos:]))


def tests_text():
    chunks = []
    for path in glob.glob(os.path.join(root, "tests", "transpiler", "**", "*.c"), recursive=True):
        if os.sep + "Output" + os.sep in path:  # lit's temporaries
            continue
        chunks.append(open(path, encoding="utf-8", errors="replace").read())
    return "\n".join(chunks)


def main():
    codes, guide, tests = formats(), guide_messages(), tests_text()
    problems = []
    if not codes or not guide:
        problems.append("found %d error formats in transpiler/ and %d messages in the guide" % (len(codes), len(guide)))
    for fmt, where in codes:
        if not any(pattern(fmt).fullmatch(g) for g in guide):
            problems.append("%s: error not in the guide's table of refusals: %s" % (where, fmt))
        # the start of its first fixed part: CHECK lines often stop after the first clause
        fixed = re.split(r"[:;]", [f.strip() for f in CONV.split(fmt) if len(f.strip()) >= 6][0])[0][:28]
        if fixed not in tests:
            problems.append("%s: no test under tests/transpiler checks: %s" % (where, fmt))
    for g in guide:
        if not any(pattern(fmt).fullmatch(g) for fmt, _ in codes):
            problems.append("docs/guide.md: the table lists a message the transpiler never raises: %s" % g)
        if g.startswith("internal error"):
            problems.append("docs/guide.md: an internal error is asyncc's bug, not a refusal: %s" % g)
    for fmt, where in codes:
        if generates_code(where.split(":")[0]):
            problems.append("%s: raised while the code is generated; raise it in check.c (and dg_unchecked "
                            "there): %s" % (where, fmt))
    for p in problems:
        print(p)
    print("%d error formats, %d messages in the guide, %d problems" % (len(codes), len(guide), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
