#!/usr/bin/env python3
# check_gdb.py: the gdb extension (tools/gdb/asyncc-gdb.py) on tasks.c, in a live process stopped
# at a breakpoint and in a core file gcore wrote from it: the extension auto-loads from the
# program, lists every task with its chain of await sites, and prints each frame's locals; in
# main's gdb frame, print NAME reads main's array t from the frame. The program is built as the
# build type says (RelWithDebInfo in CI: -O2).
# Usage: check_gdb.py GDB PROGRAM SOURCE WORKDIR [SANITIZER]; exits 77 (skipped) when gdb is
# missing or cannot run the program (a sanitizer build, a container without ptrace).
import json
import os
import re
import shutil
import subprocess
import sys

gdb, program, source, work = sys.argv[1:5]
sanitizer = sys.argv[5] if len(sys.argv) > 5 else ""
here = os.path.dirname(os.path.abspath(__file__))
failures = []


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def check(ok, what):
    if not ok:
        failures.append(what)


if not shutil.which(gdb):
    skip("no gdb")
os.makedirs(work, exist_ok=True)


def run_gdb(name, core=None):
    """The driver's JSON for the live program (core None) or for a core file."""
    out = os.path.join(work, name + ".json")
    if os.path.exists(out):
        os.unlink(out)
    env = dict(os.environ, ASYNCC_GDB_OUT=out, ASYNCC_WORKERS="2")
    cmd = [gdb, "-nx", "-batch", "-iex", "add-auto-load-safe-path " + os.path.abspath(program)]
    if core:
        env["ASYNCC_GDB_CORE"] = core
        cmd += ["-x", os.path.join(here, "driver.py"), program, core]
    else:
        if not sanitizer:  # a sanitizer's shadow memory would make a core of terabytes
            env["ASYNCC_GDB_GCORE"] = os.path.join(work, "tasks.core")
        cmd += ["-x", os.path.join(here, "driver.py"), "--args", program]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if not os.path.exists(out):
        if sanitizer or "ptrace" in p.stderr:
            skip("gdb could not run the program: " + p.stderr[-2000:])
        print(p.stdout, p.stderr)
        sys.exit("gdb wrote no result (exit %d)" % p.returncode)
    with open(out) as f:
        return json.load(f)


def line_of(text, name="tasks.c"):
    """The line of tasks.c (or of another file beside it) that contains text."""
    with open(os.path.join(os.path.dirname(source), name)) as f:
        for n, line in enumerate(f, 1):
            if text in line:
                return n
    sys.exit("%s has no line with %s" % (name, text))


at = {k: line_of(v) for k, v in {
    "outer": "await(middle(", "middle": "await(inner(", "inner": "await(ac_mpsc_recv(never, &got",
    "racer": "await(ac_select(", "sleeper": "await(ac_sleep_ms(ms", "main": "await(ac_sleep_ms(200",
    "joiner": "await(ac_join("}.items()}
site = {k: r"%s \S*tasks\.c:%d" % (k, v) for k, v in at.items()}
site["far_away"] = r"far_away \S*far\.c:%d" % line_of("await(", "far.c")
chains = {
    "outer": [site["outer"] + r" \(awaiting middle\)", site["middle"] + r" \(awaiting inner\)",
              site["inner"] + r" \(awaiting ac_mpsc_recv\)", r"ac_mpsc_recv <runtime>:0"],
    "racer": [site["racer"] + r" \(awaiting ac_select\) <- \{ ac_mpsc_recv <runtime>:0 \(awaiting [^)]*\) \| "
              r"ac_sleep_ms <runtime>:0 \(awaiting timer\) \}"],
    "sleeper": [site["sleeper"] + r" \(awaiting ac_sleep_ms\)", r"ac_sleep_ms <runtime>:0 \(awaiting timer\)"],
    # quick() finished at once: the join's only pending branch is far_away, whose frame is in
    # the task's arena (defined in another file, without a bound).
    "joiner": [site["joiner"] + r" \(awaiting ac_join\)", site["far_away"] + r" \(awaiting ac_sleep_ms\)",
               r"ac_sleep_ms <runtime>:0 \(awaiting timer\)"],
}
# The locals each task's frames show, in chain order, per seed of outer.
locals_of = {
    "outer 7": ["seed = 7", "ratio = 1.75", "level = 7", 'label = "middle"', "sum = 70", "depth = 8",
                "tag = 4242", "got = 0"],
    "outer 9": ["seed = 9", "ratio = 2.25", "level = 9", 'label = "middle"', "sum = 90", "depth = 10",
                "tag = 4242", "got = 0"],
    "racer": ["id = 3", "a = 0", "b = 0", "branch 1 of 2", "ac_mpsc_recv", "branch 2 of 2", "ac_sleep_ms"],
    # first's bytes are second's when optimized: the extension must not show them as first's
    "sleeper": ["ms = 600000", "slept = 600000", "first = <optimized out>", 'second = "second\\000"',
                "ac_sleep_ms <runtime>"],
    "joiner": ["n = 5", "q = 6", "f = 0", "far_away", "hops = 5", "left = 4", "ac_sleep_ms <runtime>"],
}


def check_result(name, r):
    check(r.get("share") in ("union", "struct"), name + ": no share in sleeper's frame: %s" % r.get("share"))
    if r.get("share") == "struct":  # -O0: first keeps its own bytes, and shows its last value
        locals_of["sleeper"][2] = 'first = "first\\000\\000"'
    check(re.search(r"Yes\s+asyncc-gdb\.py", r["scripts"]), name + ": the extension was not auto-loaded:\n" + r["scripts"])
    lines = r["tasks"].splitlines()
    check(lines[-1] == "7 tasks", name + ": expected 7 tasks:\n" + r["tasks"])
    check(re.fullmatch(r"finished, not joined yet: 1 task: quick x1 \(#(\d)\)", lines[-2]),
          name + ": the finished task's line: " + lines[-2])
    lines = lines[:-1]
    funcs = sorted(re.match(r"\d+  task 0x[0-9a-f]+ (\w+):", l).group(1) for l in lines[:-1])
    check(funcs == ["joiner", "main", "outer", "outer", "racer", "sleeper"], name + ": functions %s" % funcs)
    for l in lines[:-1]:
        f = re.match(r"\d+  task 0x[0-9a-f]+ (\w+):", l).group(1)
        if f == "main":  # main is being polled: it called stop_here, and the stack says where
            check(re.search(r"main: running \(thread \d+\) at main \S*tasks\.c:%d$" % line_of("    stop_here();"), l),
                  name + ": main's line: " + l)
            continue
        want = r"%s: suspended at " % f + " <- ".join(chains[f])
        check(re.search(want, l), name + ": %s's line\n  %s\ndoes not match\n  %s" % (f, l, want))
    seen = []
    for text in r["task"]:
        head = text.splitlines()[0]
        f = re.match(r"task \d+ \(0x[0-9a-f]+\) (\w+): ", head).group(1)
        if f == "quick":  # finished: its result
            check(re.search(r"^#0  quick \(finished\).*\n\s+<result> = 42$", text, re.M), name + ": quick's result:\n" + text)
            continue
        if f == "main":
            continue
        key = f
        if f == "outer":
            key = "outer " + re.search(r"seed = (\d+)", text).group(1)
        seen.append(key)
        pos = 0
        for want in locals_of[key]:
            i = text.find(want, pos)
            check(i >= 0, name + ": %s: no '%s' (in this order) in\n%s" % (key, want, text))
            pos = max(pos, i)
        if f == "outer":  # one numbered level per frame, each at its await site
            levels = re.findall(r"^\s*#(\d+)  (\w+ \S+)", text, re.M)
            want = [site[n] for n in ("outer", "middle", "inner")] + ["ac_mpsc_recv <runtime>:0"]
            check(len(levels) == 4 and all(re.fullmatch(w, l[1]) for w, l in zip(want, levels))
                  and [l[0] for l in levels] == ["0", "1", "2", "3"], name + ": outer's levels %s" % levels)
    chain = r.get("chain", "")
    check(re.match(r"#0  " + site["middle"] + r" \(awaiting inner\)", chain) and "level = " in chain
          and re.search(r"^#1  " + site["inner"], chain, re.M) and "tag = 4242" in chain,
          name + ": asyncc chain from middle's frame:\n" + chain)
    check(sorted(seen) == ["joiner", "outer 7", "outer 9", "racer", "sleeper"], name + ": tasks printed: %s" % seen)
    names = {cmd: re.sub(r"^\$\d+ = ", "", text) for cmd, text in r.get("names", {}).items()}
    want = {"print sizeof t": "48", "whatis t": "type = ac_task *[6]", "print t[5] != 0": "1",
            "print &t[1] - &t[0]": "1"}
    check(names == want, name + ": print NAME in main's frame:\n%s\nnot\n%s" % (names, want))


live = run_gdb("live")
check(live.get("stopped") == "stop_here", "live: not stopped in stop_here: %s" % live.get("stopped"))
check_result("live", live)
core = os.path.join(work, "tasks.core")
if not sanitizer:
    check(os.path.exists(core), "gcore wrote no core file")
    if os.path.exists(core):
        dead = run_gdb("core", core)
        check_result("core", dead)
        # A core is the process at the breakpoint: the same tasks, the same frames.
        # (gdb numbers a core's threads its own way: a task being polled names its thread)
        def unthreaded(text):
            return re.sub(r"thread \d+", "thread N", str(text))
        check(unthreaded(dead["tasks"]) == unthreaded(live["tasks"]),
              "core and live differ:\n%s\n%s" % (dead["tasks"], live["tasks"]))
        check(unthreaded(dead["task"]) == unthreaded(live["task"]), "core and live frames differ")
        os.unlink(core)
for f in failures:
    print("FAIL: " + f)
if failures:
    sys.exit(1)
print("ok: live process%s, 7 tasks, chains and locals" % ("" if sanitizer else " and core file"))
