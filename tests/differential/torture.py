#!/usr/bin/env python3
"""tests/differential/torture.py: a directory of single-file C programs that check themselves, made
async and run against their plain builds; made for gcc's runtime torture tests
(gcc/testsuite/gcc.c-torture/execute of a gcc source tree: each program calls abort() when a value
is wrong and exits 0 otherwise), and usable for any such directory.

Each program is built plainly with gcc (the options of its `dg-options`/`dg-additional-options`
lines that name no target) and run: a program that does not compile or does not exit 0 that way is
skipped. Then asyncify.py makes it async (every function async, every call awaited, yields at
statement boundaries), asyncc transpiles it, gcc compiles the output (a warning the plain program
does not give is a failure) and it runs: it must exit 0 and print what the plain build printed. An
abort() of the async build is a `mismatch`: the program's own check of a value failed.

usage: torture.py DIR [--only A.c,B.c] [--build DIR] [--out DIR] [-j J] [--opt -O1[,-O3]]
                  [--cflags '...'] [--list]
Results: OUT/results.json (and OUT/results.jsonl as they come); failing cases in OUT/fail/NAME/ (OUT: BUILD/differential/torture)."""
import argparse
import json
import os
import re
import shutil
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402

# `/* { dg-options "-fwrapv" } */`, `{ dg-additional-options "-fno-common" }`; a trailing
# `{ target ... }` selector makes the options target-specific, and those are left out.
DG_OPTIONS = re.compile(rb"\{\s*dg-(?:additional-)?options\s+\"([^\"]*)\"\s*(\{[^}]*\})?\s*\}")


# Options that change what the text means (types of macros, char signedness), given to libclang
# too, as asyncc-cc gives them to asyncc.
MEANING_FLAGS = {"-ansi", "-trigraphs", "-undef", "-fshort-wchar", "-fno-short-wchar", "-funsigned-char", "-fsigned-char",
                 "-fno-unsigned-char", "-fno-signed-char", "-fshort-enums", "-fno-short-enums",
                 "-fgnu89-inline", "-fno-gnu89-inline", "-ffast-math", "-ffinite-math-only"}


# A selector this machine meets: x86 (`{ target { i?86-*-* x86_64-*-* } }`) or an x86 ISA it has
# (`{ target avx_runtime }`, `avx2`, `sse4_runtime`, `avx512f`: the CPU the suites were run on has
# these; a program built with one it lacks is skipped when its plain build dies of SIGILL).
X86_SELECTOR = re.compile(rb"^\{\s*target\s+(?:\{\s*)?(?:(?:x86_64-\*-\*|i\?86-\*-\*|x86|lp64)\s*)+"
                          rb"(?:\}\s*)?\}$|^\{\s*target\s+(?:\{\s*)?(?:sse\w*|avx\w*)(?:\s*\})?\s*\}$")


# What asyncc-cc gives asyncc besides MEANING_FLAGS (tools/cc_args.c's for_preprocessor): the
# sanitizer flags answer clang's __has_feature(address_sanitizer) as the build does.
PARSE_PREFIXES = ("-D", "-U", "-I", "-std=", "-fsanitize=", "-fno-sanitize=", "-march=", "-mtune=")
# and the x86 extensions' -m flags (their macros: __AVX512F__, __GFNI__), as tools/cc_args.c lists them
ISA_FLAG = re.compile(r"^-m(?:no-)?(?:sse|ssse3|avx|fma|bmi|popcnt|aes|pclmul|f16c|lzcnt|sha|gfni|vaes|vpclmulqdq|"
                      r"rdrnd|rdseed|adx|movbe|xsave|fsgsbase|rtm|clflushopt|clwb|prfchw|movdir|serialize|tsxldtrk|"
                      r"cx16|sahf|crc32|abm|pku|rdpid|cldemote|ptwrite|kl|widekl|hle|mmx|amx-|waitpkg|enqcmd|uintr|"
                      r"hreset|xop|fma4|tbm|lwp|wbnoinvd|pconfig|sgx|shstk|clzero|mwaitx|rdpru|3dnow|prefetchwt1|"
                      r"general-regs-only)|^-m(?:32|64)$")


def parse_flags_of(flags):
    """What of FLAGS libclang (asyncify, asyncc) sees: the options that change what the text means."""
    return [f for f in flags if f.startswith(PARSE_PREFIXES) or f in MEANING_FLAGS or ISA_FLAG.match(f)]


def dg_options(text):
    flags = []
    for m in DG_OPTIONS.finditer(text):
        if m.group(2) is None or X86_SELECTOR.match(m.group(2)):
            flags += m.group(1).decode().split()
    return flags


def one(name, cfg):
    return H.run_case(name, cfg, check, cfg["out"], "torture")


def check(name, cfg, tools, work):
    p = lambda n: os.path.join(work, n)  # noqa: E731
    os.chdir(work)  # what the compilers write beside their output (gcc.dg's -fdump-*) stays there
    shutil.copy(os.path.join(cfg["suite"], name), p("p.c"))
    # The program is built as p.c in WORK: the headers and .inc files it includes from beside it
    # (gcc.dg/torture's fp-int-convert.h, vshuf-main.inc, floatn-*.h; "../tg-tests.h") are found
    # through -I of its own directory (through a staged symlink, the directory it points into).
    here = os.path.dirname(os.path.realpath(os.path.join(cfg["suite"], name)))
    flags = ["-std=gnu11", "-I" + here] + cfg["cflags"] + dg_options(open(p("p.c"), "rb").read())
    # libclang (asyncify, asyncc) sees only the options that change what the text means.
    # Some programs test __OPTIMIZE__, which libclang defines only when told the level.
    opts = cfg["opt"].split(",")
    parse_flags = parse_flags_of(flags)
    parse_flags += ["-D__OPTIMIZE__"] if opts != ["-O0"] else []
    # libatomic as gcc's own atomic.exp links it (gcc.dg/atomic's c11-atomic-exec-*: atomics of
    # structs and long doubles call __atomic_load and friends).
    libs = ["-lm", "-latomic"]
    # Each level (--opt -O2,-O3) builds and runs the plain program; the async one is made once
    # and compiled at each level the plain build passes at.
    levels, why = [], None
    for opt in opts:
        exe = p("plain" + opt)
        st, o, e, _ = H.sh([tools.gcc, opt, "-w"] + flags + [p("p.c"), "-o", exe] + libs, 3600, cpu=120)
        if st != 0:
            why = why or {"class": "skip-plain-compile", "detail": H.norm(H.first_error(e))}
            continue
        st, want, e, t_plain = H.run_exe(exe, 10, cwd=work)
        if st != 0 and not (cfg["stderr"] and isinstance(st, int)):
            why = why or {"class": "skip-plain-run", "detail": "exit %s" % st}
            continue
        levels.append((opt, (st, want, runtime_errors(e)) if cfg["stderr"] else want, t_plain))
    if not levels:
        return why
    seed = sum(name.encode())
    try:
        desc = H.asyncify(p("p.c"), p("p.async.c"), parse_flags, seed=seed, rate=cfg["rate"])
    except H.Unsupported as ex:
        return {"class": "asyncify-fail", "detail": H.norm(str(ex))}
    open(p("info.txt"), "w").write("%s: %s; gcc %s %s\n" % (name, desc, cfg["opt"], " ".join(flags)))
    cls, detail, _ = H.transpile(tools, p("p.async.c"), p("p.out.c"), parse_flags)
    if cls:
        return {"class": cls, "detail": detail}
    for opt, want, t_plain in levels:
        r = check_level(opt, want, t_plain, flags, libs, tools, p, work, cfg["stderr"])
        if r["class"] != "pass":
            r["detail"] = ("%s: %s" % (opt, r["detail"])) if len(opts) > 1 else r["detail"]
            return r
    return {"class": "pass", "detail": ""}


def runtime_errors(err):
    """The sanitizers' `runtime error:` lines of a run's stderr without their FILE:LINE:COL (the
    async program's lines are not the plain one's) and with addresses blanked."""
    out = []
    for ln in err.decode(errors="replace").splitlines():
        if "runtime error:" in ln:
            ln = re.sub(r"0x[0-9a-f]+", "0xX", ln.split("runtime error:", 1)[1])
            out.append(ln.strip())
    return out


def check_level(opt, want, t_plain, flags, libs, tools, p, work, stderr=False):
    """The async build at one optimization level against the plain build's run at it. STDERR: WANT
    is (status, stdout, runtime errors), which the async run must give alike."""
    plain_keys = H.plain_warnings(tools, tools.gcc, p("p.c"), flags, opt)
    cls, detail, _ = H.compile_output(tools, tools.gcc, p("p.out.c"), p("async" + opt), flags, opt,
                                      plain_keys, libs)
    if cls:
        return {"class": cls, "detail": detail}
    st, got, e, _ = H.run_exe(p("async" + opt), max(60, 50 * t_plain), cwd=work)
    if st == "timeout":
        return {"class": "run-timeout", "detail": ""}
    if stderr:
        if (st, got, runtime_errors(e)) == want:
            return {"class": "pass", "detail": ""}
        if st != want[0]:
            return {"class": "run-crash", "detail": "exit %s, plain %s: %s" % (st, want[0], H.norm(H.first_error(e)))}
        return {"class": "mismatch", "detail": "stdout differs" if got != want[1] else
                "runtime errors differ: %s" % H.norm(" | ".join(runtime_errors(e))[:200])}
    if st == -signal.SIGABRT:
        return {"class": "mismatch", "detail": "abort(): a check of the program failed"}
    if st != 0:
        return {"class": "run-crash", "detail": "exit %s: %s" % (st, H.norm(H.first_error(e)))}
    if got != want:
        return {"class": "mismatch", "detail": "stdout differs"}
    return {"class": "pass", "detail": ""}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite", help="a directory of C programs (gcc/testsuite/gcc.c-torture/execute)")
    ap.add_argument("--build", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default=None, help="comma-separated file names")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--opt", default="-O1", help="a level, or levels by commas (-O2,-O3): the async "
                    "program is made once and built and run at each")
    ap.add_argument("--cflags", default="", help="options for every program (gcc.dg/vect's "
                    "-ftree-vectorize ...), as if each program's dg-options began with them")
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--list", action="store_true", help="print every failure, one a line")
    ap.add_argument("--stderr", action="store_true", help="programs that may exit non-zero (gcc.dg/ubsan's "
                    "dg-shouldfail): the async run must give the plain run's status, stdout and "
                    "sanitizer `runtime error:` lines (without their locations)")
    a = ap.parse_args()
    build = a.build or os.path.join(H.ROOT, "build")
    out = os.path.abspath(a.out or os.path.join(build, "differential", "torture"))
    os.makedirs(out, exist_ok=True)
    H.Tools(build=a.build)
    names = sorted(n for n in os.listdir(a.suite) if n.endswith(".c"))
    if a.only:
        names = a.only.split(",")
    cfg = {"build": a.build, "suite": os.path.abspath(a.suite), "out": out, "opt": a.opt, "rate": a.rate,
           "cflags": a.cflags.split(), "stderr": a.stderr}
    results = H.run_pool(one, names, cfg, a.j, os.path.join(out, "results.jsonl"),
                         lambda r: r["class"] != "pass" and not r["class"].startswith("skip"))
    results.sort(key=lambda r: r["name"])
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    bad = H.summarize(results, "%s made async" % a.suite)
    considered = [r for r in results if not r["class"].startswith("skip")]
    print("gcc passes %d of %d; made async, %d of those pass" %
          (len(considered), len(results), len(considered) - bad))
    if a.list:
        for r in considered:
            if r["class"] != "pass":
                print("%s %s %s" % (r["name"], r["class"], r["detail"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
