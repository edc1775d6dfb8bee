#!/usr/bin/env python3
"""tests/differential/invalid.py: asyncc on programs that compilers must reject (gcc.dg's `dg-error`
tests, gcc.dg/noncompile), made async: asyncc must never crash, hang or report a sanitizer error
(run it with an ASan build: --build of `cmake -DASYNCC_SANITIZE=address`), never exit 0 silently on
a program clang rejects, and every error it prints must be clang's `FILE:LINE:COL: error:` at a
line of the user's file.

Each program is made async by asyncify.py from what libclang recovered of it (--errors-ok), or,
where that fails, by `async ` written before every function definition's line. clang-14
-fsyntax-only on the async file (plain mode: `async` is nothing, `await(e)` is `(e)`) says whether
clang rejects it. Classes (failures first):

  transpile-crash   asyncc died: a signal, a sanitizer report, out of memory, or an exit that is
                    neither 0 nor 1
  transpile-hang    asyncc ran over 60 CPU seconds
  silent-fail       asyncc exited 1 without any `error:` line
  bad-location      an error line that is not `FILE:LINE:COL: error:` at a line of the user's file
                    (the async file or a header it includes), or past its end
  accepted-invalid  clang rejects, asyncc exits 0, and gcc accepts asyncc's output though it rejects
                    the plain-mode source: the error is lost
  output-location   asyncc exited 0 and gcc's errors on its output are not at the user's lines
  pass-rejected     clang rejects, asyncc reports it at the user's lines
  pass-deferred     clang rejects only inside plain bodies asyncc keeps as written; gcc's errors on
                    the output are at the user's lines (or gcc accepts both)
  pass-accepted     clang accepts, so does asyncc (gcc's errors, if any, at the user's lines)
  refused-valid     clang accepts, asyncc refuses with a good error (a limit: counted, not failed)

usage: invalid.py FILES-OR-DIRS... [--build DIR] [--out DIR] [-j J] [--list]
Results: OUT/results.json; failing cases in OUT/fail/NAME/ (OUT: BUILD/differential/invalid)."""
import argparse
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402
import torture  # noqa: E402

DIAG = re.compile(r"^(.*?):(\d+):(\d+): (error|warning|note|fatal error): ")
ANY_ERROR = re.compile(r"^(?:[^\s:]+(?::\d+)*: )?(?:fatal )?error: ")
SANITIZER = re.compile(r"ERROR: (?:Address|Leak|Thread|Memory)Sanitizer|runtime error:|AddressSanitizer")
FUNC_HEAD = re.compile(rb"^(?=[A-Za-z_])(?!(?:typedef|struct|union|enum|return|if|while|for|switch|"
                       rb"do|else|case|default|goto|break|continue|extern|async|#)\b)"
                       rb"[^;{}()=#]*?\b[A-Za-z_]\w*\s*\([^;{}]*\)\s*(?:[^;{}()]*;\s*)*\{", re.M)
FAILURES = ("transpile-crash", "transpile-hang", "silent-fail", "bad-location", "accepted-invalid",
            "output-location", "harness-error")


def textual_async(text):
    """`async ` before each line that starts a function definition (`int f(int a) {`, K&R heads
    too), for programs libclang recovers too little of to make async through its tree."""
    return b"#include <asyncc.h>\n" + FUNC_HEAD.sub(lambda m: b"async " + m.group(0), text)


def error_lines(text):
    """The (file, line, col) of each `error:` line, and the error lines that are not clang-style."""
    good, bad = [], []
    for ln in text.decode(errors="replace").splitlines():
        m = DIAG.match(ln)
        if m and m.group(4) in ("error", "fatal error"):
            good.append((m.group(1), int(m.group(2)), int(m.group(3)), ln))
        elif not m and ANY_ERROR.match(ln) and "too many errors emitted" not in ln:
            # (clang's error limit is about the whole file: `FILE: error: too many errors emitted`)
            bad.append(ln)  # an error without FILE:LINE:COL (source lines quoted under one are not)
    return good, bad


def located(errs, user, lines):
    """The first error not at a line of the user's files: USER the async file (LINES long); a
    header is fine when it exists (the suite's own, or a system header)."""
    for f, ln, col, text in errs:
        if os.path.basename(f) == os.path.basename(user):
            if not (1 <= ln <= lines and col >= 1):
                return text
        elif not os.path.isfile(f):
            return text
    return None


def one(name, cfg):
    return H.run_case(name, cfg, check, cfg["out"], "invalid")


def check(name, cfg, tools, work):
    p = lambda n: os.path.join(work, n)  # noqa: E731
    os.chdir(work)
    src = cfg["files"][name]
    shutil.copy(src, p("p.c"))
    here = os.path.dirname(os.path.realpath(src))
    flags = ["-std=gnu11", "-I" + here] + torture.dg_options(open(p("p.c"), "rb").read())
    parse_flags = torture.parse_flags_of(flags)
    how = "asyncify"
    try:
        desc = H.asyncify(p("p.c"), p("p.async.c"), parse_flags, seed=sum(name.encode()), rate=0.3,
                          errors_ok=True)
    except (H.Unsupported, RuntimeError) as ex:
        how, desc = "textual", "asyncify: %s" % H.norm(str(ex))
        open(p("p.async.c"), "wb").write(textual_async(open(p("p.c"), "rb").read()))
    open(p("info.txt"), "w").write("%s: %s (%s); flags %s\n" % (name, how, desc, " ".join(parse_flags)))
    lines = open(p("p.async.c"), "rb").read().count(b"\n") + 1
    inc = ["-I" + tools.include]
    st, _, clang_err, _ = H.sh([tools.clang, "-fsyntax-only", "-w"] + inc + parse_flags + [p("p.async.c")],
                               600, cpu=60, preexec=H.limit_parse_mem)
    clang_rejects = st != 0
    # An ASan build reserves terabytes of address space: its own RSS limit keeps it off the machine.
    env = dict(os.environ, ASAN_OPTIONS="hard_rss_limit_mb=4096:detect_leaks=0")
    st, o, e, _ = H.sh([tools.asyncc] + inc + parse_flags + [p("p.async.c"), "-o", p("p.out.c")], 1800,
                       cpu=60, env=env)
    text = e.decode(errors="replace")
    open(p("asyncc.err"), "wb").write(e)
    open(p("clang.err"), "wb").write(clang_err)
    if st == "timeout":
        return {"class": "transpile-hang", "detail": "over 60 CPU seconds"}
    if "hard rss limit exhausted" in text:
        return {"class": "transpile-crash", "detail": "out of memory (over 4 GiB)"}
    if SANITIZER.search(text):
        return {"class": "transpile-crash", "detail": H.norm(SANITIZER.search(text).group(0))}
    if "out of memory" in text:
        return {"class": "transpile-crash", "detail": "out of memory"}
    if st not in (0, 1):
        return {"class": "transpile-crash", "detail": "exit %s: %s" % (st, H.norm(H.first_error(e)))}
    errs, bad = error_lines(e)
    if bad:
        return {"class": "bad-location", "detail": H.norm(bad[0])}
    if st == 1:
        if not errs:
            return {"class": "silent-fail", "detail": H.norm(H.first_error(e))}
        where = located(errs, p("p.async.c"), lines)
        if where:
            return {"class": "bad-location", "detail": where[:140]}
        return {"class": "pass-rejected" if clang_rejects else "refused-valid", "detail": H.norm(errs[0][3])}
    # gcc gets what asyncc gets: the test's other options are for gcc's own checks (and some of them,
    # -Walloc-size-larger-than=-1, are errors of the command line, not of the program)
    return judge_output(tools, parse_flags, p, lines, clang_rejects)


def judge_output(tools, flags, p, lines, clang_rejects):
    """asyncc exited 0: gcc on its output must reject what gcc rejects of the source (plain mode),
    at the user's lines."""
    inc = ["-I" + tools.include]
    st_out, _, e_out, _ = H.sh([tools.gcc, "-fsyntax-only", "-w"] + inc + flags + [p("p.out.c")], 600, cpu=120)
    st_src, _, e_src, _ = H.sh([tools.gcc, "-fsyntax-only", "-w"] + inc + flags + [p("p.async.c")], 600, cpu=120)
    kind = "pass-deferred" if clang_rejects else "pass-accepted"
    if st_out == 0:
        if st_src != 0 and clang_rejects:
            return {"class": "accepted-invalid", "detail": H.norm(H.first_error(e_src))}
        return {"class": kind, "detail": "gcc accepts the output" + ("" if st_src == 0 else ", rejects the source")}
    errs, bad = error_lines(e_out)
    where = located(errs, p("p.async.c"), lines) or (bad[0] if bad else None)
    if where:
        return {"class": "output-location", "detail": where[:140]}
    return {"class": kind, "detail": "gcc rejects the output" + ("" if st_src else ", accepts the source")}


def collect(args):
    files = {}
    for a in args:
        paths = [os.path.join(a, n) for n in sorted(os.listdir(a)) if n.endswith(".c")] if os.path.isdir(a) else [a]
        for path in paths:
            key = os.path.basename(path)
            if key in files:
                key = os.path.basename(os.path.dirname(path)) + "_" + key
            files[key] = os.path.abspath(path)
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="C files, or directories of them")
    ap.add_argument("--build", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--list", action="store_true", help="print every failure, one a line")
    a = ap.parse_args()
    build = a.build or os.path.join(H.ROOT, "build")
    out = os.path.abspath(a.out or os.path.join(build, "differential", "invalid"))
    os.makedirs(out, exist_ok=True)
    H.Tools(build=a.build)
    files = collect(a.inputs)
    cfg = {"build": a.build, "files": files, "out": out}
    results = H.run_pool(one, files, cfg, a.j, os.path.join(out, "results.jsonl"), lambda r: r["class"] in FAILURES)
    results.sort(key=lambda r: r["name"])
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    H.summarize(results, "%d programs compilers reject, made async" % len(results))
    bad = [r for r in results if r["class"] in FAILURES]
    if a.list:
        for r in bad:
            print("%s %s %s" % (r["name"], r["class"], r["detail"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
