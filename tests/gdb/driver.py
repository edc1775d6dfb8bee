# tests/gdb/driver.py: runs inside gdb (gdb -batch -x driver.py) for check_gdb.py: on a live
# process (stopped in stop_here, then looked at from another thread) or on a core file, runs
# the extension's commands and print NAME in main's frame, and writes their output as JSON to
# $ASYNCC_GDB_OUT.
import json
import os
import re

import gdb

out = {}
live = os.environ.get("ASYNCC_GDB_CORE") is None
if live:
    gdb.execute("break stop_here", to_string=True)
    gdb.execute("run", to_string=True)
    out["stopped"] = gdb.selected_frame().name()
    # Any thread will do: the commands read memory, not the selected frame.
    gdb.execute("thread 1", to_string=True)
out["scripts"] = gdb.execute("info auto-load python-scripts", to_string=True)
tasks = gdb.execute("asyncc tasks", to_string=True)
out["tasks"] = tasks
count = int(tasks.splitlines()[-1].split()[0])
out["task"] = [gdb.execute("asyncc task %d" % n, to_string=True) for n in range(1, count + 1)]
# How the build laid out sleeper's shared locals: a union when optimized, a struct at -O0.
share = [f.type.strip_typedefs() for f in gdb.lookup_type("struct ac__frame_sleeper").fields() if not f.name]
share = [t for t in share if t.fields() and (t.fields()[0].name or "").startswith("ac__shared_")]
out["share"] = "union" if share and share[0].code == gdb.TYPE_CODE_UNION else "struct" if share else "none"
# From a frame in the middle of a chain: middle's, under the first outer task.
for text in out["task"]:
    m = re.search(r"^#1  middle .* frame (0x[0-9a-f]+)$", text, re.M)
    if m:
        out["chain"] = gdb.execute("asyncc chain %s middle" % m.group(1), to_string=True)
        break
# print NAME of a variable that lives in the frame alone (main's array t), in main's gdb frame:
# `frame N` runs the hook that defines the names for the selected frame, in a core file too.
for thread in gdb.selected_inferior().threads():
    thread.switch()
    frame, level = gdb.newest_frame(), 0
    while frame is not None and frame.name() not in ("ac__run_main", "main"):
        frame, level = frame.older(), level + 1
    if frame is not None and frame.name() == "ac__run_main":
        gdb.execute("frame %d" % level, to_string=True)
        out["names"] = {cmd: gdb.execute(cmd, to_string=True).strip()
                        for cmd in ("print sizeof t", "whatis t", "print t[5] != 0", "print &t[1] - &t[0]")}
        break
if live and os.environ.get("ASYNCC_GDB_GCORE"):
    gdb.execute("gcore " + os.environ["ASYNCC_GDB_GCORE"], to_string=True)
with open(os.environ["ASYNCC_GDB_OUT"], "w") as f:
    json.dump(out, f, indent=1)
if live:
    gdb.execute("kill", to_string=True)
