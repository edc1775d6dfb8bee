#!/usr/bin/env python3
"""tests/differential/program.py: makes a whole multi-file C program async, as asyncify.py does one
file: every function defined in the program's files becomes `async` (its definition and every
prototype of it, in headers too), every direct call of one is awaited across files, and yields go
in at statement boundaries. Functions that cannot be async stay plain by the same rules (variadic,
address taken, reserved names, attributes, setjmp and alloca), as do functions defined in a file
another unit includes (asyncc refuses them async), and so does every function a plain one calls,
wherever it is defined; it prints how many stayed plain by which rule. The source tree is copied,
never edited in place. With --combinators RATE, that share of the awaited calls written out in the
units' own files go through the task API and the combinators, as asyncify.py's (combinators.py).
With --twins, a function kept plain for a pointer or a plain caller also gets an async twin that
async code awaits (twins.py).

usage: program.py SRC_DIR OUT_DIR FILE.c... [--seed N] [--yield-rate R] [--plain NAME]... [--plain-file FILE]...
       [--yields-in NAME]... [--combinators RATE] [--twins [--twin-statics NAME]...] [-- clang flags...]
FILEs are the program's translation units, relative to SRC_DIR. Prints what it did."""
import argparse
import bisect
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import asyncify as az  # noqa: E402
import combinators  # noqa: E402
import twins  # noqa: E402

ci, K = az.ci, az.K


# What the guide refuses in an async function: functions that return twice, jumps out of frames
# (pngvalid's cexcept `Throw` in its error callbacks, twinned with --twins), and stack memory that
# a suspension loses (glibc's setjmp and alloca are macros naming these).
STACK_BOUND = {"setjmp", "_setjmp", "__sigsetjmp", "sigsetjmp", "__builtin_setjmp", "getcontext",
               "savectx", "vfork", "longjmp", "_longjmp", "siglongjmp", "__builtin_longjmp",
               "alloca", "__builtin_alloca", "__builtin_alloca_with_align",
               "__builtin_alloca_with_align_and_max"}


def enclosed(intervals):
    """A test of whether a range lies within one of INTERVALS ((start, end) pairs): sorted by
    start, with the furthest end reached so far, so that each test is a bisection, not a scan of
    every macro invocation of the file for every function (quadratic on sqlite's amalgamation)."""
    intervals = sorted(intervals)
    starts = [a for a, b in intervals]
    reach, far = [], -1
    for a, b in intervals:
        far = max(far, b)
        reach.append(far)

    def test(s, e):
        i = bisect.bisect_right(starts, s)
        return i > 0 and reach[i - 1] >= e
    return test


class Unit:
    """One translation unit: its cursors in files of the source tree, and the function keys."""

    def __init__(self, path, flags, root):
        az.load_libclang()
        self.path = os.path.realpath(path)
        self.tu = ci.Index.create().parse(path, args=flags,
                                          options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
        errs = [d for d in self.tu.diagnostics if d.severity >= ci.Diagnostic.Error]
        if errs:
            raise az.Unsupported("%s: libclang: %s" % (path, errs[0].spelling))
        self.nodes = []  # (file, cursor) for every cursor in a file under root
        for top in self.tu.cursor.get_children():
            f = self.file_of(top)
            if f and f.startswith(root + os.sep):
                self.nodes.extend((f, n) for n in az.walk(top))

    @staticmethod
    def file_of(cur):
        f = cur.location.file
        return az.real_path(f.name) if f is not None else None

    def key(self, fn):
        """A function's name across the program; a static one's is qualified by the file that
        declares it first, the same in every unit that includes that file (lz4hc.c includes
        lz4.c): the text is shared, so both units' copies are async or plain together."""
        fn = fn.canonical
        if fn.linkage == ci.LinkageKind.INTERNAL:
            return "%s:%s" % (self.file_of(fn), fn.spelling)
        return fn.spelling


def make_program(src, out, files, flags, seed=0, rate=0.3, keep_plain=(), yields_in=(), comb_rate=None,
                 twinning=False, twin_statics=(), plain_files=()):
    root = os.path.realpath(src)
    plain_files = {os.path.realpath(os.path.join(root, f)) for f in plain_files}
    units = [Unit(os.path.join(root, f), flags + ["-I" + root], root) for f in files]
    texts = {}

    def text(f):
        if f not in texts:
            texts[f] = open(f, "rb").read()
        return texts[f]

    defined, calls, why = set(), {}, {}  # why: a function kept plain by a rule -> the rule
    hard, soft = set(), set()  # kept plain by a rule other than a pointer; by a pointer
    untwinnable, unwritten = set(), {}  # the twins mode's (twins.py)

    def plain_because(k, reason):
        why.setdefault(k, reason)
        (soft if reason == "address taken" else hard).add(k)
    # A unit's file that another unit includes (lzo1y_9x.c's `#include "lzo1x_9x.c"`) holds text
    # both compile: its functions stay plain in every unit, and no twin is written into it.
    included = {f for u in units for f, c in u.nodes if f != u.path}
    for u in units:
        call_refs = set()
        # A definition a macro writes whole (brotli's `FOR_TABLE_BITS_(BAKE_METHOD_PARAM_)`
        # defines four functions with pasted names): the harness would write `async` before the
        # invocation, not in the body; they stay plain.
        expanded = {}
        for c in u.tu.cursor.get_children():
            if c.kind == K.MACRO_INSTANTIATION and u.file_of(c):
                expanded.setdefault(u.file_of(c), []).append((c.extent.start.offset, c.extent.end.offset))
        expanded = {f: enclosed(spans) for f, spans in expanded.items()}
        for f, c in u.nodes:
            if c.kind == K.FUNCTION_DECL and c.is_definition():
                k = u.key(c)
                defined.add(k)
                calls.setdefault(k, set())
                # asyncc refuses an async function defined in an included file (a header's
                # static function, lz4hc.c's `#include "lz4.c"`).
                if az.is_variadic(c) or c.spelling.startswith("__"):
                    plain_because(k, "variadic or reserved")
                elif f != u.path or f in included:
                    plain_because(k, "defined in an included file")
                elif f in expanded and expanded[f](c.extent.start.offset, c.extent.end.offset):
                    plain_because(k, "defined by a macro")
                elif f in plain_files:
                    plain_because(k, "--plain-file")
                if twinning and (f != u.path or f in included or
                                 twins.untwinnable_definition(c, text(f), twin_statics)):
                    untwinnable.add(k)
                for d in az.walk(c):
                    r = az.callee_ref(d) if d.kind == K.CALL_EXPR else None
                    if r is not None and r.referenced is not None and r.referenced.kind == K.FUNCTION_DECL:
                        calls[k].add(u.key(r.referenced))
                        if twinning and (f != u.path or twins.callee_end(d, text(f), f) is None):
                            unwritten.setdefault(k, set()).add(u.key(r.referenced))
                        # The guide refuses these in an async function (expat's minicheck runs
                        # each test under setjmp).
                        if r.referenced.spelling in STACK_BOUND:
                            plain_because(k, "setjmp, longjmp or alloca")
            elif c.kind == K.FUNCTION_DECL and twinning and twins.prototype_twin(c, text(f)) is None:
                untwinnable.add(u.key(c))
            elif c.kind == K.CALL_EXPR:
                r = az.callee_ref(c)
                if r is not None:
                    call_refs.add(r.hash)
        for f, c in u.nodes:
            if c.kind == K.DECL_REF_EXPR and c.referenced is not None and \
                    c.referenced.kind == K.FUNCTION_DECL and c.hash not in call_refs:
                plain_because(u.key(c.referenced), "address taken")
        # Attributes are read in the unit's own file (constructors, cleanups, aliases).
        own = {c.spelling: c for f, c in u.nodes if f == u.path and c.kind == K.FUNCTION_DECL and c.is_definition()}
        for n in az.attribute_plain(text(u.path), [c for f, c in u.nodes if f == u.path], own):
            plain_because(u.key(own[n]), "attribute")
    for k in defined:
        if k.split(":")[-1] in keep_plain:
            plain_because(k, "--plain")
    roots = set(why) & defined
    calls = {k: callees & defined for k, callees in calls.items()}  # libc's stay out
    twinned = set()
    if twinning:
        plain, twinned, asyncs = twins.partition(defined, calls, hard & defined, soft & defined, untwinnable,
                                                 {k: m & defined for k, m in unwritten.items()})
        roots = plain
        for k in roots:
            why[k] = why[k] if k in hard else "not twinnable"
    else:
        asyncs = defined - az.close_over_calls(roots, calls)
    counts = {}
    for k in roots:
        counts[why[k]] = counts.get(why[k], 0) + 1
    reasons = ", ".join("%d %s" % (n, r) for r, n in sorted(counts.items(), key=lambda x: -x[1]))
    reasons += ", %d called by those" % (len(defined) - len(asyncs) - len(twinned) - len(roots))
    if twinning:
        reasons += "; %d twinned" % len(twinned)
    ranges = {}  # file -> the twinned definitions' (start, end, name end)

    edits = {}  # file -> set of (offset, order, text)
    # (file, start, end) of the calls wrapped: libclang's tree holds the operand of GNU's `x ?: y`
    # twice (the condition and the value), and the combinator forms, each numbered, wrapped the
    # one call two or three times over (dash's `prefix(opt, "builtin") ?: prefix(opt, "func")`).
    wrapped = set()
    rng = random.Random(seed)
    # The combinator mode: only calls written out in a unit's own file (a header's text is
    # shared by units, whose forms would differ).
    chooser = combinators.Chooser(seed, comb_rate) if comb_rate is not None else None
    for u in units:
        files = {f for f, c in u.nodes}
        macros, defs = {}, {}  # file -> its own macros' text by range; where each invocation's macro is defined
        for c in u.tu.cursor.get_children():
            if c.kind == K.MACRO_INSTANTIATION and c.referenced is not None:
                f, d = u.file_of(c), u.file_of(c.referenced)
                if f and d and d.startswith(root + os.sep):
                    defs[(f, c.extent.start.offset)] = d
                if f and f == d and f.startswith(root + os.sep):
                    e = c.referenced.extent
                    macros.setdefault(f, {})[(c.extent.start.offset, c.extent.end.offset)] = \
                        text(f)[e.start.offset:e.end.offset]
        for f, c in u.nodes:
            if chooser is not None and f == u.path and c.kind == K.FUNCTION_DECL and c.is_definition() \
                    and u.key(c) in asyncs | twinned:
                chooser.note_function(c)
        caller = None  # the function whose body the walk is in (pre-order; C functions do not nest)
        for f, c in u.nodes:
            if c.kind == K.FUNCTION_DECL and c.is_definition():
                caller = u.key(c)
            if twinning and c.kind == K.CALL_EXPR and caller not in asyncs and caller not in twinned:
                continue  # a plain function's (twins mode): its calls stay plain
            if c.kind == K.FUNCTION_DECL and u.key(c) in asyncs:
                edits.setdefault(f, set()).add((c.extent.start.offset, 0, b"async "))
            elif c.kind == K.FUNCTION_DECL and u.key(c) in twinned:
                if c.is_definition():
                    ranges.setdefault(f, set()).add((c.extent.start.offset, c.extent.end.offset,
                                                     twins.name_end(c, text(f))))
                else:
                    at, proto = twins.prototype_twin(c, text(f))
                    edits.setdefault(f, set()).add((at, -1, proto))
            elif c.kind == K.CALL_EXPR and az.called_function(c) is not None and \
                    u.key(az.called_function(c)) in asyncs | twinned:
                if u.key(az.called_function(c)) in twinned:
                    edits.setdefault(f, set()).add((twins.callee_end(c, text(f), f), 0, twins.SUFFIX))
                try:
                    where, spots = f, az.call_range(c, text(f), macros.get(f, {}), f)
                except az.Unsupported:
                    # A call written in a macro's argument in another file of the tree; a call a
                    # macro of another file of the tree spells out (a header's ASSERT), also
                    # through a macro of this file that uses it (libyaml's READ uses the header's
                    # STRING_EXTEND): the invoked macro's file first, then the unit's others.
                    name = az.called_function(c).spelling.encode()
                    at = az.spelled_call(c, name)
                    where, spots, others = None, [], [defs.get((f, c.extent.start.offset))] + sorted(files - {f})
                    if at and at[0].startswith(root + os.sep):
                        where, spots, others = at[0], [at[1:]], []
                    for g in others:
                        spots = [r for n in az.spellings(c, name) for r in az.macro_call_ranges(text(g), n)] if g else []
                        if spots:
                            where = g
                            break
                    if not spots:
                        raise
                for s, e in spots:
                    if (where, s, e) in wrapped:
                        continue
                    wrapped.add((where, s, e))
                    before, after = "await(", ")"
                    written = (s, e) == (c.extent.start.offset, c.extent.end.offset)
                    if chooser is not None and where == u.path and written:
                        before, after = chooser.wrap(c, s)
                    edits.setdefault(where, set()).update({(s, 1, before.encode()), (e, -1, after.encode())})
        own = {c.spelling: c for f, c in u.nodes
               if f == u.path and c.kind == K.FUNCTION_DECL and c.is_definition() and u.key(c) in asyncs | twinned
               and (not yields_in or c.spelling in yields_in)}
        yields = az.yield_edits(text(u.path), set(own), own, rng, rate, list(az.YIELD_STYLES))
        edits.setdefault(u.path, set()).update(yields)

    for f, rs in ranges.items():
        edits[f] = set(twins.route(text(f), edits.get(f, set()), rs))

    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(root, out, symlinks=True)
    for f, es in edits.items():
        if not es:
            continue
        dst = os.path.join(out, os.path.relpath(f, root))
        with open(dst, "wb") as w:
            w.write(b"#include <asyncc.h>\n" + az.apply(text(f), list(es)))
    if chooser is not None:
        reasons += "; call sites: %s" % chooser.describe()
    return len(asyncs), len(defined) - len(asyncs), reasons, sorted(os.path.relpath(f, root) for f in edits if edits[f])


def main():
    argv = sys.argv[1:]
    flags = argv[argv.index("--") + 1:] if "--" in argv else []
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--yield-rate", type=float, default=0.3)
    ap.add_argument("--plain", action="append", default=[], help="keep this function plain (to reduce a failure)")
    ap.add_argument("--plain-file", action="append", default=[], metavar="FILE",
                    help="keep every function FILE defines plain (x86 intrinsic macros, which expand to clang's "
                         "builtins, in a program built by gcc: the guide's limit)")
    ap.add_argument("--yields-in", action="append", default=[], help="yields only in this function")
    ap.add_argument("--combinators", type=float, default=None, metavar="RATE",
                    help="write this share of the call sites of the units' own files as combinator forms")
    ap.add_argument("--twins", action="store_true",
                    help="give a function kept plain by a pointer an async twin that async code calls (twins.py)")
    ap.add_argument("--twin-statics", action="append", default=[], metavar="NAME",
                    help="with --twins, this function's static locals may be copied (each call writes them first)")
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    try:
        n_async, n_plain, reasons, edited = make_program(a.src, a.out, a.files, flags, a.seed, a.yield_rate, a.plain, a.yields_in, a.combinators,
                                                          a.twins, a.twin_statics, a.plain_file)
    except az.Unsupported as e:
        print("program: %s" % e, file=sys.stderr)
        return 2
    print("program: %d async functions, %d plain (%s); edited %s" % (n_async, n_plain, reasons, " ".join(edited)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
