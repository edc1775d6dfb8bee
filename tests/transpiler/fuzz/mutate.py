#!/usr/bin/env python3
"""mutate.py: bad and odd input never crashes asyncc. Takes async C files (the lit tests' own, the
samples'), mutates each at the token level (a token deleted, doubled, swapped with its neighbour,
replaced by another of the file's or by one of C's punctuators and keywords; `async` or `await(`
put somewhere; the file cut short), and runs asyncc on every mutant. A mutant may be refused, but
only with a diagnostic: asyncc must not die of a signal or of memory, hang, exit other than 0 or
1, or print an error that names no place. When asyncc accepts a mutant that gcc compiles as plain
C (`async` vanishes, `await(e)` is `e`), the output must compile too.

With --run, a mutant that compiles both ways is built on the runtime and as sequential C (await is
the identity, as run.sh does), and both must print the same and exit alike: a mutant is a program
nobody wrote. Mutants whose sequential build a sanitizer stops, or that do not end, are skipped.

usage: mutate.py --asyncc BIN --include DIR [--seeds A-B] [--per-file N] [--keep DIR]
                 [--run --runtime-lib LIB --seq-lib LIB] FILE.c...
Prints each failure (class, seed, file, the mutation, asyncc's last words) and a summary; exits 1
when anything failed. The same seed gives the same mutants."""
import argparse
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<directive>^[ \t]*\#[^\n]*(?:\\\n[^\n]*)*)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<number>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|\#\#|[][(){}.,;:?~!+\-*/%&|^<>=\#])
  | (?P<space>\s+)
""", re.S | re.M | re.X)

FILLERS = ["async", "await(", "await", "(", ")", "{", "}", ";", ",", "*", "&", "goto", "return", "if", "else",
           "while", "for", "do", "switch", "case 1:", "default:", "break;", "continue;", "static", "const",
           "volatile", "int", "struct", "union", "enum", "typedef", "sizeof", "__typeof__", "=", "?", ":",
           "[", "]", "...", "0", "\"s\"", "'c'", "ac_yield()", "await(ac_yield())", "__attribute__((cleanup(f)))",
           "_Alignas(16)", "register", "extern", "#", "\\", "/*", "*/", "//", "\n", "label:", "&&label",
           "({", "})", "__label__", "_Static_assert(1, \"\");", "ac_spawn(", "ac_select(", "ac_timeout(1,"]


def tokens(text):
    """[(start, end, kind)] of the significant tokens (directives whole, comments and space left out)."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        out.append((m.start(), m.end(), kind))
    return out


def mutate(text, rng):
    toks = tokens(text)
    if len(toks) < 4:
        return text, "too short"
    i = rng.randrange(len(toks))
    a, b, kind = toks[i]
    how = rng.choice(["delete", "double", "swap", "replace", "insert", "insert", "await", "async", "cut",
                      "delete2", "replace_kw"])
    if how == "delete":
        return text[:a] + text[b:], "delete %r at %d" % (text[a:b], a)
    if how == "delete2" and i + 1 < len(toks):
        b2 = toks[i + 1][1]
        return text[:a] + text[b2:], "delete %r at %d" % (text[a:b2], a)
    if how == "double":
        return text[:b] + " " + text[a:b] + text[b:], "double %r at %d" % (text[a:b], a)
    if how == "swap" and i + 1 < len(toks):
        c, d, _ = toks[i + 1]
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:], "swap %r %r at %d" % (text[a:b], text[c:d], a)
    if how == "replace":
        c, d, _ = toks[rng.randrange(len(toks))]
        return text[:a] + text[c:d] + text[b:], "replace %r by %r at %d" % (text[a:b], text[c:d], a)
    if how == "replace_kw":
        f = rng.choice(FILLERS)
        return text[:a] + f + text[b:], "replace %r by %r at %d" % (text[a:b], f, a)
    if how == "await" and kind == "word":
        # await( before a word, its ) after the next ) or ; (often unbalanced on purpose)
        j = next((k for k in range(i + 1, min(len(toks), i + 12)) if text[toks[k][0]:toks[k][1]] in (")", ";")),
                 i)
        e = toks[j][0]
        return text[:a] + "await(" + text[a:e] + ")" + text[e:], "await(...) around %r at %d" % (text[a:e], a)
    if how == "async" and kind == "word":
        return text[:a] + "async " + text[a:], "async before %r at %d" % (text[a:b], a)
    if how == "cut":
        return text[:a], "cut at %d" % a
    f = rng.choice(FILLERS)
    return text[:a] + f + " " + text[a:], "insert %r at %d" % (f, a)


OPERATOR_CLASSES = [["+", "-", "*", "^", "|", "&"], ["<", "<=", ">", ">=", "==", "!="], ["&&", "||"],
                    ["+=", "-=", "*=", "^=", "|=", "&="], ["++", "--"]]


def mutate_gentle(text, rng):
    """A mutation that keeps the program C more often (for --run): a number, an operator of the same
    class, or a whole statement line doubled, dropped or swapped with the next."""
    toks = tokens(text)
    how = rng.choice(["number", "operator", "operator", "line_double", "line_drop", "line_swap"])
    if how in ("number", "operator"):
        if how == "number":
            cands = [t for t in toks if t[2] == "number"]
        else:
            cands = [t for t in toks if t[2] == "punct" and any(text[t[0]:t[1]] in c for c in OPERATOR_CLASSES)]
        if not cands:
            return mutate(text, rng)
        a, b, _ = rng.choice(cands)
        old = text[a:b]
        if how == "number":
            new = rng.choice(["0", "1", "2", "3", "7", "-1", "100", old + "0"])
        else:
            new = rng.choice(next(c for c in OPERATOR_CLASSES if old in c))
        return text[:a] + new + text[b:], "%s %r -> %r at %d" % (how, old, new, a)
    lines = text.split("\n")
    stmts = [i for i, l in enumerate(lines) if l.rstrip().endswith(";") and not l.lstrip().startswith(("#", "//", "*"))]
    if not stmts:
        return mutate(text, rng)
    i = rng.choice(stmts)
    if how == "line_double":
        lines.insert(i, lines[i])
    elif how == "line_drop":
        del lines[i]
    elif i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines), "%s line %d" % (how, i + 1)


def run(cmd, timeout, mem=0, cwd=None):
    def limit():
        if mem:
            resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_CPU, (timeout, timeout + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout * 2, preexec_fn=limit, cwd=cwd)
        return p.returncode, p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return "hang", ""


STATS = {"refused": 0, "accepted": 0, "compiled": 0, "compared": 0}

PLACE = re.compile(r"^[^:\n]+:(\d+:\d+:)? (error|warning|note|fatal error): |^asyncc: ", re.M)


def judge(args, path, out, tmp):
    """(class, detail) of one mutant's run, or None when it was handled well."""
    rc, err = run([args.asyncc, "-I" + args.include, path, "-o", out], args.timeout, args.mem << 20)
    if rc == "hang":
        return "hang", ""
    last = err.strip().splitlines()[-3:] if err.strip() else []
    if isinstance(rc, int) and rc < 0:
        return "signal %d" % -rc, "\n".join(last)
    if rc not in (0, 1):
        return "exit %d" % rc, "\n".join(last)
    if re.search(r"out of memory|AddressSanitizer|runtime error:|Assertion|internal error|LeakSanitizer", err):
        return "crash", "\n".join(last)
    context = 0
    for line in err.splitlines():
        if PLACE.match(line):
            context = 2  # the source line a diagnostic quotes, and its caret
            continue
        if context:
            context -= 1
            continue
        if (re.search(r"\berror\b", line) and not PLACE.match(line) and not line.startswith(" ")
                and not re.match(r"^(\d+ warnings? and )?\d+ errors? generated\.$", line)):
            return "unplaced error", line
    if rc == 1 and "error" not in err:
        return "silent refusal", "\n".join(last)
    STATS["refused" if rc else "accepted"] += 1
    if rc == 0:
        cc = [args.cc, "-std=gnu11", "-fsyntax-only", "-w", "-I" + args.include]
        prc, _ = run(cc + [path], 60)
        if prc == 0:
            orc, oerr = run(cc + ["-I" + os.path.dirname(os.path.abspath(path)), out], 60)
            if orc != 0 and "outgrows the ac__frame_size_" not in oerr:  # a promise the mutant broke
                return "output does not compile", "\n".join(oerr.strip().splitlines()[:3])
            STATS["compiled"] += orc == 0
            if orc == 0 and args.run:
                return compare_runs(args, path, out, tmp)
    return None


def run_out(cmd, timeout, tmp):
    """(exit status, or "limit" for a run over its CPU time, wall time or 8 MiB of output; stdout;
    stderr) of a program run."""
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (timeout, timeout + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 << 20, 8 << 20))

    path = os.path.join(tmp, "stdout")
    try:
        with open(path, "wb") as out:
            p = subprocess.run(["./program"] + cmd[1:], executable=cmd[0], stdout=out, stderr=subprocess.PIPE,
                               timeout=timeout * 3, preexec_fn=limit, cwd=tmp)  # (files it writes go there)
    except subprocess.TimeoutExpired:
        return "limit", b"", ""
    if p.returncode in (-signal.SIGXCPU, -signal.SIGXFSZ, -signal.SIGKILL):
        return "limit", b"", ""
    with open(path, "rb") as f:
        return p.returncode, f.read(), p.stderr.decode(errors="replace")


def compare_runs(args, path, out, tmp):
    """--run: the output built on the runtime must do what the mutant does built as sequential C
    (await is the identity: run.sh's reference). A mutant whose sequential build is undefined (a
    sanitizer report) or does not end is no reference, and is skipped."""
    text = open(path, errors="replace").read()
    # the sequential build of a select, a timeout or a try_join runs its first future alone: the
    # source keeps the two builds alike (every loser's cleanups undo what it did), its mutant not
    if "NO-SEQUENTIAL" in text or re.search(r"\bac_(select|timeout|try_join)\b", text):
        return None
    libs = [args.runtime_lib, "-luring", "-lpthread"]
    here = "-I" + os.path.dirname(os.path.abspath(path))
    seq, asy = os.path.join(tmp, "seq"), os.path.join(tmp, "async")
    san = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g"]
    # nor is a mutant whose values depend on addresses or on what no one stored
    undefined = ["-O1", "-Werror=int-conversion", "-Werror=pointer-to-int-cast", "-Werror=int-to-pointer-cast",
                 "-Werror=incompatible-pointer-types", "-Werror=uninitialized", "-Werror=maybe-uninitialized",
                 "-Werror=return-type", "-Werror=sequence-point", "-Werror=array-bounds",
                 "-Werror=implicit-function-declaration", "-Werror=address", "-Werror=format"]
    if run([args.cc, "-std=gnu11"] + undefined + ["-DAC_SEQUENTIAL", "-I" + args.include, here] + san +
           [path, args.seq_lib] + libs + ["-o", seq], 60)[0] != 0:
        return None
    rc, err = run([args.cc, "-std=gnu11", "-w", "-I" + args.include, here] + san + [out] + libs + ["-o", asy], 120)
    if rc == "hang":
        return None  # a long function under the sanitizers on a loaded machine: no verdict
    if rc != 0:
        return "output does not link", "\n".join(err.strip().splitlines()[:3])
    s_rc, s_out, s_err = run_out([seq], 10, tmp)
    if s_rc == "limit" or "Sanitizer" in s_err or "runtime error" in s_err:
        return None
    STATS["compared"] += 1
    a_rc, a_out, a_err = run_out([asy], 30, tmp)
    if (a_rc, a_out) != (s_rc, s_out):
        detail = "sequential: exit %s, %d bytes; async: exit %s, %d bytes" % (s_rc, len(s_out), a_rc, len(a_out))
        return "mismatch", detail + ("\n" + "\n".join(a_err.strip().splitlines()[:4]) if a_err.strip() else "")
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asyncc", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--seeds", default="1-20")
    ap.add_argument("--per-file", type=int, default=3, help="mutants of each file per seed")
    ap.add_argument("--timeout", type=int, default=30, help="CPU seconds for asyncc")
    sanitized = "sanitize" in os.environ.get("ASYNCC_SAN_FLAGS", "")  # ASan reserves terabytes
    ap.add_argument("--mem", type=int, default=0 if sanitized else 2048,
                    help="MiB of address space for asyncc (0: no limit, as under ASan)")
    ap.add_argument("--run", action="store_true",
                    help="also run what compiles, against the mutant's sequential build (needs the libraries)")
    ap.add_argument("--runtime-lib", default=os.environ.get("ASYNCC_RUNTIME_LIB"))
    ap.add_argument("--seq-lib", default=os.environ.get("ASYNCC_SEQ_LIB"))
    ap.add_argument("--keep", help="directory to copy failing mutants to")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.seeds.split("-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the mutant beside its original goes too
    failures = runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(lo, hi + 1):
            for f in args.files:
                text = open(f, encoding="utf-8", errors="surrogateescape").read()
                rng = random.Random("%d:%s" % (seed, os.path.basename(f)))
                for k in range(args.per_file):
                    m, how = text, []
                    for _ in range(rng.choice([1, 1, 1, 2, 3])):
                        m, h = (mutate_gentle if args.run and rng.random() < 0.8 else mutate)(m, rng)
                        how.append(h)
                    # the mutant sits beside its original: its #include "..." still resolve
                    path = os.path.join(os.path.dirname(os.path.abspath(f)), ".mutant-%d-%d-%s" % (seed, k, os.path.basename(f)))
                    with open(path, "w", encoding="utf-8", errors="surrogateescape") as out:
                        out.write(m)
                    verdict = None
                    try:
                        verdict = judge(args, path, os.path.join(tmp, "out.c"), tmp)
                        runs += 1
                    finally:
                        if not verdict or not args.keep:
                            os.unlink(path)
                    if verdict:
                        failures += 1
                        cls, detail = verdict
                        print("FAIL %s: seed %d, %s #%d: %s" % (cls, seed, f, k, "; ".join(how)))
                        if detail:
                            print("    " + detail.replace("\n", "\n    "))
                        if args.keep:
                            os.makedirs(args.keep, exist_ok=True)
                            shutil.move(path, os.path.join(args.keep, "%s-%d-%d-%s" % (cls.replace(" ", "_"), seed, k, os.path.basename(f))))
                        sys.stdout.flush()
    print("%d mutants, %d failed (%s)" % (runs, failures, ", ".join("%d %s" % (v, k) for k, v in STATS.items())))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
