# asyncc_gdb/commands.py: the commands that read tasks from memory (live or core): `asyncc tasks`,
# `asyncc task N`, `asyncc chain`, under the `asyncc` prefix command.
import gdb

from asyncc_gdb import live
from asyncc_gdb.frames import Printer, async_frame, chain_line
from asyncc_gdb.memory import Error, inferior
from asyncc_gdb.runtime import FutureType, live_tasks, runtime, task_frame, task_state


def parse_task(rt, arg):
    """A task by its number in `asyncc tasks` or by its address."""
    arg = arg.strip()
    if not arg:
        raise Error("usage: asyncc task N|ADDRESS (N as `asyncc tasks` numbers them)")
    tasks = live_tasks(rt)
    try:
        value = int(gdb.parse_and_eval(arg))
    except gdb.error as e:
        raise Error(str(e))
    if 1 <= value <= len(tasks):
        return value, tasks[value - 1]
    if value in tasks:
        return tasks.index(value) + 1, value
    raise Error("no live task %s (`asyncc tasks` lists %d)" % (arg, len(tasks)))


class AsynccCommand(gdb.Command):
    """Commands for async C programs built with asyncc (see `help asyncc tasks`, `help asyncc task`)."""

    def __init__(self):
        super().__init__("asyncc", gdb.COMMAND_STACK, prefix=True)


class Subcommand(gdb.Command):
    """An `asyncc NAME` command: run(rt, arg) with the runtime's descriptors read afresh."""

    def __init__(self, name):
        super().__init__("asyncc " + name, gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        try:
            inferior()
            FutureType.cache.clear()  # the program may have loaded code or freed types since
            self.run(runtime(), arg)
        except Error as e:
            raise gdb.GdbError(str(e))


class TasksCommand(Subcommand):
    """List the live tasks: number, address, state, and where each one waits.

asyncc tasks [FUNCTION]
Each line has the task's root function and its chain of frames down to the leaf future of the
runtime, each with the await it is suspended at (file:line and what it awaits), as the runtime's
task dump writes it. States: suspended (waiting for a wake), scheduled (woken, waiting for a
worker), running (being polled: by a stopped thread, its chain is that thread's frames of async
functions, outermost first, `(thread N)`; else the frames show where it last suspended), cancelling. Tasks that
finished and that nobody joined yet share one line, counted by function, with their numbers.
With FUNCTION, only the tasks whose root is that async function are listed.
Reads memory only: works in a core file."""

    def __init__(self):
        super().__init__("tasks")

    def run(self, rt, arg):
        tasks = live_tasks(rt)
        only = arg.strip()
        polled = live.polled_tasks()
        finished = {}  # function -> numbers of its finished tasks nobody joined yet
        for i, task in enumerate(tasks, 1):
            # A task being created or freed by a thread stopped halfway may not read well:
            # say so and go on with the others.
            try:
                frame, typ = task_frame(rt, task)
                if only and typ.name != only:
                    continue
                state = task_state(rt, task)
                if state in ("finished", "aborted"):
                    finished.setdefault(typ.name + (" (aborted)" if state == "aborted" else ""), []).append(i)
                    continue
                if state == "running" and task in polled:
                    thread, levels = polled[task]
                    line = "%d  task 0x%x %s: running (thread %d) at %s" % (i, task, typ.name, thread.num,
                                                                          live.chain_line(thread, levels))
                else:
                    line = "%d  task 0x%x %s: %s at %s" % (i, task, typ.name, state, chain_line(rt, typ, frame))
            except Error as e:
                line = "%d  task 0x%x: unreadable (%s)" % (i, task, e)
            gdb.write(line + "\n")
        if finished:  # one line, as in the task dump: a program may leave thousands
            n = sum(len(v) for v in finished.values())
            groups = sorted(finished.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            gdb.write("finished, not joined yet: %d task%s: %s\n" % (n, "" if n == 1 else "s", ", ".join(
                "%s x%d (%s)" % (name, len(nums), " ".join("#%d" % k for k in nums[:8]) + (" ..." if len(nums) > 8 else ""))
                for name, nums in groups)))
        gdb.write("%d task%s%s\n" % (len(tasks), "" if len(tasks) == 1 else "s",
                                      " (listed: the tasks of %s)" % only if only else ""))


class TaskCommand(Subcommand):
    """Print a task's await chain with the locals of each frame.

asyncc task N|ADDRESS
N is the task's number in `asyncc tasks`, or give its address. Each level of the chain is one
frame: the async function, the await it is suspended at (file:line and what it awaits), and its
parameters and the locals in scope at that await, by their names in the source. A task that a
stopped thread is polling is first where that thread's stack says: each async function being
run, at its line, with the gdb thread and frame number to select it; then as in memory. A combinator
(ac_join, ac_select, ac_timeout...) lists each pending branch. Reads memory only: works in a
core file."""

    def __init__(self):
        super().__init__("task")

    def run(self, rt, arg):
        number, task = parse_task(rt, arg)
        frame, typ = task_frame(rt, task)
        state = task_state(rt, task)
        gdb.write("task %d (0x%x) %s: %s\n" % (number, task, typ.name, state))
        polled = live.polled_tasks() if state == "running" else {}
        if task in polled:
            thread, levels = polled[task]
            gdb.write("(being polled by thread %d: its frames of async functions, outermost first)\n" % thread.num)
            live.print_chain(thread, levels)
            # the other branches of a combinator wait where the frames in memory say
            gdb.write("(in memory, where each frame last suspended: the other branches of a combinator wait "
                      "there; the frames being run have moved on)\n")
        elif state == "running":
            gdb.write("(being polled now: the frames show where it last suspended)\n")
        Printer(rt).chain(typ, frame)


def type_of_function(name, block):
    """The address of ac__type_<name>, looked up from block (a static function's own file)."""
    sym = gdb.lookup_symbol("ac__type_" + name, block, gdb.SYMBOL_VAR_DOMAIN)[0] if block else None
    if sym is not None:
        return int(sym.value().address)
    try:
        return int(gdb.parse_and_eval("(unsigned long)&'ac__type_%s'" % name))
    except gdb.error:
        raise Error("no async function %s in this program (no ac__type_%s)" % (name, name))


class ChainCommand(Subcommand):
    """Print the await chain from one frame down, with the locals of each frame.

asyncc chain [ADDRESS FUNCTION]
Without arguments, from the frame of the async function gdb is stopped in (its ac__fr): where it
last suspended and what it awaits. With them, from the frame at ADDRESS of the async function
FUNCTION, e.g. a child frame that `asyncc task` printed or a pointer your program keeps.
Reads memory only: works in a core file."""

    def __init__(self):
        super().__init__("chain")

    def run(self, rt, arg):
        args = gdb.string_to_argv(arg)
        if len(args) == 2:
            try:
                frame = int(gdb.parse_and_eval(args[0]))
            except gdb.error as e:
                raise Error(str(e))
            block = None
            try:
                block = gdb.selected_frame().block().static_block
            except RuntimeError:
                pass
            typ = FutureType.at(rt, type_of_function(args[1], block))
        elif not args:
            frame, typ = self.selected(rt)
        else:
            raise Error("usage: asyncc chain [ADDRESS FUNCTION]")
        Printer(rt).chain(typ, frame)

    @staticmethod
    def selected(rt):
        """The frame (ac__fr) of the async function of the selected gdb frame, or of the
        nearest caller that is one."""
        f = gdb.selected_frame()
        while f is not None:
            mine = async_frame(f)
            try:
                if mine is not None:
                    typ = FutureType.at(rt, type_of_function(mine[1], f.block().static_block))
                    gdb.write("from gdb frame #%d (%s)\n" % (f.level(), f.name()))
                    return mine[0], typ
            except (RuntimeError, gdb.error):
                pass
            f = f.older()
        raise Error("not stopped inside an async function (no ac__fr in any frame): "
                    "give a frame's ADDRESS and FUNCTION")


def install():
    """Defines the commands; returns the (event, handler) pairs to connect: none."""
    AsynccCommand()
    TasksCommand()
    TaskCommand()
    ChainCommand()
    return []
