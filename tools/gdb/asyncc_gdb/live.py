# asyncc_gdb/live.py: the tasks that a stopped thread is polling, read from the threads' stacks:
# their await chains as the gdb frames of the async functions being run, where the frames in
# memory say only where each one last suspended.
#
# A task being polled has run on since its last suspension: its frames' states are those of the
# awaits it suspended at, and the bytes of the child frame at such an await may now hold the
# frame of another callee (awaits of one function share those bytes): `asyncc task` of the task
# a breakpoint stopped in printed main at its earlier await, and under it a "scaled (not started)"
# whose parameter was count_down's. The thread polling it has the truth on its stack:
# ac__task_run(task) and above it one gdb frame per async function being run (ac__run_f, or f
# itself in an optimized gcc build), each with its ac__fr.
import gdb

from asyncc_gdb.frames import OPTIMIZED_OUT, async_frame, format_value
from asyncc_gdb.names import frame_only_values, head_parameters


def task_of(frame):
    """The task that gdb frame polls, if it is the runtime's ac__task_run, else None."""
    try:
        if frame.name() == "ac__task_run":
            return int(frame.read_var("task"))
    except (gdb.error, RuntimeError, ValueError):
        pass
    return None


def polled_tasks():
    """{task address: (gdb thread, [gdb frame levels of its async functions, outermost first])}
    for the tasks the threads are polling now (stopped halfway through a poll). The selected
    thread and frame are restored."""
    out = {}
    try:
        selected_thread, selected_frame = gdb.selected_thread(), gdb.selected_frame()
    except gdb.error:
        return out
    try:
        for thread in gdb.selected_inferior().threads():
            thread.switch()
            levels, last, frame = [], None, gdb.newest_frame()
            while frame is not None:
                task = task_of(frame)
                if task is not None:
                    out[task] = (thread, list(reversed(levels)))
                    break
                # ac__poll_f below ac__run_f has the same ac__fr: one async function, at its line
                mine = async_frame(frame)
                if mine is not None and mine[0] != last:
                    levels.append(frame.level())
                last = mine[0] if mine else None
                frame = frame.older()
    except gdb.error:
        pass
    finally:
        selected_thread.switch()
        selected_frame.select()
    return out


def frames_at(thread, levels):
    """The gdb frames of thread at levels (thread selected: the caller restores the selection)."""
    thread.switch()
    out, frame = [], gdb.newest_frame()
    while frame is not None and len(out) < len(levels):
        if frame.level() in levels:
            out.append(frame)
        frame = frame.older()
    return sorted(out, key=lambda f: -f.level())


def where(frame):
    """FUNCTION FILE:LINE of an async function's gdb frame."""
    name = async_frame(frame)[1]
    sal = frame.find_sal()
    if sal.symtab is None:
        return name
    return "%s %s:%d" % (name, sal.symtab.filename, sal.line)


def visible_values(frame):
    """(name, text) of the parameters and locals of the source in scope at frame's pc: gdb's own
    symbols (not asyncc's ac__ ones), innermost block first, then the frame-only ones."""
    out, seen = [], set()
    try:
        block = frame.block()
    except RuntimeError:
        return out
    while block is not None and not block.is_static and not block.is_global:
        for sym in block:
            if sym.name.startswith("ac__") or sym.name in seen or not (sym.is_variable or sym.is_argument):
                continue
            seen.add(sym.name)
            try:
                out.append((sym.name, format_value(sym.value(frame))))
            except (gdb.error, RuntimeError):
                out.append((sym.name, "<unreadable>"))
        if block.function is not None:
            break
        block = block.superblock
    for name, value in frame_only_values(frame):
        if name not in seen:
            seen.add(name)
            out.append((name, format_value(value)))
    for name, expansion in head_parameters(frame):  # at the head line, in the frame alone
        if name not in seen:
            try:
                value = frame.read_var("ac__fr").dereference()[name] if expansion.startswith("(") else OPTIMIZED_OUT
            except (gdb.error, RuntimeError):
                value = OPTIMIZED_OUT
            out.append((name, format_value(value)))
    return out


def chain_line(thread, levels):
    """The live chain in one line, as `asyncc tasks` writes a chain."""
    selected_thread, selected_frame = gdb.selected_thread(), gdb.selected_frame()
    try:
        return " <- ".join(where(f) for f in frames_at(thread, levels))
    finally:
        selected_thread.switch()
        selected_frame.select()


def print_chain(thread, levels):
    """The live chain, a gdb frame per async function, outermost first, with its values."""
    selected_thread, selected_frame = gdb.selected_thread(), gdb.selected_frame()
    try:
        for i, frame in enumerate(frames_at(thread, levels)):
            gdb.write("#%d  %s   frame 0x%x   (gdb: thread %d, frame %d)\n"
                      % (i, where(frame), async_frame(frame)[0], thread.num, frame.level()))
            for name, text in visible_values(frame):
                gdb.write("      %s = %s\n" % (name, text))
    finally:
        selected_thread.switch()
        selected_frame.select()
