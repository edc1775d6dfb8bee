"""frames_asserts.py FRAMES OUT.C: the generated code OUT.C followed by static assertions that its
frame structs are laid out as asyncc --emit=frames said (FRAMES): each listed member's offset and
size, each struct's size and alignment, and as many members as the struct declares. Compiling the
result checks them (emit/frames_plan.c)."""
import re
import sys

frames = open(sys.argv[1]).read().splitlines()
code = open(sys.argv[2]).read()
# --emit=frames shows the optimized layout: without -O0's debug copies (future.h: AC__DEBUG_KEEP),
# locals that share bytes in a union (AC__SHARED)
out = ["#define AC__DEBUG_KEEP(...)\n#define AC__SHARED union\n", code, "\n/* frames_asserts.py */\n"]
fn = None
listed = {}
for line in frames:
    m = re.match(r"  frame struct (ac__frame_\w+): (\d+) bytes, align (\d+)$", line)
    if m:
        fn = m.group(1)
        listed[fn] = 0
        out.append('_Static_assert(sizeof(struct %s) == %s, "%s: size");\n' % (fn, m.group(2), fn))
        out.append('_Static_assert(_Alignof(struct %s) == %s, "%s: alignment");\n' % (fn, m.group(3), fn))
        continue
    m = re.match(r"  +(\d+) +(\d+)  +(\w+) ", line)
    if m and fn:
        off, size, name = m.groups()
        listed[fn] += 1
        out.append('_Static_assert(__builtin_offsetof(struct %s, %s) == %s, "%s.%s: offset");\n' % (fn, name, off, fn, name))
        out.append('_Static_assert(sizeof(((struct %s *)0)->%s) == %s, "%s.%s: size");\n' % (fn, name, size, fn, name))
    elif line.startswith("  states:"):
        fn = None
if not listed:
    sys.exit("frames_asserts.py: no frame in %s" % sys.argv[1])
# Every member the generated struct declares is listed: count the declarations in its body (one
# line or many: with #line on, asyncc writes the struct on one line).
def struct_body(name):
    m = re.search(r"^(?:AC__GEN_BEGIN )?struct %s \{" % name, code, re.M)
    if not m:
        return None
    depth, i = 1, m.end()
    while depth:
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        i += 1
    return code[m.end():i - 1]


def strip_call(text, word):
    """TEXT without each `word(...)` (balanced parentheses)."""
    while word + "(" in text:
        at = text.index(word + "(")
        depth, i = 0, at + len(word)
        while True:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
            if not depth:
                break
        text = text[:at] + text[i:]
    return text


for fn, n in listed.items():
    body = struct_body(fn)
    if body is None:
        sys.exit("frames_asserts.py: struct %s is not in %s" % (fn, sys.argv[2]))
    # (not the debuggers' members, which --emit=frames leaves out: -O0's ac__dbg copies and the
    # zero-size markers ac__stale_ (lower_locals.c), ac__shared_, ac__dead_ and ac__span_ (sharing.c))
    body = re.sub(r"__extension__ char ac__(stale|shared|dead|span)_\w+\[0\];", "", strip_call(body, "AC__DEBUG_KEEP"))
    members, paren = 0, 0
    for i, ch in enumerate(body):
        paren += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and not paren and body[:i].rstrip()[-1:] != "}":
            members += 1
    if members != n:
        sys.exit("frames_asserts.py: struct %s declares %d members, --emit=frames lists %d" % (fn, members, n))
sys.stdout.write("".join(out))
