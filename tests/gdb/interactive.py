#!/usr/bin/env python3
# tests/gdb/interactive.py: runs a program on a pseudo-terminal, as at a terminal: types each LINE after the
# program shows PROMPT, then prints all it wrote (for gdb behaviour that only interactive use has).
# Usage: interactive.py PROMPT LINE... -- COMMAND ARG...
import os
import pty
import select
import sys
import time

args = sys.argv[1:]
split = args.index("--")
prompt, lines, command = args[0].encode(), args[1:split], args[split + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
out, sent, deadline = b"", 0, time.time() + 120
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the program exited and closed the terminal
            break
        if not chunk:
            break
        out += chunk
    if sent < len(lines) and out.count(prompt) > sent:
        os.write(fd, lines[sent].encode() + b"\n")
        sent += 1
else:
    os.kill(pid, 9)
    sys.stdout.write(out.decode(errors="replace"))
    sys.exit("interactive.py: timed out after typing %d of %d lines" % (sent, len(lines)))
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r\n", "\n"))
