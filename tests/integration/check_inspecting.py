#!/usr/bin/env python3
# check_inspecting.py: the blocks of docs/inspecting.md marked `<!-- output: NAME -->` are real
# output of asyncc and of the echo server for samples/echo/echo.c; this checks them, or rewrites
# them with --update after a change to what asyncc writes.
# Usage: check_inspecting.py [--update] ASYNCC ECHO_SERVER DOC.md
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
update = args[:1] == ["--update"]
if update:
    args = args[1:]
asyncc, server, doc = (os.path.abspath(a) for a in args)
echo_dir = os.path.join(os.path.dirname(os.path.abspath(doc)), "..", "samples", "echo")


def run(*cmd):
    return subprocess.run([asyncc, *cmd, "echo.c"], cwd=echo_dir, check=True, capture_output=True,
                          text=True).stdout


def between(text, first, last):
    """The lines from the first one containing `first` to the next one containing `last`."""
    lines = text.splitlines()
    i = next(k for k, l in enumerate(lines) if first in l)
    j = next(k for k in range(i, len(lines)) if last in lines[k])
    return "\n".join(lines[i:j + 1]) + "\n"


def emit_c():
    return between(run("--emit=c", "--no-lines"), "for (;;)", "break;")


def frames():
    text = run("--emit=frames")
    return text[:text.index("\n\n") + 1]  # serve's section


@contextlib.contextmanager
def echo_with_two_clients(stderr):
    """The echo server (2 workers) with two clients connected, each connection's task past its
    first recv (the client got its byte back); killed on leaving."""
    p = subprocess.Popen([server], stdout=subprocess.PIPE, stderr=stderr, text=True,
                         env=dict(os.environ, ASYNCC_WORKERS="2"))
    try:
        port = int(p.stdout.readline().rsplit(":", 1)[1])
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        for c in clients:
            c.sendall(b"x")
            c.recv(1)
        yield p
        for c in clients:
            c.close()
    finally:
        p.kill()
        p.wait()


def dump():
    """Two clients connected to the echo server, then SIGUSR1: the dump it writes on stderr."""
    with echo_with_two_clients(subprocess.PIPE) as p:
        os.set_blocking(p.stderr.fileno(), False)
        # The echo's write may complete just after the client saw the byte: dump again until
        # both connections wait in their recv, as the text around the block says.
        for attempt in range(20):
            time.sleep(0.05)
            p.send_signal(signal.SIGUSR1)
            deadline, err = time.time() + 10, ""
            while not re.search(r"^\d+ tasks?$", err, re.M) and time.time() < deadline:
                time.sleep(0.05)
                try:  # the raw descriptor: a text stream's read of a non-blocking pipe with
                    # nothing in it raises TypeError inside Python's decoder
                    err += os.read(p.stderr.fileno(), 1 << 16).decode()
                except BlockingIOError:
                    pass
            if err.count("echo.c:15 (awaiting ac_recv)") == 2:
                break
    # Machine-specific parts: task addresses and where the source tree is.
    addresses = iter(range(0x7f00000010c0, 0x7f0000100000, 0x1240))
    err = re.sub(r"0x[0-9a-f]+", lambda m: hex(next(addresses)), err)
    return re.sub(r"\S*/samples/echo/", "/src/asyncc/samples/echo/", err)


def normalized_dump(text):
    return sorted(re.sub(r"0x[0-9a-f]+", "0x?", l) for l in text.splitlines())


GDB_SESSION = r"""
import gdb
tasks = gdb.execute("asyncc tasks", to_string=True)
n = next(l.split()[0] for l in tasks.splitlines() if " serve: " in l)
print("(gdb) asyncc tasks\n" + tasks + "(gdb) asyncc task %s\n" % n
      + gdb.execute("asyncc task " + n, to_string=True), end="")
"""


def gdb_session():
    """The gdb extension on the echo server with two clients connected (gdb attaches to it), or
    None when gdb is missing or may not attach here (the block is then left as it is)."""
    gdb = shutil.which("gdb")
    if not gdb:
        return None
    script = os.path.join(tempfile.mkdtemp(), "session.py")
    with open(script, "w") as f:
        f.write(GDB_SESSION)
    out = None
    with echo_with_two_clients(subprocess.DEVNULL) as p:
        for attempt in range(10):  # until both connections wait in their recv
            time.sleep(0.05)
            r = subprocess.run([gdb, "-nx", "-batch", "-iex", "add-auto-load-safe-path " + server,
                                "-p", str(p.pid), "-x", script], capture_output=True, text=True, timeout=120)
            if "(gdb) asyncc task" not in r.stdout:
                print("gdb could not attach to the echo server; its block is not checked:\n" + r.stderr[-1000:])
                break
            out = r.stdout[r.stdout.index("(gdb) asyncc tasks"):]
            out = out[:out.find("\n[Inferior ") + 1 or len(out)]  # gdb's detaching
            if out.count("echo.c:15 (awaiting ac_recv)") >= 3:
                break
    if out is None:
        return None
    addresses = {}  # the same address, the same made-up one
    out = re.sub(r"0x[0-9a-f]+", lambda m: addresses.setdefault(m.group(0), hex(0x7f00000010c0 + 0x1240 * len(addresses))), out)
    return re.sub(r"\S*/samples/echo/", "/src/asyncc/samples/echo/", out)


def normalized_gdb(text):
    """What may differ between two runs: addresses, descriptors, task numbers, the order, and
    the bytes of buf past what the client sent (never written: ASan's malloc fills them)."""
    text = re.sub(r"0x[0-9a-f]+", "0x?", text)
    text = re.sub(r'(buf = "x").*', r"\1", text)
    text = re.sub(r"^\d+  task|task \d+|fd = \d+", lambda m: re.sub(r"\d+", "N", m.group(0)), text, flags=re.M)
    return sorted(text.splitlines())


makers = {"emit-c": emit_c, "frames": frames, "dump": dump, "gdb": gdb_session}
text = open(doc).read()
pattern = re.compile(r"(<!-- output: ([\w-]+) -->\n```\w*\n)(.*?)(```)", re.S)
stale, seen = [], set()


def replace(m):
    name, shown = m.group(2), m.group(3)
    seen.add(name)
    real = makers[name]()
    if real is None:  # could not be made here
        return m.group(0)
    normalized = {"dump": normalized_dump, "gdb": normalized_gdb}.get(name, lambda t: t)
    same = normalized(real) == normalized(shown)
    if not same:
        stale.append((name, shown, real))
    return m.group(1) + real + m.group(4)


new = pattern.sub(replace, text)
missing = set(makers) - seen
if update:
    open(doc, "w").write(new)
    print(f"{doc}: {len(stale)} block(s) rewritten")
    sys.exit(0)
for name, shown, real in stale:
    print(f"docs/inspecting.md: the '{name}' block is stale; the real output is:\n{real}")
if missing:
    print(f"docs/inspecting.md has no block for: {', '.join(sorted(missing))}")
if stale:
    print(f"Run {sys.argv[0]} --update ASYNCC ECHO_SERVER {doc} and reread the text around it.")
print(f"{len(seen)} blocks checked, {len(stale)} stale")
sys.exit(1 if stale or missing else 0)
