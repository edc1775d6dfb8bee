"""tests/differential/harness.py: what the csmith and c-testsuite differentials share: finding the
tools, building a program plainly and transpiled (output compiled with -Werror for every warning
the plain source does not already give), running with timeouts, and naming failure classes."""
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WARN = ["-Wall", "-Wextra"]
ASYNCC_MEM = 2 << 30  # asyncc gets 2 GiB of address space: a runaway allocation fails fast
ASYNCIFY_CPU = 120  # libclang's parse in asyncify.py, in CPU seconds


class Unsupported(Exception):
    """asyncify.py could not make the program async (a harness limit, reported, not a finding)."""


class Tools:
    def __init__(self, asyncc=None, include=None, lib=None, build=None):
        build = build or os.path.join(ROOT, "build")
        self.asyncc = asyncc or os.path.join(build, "transpiler", "asyncc")
        # A frozen copy of a build (BUILD/COMMIT) carries the headers it was built with, so that
        # editing include/ in the worktree does not change what a long run compiles against.
        frozen = os.path.join(build, "include")
        self.include = include or (frozen if os.path.isdir(frozen) else os.path.join(ROOT, "include"))
        self.lib = lib or os.path.join(build, "runtime", "libasyncc.a")
        self.gcc = shutil.which("gcc") or "cc"
        self.clang = shutil.which("clang-14") or shutil.which("clang")
        for what, p in (("asyncc", self.asyncc), ("libasyncc", self.lib)):
            if not os.path.exists(p):
                raise SystemExit("%s not found at %s: build the project first (or pass --build)" % (what, p))


def limit_mem():
    resource.setrlimit(resource.RLIMIT_AS, (ASYNCC_MEM, ASYNCC_MEM))


def limit_parse_mem():
    """4 GiB of address space for a libclang parse (asyncify.py, clang -fsyntax-only): gcc.dg's
    large-size-array-2.c (`[0x80000000] = "bar"`) made libclang take 16 GiB of the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (2 * ASYNCC_MEM, 2 * ASYNCC_MEM))


def sh(cmd, timeout, cwd=None, preexec=None, env=None, stdin=None, cpu=None):
    """Runs CMD; returns (status, stdout, stderr, CPU seconds of the child). status: exit code,
    -SIG for a signal, or 'timeout'. CPU: a limit in CPU seconds (RLIMIT_CPU; over it is a
    'timeout' too). Long runs share the machine at nice 19, where wall time means little: a
    program that gets a tenth of a core is not hanging, so CPU limits decide and TIMEOUT (wall
    seconds) is only a backstop."""
    def limits():
        if cpu is not None:
            resource.setrlimit(resource.RLIMIT_CPU, (int(cpu) + 1, int(cpu) + 2))
        if preexec:
            preexec()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, preexec_fn=limits,
                           env=env, stdin=stdin if stdin is not None else subprocess.DEVNULL)
        st, out, err = p.returncode, p.stdout, p.stderr
        # SIGXCPU comes only from RLIMIT_CPU (csmith seed 102698 was once called a crash by it);
        # a SIGKILL is the hard limit's only when the CPU seconds say so
        if cpu is not None and (st == -signal.SIGXCPU or (st == -signal.SIGKILL and cpu_seconds(before) >= cpu)):
            st = "timeout"
    except subprocess.TimeoutExpired as e:
        if cpu is not None and cpu_seconds(before) < cpu:
            raise Stalled("the wall-clock backstop (%d s) fired after %.1f of %d CPU seconds" %
                          (timeout, cpu_seconds(before), cpu))
        st, out, err = "timeout", e.stdout or b"", e.stderr or b""
    return st, out, err, cpu_seconds(before)


class Stalled(Exception):
    """A child stopped (SIGSTOP while CI or a measurement runs) or starved past the wall-clock
    backstop without reaching its CPU limit: no verdict on the program, so the case is recorded as
    'stalled' and a --resume runs it again."""


def cpu_seconds(before):
    """CPU seconds of the children waited for since BEFORE (this process runs one at a time)."""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def norm(msg):
    """A diagnostic line reduced to its class: no file/line, names and numbers replaced."""
    msg = msg.strip()
    msg = re.sub(r"^[^:\s]*:\d+:\d+:\s*", "", msg)
    msg = re.sub(r"^[^:\s]*:\d+:\s*", "", msg)
    msg = re.sub(r"[‘'`][^’'`]*[’'`]", "'X'", msg)
    msg = re.sub(r"\b\d+\b", "N", msg)
    return msg[:140]


def first_error(text):
    lines = text.decode(errors="replace").splitlines()
    for ln in lines:
        if "error:" in ln or "fatal" in ln.lower():
            return ln
    for ln in lines:
        if ln.strip():
            return ln
    return "(no message)"


def warning_keys(text):
    """The warnings of a compiler's output as a set: the -W flag of each, or for a warning that
    names none its message without names and numbers."""
    keys = set()
    for ln in text.decode(errors="replace").splitlines():
        if "warning:" not in ln:
            continue
        m = re.search(r"\[-W(?:error=)?([a-z0-9=+-]+)\]", ln)
        keys.add("-W" + m.group(1) if m else norm(ln.split("warning:", 1)[1]))
    return keys


def plain_warnings(tools, cc, src, flags, opt):
    """The warnings the plain program already gives under WARN (not held against its output); a
    full compile at the same level, as some warnings come from the optimizer."""
    st, out, err, _ = sh([cc, "-c", "-o", os.devnull, "-std=gnu11", opt] + WARN + flags + [src], 3600, cpu=300)
    return warning_keys(err)


def asyncify(src, out, flags, seed, rate, fmt=None, col0=True, comb=None, errors_ok=False):
    """asyncify.py SRC OUT in a process of its own, with ASYNCIFY_CPU CPU seconds: libclang's parse
    cannot be interrupted from Python, and clang 14 takes minutes on some inputs (the decimal
    literals of gcc.dg/float-exact-1.c exactly half-way between two x87 long doubles), which hung a
    whole run. Returns the description of what was varied; raises Unsupported with asyncify's
    reason, or when it ran over its limit. COMB: the combinator mode's rate (asyncify --combinators)."""
    cmd = [sys.executable, os.path.join(HERE, "asyncify.py"), src, out, "--seed", str(seed),
           "--yield-rate", str(rate)]
    cmd += ["--format", str(fmt)] if fmt is not None else []
    cmd += [] if col0 else ["--no-col0"]
    cmd += [] if comb is None else ["--combinators", str(comb)]
    cmd += ["--errors-ok"] if errors_ok else []
    st, o, e, _ = sh(cmd + ["--"] + flags, 30 * ASYNCIFY_CPU, cpu=ASYNCIFY_CPU, preexec=limit_parse_mem)
    text = e.decode(errors="replace").strip()
    if st == "timeout":
        raise Unsupported("libclang ran over %d CPU seconds" % ASYNCIFY_CPU)
    if st == 2 and text.startswith("asyncify:"):
        raise Unsupported(text.split(": ", 2)[-1])
    if st != 0:
        raise RuntimeError("asyncify.py exited %s: %s" % (st, text[-300:]))
    return text.splitlines()[-1] if text else ""


def transpile(tools, src, out, flags, timeout=60, sanitized=False):
    """Returns (class or None, detail, seconds). SANITIZED: asyncc is an ASan build, which reserves
    terabytes of address space for its shadow memory, so it runs without the memory limit."""
    st, o, e, dt = sh([tools.asyncc, "-I" + tools.include] + flags + [src, "-o", out], 30 * timeout,
                      preexec=None if sanitized else limit_mem, cpu=timeout)
    if st == 0:
        return None, "", dt
    if st == "timeout":
        return "transpile-hang", "asyncc ran over %d CPU seconds" % timeout, dt
    text = e.decode(errors="replace")
    if "out of memory" in text:
        return "transpile-crash", "out of memory", dt
    if isinstance(st, int) and st < 0:
        return "transpile-crash", "signal %d" % -st, dt
    err = first_error(e)
    if "error:" in err:
        return "transpile-reject", norm(err), dt
    return "transpile-crash", "exit %s: %s" % (st, norm(err)), dt


def compile_output(tools, cc, out_c, exe, flags, opt, plain_keys, libs=()):
    """Compiles the transpiled C. A warning of a kind the plain source does not give counts as a
    failure (what -Werror does, less the plain program's own warnings). LIBS: the program's own
    libraries, linked after the runtime (-l options in FLAGS come before the objects, where
    `--as-needed` drops them). Returns (class or None, detail, seconds)."""
    cmd = [cc, "-std=gnu11", opt, "-I" + tools.include] + flags + WARN + [out_c, "-o", exe,
                                                                          tools.lib, "-luring", "-lpthread", "-lm"]
    cmd += list(libs)
    st, o, e, dt = sh(cmd, 3600, cpu=300)
    if st == "timeout":
        return "compile-hang", "%s: over 300 CPU seconds" % os.path.basename(cc), dt
    if st != 0:
        return "compile-fail", "%s: %s" % (os.path.basename(cc), norm(first_error(e))), dt
    new = warning_keys(e) - plain_keys
    # An unused static async function leaves its unused future type (a const variable) where the
    # plain build warns that the function is unused: the same warning under another name.
    # Indentation is the layout asyncc chooses, and the yields this harness inserts can make the
    # source's own indentation misleading where clang says nothing because the statement starts
    # with a macro (await): not a property of the generated code.
    new -= {"-Wmisleading-indentation"}
    if "-Wunused-function" in plain_keys:
        new -= {"-Wunused-const-variable=", "-Wunused-const-variable"}
    if new:
        return "warning", "%s: %s" % (os.path.basename(cc), ", ".join(sorted(new))), dt
    return None, "", dt


def backend_env(backend):
    """The environment that runs the async build on BACKEND (ASYNCC_BACKEND), or None for the
    runtime's default choice."""
    if not backend:
        return None
    env = dict(os.environ)
    env["ASYNCC_BACKEND"] = backend
    return env


def run_exe(exe, timeout, args=(), cwd=None, env=None):
    """Runs EXE with TIMEOUT CPU seconds (and 30 times that in wall time)."""
    return sh([exe] + list(args), 30 * timeout, cwd=cwd, env=env, cpu=timeout)


def summarize(results, total_label):
    """Prints counts by class and by class+detail; returns the count of non-pass, non-skip."""
    by = {}
    for r in results:
        by.setdefault(r["class"], []).append(r)
    print("== %s: %d programs" % (total_label, len(results)))
    for cls in sorted(by, key=lambda c: (-len(by[c]), c)):
        print("  %-18s %d" % (cls, len(by[cls])))
        if cls in ("pass",):
            continue
        details = {}
        for r in by[cls]:
            details.setdefault(r.get("detail", ""), []).append(r["name"])
        for d in sorted(details, key=lambda d: -len(details[d])):
            names = details[d]
            print("      %4d  %s   [%s%s]" % (len(names), d, " ".join(map(str, names[:6])),
                                            " ..." if len(names) > 6 else ""))
    return sum(1 for r in results if r["class"] != "pass" and not r["class"].startswith("skip"))


def run_case(name, cfg, check, work_parent, prefix, keep=False):
    """One program of a differential run: check(name, cfg, tools, work) in a fresh directory under
    work_parent; a harness exception is its own class, never a pass; the directory of a failure
    (of every case with keep) is copied to OUT/fail/NAME, and its path put in the result."""
    tools = Tools(build=cfg["build"])
    work = tempfile.mkdtemp(prefix="%s-%s-" % (prefix, name), dir=work_parent)
    r = {"name": name, "class": "pass", "detail": ""}
    try:
        r.update(check(name, cfg, tools, work))
    except Stalled as ex:
        r.update({"class": "skip-stalled", "detail": str(ex)})
    except Exception as ex:  # a fault of this harness: reported as such, never as a pass
        r.update({"class": "harness-error", "detail": "%s: %s" % (type(ex).__name__, str(ex)[:120])})
    finally:
        if r["class"] != "pass" and not r["class"].startswith("skip") or keep:
            dest = os.path.join(cfg["out"], "fail", str(name))
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(work, dest)
            r["dir"] = dest
        shutil.rmtree(work, ignore_errors=True)
    return r


def run_pool(one, names, cfg, jobs, log_path, failed):
    """one(name, cfg) for each name on jobs processes: each result is written to log_path (JSON
    lines) as it comes, so that a stopped run still says something, and printed when failed(result)
    says so. Returns the results, in the order they came."""
    import json
    results = []
    with open(log_path, "w") as log, ProcessPoolExecutor(max_workers=jobs) as ex:
        for fut in as_completed([ex.submit(one, n, cfg) for n in names]):
            r = fut.result()
            results.append(r)
            log.write(json.dumps(r) + "\n")
            log.flush()
            if failed(r):
                print("%s: %s %s" % (r["name"], r["class"], r["detail"]), flush=True)
    return results
