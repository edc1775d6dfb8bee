# asyncc-gdb.py: gdb commands for programs built with asyncc: `asyncc tasks` lists the live tasks
# and where each one waits, `asyncc task N` prints a task's await chain with each frame's locals;
# stopped inside an async function, `print NAME` for its variables that live in the frame alone;
# `asyncc break f` for optimized builds; `asyncc next` over an await until the task resumes.
#
# Everything is read from memory, nothing in the program is called, so the listings work in a
# process stopped anywhere (any thread) and in a core file. What they read: the runtime's
# descriptors ac__debug_tasks (task.c) and ac__debug_chunks (alloc.c), which say where the
# registry of live tasks is and the layouts of tasks and future types; each future type's name
# and await sites (future.h); the ac__kids_f table asyncc emits for every async function f (which
# child frames each state awaits, and their types); and the debug info of struct ac__frame_f for
# the locals, by the names the source gives them.
#
# Loaded automatically from the .debug_gdb_scripts section of any program linked with libasyncc
# once gdb trusts the program's directory (add-auto-load-safe-path), or by hand with `source`
# (docs/inspecting.md says both).
#
# The code is the package asyncc_gdb beside this file, one module per job: memory (reading the
# program), runtime (the runtime's tasks and future types), frames (a chain of frames with its
# locals, as text), live (the chain of a task a stopped thread is polling, from its stack),
# commands (asyncc tasks, task, chain), names (print NAME), stepping (asyncc break, next, step
# into an await), bodies (`break f` for a body gcc left out of line as f.0), backtrace (`bt` names
# async functions' frames as the source does). The build bundles them
# and this file into one script (bundle.cmake), which every program carries (runtime/dump.c) and
# the package installs; from the source tree, this file loads the package beside it.
import os
import sys

# The bundle defines the modules before this code and says so; from the source tree, the package
# beside this file is loaded afresh (over any bundle's, a program may have loaded one).
if not globals().pop("_asyncc_gdb_bundle", False):
    for _name in [m for m in sys.modules if m == "asyncc_gdb" or m.startswith("asyncc_gdb.")]:
        del sys.modules[_name]
    _here = os.path.dirname(os.path.abspath(__file__))
    if _here not in sys.path:
        sys.path.insert(0, _here)

import gdb  # noqa: E402
from asyncc_gdb import backtrace, bodies, commands, names, stepping  # noqa: E402 (after the path is set)

# A second load (another program's script, or `source` again) replaces the commands, and the event
# handlers of the first load rather than adding to them.
for _event, _handler in getattr(gdb, "asyncc_handlers", []):
    _event.disconnect(_handler)
gdb.asyncc_handlers = (commands.install() + names.install() + stepping.install() + bodies.install() +
                       backtrace.install())
for _event, _handler in gdb.asyncc_handlers:
    _event.connect(_handler)
