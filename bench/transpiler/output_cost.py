#!/usr/bin/env python3
"""bench/transpiler/output_cost.py: what the transpiler costs a user's build, per program: the lines
asyncc writes against the lines of the source, the time gcc -O2 takes on the output against the
time it takes on the same source read as plain C (no asyncc: `async` vanishes, await(e) is e), and
asyncc's time against `clang-14 -fsyntax-only` on the source. Times are CPU seconds (user + system
of the child), the median of --runs runs: on a shared 2-core machine they move far less with load
than wall time. Prints one `RESULT name=... key=value ...` line per program (or `FAILED name why`).

usage: output_cost.py --asyncc BIN --include DIR [--runs N] [--instructions] [--csmith SEED ...]
                      [--gen-large N] [FILE.c ...]
  FILE.c: an async C source (its directory is on the include path);
  --csmith SEED: csmith's program of that seed made async by tests/differential/asyncify.py
  (with yields kept off column 0), built with tests/differential/csmith.h;
  --gen-large N: bench/transpiler/gen_large.py's file of N groups (small functions of 3-4 awaits).
--instructions: also the instructions gcc -O2 executes on the output and on the plain source
  (cc_O2_output_Minsn, cc_O2_plain_Minsn, millions, under valgrind's callgrind: cc1 and the driver,
  not the assembler). They are the same in every run whatever the machine's load, where CPU times
  move by 15-30% on a shared machine: what to compare when one change to the output is measured.
  Under valgrind gcc runs ~50x slower: meant for the samples, not csmith's programs.
functions_out, functions_plain: the functions each object defines (nm). gcc -O2 spends a fixed
  ~0.7-0.9 ms of CPU on every function it emits, however small (200 one-call functions: 0.16 s),
  and the output has 4-5 per async function (init, poll, drop, run) where the plain build has one.
Lines count every line, bytes every byte: asyncc writes the code it makes up around a function
(frame, init, poll, drop, tables) one line per definition, so the bytes say how much more text
the compiler reads."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DIFF = os.path.join(ROOT, "tests", "differential")


def cpu_run(cmd):
    """Runs CMD; returns (ok, CPU seconds of the child, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode == 0, cpu, p.stderr.decode(errors="replace")


def median_cpu(cmd, runs):
    times = []
    for _ in range(runs):
        ok, t, err = cpu_run(cmd)
        if not ok:
            return None, err
        times.append(t)
    return statistics.median(times), ""


def instructions(cmd, tmp):
    """Millions of instructions CMD (a gcc command) executes in the compiler proper and the driver,
    counted by callgrind (deterministic), or None."""
    out = os.path.join(tmp, "callgrind.%p")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        "--trace-children-skip=*/as,*/collect2,*/ld", "--callgrind-out-file=" + out] + cmd,
                       capture_output=True)
    total = 0
    for name in os.listdir(tmp):
        if name.startswith("callgrind."):
            with open(os.path.join(tmp, name)) as f:
                total += sum(int(ln.split()[1]) for ln in f if ln.startswith("summary:"))
            os.unlink(os.path.join(tmp, name))
    return total / 1e6 if p.returncode == 0 and total else None


def functions(obj):
    """The functions an object file defines (global or static; gcc's split-off `.cold` parts are
    not functions of their own), or None without nm."""
    try:
        p = subprocess.run(["nm", "--defined-only", obj], capture_output=True, text=True)
    except OSError:
        return None
    if p.returncode:
        return None
    return sum(1 for ln in p.stdout.splitlines()
               if ln.split()[1:2] in (["T"], ["t"]) and not ln.split()[2].endswith(".cold"))


def lines(path):
    with open(path, "rb") as f:
        text = f.read()
    all_lines = text.count(b"\n")
    directives = sum(1 for ln in text.split(b"\n") if ln.startswith(b"#line "))
    return all_lines, all_lines - directives, len(text)


def measure(name, src, flags, a, tmp):
    out = os.path.join(tmp, name + ".async.c")
    tx = [a.asyncc, "-I" + a.include] + flags + [src, "-o", out]
    ok, _, err = cpu_run(tx)
    if not ok:
        first = next((ln for ln in err.splitlines() if "error" in ln), err.strip()[:200])
        return "FAILED %s asyncc: %s" % (name, first.replace("\t", " "))
    t_tx, _ = median_cpu(tx, a.runs)
    t_clang, _ = median_cpu([a.clang, "-fsyntax-only", "-I" + a.include] + flags + [src], a.runs)
    cc = [a.cc, "-std=gnu11", "-O2", "-c", "-w", "-I" + a.include] + flags
    t_out, err = median_cpu(cc + [out, "-o", os.path.join(tmp, name + ".async.o")], a.runs)
    if t_out is None:
        return "FAILED %s the output does not compile: %s" % (name, err.strip().splitlines()[0][:200])
    t_plain, err = median_cpu(cc + ["-x", "c", src, "-o", os.path.join(tmp, name + ".plain.o")], a.runs)
    if t_plain is None:
        return "FAILED %s the source does not compile as plain C: %s" % (name, err.strip()[:200])
    lin, _, bin_ = lines(src)
    lout, code_out, bout = lines(out)
    fns = ""
    f_out, f_plain = functions(os.path.join(tmp, name + ".async.o")), functions(os.path.join(tmp, name + ".plain.o"))
    if f_out is not None and f_plain is not None:
        fns = " functions_out=%d functions_plain=%d" % (f_out, f_plain)
    insns = ""
    if a.instructions:
        i_out = instructions(cc + [out, "-o", os.path.join(tmp, name + ".async.o")], tmp)
        i_plain = instructions(cc + ["-x", "c", src, "-o", os.path.join(tmp, name + ".plain.o")], tmp)
        if i_out is None or i_plain is None:
            return "FAILED %s valgrind --tool=callgrind did not count gcc's instructions" % name
        insns = " cc_O2_output_Minsn=%.1f cc_O2_plain_Minsn=%.1f" % (i_out, i_plain)
    return ("RESULT name=%s lines_in=%d lines_out=%d code_lines_out=%d bytes_in=%d bytes_out=%d tx_cpu_s=%.4f "
            "clang_cpu_s=%.4f cc_O2_output_cpu_s=%.4f cc_O2_plain_cpu_s=%.4f%s%s" %
            (name, lin, lout, code_out, bin_, bout, t_tx, t_clang, t_out, t_plain, fns, insns))


def csmith_source(seed, tmp):
    sys.path.insert(0, DIFF)
    import asyncify
    plain = os.path.join(tmp, "csmith%d.plain.c" % seed)
    with open(plain, "wb") as f:
        f.write(subprocess.run(["csmith", "--seed", str(seed)], capture_output=True, check=True,
                               cwd=tmp).stdout)
    src, _ = asyncify.asyncify(plain, ["-I" + DIFF], seed=seed, col0=False)
    path = os.path.join(tmp, "csmith%d.c" % seed)
    with open(path, "wb") as f:
        f.write(src)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--clang", default="clang-14")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--instructions", action="store_true")
    ap.add_argument("--csmith", type=int, action="append", default=[])
    ap.add_argument("--gen-large", type=int)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(os.path.splitext(os.path.basename(f))[0], f, ["-I" + os.path.dirname(os.path.abspath(f))])
                for f in a.files]
        if a.gen_large:
            path = os.path.join(tmp, "gen_large%d.c" % a.gen_large)
            with open(path, "wb") as f:
                f.write(subprocess.run([sys.executable, os.path.join(HERE, "gen_large.py"), str(a.gen_large)],
                                       capture_output=True, check=True).stdout)
            jobs.append(("gen_large%d" % a.gen_large, path, []))
        for seed in a.csmith:
            try:
                jobs.append(("csmith%d" % seed, csmith_source(seed, tmp), ["-I" + DIFF]))
            except Exception as ex:  # csmith or python3-clang-14 missing, or asyncify failed
                print("FAILED csmith%d cannot make the program: %s" % (seed, ex), flush=True)
        for name, src, flags in jobs:
            print(measure(name, src, flags, a, tmp), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
