# asyncc_gdb/stepping.py: running to and over awaits: `asyncc break f` (every inlined copy of f's
# body in an optimized build, and a hint after a `break f` that found nothing there), `asyncc
# next` (over an await that suspends, until the task resumes), and `step` at an await straight
# into the callee (over the runtime's frame allocation).
import re

import gdb

from asyncc_gdb.frames import async_frame


def run_function(name):
    """Whether the program has the function that runs async function name's body."""
    try:
        gdb.execute("info line ac__run_%s" % name, to_string=True)
        return True
    except gdb.error:
        return False


class BreakCommand(gdb.Command):
    """Break in an async function's body, each time a poll runs it (optimized builds too).

asyncc break FUNCTION [if CONDITION]
The same as `break FUNCTION` where that works: the body of async function FUNCTION runs in the
generated function ac__run_FUNCTION, which carries FUNCTION's name as its symbol. gcc inlines it at
-O1 and above and names it ac__run_FUNCTION in the debug info, so there `break FUNCTION` finds
nothing: this command breaks at every inlined copy, each time a poll runs it (when it starts and
each time it resumes from an await), on the first line of that copy that has code of its own.
Unoptimized, it stops on FUNCTION's head line, and `if ac__from == 0` stops only when it starts
(ac__from is the state it resumes from; optimized, it may be optimized out)."""

    def __init__(self):
        super().__init__("asyncc break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        words = arg.split(None, 1)
        if not words:
            raise gdb.GdbError("usage: asyncc break FUNCTION [if CONDITION]")
        name, rest = words[0], (" " + words[1]) if len(words) > 1 else ""
        if not run_function(name):
            raise gdb.GdbError("no async function %s with debug info in this program (no ac__run_%s)" % (name, name))
        gdb.execute("break ac__run_%s%s" % (name, rest), from_tty)


# A command line that sets a breakpoint on a function name, as `show commands` lists it.
BREAK_LINE = re.compile(r"\s*\d+\s+(?:b|br|bre|brea|break|tb|tbr|tbre|tbrea|tbreak|hb|hbreak)\s+"
                        r"(?:-function\s+)?([A-Za-z_]\w*)\s*(?:\bif\b.*|thread\s.*)?$")


def has_breakpoint(name):
    """Whether a breakpoint on function name exists (`break name` found it)."""
    return any(b.location in (name, "-function " + name) for b in (gdb.breakpoints() or ()) if b.location)


class BreakHint:
    """gdb has no event for a command that failed, but an interactive session keeps the lines
    typed in its history: before each prompt, when the last line was `break f` (or tbreak...) for
    an async function f and made no breakpoint, because an optimized build inlines its body, say
    once that `asyncc break f` breaks there. gdb has just said `Function "f" not defined.`. (A gcc
    build names f's inlined body f, future.h: AC__NAMED_BODY, and `break f` works there: nothing
    is said, and so where gcc left the nested function out of line, as f.0, which bodies.py names
    f for gdb; clang's builds need the hint. A symbol f, such as the -Wmissing-prototypes
    witness's debug info, is no sign that `break f` found the body.)"""

    last = None

    @classmethod
    def check(cls, *unused):
        try:
            lines = gdb.execute("show commands", to_string=True).strip().splitlines()
        except gdb.error:
            return
        if not lines or lines[-1] == cls.last:
            return
        cls.last = lines[-1]
        m = BREAK_LINE.match(lines[-1])
        try:
            if not m or not run_function(m.group(1)) or has_breakpoint(m.group(1)):
                return
        except (gdb.error, RuntimeError):
            return
        gdb.write("asyncc: %s is an async function whose body this optimized build inlines (as "
                  "ac__run_%s): `asyncc break %s` breaks there, each time a poll runs it\n"
                  % (m.group(1), m.group(1), m.group(1)))


SUSPENDED_FILE = "asyncc: the task is suspended at this await"


def at_suspension(frame):
    """Whether frame stands at the return of an async function that suspends (lower_emit.c
    names its line so)."""
    try:
        sal = frame.find_sal()
        return sal.symtab is not None and SUSPENDED_FILE in sal.symtab.filename
    except RuntimeError:
        return False


class StopSeen:
    """The breakpoints of the last stop, for asyncc next; at a stop where a `next` left an async
    function that suspended, what to do next."""

    last = []
    stepping = False  # asyncc next is running

    @classmethod
    def record(cls, event):
        cls.last = list(getattr(event, "breakpoints", []))
        try:
            if not cls.stepping and at_suspension(gdb.selected_frame()):
                gdb.write("asyncc: the task is suspended at this await: `asyncc next` goes on until it resumes "
                          "here, `continue` lets the program run\n")
        except gdb.error:
            pass


class NextCommand(gdb.Command):
    """Step over a line like `next`; over an await that suspends the task, go on until the task
resumes there.

asyncc next
`next` over an await that suspends stops where the function returns to the runtime (shown as
the file "(asyncc: the task is suspended at this await; ...)"). This command then lets the
program run until this task's frame resumes at that await, whichever thread polls it, and
finishes the step there: it stops at the next line of the function, as `next` over a call.
Another breakpoint hit meanwhile stops it there."""

    def __init__(self):
        super().__init__("asyncc next", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        try:
            frame = gdb.selected_frame()
        except gdb.error as e:
            raise gdb.GdbError(str(e))
        mine = async_frame(frame)
        if not at_suspension(frame):
            StopSeen.stepping = True
            try:
                gdb.execute("next", from_tty)
            finally:
                StopSeen.stepping = False
            frame = gdb.selected_frame()
            if mine is None or not at_suspension(frame) or async_frame(frame) != mine:
                return
        if mine is None:
            raise gdb.GdbError("not stopped inside an async function")
        addr, name = mine
        StopSeen.stepping = True
        try:
            for _ in range(64):  # a task woken for nothing suspends again at the same await
                state = int(gdb.parse_and_eval("((unsigned *)%d)[0]" % addr))
                bp = self.resume_breakpoint(name, state, addr)
                try:
                    gdb.execute("continue", to_string=True)
                    ours = bp.is_valid() and any(b.number == bp.number for b in StopSeen.last)
                finally:
                    if bp.is_valid():
                        bp.delete()
                if not ours:
                    return  # stopped elsewhere (gdb said where) or exited
                gdb.write("asyncc: the task resumed at this await (thread %d)\n" % gdb.selected_thread().num)
                gdb.execute("next", from_tty)
                if not at_suspension(gdb.selected_frame()):
                    return
        finally:
            StopSeen.stepping = False

    @staticmethod
    def resume_breakpoint(name, state, addr):
        """A breakpoint where frame addr of name resumes from state: its resume label."""
        cond = "ac__fr == (void *)%d" % addr
        bp = gdb.Breakpoint("-function ac__run_%s -label ac__resume_%d" % (name, state), internal=True)
        bp.condition = cond
        bp.silent = True
        return bp


def expand_async_units(*unused):
    """Reads in the debug info of every compilation unit that defines an async function, so that
    `break f` finds f. In an optimized gcc build f's body is a nested function (future.h:
    AC__NAMED_BODY), and gdb's index of a program's names has no nested functions: `break f`
    found f only in a unit whose symbols gdb had read already (main's, or one a `break file:line`
    had read), and said `Function "f" not defined.` for an async function in any other file. A
    search of the functions that run async bodies (ac__poll_f) reads those units, and no other."""
    try:
        gdb.execute("info functions -q -n ^ac__poll_", to_string=True)
    except gdb.error:
        pass


# The glue between an await and the callee's body: the runtime's frame allocator (a callee
# defined in another file has its frame from the task's arena) and the generated functions that
# fill a new frame. `step` at `await(f(x))` went into arena.c (ac_frame_alloc_type, then
# ac_frame_alloc) before f's body; skipped, it goes from the await to f's head line.
GLUE = r"^(ac_frame_alloc|ac_frame_alloc_type|ac_frame_free|ac_frame_free_type|ac__init_.*|ac__args_.*)$"


def skip_glue():
    """Makes `step` step over GLUE's functions (`info skip` lists the entry), once per session."""
    try:
        if GLUE not in gdb.execute("info skip", to_string=True):
            gdb.execute("skip -rfunction %s" % GLUE, to_string=True)
    except gdb.error:
        pass


def install():
    """Defines the commands; returns the (event, handler) pairs to connect."""
    BreakCommand()
    NextCommand()
    skip_glue()
    expand_async_units()  # the program that loaded this script; later ones through new_objfile
    return [(gdb.events.stop, StopSeen.record), (gdb.events.before_prompt, BreakHint.check),
            (gdb.events.new_objfile, expand_async_units)]
