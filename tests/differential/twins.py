"""tests/differential/twins.py: program.py's --twins mode. A function whose address is taken must stay
plain (its pointers call it as a C function), and so must everything it calls; in a program built
around function pointers (sqlite's VDBE, reached through virtual-table methods; gawk's interpreter)
that leaves little async. With twins, such a function and everything it calls keep their plain
definition for the pointers and gain an async twin, NAME__twin: a copy of the definition placed
right after it, with a prototype beside each of its prototypes, that async code calls (awaited)
instead. So does everything that a function which cannot be async calls (a variadic one, one
with an attribute, setjmp, longjmp or alloca, defined in an included file or by a macro, --plain): those
stay plain only, and async code calls them as plain functions.

A function cannot be twinned, and then stays plain only, where the copy would not be the same
function: it has a static local other than a constant, a table of strings or a scalar it only
reads (the copy would have its own), names itself (`__func__`), is not
written out in a unit's own file, has a prototype not ended by its `;` (a trailing attribute, a
declarator list), crosses the edge of an `#if` (its copy would not balance), or defines or
undefines a macro inside (the copy after it sees the macros as they are after the definition:
dash's xxreadtoken ends with `#undef RETURN`, and its twin called an undeclared RETURN). A function
called other than by a call written out in the caller's body (a macro's body is shared by a plain
definition and its twin) by a twin, or a twinned function so called, stays plain only too, and
async code calls it as a plain function."""
import bisect
import re

try:
    import clang.cindex as ci
except ImportError:
    import sys
    sys.path.append("/usr/lib/python3/dist-packages")
    import clang.cindex as ci

import asyncify as az

K = ci.CursorKind
SUFFIX = b"__twin"
SELF_NAMES = re.compile(rb"\b(?:__func__|__FUNCTION__|__PRETTY_FUNCTION__)\b")
CONDITIONAL = re.compile(rb"^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b", re.M)
MACRO_CHANGE = re.compile(rb"^[ \t]*#[ \t]*(define|undef)\b", re.M)


def splits_conditional(chunk):
    """Whether the text CHUNK crosses a preprocessor conditional's edge (an `#endif`, `#else` or
    `#elif` whose `#if` is before it, or an `#if` left open): a copy of it would not balance.
    libxml2's hash.c puts an attribute the extent starts at inside `#ifdef __clang__ ... #endif`."""
    depth = 0
    for m in CONDITIONAL.finditer(chunk):
        d = m.group(1)
        if d.startswith(b"if"):
            depth += 1
        elif depth == 0:
            return True
        elif d == b"endif":
            depth -= 1
    return depth != 0


def name_end(cur, text):
    """The offset just after the name of the function CUR declares, when it is spelled there in
    TEXT (its file), else None."""
    loc = cur.location.offset
    name = cur.spelling.encode()
    return loc + len(name) if text[loc:loc + len(name)] == name else None


def callee_end(call, text, path):
    """For a call written out in the file PATH (TEXT), `name(...)` with the name spelled there: the
    offset just after the name (where the twin's suffix goes), else None."""
    fn = az.called_function(call)
    r = az.callee_ref(call)
    if fn is None or r is None or call.extent.start.file is None or r.extent.start.file is None:
        return None
    if az.real_path(call.extent.start.file.name) != path or az.real_path(r.extent.start.file.name) != path:
        return None
    name = fn.spelling.encode()
    s, e = call.extent.start.offset, call.extent.end.offset
    rs, re_ = r.extent.start.offset, r.extent.end.offset
    if text[rs:re_] != name or not az.balanced_call(text[s:e], name):
        return None
    return re_


def untwinnable_definition(cur, text, statics_ok=()):
    """Why the definition CUR (in TEXT, its unit's own file) cannot be copied as a twin, or None.
    STATICS_OK: names of functions whose static locals may be copied (program.py --twin-statics:
    the caller has read that each call writes them before it reads them)."""
    if name_end(cur, text) is None:
        return "name not spelled"
    if SELF_NAMES.search(text[cur.extent.start.offset:cur.extent.end.offset]):
        return "names itself"
    if splits_conditional(text[cur.extent.start.offset:cur.extent.end.offset]):
        return "crosses an #if"
    if MACRO_CHANGE.search(text[cur.extent.start.offset:cur.extent.end.offset]):
        return "defines a macro"
    tokens = None
    for d in az.walk(cur):
        if d.kind == K.VAR_DECL and d.storage_class == ci.StorageClass.STATIC and \
                not d.type.get_canonical().is_const_qualified() and not const_array(d.type) and \
                cur.spelling not in statics_ok:
            tokens = tokens or [t.spelling for t in cur.get_tokens()]
            if not never_written(d, tokens):
                return "static local"
    return None


WRITES = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--"}


def never_written(var, tokens):
    """Whether the static local VAR, a scalar, is only read after its initializer in the function
    (TOKENS): its name never assigned, incremented or taken the address of (`static const char
    *zInt = "...";`, which the program only reads)."""
    if var.type.get_canonical().kind not in (ci.TypeKind.POINTER, ci.TypeKind.INT, ci.TypeKind.UINT,
                                               ci.TypeKind.LONG, ci.TypeKind.ULONG, ci.TypeKind.CHAR_S,
                                               ci.TypeKind.DOUBLE):
        return False
    name = var.spelling
    seen = 0
    for i, t in enumerate(tokens):
        if t != name:
            continue
        seen += 1
        if seen == 1:
            continue  # its declaration, with the initializer
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        before = tokens[i - 1] if i else ""
        if after in WRITES or before in ("&", "++", "--"):
            return False
    return True


def const_array(t):
    """Whether T is an array (of arrays) of const elements or of pointers to const (a table of
    strings, `static const char *names[]`, which programs never write): the copy may have its own."""
    t = t.get_canonical()
    if t.kind not in (ci.TypeKind.CONSTANTARRAY, ci.TypeKind.INCOMPLETEARRAY):
        return False
    while t.kind in (ci.TypeKind.CONSTANTARRAY, ci.TypeKind.INCOMPLETEARRAY):
        t = t.element_type.get_canonical()
    return t.is_const_qualified() or (t.kind == ci.TypeKind.POINTER and t.get_pointee().is_const_qualified())


def prototype_twin(cur, text):
    """The insertion (offset, text) after the prototype CUR that declares its twin, or None where
    the prototype does not end at its `;`."""
    end = name_end(cur, text)
    s, e = cur.extent.start.offset, cur.extent.end.offset
    if end is None or not s <= end <= e or not re.match(rb"\s*;", text[e:]) or \
            splits_conditional(text[s:e]):
        return None
    return e, b"; async " + text[s:end] + SUFFIX + text[end:e]


def partition(defined, calls, hard, soft, untwinnable, unwritten):
    """(plain, twinned, asyncs): PLAIN the HARD roots, functions that cannot be async (variadic,
    ...); TWINNED the rest of what they and the SOFT roots (address taken) call, directly or not,
    and the SOFT roots: each needs its plain definition, and async code calls its twin; the rest
    async. A twinned function in UNTWINNABLE becomes a hard root, and so does a function called
    other than by a written call (UNWRITTEN: caller -> such callees; a macro's body, shared by a
    plain definition and its twin) where the caller or the callee is twinned: async code then
    calls it as a plain function. Until none does."""
    hard = set(hard)
    while True:
        twinned = az.close_over_calls(hard | set(soft), calls) - hard
        asyncs = set(defined) - hard - twinned
        worse = twinned & set(untwinnable)
        for k, callees in unwritten.items():
            if k not in hard:
                worse |= {m for m in callees - hard if k in twinned or m in twinned}
        if not worse:
            return hard, twinned, asyncs
        hard |= worse


def route(text, edits, ranges):
    """Moves the edits inside the twinned definitions' RANGES ((start, end, name end) of TEXT) into
    their copies, each inserted after its definition. Returns the edits of TEXT."""
    ranges = sorted(ranges)
    starts = [r[0] for r in ranges]
    inside = {r: [] for r in ranges}
    rest = []
    for ed in edits:
        i = bisect.bisect_right(starts, ed[0]) - 1  # definitions do not nest
        if i >= 0 and ed[0] < ranges[i][1]:
            inside[ranges[i]].append(ed)
        else:
            rest.append(ed)
    for s, e, end in ranges:
        copy = [(o - s, order, t) for o, order, t in inside[(s, e, end)]]
        copy += [(0, 0, b"async "), (end - s, 0, SUFFIX)]
        rest.append((e, -1, b"\n" + az.apply(text[s:e], copy)))
    return rest
