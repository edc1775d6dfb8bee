#!/usr/bin/env python3
"""run.py --seeds A-B [--cancel]: the differential test over random programs (gen.py). Each program is
transpiled and built on the runtime, and also built as plain sequential C against the shipped
sequential library (libasyncc-seq, what `asyncc-cc --sequential` links: await is the identity, every
async function of the runtime blocks); both must print the same and exit alike. Prints the failing seed and the difference; ends with 'N passed, N failed'.
--cancel: the programs of cancel_gen.py instead, which drop themselves at every await point and
check their cleanups; each must exit 0 (it has no sequential twin: a drop cannot happen there)."""
import argparse
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="1-30")
    ap.add_argument("--keep", help="directory to keep the programs in")
    ap.add_argument("--cancel", action="store_true", help="cancel_gen.py's programs")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.seeds.split("-"))
    env = os.environ
    cc, inc, lib = env["ASYNCC_CC"], env["ASYNCC_INCLUDE"], env["ASYNCC_RUNTIME_LIB"]
    san = env.get("ASYNCC_SAN_FLAGS", "").split()
    work = args.keep or tempfile.mkdtemp(prefix="asyncc-fuzz-")
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for seed in range(lo, hi + 1):
        src = os.path.join(work, f"{'c' if args.cancel else 'p'}{seed}.c")
        gen = "cancel_gen.py" if args.cancel else "gen.py"
        with open(src, "w") as f:
            f.write(sh([sys.executable, os.path.join(here, gen), str(seed)]).stdout)
        steps = [
            [env["ASYNCC"], src, "-o", src + ".async.c"],
            [cc, "-std=gnu11", "-w", *san, "-I" + inc, src + ".async.c", lib, "-luring", "-lpthread", "-o", src + ".async"],
            [cc, "-std=gnu11", "-w", "-DAC_SEQUENTIAL", *san, "-I" + inc, src, env["ASYNCC_SEQ_LIB"], lib,
             "-luring", "-lpthread", "-o", src + ".seq"],
        ]
        if args.cancel:
            steps.pop()
        problem = None
        for step in steps:
            r = sh(step)
            if r.returncode != 0:
                problem = f"{' '.join(step)} failed:\n{r.stderr[-3000:]}"
                break
        if not problem and args.cancel:
            a = sh([src + ".async"])
            if a.returncode != 0:
                problem = f"exit {a.returncode}\n{a.stdout[-2000:]}\n{a.stderr[-2000:]}"
        elif not problem:
            a = sh([src + ".async"])
            s = sh([src + ".seq"])
            if (a.stdout, a.returncode) != (s.stdout, s.returncode):
                problem = (f"outputs differ (async exit {a.returncode}, sequential {s.returncode})\n"
                           f"--- sequential\n{s.stdout[-2000:]}\n--- async\n{a.stdout[-2000:]}\n{a.stderr[-2000:]}")
        if problem:
            failed += 1
            print(f"seed {seed}: {src}\n{problem}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
