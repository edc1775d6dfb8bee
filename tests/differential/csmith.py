#!/usr/bin/env python3
"""tests/differential/csmith.py: the csmith differential. For each seed: csmith writes a program;
it is built and run as plain C (the reference); asyncify.py makes it async (every function async,
every call awaited, yields at statement boundaries in several layouts, sometimes reformatted by
clang-format); asyncc transpiles it; gcc or clang compiles the output (-Werror for every warning
the plain program does not give); the async build runs; the checksums must be equal.

usage: csmith.py [--count N] [--start S] [--seeds S,S,...|@FILE] [-j J] [--out DIR]
                 [--build DIR] [--small] [--set NAME] [--csmith-args ARGS] [--expect-pass] [--no-col0] [--keep] [--resume] [--summary]
                 [--combinators RATE] [--backend epoll]
Prints counts by class (pass, mismatch, run-crash, run-timeout, transpile-crash, transpile-hang,
transpile-reject, compile-fail, warning, asyncify-fail, skip-*) and the failing seeds of each;
failing cases are kept in OUT/fail/SEED/. Each result is appended to OUT/results.jsonl as it comes:
with --resume, seeds already there are not run again and the summary covers them all, so a long
run that was stopped continues where it was; --summary only prints the summary of that file.
With --expect-pass the exit code is 1 if any seed did not pass (skips aside). --combinators RATE
writes that share of the awaited calls through ac_spawn/ac_task_join, ac_timeout, ac_select,
ac_join and ac_try_join (combinators.py); --backend runs the async build with ASYNCC_BACKEND."""
import argparse
import json
import os
import shutil
import sys
import subprocess
from concurrent.futures import ProcessPoolExecutor, as_completed

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402

PLAIN_TIMEOUT = 8

# Named csmith option sets beside the default settings (--set NAME; csmith.sh --set NAME): each
# turns on what the defaults leave off or pushes a limit, so that other kinds of program come out.
# The defaults already have packed structs, full bitfields, volatiles, arrays, unions, pointers of
# depth 2, 10 functions, blocks 5 deep.
OPTION_SETS = {
    "small": "--max-funcs 5 --max-expr-complexity 6",
    "no-packed": "--no-packed-struct",
    "deep": "--max-block-depth 8 --max-block-size 6 --max-pointer-depth 4",
    "funcs20": "--max-funcs 20",
    "inline": "--inline-function --inline-function-prob 80",
    "no-arrays": "--no-arrays --max-struct-fields 16",
    "bitfields": "--no-packed-struct --max-struct-fields 16 --fixed-struct-fields",
    "volatile": "--strict-volatile-rule --max-pointer-depth 3",
    "float": "--float",
    "exprs": "--max-expr-complexity 16 --max-array-dim 4",
    "random": "--random-random",
}


def variant(seed):
    """What varies with the seed besides the program: compiler, optimization, layout."""
    cc = "clang" if seed % 4 == 3 else "gcc"
    opt = ["-O1", "-O0", "-O2"][seed % 3]
    return cc, opt


def one(seed, cfg):
    return H.run_case(seed, cfg, check, cfg["tmp"], "csmith", keep=cfg["keep"])


def check(seed, cfg, tools, work):
    p = lambda n: os.path.join(work, n)  # noqa: E731
    st, out, err, _ = H.sh(["csmith", "--seed", str(seed)] + cfg["csmith_args"], 1800, cwd=work, cpu=60)
    if st != 0:
        return {"class": "skip-csmith", "detail": "exit %s: %s" % (st, H.norm(H.first_error(err)))}
    open(p("p.c"), "wb").write(out)
    flags = ["-I" + H.HERE]
    ccname, opt = variant(seed)
    cc = tools.clang if ccname == "clang" and tools.clang else tools.gcc
    st, o, e, _ = H.sh([tools.gcc, "-std=gnu11", "-O1", "-w"] + flags + [p("p.c"), "-o", p("plain")], 3600, cpu=300)
    if st != 0:
        return {"class": "skip-plain-compile", "detail": H.norm(H.first_error(e))}
    st, want, e, t_plain = H.run_exe(p("plain"), PLAIN_TIMEOUT)
    if st != 0:
        return {"class": "skip-plain-run", "detail": "exit %s" % st}
    try:
        desc = H.asyncify(p("p.c"), p("p.async.c"), flags, seed=seed, rate=cfg["rate"], fmt=-1,
                          col0=not cfg["no_col0"], comb=cfg["comb"])
    except H.Unsupported as ex:
        return {"class": "asyncify-fail", "detail": str(ex)[:140]}
    open(p("info.txt"), "w").write("seed %d (csmith %s): %s; output compiled by %s %s%s\n" %
                                    (seed, " ".join(cfg["csmith_args"]) or "defaults", desc, cc, opt,
                                     "; ASYNCC_BACKEND=" + cfg["backend"] if cfg["backend"] else ""))
    cls, detail, t_tx = H.transpile(tools, p("p.async.c"), p("p.out.c"), flags,
                                  sanitized=bool(cfg["san_flags"]))
    if cls:
        return {"class": cls, "detail": detail}
    plain_keys = H.plain_warnings(tools, cc, p("p.c"), flags, opt)
    cls, detail, t_cc = H.compile_output(tools, cc, p("p.out.c"), p("async"), flags + cfg["san_flags"], opt,
                                      plain_keys)
    if cls:
        return {"class": cls, "detail": detail}
    limit = max(20, 20 * t_plain)
    env = H.backend_env(cfg["backend"])
    st, got, e, t_async = H.run_exe(p("async"), limit, env=env)
    if st == "timeout" and opt != "-O1":
        # The reference ran at -O1, the async build at opt: at -O0 a loop that gcc -O1 folds
        # runs (seed 102217: 0.1 s at -O1, 3-5 s at -O0, and 1.3 billion yields made async, at
        # some 70 ns each: 90 s). Measured against the plain program built as the async one
        # is, then, with room for a yield before every third statement of such a loop.
        st2, _, _, _ = H.sh([tools.gcc, "-std=gnu11", opt, "-w"] + flags + [p("p.c"), "-o", p("plain-opt")], 3600,
                            cpu=300)
        if st2 == 0:
            st2, _, _, t_opt = H.run_exe(p("plain-opt"), PLAIN_TIMEOUT)
            if st2 == 0 and 60 * t_opt > limit:
                t_plain, limit = t_opt, 60 * t_opt
                env = H.backend_env(cfg["backend"])
    st, got, e, t_async = H.run_exe(p("async"), limit, env=env)
    if st == "timeout":
        return {"class": "run-timeout", "detail": "plain ran %.1fs" % t_plain}
    if st != 0:
        return {"class": "run-crash", "detail": "exit %s: %s" % (st, H.norm(H.first_error(e)))}
    if got != want:
        return {"class": "mismatch", "detail": "%s %s" % (ccname, opt)}
    return {"class": "pass", "detail": "", "t_tx": t_tx, "t_cc": t_cc}


def parse_seeds(a):
    if a.seeds:
        if a.seeds.startswith("@"):
            text = open(a.seeds[1:]).read()
            return [int(w) for ln in text.splitlines() for w in ln.split("#")[0].split()]
        return [int(s) for s in a.seeds.split(",") if s]
    return list(range(a.start, a.start + a.count))


def load_results(path):
    """The results of an earlier (maybe interrupted) run: one JSON object a line; a torn last
    line, from a run killed while writing, is ignored."""
    done = {}
    if os.path.exists(path):
        for ln in open(path):
            try:
                r = json.loads(ln)
            except ValueError:
                continue
            if r["class"] != "skip-stalled":  # no verdict: run again
                done[r["name"]] = r
    return done


def asyncc_commit(build):
    """The commit asyncc was built at: BUILD/COMMIT if the build is a frozen copy (a long run's),
    else the worktree's HEAD."""
    stamp = os.path.join(build or os.path.join(H.ROOT, "build"), "COMMIT")
    if os.path.exists(stamp):
        return open(stamp).read().strip()
    st = subprocess.run(["git", "-C", H.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return st.stdout.strip() or "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--seeds")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--out", default=None)
    ap.add_argument("--build", default=None, help="the build directory (default: ROOT/build)")
    ap.add_argument("--rate", type=float, default=0.3, help="chance of a yield before a statement")
    ap.add_argument("--csmith-args", default="", help="more options for csmith")
    ap.add_argument("--small", action="store_true", help="small programs: --set small")
    ap.add_argument("--set", choices=sorted(OPTION_SETS), help="a named csmith option set (OPTION_SETS)")
    ap.add_argument("--san-flags", default="", help="sanitizer flags for the async build (ASan ctest)")
    ap.add_argument("--expect-pass", action="store_true")
    ap.add_argument("--no-col0", action="store_true", help="keep yields off column 0")
    ap.add_argument("--keep", action="store_true", help="keep every case, not only failures")
    ap.add_argument("--combinators", type=float, default=None, metavar="RATE",
                    help="the combinator mode: this share of call sites through combinators (combinators.py)")
    ap.add_argument("--backend", default=None, help="ASYNCC_BACKEND for the async build's runs (epoll)")
    ap.add_argument("--resume", action="store_true", help="skip the seeds OUT/results.jsonl already has")
    ap.add_argument("--summary", action="store_true", help="print the summary of OUT/results.jsonl and exit")
    a = ap.parse_args()
    out = a.out or os.path.join(a.build or os.path.join(H.ROOT, "build"), "differential", "csmith")
    log = os.path.join(out, "results.jsonl")
    if a.summary:
        results = list(load_results(log).values())
        bad = H.summarize(results, "csmith differential (%s)" % log)
        print_counts(results, bad)
        return 0
    if not shutil.which("csmith"):
        print("csmith is not installed (apt-get install csmith): skipped")
        return 0
    os.makedirs(out, exist_ok=True)
    sets = ([a.set] if a.set else []) + (["small"] if a.small else [])
    csmith_args = a.csmith_args.split() + [w for n in sets for w in OPTION_SETS[n].split()]
    cfg = {"build": a.build, "out": out, "tmp": out, "rate": a.rate, "keep": a.keep,
           "csmith_args": csmith_args, "no_col0": a.no_col0, "comb": a.combinators, "backend": a.backend,
           "san_flags": a.san_flags.split()}
    H.Tools(build=a.build)  # fail early if not built
    seeds = parse_seeds(a)
    done = load_results(log) if a.resume else {}
    if not a.resume and os.path.exists(log):
        os.remove(log)
    todo = [s for s in seeds if s not in done]
    for d in os.listdir(out):  # the work directories of cases a stopped run was in the middle of
        if d.startswith("csmith-"):
            shutil.rmtree(os.path.join(out, d), ignore_errors=True)
    if done:
        print("resuming: %d of %d seeds already done" % (len(seeds) - len(todo), len(seeds)), flush=True)
    commit = asyncc_commit(a.build)
    results = [done[s] for s in seeds if s in done]
    with open(log, "a") as f, ProcessPoolExecutor(max_workers=a.j) as ex:
        futs = [ex.submit(one, s, cfg) for s in todo]
        for fut in as_completed(futs):
            r = fut.result()
            r["commit"] = commit
            if csmith_args:
                r["csmith"] = " ".join(csmith_args)
            results.append(r)
            f.write(json.dumps(r) + "\n")
            f.flush()
            if r["class"] != "pass":
                print("seed %s: %s %s" % (r["name"], r["class"], r["detail"]), flush=True)
    results.sort(key=lambda r: r["name"])
    bad = H.summarize(results, "csmith differential")
    print_counts(results, bad)
    return 1 if a.expect_pass and bad else 0


def print_counts(results, bad):
    passed = sum(1 for r in results if r["class"] == "pass")
    skipped = sum(1 for r in results if r["class"].startswith("skip"))
    print("%d passed, %d failed, %d skipped" % (passed, bad, skipped))


if __name__ == "__main__":
    sys.exit(main())
