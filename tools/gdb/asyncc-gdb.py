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
import re

import gdb

DEBUG_VERSION = 1
STATE_DONE = 0xFFFFFFFF
MAX_DEPTH = 64  # frames in one chain, whatever its shape (a corrupt frame must not loop)


class Error(Exception):
    pass


def inferior():
    """Fails unless there is a process or a core file to read."""
    if not gdb.selected_inferior().threads():
        raise Error("no process or core file (run the program, attach to it, or load a core file)")


def read(addr, size):
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, size))
    except gdb.MemoryError as e:
        raise Error("cannot read %d bytes at 0x%x: %s" % (size, addr, e))


def u64(addr):
    return int.from_bytes(read(addr, 8), "little")


def u32(addr):
    return int.from_bytes(read(addr, 4), "little")


def cstring(addr, limit=256):
    if not addr:
        return "?"
    out = b""
    while len(out) < limit:
        chunk = read(addr + len(out), 32)
        end = chunk.find(b"\0")
        if end >= 0:
            return (out + chunk[:end]).decode(errors="replace")
        out += chunk
    return out.decode(errors="replace")


def address_of(name):
    """The address of a global of the program, with or without debug info for it."""
    try:
        return int(gdb.parse_and_eval("(unsigned long)&'%s'" % name))
    except gdb.error:
        raise Error("%s not found: is this program linked with libasyncc (and not stripped)?" % name)


class Words:
    """A runtime descriptor: 8-byte words named in order, the version first."""

    def __init__(self, symbol, names):
        base = address_of(symbol)
        version = u64(base)
        if version != DEBUG_VERSION:
            raise Error("%s has version %d; this asyncc-gdb.py reads version %d (use the script of "
                        "the libasyncc the program was linked with)" % (symbol, version, DEBUG_VERSION))
        for i, name in enumerate(names):
            setattr(self, name, u64(base + 8 * (i + 1)))


def runtime():
    tasks = Words("ac__debug_tasks", [
        "listed_head", "listed_size", "listed_next", "task_size", "task_state", "task_type",
        "type_name", "type_child", "type_sites", "type_nsites", "type_frame_align",
        "site_size", "site_file", "site_line", "site_callee",
        "ts_notified", "ts_running", "ts_complete", "ts_cancelled", "ts_aborted", "leaf_child"])
    chunks = Words("ac__debug_chunks", ["head"])
    if chunks.head:
        chunks = Words("ac__debug_chunks", ["head", "chunk_size", "next_offset", "marks_offset",
                                            "mark_words", "granule"])
    return tasks, chunks


def live_tasks(rt):
    """The address of every task in the registry, in address order."""
    tasks, chunks = rt
    found = []
    if chunks.head:
        chunk, seen = u64(chunks.head), set()
        while chunk and chunk not in seen:
            seen.add(chunk)
            marks = read(chunk + chunks.marks_offset, 8 * chunks.mark_words)
            for w in range(chunks.mark_words):
                bits = int.from_bytes(marks[8 * w:8 * w + 8], "little")
                while bits:
                    b = (bits & -bits).bit_length() - 1
                    bits &= bits - 1
                    found.append(chunk + (64 * w + b) * chunks.granule)
            chunk = u64(chunk + chunks.next_offset)
    link, seen = u64(tasks.listed_head), set()
    while link and link not in seen:
        seen.add(link)
        found.append(link + tasks.listed_size)
        link = u64(link + tasks.listed_next)
    return sorted(found)


class FutureType:
    """An ac_future_type in the program's memory, and what debug info says about its frames."""

    cache = {}

    @classmethod
    def at(cls, rt, addr):
        if addr not in cls.cache:
            cls.cache[addr] = cls(rt, addr)
        return cls.cache[addr]

    def __init__(self, rt, addr):
        d = rt[0]
        self.addr = addr
        self.name = cstring(u64(addr + d.type_name))
        self.align = u64(addr + d.type_frame_align)
        self.sites = []
        sites, n = u64(addr + d.type_sites), u32(addr + d.type_nsites)
        for i in range(min(n, 4096) if sites else 0):
            s = sites + i * d.site_size
            self.sites.append((cstring(u64(s + d.site_file)), u32(s + d.site_line),
                               cstring(u64(s + d.site_callee))))
        # The generated functions of f are in one translation unit: its static block has
        # ac__kids_f and struct ac__frame_f (a static f of another file has its own).
        self.block = None
        child = u64(addr + d.type_child)
        self.leaf = child == d.leaf_child  # the runtime's hand-written futures share one
        try:
            block = gdb.block_for_pc(child) if child else None
            self.block = block.static_block if block else None
        except RuntimeError:
            pass
        self.kids = self._kids()
        self.frame_type = None
        if self.kids is not None:
            try:
                self.frame_type = gdb.lookup_type("struct ac__frame_" + self.name, self.block)
            except gdb.error:
                pass

    def _kids(self):
        """The rows of ac__kids_f, or None for a future the runtime wrote by hand (a leaf)."""
        if self.block is None:
            return None
        sym = gdb.lookup_symbol("ac__kids_" + self.name, self.block, gdb.SYMBOL_VAR_DOMAIN)[0]
        if sym is None:
            return None
        table, rows = sym.value(), []
        for i in range(4096):
            row = table[i]
            if int(row["state"]) == 0:
                break
            rows.append((int(row["state"]), int(row["mask_bit"]), int(row["offset"]),
                         int(row["mask_offset"]), int(row["type"]), int(row["indirect"])))
        return rows

    def site(self, state):
        if 1 <= state <= len(self.sites):
            return self.sites[state - 1]
        return None

    def pending_kids(self, rt, frame, state):
        """(child frame address, FutureType) of each child pending in this state."""
        out = []
        for st, bit, off, mask_off, typ, indirect in self.kids or []:
            if st != state or not typ:
                continue
            if bit and u32(frame + mask_off) & bit:
                continue  # a join's child that finished
            child = u64(frame + off) if indirect else frame + off
            if child:
                out.append((child, FutureType.at(rt, typ)))
        return out


def task_frame(rt, task):
    d = rt[0]
    typ = FutureType.at(rt, u64(task + d.task_type))
    align = max(typ.align, 16)
    return (task + d.task_size + align - 1) & ~(align - 1), typ


def task_state(rt, task):
    d = rt[0]
    s = u64(task + d.task_state)
    if s & d.ts_complete:
        return "aborted" if s & d.ts_aborted else "finished"
    if s & d.ts_running:
        return "running"
    if s & d.ts_cancelled:
        return "cancelling"
    if s & d.ts_notified:
        return "scheduled"
    return "suspended"


def describe(typ, state):
    """How one frame reads in a chain: function, await site, what it awaits."""
    if state == 0:
        return "%s (not started)" % typ.name
    if state == STATE_DONE:
        return "%s (finished)" % typ.name
    site = typ.site(state)
    if site is None:
        return "%s state %d" % (typ.name, state)
    return "%s %s:%d (awaiting %s)" % (typ.name, site[0], site[1], site[2])


def chain_line(rt, typ, frame, depth=0):
    """The chain from frame down in one line, as the runtime's task dump writes it."""
    parts = []
    while typ and frame and depth < MAX_DEPTH:
        state = u32(frame)
        parts.append(describe(typ, state))
        if state in (0, STATE_DONE):
            break
        kids = typ.pending_kids(rt, frame, state)
        if len(kids) > 1:
            parts[-1] += " <- { " + " | ".join(chain_line(rt, t, f, depth + 1) for f, t in kids) + " }"
            break
        frame, typ = kids[0] if kids else (None, None)
        depth += 1
    return " <- ".join(parts)


def is_aggregate(t):
    return t.code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION)


def holds(t, base, child):
    """Whether type t at byte offset base holds the child field child = (names, offset)."""
    for f in t.fields():
        if f.bitpos is None:
            continue
        at, ft = base + f.bitpos // 8, f.type.strip_typedefs()
        if f.name in child[0] and at == child[1]:
            return True
        if not f.name and is_aggregate(ft) and at <= child[1] < at + ft.sizeof and holds(ft, at, child):
            return True
    return False


def scope_fields(t, base, child, out):
    """The named fields of t (byte offset base) that are in scope while the frame awaits child:
    every member of a struct, and of a union only the members that hold the child. The frame
    keeps the locals of statements that never run at the same time in a union's members, so
    the others are another statement's bytes, not values. (field, byte offset) in out."""
    for f in t.fields():
        if f.bitpos is None:
            continue
        at, ft = base + f.bitpos // 8, f.type.strip_typedefs()
        if f.name:
            if not f.name.startswith("ac__"):
                out.append((f, at))
        elif ft.code == gdb.TYPE_CODE_STRUCT:
            scope_fields(ft, at, child, out)
        elif ft.code == gdb.TYPE_CODE_UNION and child is not None:
            for m in ft.fields():
                mt = m.type.strip_typedefs()
                if m.bitpos is None:
                    continue
                if m.name and m.name in child[0] and at + m.bitpos // 8 == child[1]:
                    continue
                if not m.name and is_aggregate(mt) and holds(mt, at + m.bitpos // 8, child):
                    scope_fields(mt, at + m.bitpos // 8, child, out)


def frame_locals(typ, frame, state):
    """(name, gdb.Value) of the parameters and of the locals in scope at the current await, or
    None without debug info for the frame."""
    t = typ.frame_type
    if t is None:
        return None
    value = gdb.Value(frame).cast(t.pointer()).dereference()
    if state == STATE_DONE:
        return [("<result>", value["ac__result"])] if any(f.name == "ac__result" for f in t.fields()) else []
    fields = []
    if state == 0:  # not started: only the parameters hold values
        fields = [(f, f.bitpos // 8) for f in t.fields() if f.name and not f.name.startswith("ac__")]
    else:
        # The field of the state's first child, named ac__c<state> (ac__c<state>_<j> for the
        # other children of a combinator) at the offset ac__kids_f gives.
        rows = [k for k in typ.kids if k[0] == state]
        names = {"ac__c%d" % state} | {"ac__c%d_%d" % (state, j) for j in range(1, 33)}
        scope_fields(t, 0, (names, rows[0][2]) if rows else None, fields)
    return [(f.name, gdb.Value(frame + at).cast(f.type.pointer()).dereference()) for f, at in fields]


def format_value(value):
    try:
        return value.format_string(max_elements=16, repeat_threshold=4)
    except gdb.error as e:
        return "<%s>" % e


class Printer:
    def __init__(self, rt):
        self.rt = rt
        self.level = 0

    def chain(self, typ, frame, indent="", depth=0):
        while typ and frame and depth < MAX_DEPTH:
            state = u32(frame)
            kids = typ.pending_kids(self.rt, frame, state) if state not in (0, STATE_DONE) else []
            gdb.write("%s#%d  %s   frame 0x%x\n" % (indent, self.level, describe(typ, state), frame))
            self.level += 1
            if typ.leaf:
                gdb.write("%s      (a future of the runtime)\n" % indent)
            elif typ.kids is None:
                gdb.write("%s      (no debug info for %s: build it with -g)\n" % (indent, typ.name))
            else:
                values = frame_locals(typ, frame, state)
                if values is None:
                    gdb.write("%s      (no debug info for struct ac__frame_%s)\n" % (indent, typ.name))
                for name, value in values or []:
                    gdb.write("%s      %s = %s\n" % (indent, name, format_value(value)))
            if len(kids) > 1:
                for i, (f, t) in enumerate(kids):
                    gdb.write("%s    branch %d of %d:\n" % (indent, i + 1, len(kids)))
                    self.chain(t, f, indent + "    ", depth + 1)
                return
            frame, typ = kids[0] if kids else (None, None)
            depth += 1


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
worker), running (being polled: the frames show where it last suspended), cancelling. Tasks that
finished and that nobody joined yet share one line, counted by function, with their numbers.
With FUNCTION, only the tasks whose root is that async function are listed.
Reads memory only: works in a core file."""

    def __init__(self):
        super().__init__("tasks")

    def run(self, rt, arg):
        tasks = live_tasks(rt)
        only = arg.strip()
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
parameters and the locals in scope at that await, by their names in the source. A combinator
(ac_join, ac_select, ac_timeout...) lists each pending branch. Reads memory only: works in a
core file."""

    def __init__(self):
        super().__init__("task")

    def run(self, rt, arg):
        number, task = parse_task(rt, arg)
        frame, typ = task_frame(rt, task)
        state = task_state(rt, task)
        gdb.write("task %d (0x%x) %s: %s\n" % (number, task, typ.name, state))
        if state == "running":
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


# ------------------------------------------------------------------------------------------------
# print NAME for the variables that live in the frame alone.
#
# asyncc keeps most frame variables as C locals of their own names, which gdb prints as usual. The
# others (address taken, arrays, structs, cleanups, const, volatile, shadowed names) exist only as
# fields of the frame, ac__fr->field. Where the user declared one, asyncc writes a declaration
# (future.h: AC__DEBUG_NAME) whose name says the variable's name and field and whose type is a
# pointer to its type, in the same block: so the debug info knows in which scope each one is, as
# for any local. While gdb's selected frame is in an async function, a gdb macro of each such name
# in scope at its pc stands for the field, seen as the variable's type; macros are expanded in
# every expression (print, ptype, display, watch, conditions), so NAME, NAME.member, NAME[i], &NAME
# and sizeof NAME all mean what they mean in the source. The macros follow the selected frame:
# they are updated at each stop, before each prompt and after up, down, frame and thread.

DEBUG_NAME = "ac__at_"


def parse_debug_name(name):
    """(variable name, field) from ac__at_<n>_<name>_<m>_<field>_<function>, or None."""
    m = re.match(r"ac__at_(\d+)_", name)
    if not m:
        return None
    rest = name[m.end():]
    n = int(m.group(1))
    var, rest = rest[:n], rest[n + 1:]
    m = re.match(r"(\d+)_", rest)
    if not m or len(var) != n:
        return None
    field = rest[m.end():m.end() + int(m.group(1))]
    return var, field


def field_offset(t, name, base=0):
    """The byte offset of field name in struct type t, looking into unnamed members."""
    for f in t.fields():
        if f.bitpos is None:
            continue
        at, ft = base + f.bitpos // 8, f.type.strip_typedefs()
        if f.name == name:
            return at
        if not f.name and is_aggregate(ft):
            found = field_offset(ft, name, at)
            if found is not None:
                return found
    return None


def frame_only_vars(frame):
    """[(name, debug name symbol, byte offset of its field, in scope)] for the frame-only
    variables declared in the blocks around frame's pc, innermost block first, each block in
    declaration order. in scope is False for one an inner block hides: by a declaration of the
    same name, frame-only or not, as in C."""
    try:
        block = frame.block()
    except RuntimeError:
        return []
    fr, found, hidden = None, [], set()
    while block is not None and not block.is_static and not block.is_global:
        markers, names = [], set()
        for sym in block:
            if sym.name.startswith(DEBUG_NAME):
                parsed = parse_debug_name(sym.name)
                if parsed:
                    markers.append((sym.line, parsed[0], sym, parsed[1]))
            elif sym.name == "ac__fr":
                fr = sym
            elif not sym.name.startswith("ac__") and (sym.is_variable or sym.is_argument or sym.is_constant):
                names.add(sym.name)
        hidden |= names
        for _, name, sym, field in sorted(markers, key=lambda m: m[0]):
            found.append((name, sym, field, name not in hidden))
            hidden.add(name)
        if block.function is not None:
            break
        block = block.superblock
    if fr is None:
        return []
    try:
        t = fr.type.strip_typedefs().target().strip_typedefs()
    except RuntimeError:
        return []
    out = []
    for name, sym, field, visible in found:
        off = field_offset(t, field)
        if off is not None:
            out.append((name, sym, off, visible))
    return out


def frame_only_values(frame):
    """(name, gdb.Value) of the frame-only variables declared around frame's pc, as
    frame_only_vars orders them; a value that cannot be read (ac__fr optimized out) is left out."""
    out = []
    for name, sym, off, _ in frame_only_vars(frame):
        try:
            base = int(frame.read_var("ac__fr"))
            out.append((name, gdb.Value(base + off).cast(sym.type.strip_typedefs().target()).dereference()))
        except (gdb.error, ValueError, RuntimeError):
            pass
    return out


class FrameNames:
    """The gdb macros that stand for the frame-only variables of the selected frame."""

    defined = {}  # name -> the expansion asyncc-gdb.py defined for it

    @classmethod
    def sync(cls, *unused):
        want = {}
        try:
            if gdb.selected_inferior().threads():
                want = {name: "(*(__typeof__(%s[0]))((char *)ac__fr + %d))" % (sym.name, off)
                        for name, sym, off, visible in frame_only_vars(gdb.selected_frame()) if visible}
        except (gdb.error, RuntimeError):
            pass
        for name in [n for n in cls.defined if cls.defined[n] != want.get(n)]:
            gdb.execute("macro undef " + name, to_string=True)
            del cls.defined[name]
        for name, text in want.items():
            if name not in cls.defined:
                gdb.execute("macro define %s %s" % (name, text), to_string=True)
                cls.defined[name] = text


def print_frame_only_locals():
    """After `info locals`: the frame-only variables in scope, as gdb prints the others."""
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        return
    for name, value in frame_only_values(frame):
        try:
            text = value.format_string()
        except gdb.error as e:
            text = "<%s>" % e
        gdb.write("%s = %s\n" % (name, text))


def add_hook(name, command):
    """Defines the user hook `name` to run command, unless the user has one of that name."""
    try:
        gdb.execute("show user " + name, to_string=True)
        return  # the user's own
    except gdb.error:
        pass
    gdb.execute("define %s\n%s\nend" % (name, command), to_string=True)


# The hooks run in gdb's __main__, where this script's names are.
asyncc_sync_names, asyncc_info_locals = FrameNames.sync, print_frame_only_locals
gdb.events.stop.connect(FrameNames.sync)
gdb.events.before_prompt.connect(FrameNames.sync)
for hook in ("hookpost-up", "hookpost-down", "hookpost-frame", "hookpost-thread", "hookpost-select-frame"):
    add_hook(hook, "python asyncc_sync_names()")
add_hook("info hookpost-locals", "python asyncc_info_locals()")


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


SUSPENDED_FILE = "asyncc: the task is suspended at this await"


def at_suspension(frame):
    """Whether frame stands at the return of an async function that suspends (lower_emit.c
    names its line so)."""
    try:
        sal = frame.find_sal()
        return sal.symtab is not None and SUSPENDED_FILE in sal.symtab.filename
    except RuntimeError:
        return False


def async_frame(frame):
    """(frame address, async function name) of the async function gdb frame runs (its ac__fr),
    or None (not one, or ac__fr optimized out)."""
    try:
        fr = frame.read_var("ac__fr")
        tag = str(fr.type.strip_typedefs().target().strip_typedefs().tag or "")
        if tag.startswith("ac__frame_"):
            return int(fr), tag[len("ac__frame_"):]
    except (ValueError, RuntimeError, gdb.error):
        pass
    return None


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


AsynccCommand()
TasksCommand()
TaskCommand()
ChainCommand()
BreakCommand()
NextCommand()
gdb.events.stop.connect(StopSeen.record)
