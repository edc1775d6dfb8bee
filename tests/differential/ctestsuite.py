#!/usr/bin/env python3
"""tests/differential/ctestsuite.py: c-testsuite's single-exec programs made async (asyncify.py:
every function async, every call awaited, yields at statement boundaries), transpiled, compiled and
run; each must print what its plain build prints and exit the same way. The programs that gcc
itself fails (or that do not match their .expected) are left out of the count.

The programs known to fail made async are listed in c-testsuite-xfail.txt, each with its class and
the reason. The run fails if a program fails that is not listed, and also if a listed one passes
(take it off the list). It reads the suite from ROOT/../shared/c-testsuite (or --suite) and skips
with a message if that is absent.

Another suite of single-file programs runs the same way when it is staged as NNNNN.c files (their
headers beside them: the suite's directory is on the include path): --vs-plain then takes what the
plain build prints and its exit status as the reference where a program has no .expected or prints
what its own compiler printed (tcc's tests2, for example).

usage: ctestsuite.py [--suite DIR] [--build DIR] [--only N,N] [--every N] [-j J] [--san-flags "..."]
                     [--vs-plain] [--list] [--combinators RATE] [--backend epoll]"""
import argparse
import json
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402

XFAIL = os.path.join(H.HERE, "c-testsuite-xfail.txt")
FLAGS = []  # c-testsuite programs need no include paths; -std=gnu11 comes from harness


def default_suite():
    """ROOT/../shared/c-testsuite; from a worktree in ROOT/../wt/NAME, two levels up."""
    for up in ("..", os.path.join("..", "..")):
        d = os.path.normpath(os.path.join(H.ROOT, up, "shared", "c-testsuite"))
        if os.path.isdir(d):
            return d
    return os.path.normpath(os.path.join(H.ROOT, "..", "shared", "c-testsuite"))


def load_xfail():
    out = {}
    for ln in open(XFAIL):
        ln = ln.split("#", 1)[0].strip()
        if ln:
            name, cls, reason = (ln.split(None, 2) + ["", ""])[:3]
            out[name] = (cls, reason)
    return out


def one(name, cfg):
    return H.run_case(name, cfg, check, cfg["tmp"], "cts")


def check(name, cfg, tools, work):
    p = lambda n: os.path.join(work, n)  # noqa: E731
    shutil.copy(os.path.join(cfg["suite"], name), p("p.c"))
    flags = FLAGS + ["-I" + os.path.abspath(cfg["suite"])]
    exp = os.path.join(cfg["suite"], name + ".expected")
    expected = open(exp, "rb").read() if os.path.exists(exp) else None
    st, o, e, _ = H.sh([tools.gcc, "-std=gnu11", "-O1", "-w"] + flags + [p("p.c"), "-o", p("plain"), "-lm"],
                       3600, cpu=120)
    if st != 0:
        return {"class": "skip-gcc-fails", "detail": "compile: " + H.norm(H.first_error(e))}
    st_plain, want, e, t_plain = H.run_exe(p("plain"), 10, cwd=work)
    if st_plain == "timeout" or (not cfg["vs_plain"] and (st_plain != 0 or want != expected)):
        return {"class": "skip-gcc-fails", "detail": "run: exit %s" % st_plain}
    seed = int(name.split(".")[0])
    try:
        desc = H.asyncify(p("p.c"), p("p.async.c"), ["-std=gnu11"] + flags, seed=seed, rate=cfg["rate"],
                          col0=not cfg["no_col0"], comb=cfg["comb"])
    except H.Unsupported as ex:
        return {"class": "asyncify-fail", "detail": str(ex)[:140]}
    open(p("info.txt"), "w").write("%s: %s\n" % (name, desc))
    cls, detail, _ = H.transpile(tools, p("p.async.c"), p("p.out.c"), ["-std=gnu11"] + flags,
                                  sanitized=bool(cfg["san_flags"]))
    if cls:
        return {"class": cls, "detail": detail}
    plain_keys = H.plain_warnings(tools, tools.gcc, p("p.c"), flags, "-O1")
    cls, detail, _ = H.compile_output(tools, tools.gcc, p("p.out.c"), p("async"),
                                      flags + cfg["san_flags"], "-O1", plain_keys)
    if cls:
        return {"class": cls, "detail": detail}
    # Generous: a yield costs a trip through the scheduler, and 00040.c (eight queens) awaits
    # millions of times (18 s on a loaded machine where the plain build takes milliseconds).
    st, got, e, _ = H.run_exe(p("async"), max(90, 50 * t_plain), cwd=work, env=H.backend_env(cfg["backend"]))
    if st == "timeout":
        return {"class": "run-timeout", "detail": ""}
    if st != st_plain:
        return {"class": "run-crash", "detail": "exit %s: %s" % (st, H.norm(H.first_error(e)))}
    if got != want:
        return {"class": "mismatch", "detail": "stdout differs"}
    return {"class": "pass", "detail": ""}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", default=default_suite())
    ap.add_argument("--build", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default=None, help="comma-separated program names (00001.c,...)")
    ap.add_argument("--every", type=int, default=1, help="only every Nth program (sanitizer builds)")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--san-flags", default="")
    ap.add_argument("--no-col0", action="store_true")
    ap.add_argument("--vs-plain", action="store_true",
                    help="the plain build's output and exit status are the reference (no .expected)")
    ap.add_argument("--combinators", type=float, default=None, metavar="RATE",
                    help="the combinator mode: this share of call sites through combinators (combinators.py)")
    ap.add_argument("--backend", default=None, help="ASYNCC_BACKEND for the async build's runs (epoll)")
    ap.add_argument("--list", action="store_true", help="print the failures as lines for the xfail file")
    a = ap.parse_args()
    if not os.path.isdir(a.suite):
        print("c-testsuite not found at %s (it lives in ../shared/c-testsuite): skipped" % a.suite)
        return 0
    build = a.build or os.path.join(H.ROOT, "build")
    out = a.out or os.path.join(build, "differential", "c-testsuite")
    os.makedirs(out, exist_ok=True)
    H.Tools(build=a.build)
    names = sorted(n for n in os.listdir(a.suite) if n.endswith(".c") and n[:-2].isdigit())
    if a.only:
        names = [n if n.endswith(".c") else n + ".c" for n in a.only.split(",")]
    names = names[::a.every]
    cfg = {"build": a.build, "suite": a.suite, "out": out, "tmp": out, "rate": a.rate,
           "san_flags": a.san_flags.split(), "no_col0": a.no_col0, "vs_plain": a.vs_plain,
           "comb": a.combinators, "backend": a.backend}
    with ProcessPoolExecutor(max_workers=a.j) as ex:
        results = list(ex.map(one, names, [cfg] * len(names)))
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    H.summarize(results, "c-testsuite made async")
    xfail = load_xfail()
    for r in results:  # undefined programs: whatever they do is no verdict
        if xfail.get(r["name"], ("",))[0] == "undefined":
            r["class"] = "skip-undefined"
    considered = [r for r in results if not r["class"].startswith("skip")]
    passed = [r for r in considered if r["class"] == "pass"]
    new_fail, fixed, moved = [], [], []
    for r in considered:
        listed = xfail.get(r["name"])
        if r["class"] == "pass" and listed:
            fixed.append(r["name"])
        elif r["class"] != "pass" and not listed:
            new_fail.append(r)
        elif r["class"] != "pass" and listed and listed[0] != r["class"]:
            moved.append((r["name"], listed[0], r["class"]))
    pct = 100.0 * len(passed) / len(considered) if considered else 0.0
    print("gcc passes %d of %d; made async, %d of those pass (%.1f%%); %d listed as expected to fail"
          % (len(considered), len(results), len(passed), pct,
             sum(1 for v in xfail.values() if v[0] != "undefined")))
    for r in new_fail:
        print("NEW FAILURE %s: %s %s" % (r["name"], r["class"], r["detail"]))
    for n in fixed:
        print("NOW PASSES %s: take it off %s" % (n, os.path.basename(XFAIL)))
    for n, was, now in moved:
        print("note: %s fails as %s now (listed as %s)" % (n, now, was))
    if a.list:
        for r in considered:
            if r["class"] != "pass":
                print("%s %s %s" % (r["name"], r["class"], r["detail"]))
    failed = len(new_fail) + len(fixed)
    if a.only:
        return 1 if new_fail else 0
    print("%d passed, %d failed" % (len(considered) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
