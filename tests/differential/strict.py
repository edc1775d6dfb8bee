#!/usr/bin/env python3
"""tests/differential/strict.py: asyncc's output must build as cleanly as its source. Each input (the
samples, c-testsuite's programs and csmith programs made async by asyncify.py) is compiled under
strict warning sets (gcc's list below; clang-14's -Weverything) for each -std, twice: its
sequential build (the same source as plain C: await(e) is e) and asyncc's output. A warning of the
output that the sequential build does not give at the same line with the same flag is a finding:
what the user's -Werror would stop. Flags the output cannot honour are listed in UNHONOURED (and in
docs/guide.md's Limits), with the reason.

usage: strict.py [--build DIR] [--out DIR] [--only samples|ctestsuite|csmith,...] [--stds c90,...]
                   [--every N] [--cc gcc|clang|both] [--names N,N] [-j J] [--ci]
--ci: the subset ctest runs (every sample under every -std it builds in; a rotating fraction of
c-testsuite; two small csmith seeds); exits 1 on any finding."""
import argparse
import glob
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402

STDS = ["c90", "gnu89", "c99", "c11", "c17", "c2x"]

# gcc 12's warnings beyond -Wall -Wextra that a strict project may turn on, one by one.
GCC_WARN = """-Wall -Wextra -Wpedantic -Wshadow -Wdeclaration-after-statement -Wstrict-prototypes
-Wmissing-prototypes -Wmissing-declarations -Wredundant-decls -Wcast-qual -Wcast-align=strict
-Wwrite-strings -Wundef -Winline -Wconversion -Wsign-conversion -Wfloat-equal -Wswitch-enum
-Wswitch-default -Wold-style-definition -Wnested-externs -Wbad-function-cast -Wjump-misses-init
-Wlogical-op -Wduplicated-cond -Wduplicated-branches -Wnull-dereference -Wformat=2 -Wvla
-Wunused-macros -Wc++-compat -Wdouble-promotion -Wpointer-arith -Winit-self -Wmissing-noreturn
-Wunsuffixed-float-constants -Walloca -Wshift-overflow=2 -Wstrict-overflow=2 -Wimplicit-fallthrough=5
-Wmissing-include-dirs -Wstrict-aliasing=2 -Wuninitialized -Wmaybe-uninitialized -Wtrampolines
-Wformat-signedness -Warith-conversion -Wunused -Wunused-const-variable=2 -Wvector-operation-performance
-Wdisabled-optimization -Wmissing-field-initializers -Wopenmp-simd -Wstack-protector
-Wunused-but-set-variable -Wunused-local-typedefs -Wmissing-format-attribute -Wsuggest-attribute=format
-Wpacked -Wnormalized=nfkc -Wlong-long -Wc90-c99-compat -Wc99-c11-compat -Wc11-c2x-compat
-Wabsolute-value -Wenum-conversion""".split()

# clang-14: everything, less what it has no meaning for C code (C++ compatibility).
CLANG_WARN = ["-Weverything"]

# Flags no output of asyncc can honour, with the reason (docs/guide.md's Limits says the same).
# They stay off in both builds.
UNHONOURED = {
    "-Wjump-misses-init": ("gcc", "a suspended function resumes by a jump to the await it stopped at, past the "
                          "initializers of the locals declared before it in its blocks (their values come "
                          "back from the frame); also part of -Wc++-compat"),
    "-Wunreachable-code": ("clang", "clang reports the program's own dead code (a branch of a constant "
                                    "condition, an await after a return) region by region, and the output "
                                    "splits a dead region of the source into several (the output's own end "
                                    "after an endless loop is quiet: run/strict_warnings.c)"),
}

# clang says -Wdeclaration-after-statement once per block, of its first mixed declaration, which
# may be another one in the output (a declaration whose variable moved into the frame is a
# statement there): counted as new only when the plain build never says it.
ONCE_PER_BLOCK = {"-Wdeclaration-after-statement"}

# asyncify.py's yields mix tabs and spaces (one of its layouts), which makes the program's own
# indentation misleading where clang's count of columns says so in the output and not in the
# reference (a statement there starts with `(`): the harness's text, as in harness.py.
NOT_OURS = {"-Wmisleading-indentation"}


# Honoured for what asyncc writes, not for what the program's own text becomes: on in
# tests/transpiler/strict.sh (STRICT_ALL=1), whose program has no such text.
PARTIAL = {"-Wunreachable-code"}


def unhonoured(cc):
    off = [f for f in UNHONOURED if not (os.environ.get("STRICT_ALL") and f in PARTIAL)]
    return ["-Wno-" + f[2:] for f in sorted(off) if cc in UNHONOURED[f][0].split()]


# From C99 on, gcc's preprocessor says -Wc90-c99-compat of <asyncc.h>'s variadic macros with no
# option a pragma could turn off: the header's, in the sequential build too, not the output's.
HEADER_C99 = {"-Wc90-c99-compat"}


def gcc_flags(std):
    drop = set(UNHONOURED)
    return [f for f in GCC_WARN if f not in drop and (c90(std) or f not in HEADER_C99)] + unhonoured("gcc")


def clang_flags(std):
    return CLANG_WARN + unhonoured("clang")


LOC = re.compile(r"^(.*?):(\d+):(?:\d+:)?\s*warning:\s*(.*)$")


def warnings_of(text, out_c):
    """The warnings of a compile as a dict key -> line of text; a key is (flag, file, line) with the
    file as a base name, or (flag, 'GENERATED', 0) for a warning located in the output file itself
    (code asyncc writes with no #line to the source)."""
    keys = {}
    for ln in text.decode(errors="replace").splitlines():
        m = LOC.match(ln)
        if not m:
            continue
        f = re.search(r"\[-W(?:error=)?([^\]]+)\]\s*$", m.group(3))
        flag = "-W" + f.group(1) if f else H.norm(m.group(3))
        path = m.group(1)
        if out_c and os.path.basename(path) == os.path.basename(out_c) or path.startswith("/(asyncc"):
            key = (flag, "GENERATED", 0)
        else:
            key = (flag, os.path.basename(path), int(m.group(2)))
        keys.setdefault(key, ln)
    return keys


def compile_cmd(tools, cc, std, src, incs, extra):
    if cc == "gcc":
        return [tools.gcc, "-std=" + std, "-O2", "-c", "-o", os.devnull] + gcc_flags(std) + incs + extra + [src]
    return [tools.clang, "-std=" + std, "-fsyntax-only"] + clang_flags(std) + incs + extra + [src]


def reference(src, work):
    """SRC for its sequential build, with `await(e)` written `(e)`: under the macro await, clang says
    nothing of what is inside (-Wcomma, -Wunreachable-code, -Wmisleading-indentation are silent in
    macro expansions), where the output has code. Same base name, so that lines compare; SRC's
    directory is an include path."""
    os.makedirs(os.path.join(work, "ref"), exist_ok=True)
    ref = os.path.join(work, "ref", os.path.basename(src))
    text = open(src, errors="surrogateescape").read()
    open(ref, "w", errors="surrogateescape").write(re.sub(r"\bawait\s*\(", "(", text))
    return ref


def check_one(tools, work, name, std, src, incs, ccs, t_flags):
    """SRC (async C) under STD: the sequential build's warnings against the output's, for each
    compiler of CCS. Returns a list of results."""
    res = []
    inc = ["-I" + tools.include] + incs + ["-I" + os.path.dirname(os.path.abspath(src))]
    ref = reference(src, work)
    out_c = os.path.join(work, "%s.%s.out.c" % (os.path.basename(src)[:-2], std))
    cls, detail, _ = H.transpile(tools, src, out_c, ["-std=" + std] + incs + t_flags)
    if not cls and open(out_c, "rb").read() == open(src, "rb").read():
        return [{"name": name, "std": std, "cc": "-", "class": "pass", "detail": "no async code: copied"}]
    for cc in ccs:
        r = {"name": name, "std": std, "cc": cc, "class": "pass", "detail": ""}
        res.append(r)
        st, o, e, _ = H.sh(compile_cmd(tools, cc, std, ref, inc, ["-DAC_SEQUENTIAL"] + t_flags), 3600, cpu=300)
        if st != 0:
            r.update({"class": "skip-plain-fails", "detail": H.norm(H.first_error(e))})
            continue
        if cls == "transpile-reject":  # differential.c-testsuite's (its xfail list), not a warning
            r.update({"class": "skip-rejected", "detail": detail})
            continue
        if cls:
            r.update({"class": cls, "detail": detail})
            continue
        plain = warnings_of(e, None)
        st, o, e, _ = H.sh(compile_cmd(tools, cc, std, out_c, inc, t_flags), 3600, cpu=300)
        if st != 0:
            r.update({"class": "compile-fail", "detail": H.norm(H.first_error(e))})
            continue
        got = warnings_of(e, out_c)
        plain_flags = {k[0] for k in plain}
        new = {k: v for k, v in got.items() if k not in plain and k[0] not in NOT_OURS
               and not (k[0] in ONCE_PER_BLOCK and k[0] in plain_flags)}
        if new:
            r.update({"class": "warning", "detail": ", ".join(sorted({k[0] for k in new})),
                      "lines": sorted(new.values())})
    return res


def samples(tools):
    """(name, src, incs, t_flags) of every sample source with async code."""
    out = []
    for src in sorted(glob.glob(os.path.join(H.ROOT, "samples", "*", "*.c"))):
        if re.search(r"\basync\b", open(src, errors="replace").read()):
            name = os.path.relpath(src, os.path.join(H.ROOT, "samples"))
            out.append((name, src, ["-I" + os.path.dirname(src)], ["-D_GNU_SOURCE"]))
    return out


def job(args):
    kind, name, std, cfg = args
    tools = H.Tools(build=cfg["build"])
    work = tempfile.mkdtemp(prefix="warn-", dir=cfg["out"])
    keep = False
    try:
        if kind == "sample":
            src, incs, t_flags = cfg["samples"][name]
            res = check_one(tools, work, name, std, src, incs, cfg["ccs"], t_flags)
        else:
            res = made_async(kind, name, std, cfg, tools, work)
        keep = any(r["class"] not in ("pass",) and not r["class"].startswith("skip") for r in res)
    except Exception as ex:  # the harness's fault: reported, never a pass
        res = [{"name": name, "std": std, "cc": "-", "class": "harness-error",
                "detail": "%s: %s" % (type(ex).__name__, str(ex)[:160])}]
        keep = True
    finally:
        if keep:
            dest = os.path.join(cfg["out"], "fail", "%s-%s" % (str(name).replace("/", "_"), std))
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(work, dest)
        shutil.rmtree(work, ignore_errors=True)
    return res


def c90(std):
    return std in ("c90", "gnu89", "c89", "ansi")


def made_async(kind, name, std, cfg, tools, work):
    """A c-testsuite program or a csmith seed, made async under STD (C90 programs get no yield
    before a declaration), then checked."""
    p = lambda n: os.path.join(work, n)  # noqa: E731
    flags = []
    if kind == "ctestsuite":
        shutil.copy(os.path.join(cfg["suite"], name), p("p.c"))
        seed = int(name.split(".")[0])
    else:
        seed = int(name)
        st, out, err, _ = H.sh(["csmith", "--seed", str(seed), "--max-funcs", "5", "--max-expr-complexity", "6"],
                               1800, cwd=work, cpu=60)
        if st != 0:
            return [{"name": name, "std": std, "cc": "-", "class": "skip-csmith", "detail": ""}]
        open(p("p.c"), "wb").write(out)
        flags = ["-I" + H.HERE]
    try:
        H.asyncify(p("p.c"), p("p.async.c"), ["-std=" + std] + flags, seed=seed, rate=0.3)
    except (H.Unsupported, RuntimeError) as ex:
        return [{"name": name, "std": std, "cc": "-", "class": "skip-asyncify", "detail": str(ex)[:100]}]
    return check_one(tools, work, name, std, p("p.async.c"), flags, cfg["ccs"], [])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default="samples,ctestsuite,csmith")
    ap.add_argument("--stds", default=",".join(STDS))
    ap.add_argument("--every", type=int, default=1, help="c-testsuite: every Nth program")
    ap.add_argument("--names", default=None, help="c-testsuite names or csmith seeds")
    ap.add_argument("--seeds", default="1,2")
    ap.add_argument("--cc", default="both")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--ci", action="store_true")
    ap.add_argument("--print-flags", nargs=2, metavar=("CC", "STD"), help="print the warning flags of CC (gcc or clang) under STD")
    ap.add_argument("--show", type=int, default=6, help="warning lines shown per finding")
    a = ap.parse_args()
    if a.print_flags:
        print(" ".join((gcc_flags if a.print_flags[0] == "gcc" else clang_flags)(a.print_flags[1])))
        return 0
    build = a.build or os.path.join(H.ROOT, "build")
    out = a.out or os.path.join(build, "differential", "strict")
    shutil.rmtree(os.path.join(out, "fail"), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    tools = H.Tools(build=a.build)
    ccs = ["gcc", "clang"] if a.cc == "both" else [a.cc]
    if not tools.clang:
        ccs = [c for c in ccs if c != "clang"]
    if a.ci:
        a.every = max(a.every, 6)
        a.seeds = "1"
    stds = a.stds.split(",")
    only = a.only.split(",")
    sam = {n: (s, i, t) for n, s, i, t in samples(tools)}
    sys.path.insert(0, H.HERE)
    import ctestsuite
    suite = ctestsuite.default_suite()
    cfg = {"build": a.build, "out": out, "ccs": ccs, "samples": sam, "suite": suite}
    jobs = []
    if "samples" in only:
        jobs += [("sample", n, s, cfg) for n in sam for s in stds]
    if "ctestsuite" in only and os.path.isdir(suite):
        names = sorted(n for n in os.listdir(suite) if n.endswith(".c"))
        if a.names:
            names = [n if n.endswith(".c") else n + ".c" for n in a.names.split(",")]
        # A rotating -std: program i of the chosen ones under stds[i % len], so every -std meets
        # different programs and the run stays short.
        chosen = names[::a.every]
        if a.ci or a.every > 1:
            jobs += [("ctestsuite", n, stds[i % len(stds)], cfg) for i, n in enumerate(chosen)]
        else:
            jobs += [("ctestsuite", n, s, cfg) for n in chosen for s in stds]
    if "csmith" in only and shutil.which("csmith"):
        seeds = a.seeds.split(",")
        jobs += [("csmith", sd, stds[(i * 2 + 1) % len(stds)], cfg) for i, sd in enumerate(seeds)]
    with ProcessPoolExecutor(max_workers=a.j) as ex:
        results = [r for rs in ex.map(job, jobs) for r in rs]
    by = {}
    for r in results:
        by.setdefault(r["class"], []).append(r)
    print("== %d checks (%d jobs: input x -std), compilers %s" % (len(results), len(jobs), " ".join(ccs)))
    for cls in sorted(by, key=lambda c: (-len(by[c]), c)):
        print("  %-18s %d" % (cls, len(by[cls])))
    bad = [r for r in results if r["class"] != "pass" and not r["class"].startswith("skip")]
    for r in bad:
        print("%s %s -std=%s %s: %s" % (r["class"].upper(), r["name"], r["std"], r["cc"], r["detail"]))
        for ln in r.get("lines", [])[:a.show]:
            print("    " + ln[:300])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
