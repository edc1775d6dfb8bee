#!/usr/bin/env python3
"""tests/differential/asyncify.py: turns a plain C program into async C without asyncc's own code:
every function the file defines becomes `async`, every direct call of one is awaited, and
`await(ac_yield());` goes in at statement boundaries in several layouts (column 0, tabs, same line,
split over lines, with comments). Functions and calls are found with libclang's Python bindings.

Functions that cannot be async by the guide's rules stay plain: variadic ones, those whose address
is taken (async functions are not C functions of their type), and every function such a plain
function calls (a plain function cannot await); so do functions of reserved names
(`__cyg_profile_func_enter`), which code the compiler inserts calls, and functions called by
attribute (constructors, destructors, cleanups, alias and ifunc targets), and those marked `used`
or `interrupt`, which code the compiler does not see calls (gcc.dg/torture's pr68037-1 jumps to
its interrupt handler `fn` from an asm statement). The program is otherwise
untouched, so its plain build is the reference the async build is compared against.

With --combinators RATE, that share of the awaited calls written out in the file become forms that
give the call's value back through a combinator or a spawned task's join (combinators.py).

usage: asyncify.py IN.c OUT.c [--seed N] [--yield-rate R] [--style S] [--combinators RATE]
                   [-- clang flags...]"""
import argparse
import ctypes
import functools
import glob
import os
import random
import re
import subprocess
import sys

import combinators

try:
    import clang.cindex as ci
except ImportError:  # Debian's python3-clang-14, seen from another Python (pyenv, a venv)
    sys.path.append("/usr/lib/python3/dist-packages")
    import clang.cindex as ci

K = ci.CursorKind


def load_libclang():
    if ci.Config.loaded:
        return
    for pat in ("/usr/lib/llvm-14/lib/libclang-14.so*", "/usr/lib/x86_64-linux-gnu/libclang-14.so*",
                "/usr/lib/*/libclang-14.so*", "/usr/lib/llvm-*/lib/libclang.so*"):
        libs = sorted(glob.glob(pat))
        if libs:
            ci.Config.set_library_file(libs[0])
            return


class Unsupported(Exception):
    """The input uses something this transformation does not handle (reported, not a finding)."""


@functools.lru_cache(maxsize=None)
def real_path(name):
    """os.path.realpath, once a name: a unit's hundreds of thousands of cursors (sqlite's
    amalgamation) name a handful of files, and each realpath is a walk of lstat calls."""
    return os.path.realpath(name)


def walk(cur):
    yield cur
    for c in cur.get_children():
        yield from walk(c)


def is_variadic(fn):
    t = fn.type
    return t.kind == ci.TypeKind.FUNCTIONPROTO and t.is_function_variadic()


def callee_ref(call):
    """The DECL_REF_EXPR a CALL_EXPR calls directly (through implicit casts and parentheses), or
    None for a call through any other expression."""
    kids = list(call.get_children())
    if not kids:
        return None
    c = kids[0]
    while c.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR):
        sub = list(c.get_children())
        if len(sub) != 1:
            return None
        c = sub[0]
    return c if c.kind == K.DECL_REF_EXPR else None


def called_function(call):
    """The FUNCTION_DECL a CALL_EXPR calls directly, also through parentheses (`(f)(x)`, for which
    libclang's call cursor references nothing), or None."""
    r = callee_ref(call)
    f = r.referenced if r is not None else None
    if f is None or f.kind != K.FUNCTION_DECL:
        return None
    if call.referenced is not None and call.referenced.spelling != f.spelling:
        return None  # not a direct call: `go()()` calls what go() returns
    return f


ATTR_NAMED = re.compile(rb"\b(?:__)?(?:cleanup|alias|ifunc)(?:__)?\s*\(\s*\"?([\w$]+)")
ATTR_STARTUP = re.compile(rb"\b(?:__)?(?:constructor|destructor|alias|ifunc|used|interrupt)(?:__)?\b")


def attribute_plain(text, nodes, defined):
    """The defined functions a cleanup, alias or ifunc attribute names, and those declared with
    constructor, destructor, alias, ifunc, used or interrupt (in a declaration's text before any
    body)."""
    names = {m.group(1).decode() for m in ATTR_NAMED.finditer(text)}
    # An attribute spelled by a macro (discount's `void DESTRUCTOR f()`, config.h's
    # `#define DESTRUCTOR __attribute__((__destructor__))`): the macro's body says which.
    # Only the macros invoked where an attribute is: tokenizing every invocation's macro takes
    # most of the time on a large file (sqlite's amalgamation).
    heads = []  # (function, end of its head, the offsets of its attributes)
    for c in nodes:
        if c.kind == K.FUNCTION_DECL and c.spelling in defined:
            end, attrs = c.extent.end.offset, []
            for k in c.get_children():
                if k.kind == K.COMPOUND_STMT:
                    end = k.extent.start.offset
                elif k.kind == K.UNEXPOSED_ATTR:
                    attrs.append(k.extent.start.offset)
            heads.append((c, end, attrs))
    wanted = {o for c, end, attrs in heads for o in attrs}
    spelled = {}
    if wanted:
        for c in nodes:
            if c.kind == K.MACRO_INSTANTIATION and c.referenced is not None and c.extent.start.offset in wanted:
                spelled[c.extent.start.offset] = b" ".join(t.spelling.encode() for t in c.referenced.get_tokens())
    for c, end, attrs in heads:
        head = b"".join(spelled.get(o, b"") + b" " for o in attrs)
        if ATTR_STARTUP.search(text[c.extent.start.offset:end] + b" " + head):
            names.add(c.spelling)
    return names & set(defined)


def close_over_calls(plain, calls):
    """PLAIN with every function a plain one calls, directly or not (a plain function cannot
    await); CALLS maps a function to the defined functions it calls. Returns the set."""
    plain = set(plain)
    work = list(plain)
    while work:
        for m in calls.get(work.pop(), ()):
            if m not in plain:
                plain.add(m)
                work.append(m)
    return plain


def plan(path, flags, chooser=None, errors_ok=False):
    """Parses PATH; returns (text bytes, async function names, edits) where edits are
    (offset, order, text) insertions that make it async (yields are added later). CHOOSER (the
    combinator mode, combinators.py) writes what goes around each call written out in the file
    instead of await( ): a combinator or the task API that gives the call's value back.
    ERRORS_OK: a program clang rejects is made async from what libclang recovered of it
    (invalid.py's programs, which must be rejected)."""
    load_libclang()
    index = ci.Index.create()
    tu = index.parse(path, args=flags, options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    errs = [d for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errs and not errors_ok:
        raise Unsupported("libclang: %s" % errs[0].spelling)
    text = open(path, "rb").read()
    real = os.path.realpath(path)

    def mine(cur):
        f = cur.location.file
        return f is not None and os.path.realpath(f.name) == real

    nodes = [n for top in tu.cursor.get_children() if mine(top) for n in walk(top)]
    defined = {}
    for c in nodes:
        if c.kind == K.FUNCTION_DECL and c.is_definition():
            defined[c.spelling] = c
    # Which functions call which (direct calls only), and which are used other than as a callee.
    calls = {n: set() for n in defined}
    address_taken = set()
    call_refs = set()  # the DECL_REF_EXPR hashes that are the callee of a direct call

    for fname, fn in defined.items():
        for c in walk(fn):
            r = callee_ref(c) if c.kind == K.CALL_EXPR else None
            if r is not None and r.referenced is not None and r.referenced.spelling in defined:
                calls[fname].add(r.referenced.spelling)
    for c in nodes:
        if c.kind == K.CALL_EXPR:
            r = callee_ref(c)
            if r is not None:
                call_refs.add(r.hash)
    for c in nodes:
        if c.kind == K.DECL_REF_EXPR and c.referenced is not None and \
                c.referenced.kind == K.FUNCTION_DECL and c.referenced.spelling in defined and \
                c.hash not in call_refs:
            address_taken.add(c.referenced.spelling)
    # Reserved names (`__cyg_profile_func_enter`) are the implementation's hooks, called by code
    # the compiler inserts: they stay plain. So do functions the program calls as plain functions
    # by attribute (the guide refuses them async): constructors, destructors, cleanups, and what
    # alias and ifunc name.
    plain = {n for n, fn in defined.items() if is_variadic(fn) or n.startswith("__")} | address_taken
    # A function a header declares (gcc.target/i386's avx512f-check.h: `static void test_512
    # (void);`, called by the header's main) would need `async` there too, which this file's
    # edits cannot write: it stays plain.
    plain |= {c.spelling for c in tu.cursor.get_children()
              if c.kind == K.FUNCTION_DECL and c.spelling in defined and not mine(c)}
    plain |= attribute_plain(text, nodes, defined)
    # One macro invocation that defines several functions (gcc.dg/tree-ssa/bitops-1's
    # `DECLS(0,)`: f0, g0, h0...) takes one `async` before it, which makes only the first async:
    # those functions stay plain. (Prototypes of several functions in one declaration, `int f(int
    # a), g(int a), a;`, are c-testsuite 00121's documented rejection, made async as they are.)
    by_start = {}
    for c in nodes:
        if c.kind == K.FUNCTION_DECL and c.is_definition() and c.spelling in defined:
            by_start.setdefault(c.extent.start.offset, set()).add(c.spelling)
    plain |= {n for names in by_start.values() if len(names) > 1 for n in names}
    asyncs = set(defined) - close_over_calls(plain, calls)

    # Macro invocations by their range, with the text of the macro's definition.
    macros = {}
    for c in tu.cursor.get_children():
        if c.kind == K.MACRO_INSTANTIATION and mine(c) and c.referenced is not None and mine(c.referenced):
            d = c.referenced.extent
            macros[(c.extent.start.offset, c.extent.end.offset)] = text[d.start.offset:d.end.offset]
    edits = []
    wrapped = set()
    seen_decl = set()
    for c in nodes:
        if c.kind == K.FUNCTION_DECL and c.spelling in asyncs:
            off = c.extent.start.offset
            if off in seen_decl:
                continue
            seen_decl.add(off)
            edits.append((off, 0, b"async "))
    if chooser is not None:
        for name in sorted(asyncs):
            chooser.note_function(defined[name])
    for c in nodes:
        fn = called_function(c) if c.kind == K.CALL_EXPR else None
        if fn is None or fn.spelling not in asyncs:
            continue
        for s, e in call_range(c, text, macros, real):
            if (s, e) in wrapped:
                continue  # a call in a macro's body, expanded more than once
            wrapped.add((s, e))
            before, after = "await(", ")"
            if chooser is not None and (s, e) == (c.extent.start.offset, c.extent.end.offset):
                before, after = chooser.wrap(c, s)  # written out here, not by a macro
            edits.append((s, 1, before.encode()))
            edits.append((e, -1, after.encode()))
    return text, asyncs, edits, nodes, defined


def balanced_call(frag, name):
    """Whether FRAG is exactly `name ( ... )`, the parenthesis after the name closing at the end."""
    m = re.match(rb"\(*\s*" + re.escape(name) + rb"\s*\)*\s*\(", frag)
    if not m:
        return False
    depth, i = 0, m.end() - 1
    while i < len(frag):
        ch = frag[i:i + 1]
        if ch == b"(":
            depth += 1
        elif ch == b")":
            depth -= 1
            if depth == 0:
                return i == len(frag) - 1
        elif ch in (b'"', b"'"):
            i += 1
            while i < len(frag) and frag[i:i + 1] != ch:
                i += 2 if frag[i:i + 1] == b"\\" else 1
        elif frag[i:i + 2] == b"/*":  # a comment's quote is no literal (lz4's `/*don't ...*/`)
            i = frag.find(b"*/", i + 2) + 1 or len(frag)
        elif frag[i:i + 2] == b"//":
            i = frag.find(b"\n", i) if b"\n" in frag[i:] else len(frag)
        i += 1
    return False


# An expression never starts with a type keyword: `name(void)`, `name(const char *s)` in a macro's
# body declare the function.
DECLARATOR_ARGS = re.compile(rb"\s*(?:void|char|short|int|long|float|double|signed|unsigned|const|volatile|"
                             rb"struct|union|enum|_Bool|register)\b")


def macro_call_ranges(text, name):
    """Every `name(...)` written in a #define body of the file, as (start, end) byte ranges."""
    out = []
    for m in re.finditer(rb"^[ \t]*#[ \t]*define[ \t]+\w+(\([^)]*\))?((?:\\\n|[^\n])*)", text, re.M):
        out.extend(calls_in(text, m.start(2), m.end(2), name))
        params = set(re.findall(rb"\w+", m.group(1) or b""))
        out.extend(pasted_calls(text, m.start(2), m.end(2), params, name))
    return out


def pasted_calls(text, start, end, params, name):
    """Every call in the #define body TEXT[START:END] whose callee is pasted (nettle's
    `#define SIGN(hash, msg, expected) ... rsa_##hash##_sign(key, &hash, signature)`) and can
    paste to NAME, a parameter standing for any identifier, as (start, end) byte ranges."""
    out = []
    for c in re.finditer(rb"\b\w+(?:\s*##\s*\w+)+\s*\(", text[start:end]):
        parts = re.findall(rb"\w+", c.group(0))
        pattern = b"".join(rb"\w*" if p in params else re.escape(p) for p in parts)
        if re.fullmatch(pattern, name):
            close = matching_paren(text, start + c.end() - 1, end)
            if close is not None:
                out.append((start + c.start(), close + 1))
    return out


def calls_in(text, start, end, name):
    """Every `name(...)` written in TEXT[START:END], as (start, end) byte ranges of TEXT."""
    out = []
    body = text[start:end]
    for c in re.finditer(rb"\b" + re.escape(name) + rb"((?:\s*\))*)\s*\(", body):
        if DECLARATOR_ARGS.match(body, c.end()):
            continue  # a declarator (mawk's `#define YYLEX_DECL() yylex(void)`), not a call
        at = c.start()
        for _ in range(c.group(1).count(b")")):  # `(name)(...)`: from the first parenthesis
            at = body.rindex(b"(", 0, at)
        close = matching_paren(text, start + c.end() - 1, end)
        if close is not None:
            out.append((start + at, close + 1))
    return out


def matching_paren(text, at, end):
    """The offset of the `)` closing the `(` at byte AT of TEXT, before END, past string and
    character literals (nettle's `ASSERT(sexp_iterator_first(&i, LDATA("(")))`); None if none."""
    depth, i = 0, at
    while i < end:
        ch = text[i:i + 1]
        if ch in (b'"', b"'"):
            i += 1
            while i < end and text[i:i + 1] != ch:
                i += 2 if text[i:i + 1] == b"\\" else 1
        else:
            depth += {b"(": 1, b")": -1}.get(ch, 0)
            if depth == 0:
                return i
        i += 1
    return None


def invocation_calls(text, at, names):
    """The calls of any of NAMES written in the arguments of the function-like macro invoked at
    byte AT of TEXT (nettle's `assert (ecc->mul_g_itch <= _eddsa_compress_itch (ecc))`)."""
    m = re.match(rb"\w+\s*\(", text[at:])
    close = matching_paren(text, at + m.end() - 1, len(text)) if m else None
    if close is None:
        return []
    return [r for n in names for r in calls_in(text, at + m.end(), close, n)]


_ALIASES = {}  # translation unit -> {function name: [object-like macros naming it]}


def spellings(call, name):
    """NAME and the object-like macros of CALL's translation unit whose whole body is NAME, by
    which a macro's body or argument may spell the call (nettle's `#define asn1_der_iterator_next
    nettle_asn1_der_iterator_next`, named in der2rsa.c's `#define GET(i, x, l)
    (asn1_der_iterator_next((i)) == ...`)."""
    tu = call.translation_unit
    if id(tu) not in _ALIASES:
        found = {}
        for c in tu.cursor.get_children():
            if c.kind == K.MACRO_DEFINITION:
                toks = [t.spelling for t in c.get_tokens()]
                if len(toks) == 2 and re.fullmatch(r"[A-Za-z_]\w*", toks[1]):
                    found.setdefault(toks[1].encode(), []).append(toks[0].encode())
        _ALIASES[id(tu)] = (tu, found)  # the unit kept alive: its id is not reused
    return [name] + _ALIASES[id(tu)][1].get(name, [])


def spelled_call(call, name):
    """Where CALL is spelled, as (real path, start, end), when it is written whole in a macro's
    argument (`RETURN_ERROR_IF(n < bound(x), e)`): libclang's extent of such a call collapses to
    the invocation's start, but its tokens are at their spelling. None when the spelling is not
    one balanced `name(...)` of one file outside any #define (a call a macro's body writes)."""
    toks = list(call.get_tokens())
    if not toks:
        return None
    a, b = toks[0].extent.start, toks[-1].extent.end
    if a.file is None or b.file is None or a.file.name != b.file.name:
        return None
    path = os.path.realpath(a.file.name)
    text = combinators.source(path)  # read once: spelled_call asks for the same file at many calls
    if text is None:
        return None
    s, e = a.offset, b.offset
    if not any(balanced_call(text[s:e], n) for n in spellings(call, name)) or in_define(text, s):
        return None
    return path, s, e


def in_define(text, off):
    """Whether byte OFF of TEXT is inside a #define (on its line or a backslash-continued one)."""
    start = text.rfind(b"\n", 0, off) + 1
    while start > 1 and text[start - 2:start - 1] == b"\\":
        start = text.rfind(b"\n", 0, start - 1) + 1
    return re.match(rb"[ \t]*#[ \t]*define\b", text[start:]) is not None


def call_range(call, text, macros, path=None):
    """The byte ranges to wrap in await( ) for CALL: the call as written; for a call that a macro
    of the file writes, the call in the macro's body; for a macro whose whole body is a call of
    one of its parameters (`#define CALL(f, ...) f(__VA_ARGS__)`), the macro's invocation; for a
    call written in a macro's argument, the call there (in PATH, TEXT's real path, when given).
    Raises Unsupported otherwise."""
    name = called_function(call).spelling.encode()
    s, e = call.extent.start.offset, call.extent.end.offset
    inv = macros.get((s, e))
    r = callee_ref(call)
    if inv is None:
        # A macro of another file named as the function (`#define getc(f) (... : (getc)(f))`)
        # spells its own call: the callee's extent is then the whole invocation, not the name.
        # The callee may be spelled as an object-like macro that names the function
        # (lz4cli.c's `#define DEFAULT_DECOMPRESSOR LZ4IO_decompressFilename`).
        callee = text[r.extent.start.offset:r.extent.end.offset]
        if re.fullmatch(rb"\w+", callee) and balanced_call(text[s:e], callee):
            return [(s, e)]
        # A name a macro pastes (pcre2's `PRIV(xclass)(c, data, utf)`, `_pcre2_xclass_8`): the
        # callee is the macro's invocation, the call is it and its arguments.
        m = re.fullmatch(rb"(\w+)\s*\(\s*\w+\s*\)", callee)
        if m and text[s:e].startswith(callee) and balanced_call(b"X" + text[s + len(callee):e], b"X"):
            return [(s, e)]
    else:
        # Not when the body calls the function by its name (xxhash.c's `#define XXH_get64bits(p)
        # XXH_readLE64_align(p, endian, align)`): that call is awaited in the body below, once
        # for every invocation, also those inside other macros.
        # Nor when the body names another function-like macro of the file (oniguruma's
        # `#define STACK_PUSH_ALT(pat,s) STACK_PUSH(STK_ALT,pat,s)`, a do-while statement
        # whose STACK_ENSURE calls stack_double): the call is in that macro's body.
        body = re.sub(rb"^\s*(?:#\s*define\s+)?\w+(\([^)]*\))?", b"", inv).strip()
        callee = re.match(rb"\w+", body)
        # Nor when the body spells the call of the function inside the outer call's arguments
        # (mawk's `#define free_hashnode(p) zfree(delete(p->symtab.name), sizeof(HASHNODE))`).
        if re.match(rb"\w+\s*\(", body) and callee.group(0) != name and balanced_call(body, callee.group(0)) \
                and not re.search(rb"\b" + re.escape(name) + rb"\s*\(", body) \
                and not re.search(rb"^[ \t]*#[ \t]*define[ \t]+" + callee.group(0) + rb"\(", text, re.M):
            return [(s, e)]
        # Or of a name it pastes (pcre2test's `#define SUB1(a,b) G(a,8)(G(b,8))`).
        pasted = re.match(rb"\w+\s*\([^()]*\)", body)
        if pasted and balanced_call(b"X" + body[pasted.end():], b"X"):
            return [(s, e)]
    at = spelled_call(call, name)
    if at is not None and (path is None or at[0] == path):
        return [at[1:]]
    for n in spellings(call, name):
        spots = macro_call_ranges(text, n)
        if spots:
            return spots
    # A call in a macro's argument whose name is an object-like macro too (`_eddsa_compress_itch`
    # naming `_nettle_eddsa_compress_itch`): libclang collapses its extent, with no tokens, to
    # the invocation's start; every such call written in the invocation's arguments.
    if s == e and (path is None or call.extent.start.file is not None and
                   os.path.realpath(call.extent.start.file.name) == path):
        spots = invocation_calls(text, s, spellings(call, name))
        if spots:
            return spots
    raise Unsupported("a call of %s that no macro of the file spells out (line %d)" %
                      (name.decode(), call.location.line))


YIELD_STYLES = {
    # name: a function of rng giving the text to insert before a statement
    "inline": lambda r: b"await(ac_yield()); ",
    "col0": lambda r: b"\nawait(ac_yield());\n",
    "tabs": lambda r: b"\n\t\tawait(ac_yield());\n",
    "split": lambda r: b"\n  await(\n      ac_yield()\n  );\n",
    "comments": lambda r: r.choice([b"/* y */ await(ac_yield()); ", b"await(/* c */ ac_yield()); /* y */\n",
                                    b"await( ac_yield() ) ; // y\n", b"\nawait (ac_yield());// y\n"]),
}


C90_STDS = {"c89", "c90", "gnu89", "gnu90", "iso9899:1990", "iso9899:199409"}


def is_c90(flags):
    """Whether the clang/gcc FLAGS select C90, where a declaration cannot follow a statement."""
    std = None
    for f in flags:
        if f.startswith("-std="):
            std = f[5:]
        elif f == "-ansi":
            std = "c90"
    return std in C90_STDS


def reads_thread_local(text, fn):
    """Whether the body of FN names errno or a variable declared thread-local."""
    s, e = fn.extent.start.offset, fn.extent.end.offset
    if re.search(rb"\berrno\b", text[s:e]):
        return True
    return any(n.kind == K.DECL_REF_EXPR and n.referenced is not None and
               n.referenced.kind == K.VAR_DECL and n.referenced.tls_kind != ci.TLSKind.NONE
               for n in walk(fn))


JUMPS = (K.BREAK_STMT, K.CONTINUE_STMT, K.RETURN_STMT, K.GOTO_STMT, K.INDIRECT_GOTO_STMT)


def yield_edits(text, asyncs, defined, rng, rate, styles, col0=True, c90=False):
    """Insertions of `await(ac_yield());` before statements of the async functions' compound
    statements (never before a case label or the first statement of a switch body, where an
    extra statement would change which warnings fire; in C90, never before a declaration, which
    cannot follow a statement there), and sometimes before a closing brace. None in a function with
    a local register variable (`register long p asm("rdi") = x;`): it holds its register up to the
    asm that reads it only if no call comes between (GCC's documentation), and a yield is a call
    (gcc.dg pr33619.c aborted made async: the program's limit, not asyncc's)."""
    edits = []

    def compounds(cur, parent):
        if cur.kind == K.COMPOUND_STMT:
            yield cur, parent
        for c in cur.get_children():
            yield from compounds(c, cur)

    for fname in sorted(asyncs):
        if any(c.kind == K.ASM_LABEL_ATTR for c in walk(defined[fname])):
            continue
        # None in a function that reads errno or a thread-local variable: a yield between the
        # write and the read (jq's `stat(...); if (... errno == ENOENT)`, its `__thread`
        # sort_cmp_state set before qsort and read after) may resume the task on another
        # thread, with another errno (asyncc warns, -Wasync-thread-local-across-await). Their
        # yields are drawn all the same, so that the seeds' other draws stay as they were.
        quiet = reads_thread_local(text, defined[fname])
        for c, parent in compounds(defined[fname], None):
            s, e = c.extent.start.offset, c.extent.end.offset
            if text[s:s + 1] != b"{" or text[e - 1:e] != b"}":
                continue  # a block that a macro expands to: no statement boundary in the text
            kids = list(c.get_children())
            in_switch = any(k.kind in (K.CASE_STMT, K.DEFAULT_STMT) for k in kids)
            for i, k in enumerate(kids):
                if k.kind in (K.CASE_STMT, K.DEFAULT_STMT) or (in_switch and i == 0):
                    continue
                if c90 and k.kind == K.DECL_STMT:
                    continue
                # A statement that starts inside or at the end of the one before it comes from
                # the same macro's expansion (`if (c) RETURN(x);` with RETURN's `{...};`: the
                # `;` is a statement of its own whose extent is the invocation, and a yield there
                # would become the if's body; a macro of several statements): no boundary there.
                start = k.extent.start.offset
                if i and start <= kids[i - 1].extent.end.offset or \
                        re.match(rb"\w", text[start - 1:start]):
                    continue
                # Not between a pragma and the statement it annotates (`#pragma omp simd` or
                # `GCC unroll` before a loop: gcc.dg/vect's pr59591-2; drawn all the same).
                before = text[kids[i - 1].extent.end.offset if i else s + 1:start]
                pragma = re.search(rb"#\s*pragma\b|\b_Pragma\b", before) is not None
                if rng.random() < rate:
                    y = YIELD_STYLES[rng.choice(styles)](rng)
                    if not quiet and not pragma:
                        edits.append((start, 2, y))
            # Not at the end of a statement expression: its last statement is its value.
            stmt_expr = parent is not None and parent.kind.is_expression()
            # Nor after a jump: it never runs, and before the next case label (a `case X: {
            # ...; break; }`) gcc takes it for a statement that falls through
            # (-Wimplicit-fallthrough, jq's execute.c).
            jumps = kids and kids[-1].kind in JUMPS
            # (The yield is drawn all the same: the seeds' other draws stay as they were.)
            if not in_switch and not stmt_expr and rng.random() < rate / 2:
                y = YIELD_STYLES[rng.choice(styles)](rng)
                if not jumps and not quiet:
                    edits.append((c.extent.end.offset - 1, 2, y))
    if c90:
        edits = [(o, r, t.replace(b"// y\n", b"/* y */\n")) for o, r, t in edits]  # C90 has no // comments
    if not col0:
        # Keep every yield off column 0 (to look past a known column-0 bug).
        edits = [(o, r, b" " + t.replace(b"\n", b"\n ")) for o, r, t in edits]
    return edits


def apply(text, edits):
    # At one offset: closing parens first (order -1), then yields (2), then `async ` (0) of a
    # block-scope prototype that starts the statement, or `await(` (1) of a call that does.
    # Sorted so that later offsets go first.
    rank = {-1: 0, 2: 1, 0: 2, 1: 3}
    out = bytearray(text)
    for off, order, ins in sorted(edits, key=lambda e: (e[0], rank[e[1]]), reverse=True):
        out[off:off] = ins
    return bytes(out)


# ColumnLimit stays 0: with a limit, clang-format takes minutes on csmith's deep expressions.
CLANG_FORMAT_STYLES = [
    "{BasedOnStyle: GNU, SortIncludes: false, ColumnLimit: 0}",
    "{BasedOnStyle: WebKit, SortIncludes: false, ColumnLimit: 0}",
    "{BasedOnStyle: LLVM, SortIncludes: false, IndentWidth: 0, ContinuationIndentWidth: 0, ColumnLimit: 0}",
    "{BasedOnStyle: Mozilla, SortIncludes: false, AllowShortBlocksOnASingleLine: Always, "
    "AllowShortIfStatementsOnASingleLine: AllIfsAndElse, AllowShortLoopsOnASingleLine: true, ColumnLimit: 0}",
    "{BasedOnStyle: LLVM, SortIncludes: false, UseTab: Always, IndentWidth: 8, TabWidth: 8, ColumnLimit: 0}",
]


def reformat(src, style):
    # A generous wall-time limit: at nice 19 on a loaded machine clang-format may get a sliver of a core.
    for exe in ("clang-format-14", "clang-format"):
        try:
            return subprocess.run([exe, "--style=" + style], input=src, capture_output=True,
                                  check=True, timeout=1800).stdout
        except FileNotFoundError:
            continue
    raise Unsupported("clang-format is not installed")


def asyncify(path, flags, seed=0, rate=0.3, styles=None, fmt=None, col0=True, comb_rate=None,
             errors_ok=False):
    """Returns (async source bytes, description). fmt: None, or an index into CLANG_FORMAT_STYLES
    (-1: choose by seed, sometimes none). comb_rate: the combinator mode's share of call sites
    written as a combinator form (combinators.py), None for plain awaits only."""
    rng = random.Random(seed)
    chooser = combinators.Chooser(seed, comb_rate) if comb_rate is not None else None
    text, asyncs, edits, nodes, defined = plan(path, flags, chooser, errors_ok)
    styles = styles or list(YIELD_STYLES)
    edits += yield_edits(text, asyncs, defined, rng, rate, styles, col0, is_c90(flags))
    out = b"#include <asyncc.h>\n" + apply(text, edits)
    desc = "%d async functions, %d plain" % (len(asyncs), len(defined) - len(asyncs))
    if chooser is not None:
        desc += "; call sites: %s" % chooser.describe()
    if fmt == -1:
        fmt = rng.randrange(len(CLANG_FORMAT_STYLES) + 2) - 2
        fmt = None if fmt < 0 or (not col0 and "IndentWidth: 0" in CLANG_FORMAT_STYLES[fmt]) else fmt
    if fmt is not None:
        try:
            out = reformat(out, CLANG_FORMAT_STYLES[fmt])
            desc += ", clang-format %s" % CLANG_FORMAT_STYLES[fmt]
        except subprocess.CalledProcessError as e:
            # Killed at its CPU limit (the harness's, which it inherits): the combinator forms'
            # statement expressions nested in csmith's long expressions take clang-format minutes
            # (csmith seed 67, default size). The program is kept as asyncify wrote it.
            desc += ", clang-format %s gave up (exit %s): not reformatted" % (CLANG_FORMAT_STYLES[fmt], e.returncode)
    return out, desc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--yield-rate", type=float, default=0.3)
    ap.add_argument("--style", action="append", choices=list(YIELD_STYLES))
    ap.add_argument("--format", type=int, default=None, help="clang-format style index, -1 random")
    ap.add_argument("--no-col0", action="store_true", help="keep every inserted yield off column 0")
    ap.add_argument("--combinators", type=float, default=None, metavar="RATE",
                    help="write this share of call sites as combinator forms (combinators.py)")
    ap.add_argument("--errors-ok", action="store_true",
                    help="make async a program clang rejects, from what libclang recovered of it")
    argv = sys.argv[1:]
    flags = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    try:
        out, desc = asyncify(a.input, flags, a.seed, a.yield_rate, a.style, a.format, not a.no_col0,
                             a.combinators, a.errors_ok)
    except Unsupported as e:
        print("asyncify: %s: %s" % (a.input, e), file=sys.stderr)
        return 2
    open(a.output, "wb").write(out)
    print(desc, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
