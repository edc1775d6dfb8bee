# asyncc_gdb/names.py: `print NAME` for the variables of an async function that live in the frame
# alone, through one gdb macro per name for the selected frame; `info locals` lists them too.
import re

import __main__
import gdb

from asyncc_gdb.frames import OPTIMIZED_OUT, async_frame, is_aggregate, is_share

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


def in_union_share(t, name):
    """Whether field name of struct t is a member of a share that is a union (sharing.c: optimized,
    or in a frame whose size a header promises), whose bytes are another local's past its use."""
    for f in t.fields():
        ft = f.type.strip_typedefs()
        if f.bitpos is None or f.name or not is_aggregate(ft):
            continue
        if is_share(ft) and any(m.name == name for m in ft.fields()):
            return ft.code == gdb.TYPE_CODE_UNION
        if in_union_share(ft, name):
            return True
    return False


def past_use(t, field, line):
    """Whether at line the bytes of field may be another local's: the share it is in is a union,
    and line is past the last line of its use span (a member ac__span_<line>_<field>)."""
    for f in t.fields():
        m = re.match(r"ac__span_(\d+)_(.*)$", f.name or "")
        if m and m.group(2) == field:
            return line > int(m.group(1)) and in_union_share(t, field)
    return False


def frame_only_vars(frame):
    """[(name, debug name symbol, byte offset of its field, in scope, past its use)] for the
    frame-only variables declared in the blocks around frame's pc, innermost block first, each
    block in declaration order. in scope is False for one an inner block hides: by a declaration
    of the same name, frame-only or not, as in C. past its use: its bytes may be another's
    (past_use)."""
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
    try:
        line = frame.find_sal().line
    except RuntimeError:
        line = 0
    out = []
    for name, sym, field, visible in found:
        off = field_offset(t, field)
        if off is not None:
            out.append((name, sym, off, visible, bool(line) and past_use(t, field, line)))
    return out


def parameter_names(function):
    """The parameters of async function `function`, in order: those of ac__init_<function>, which
    stores them into a new frame (its first, ac__p, is the frame); [] without its debug info."""
    name = "ac__init_" + function
    try:
        sym = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
        block = gdb.block_for_pc(int(sym.value().address)) if sym else None
    except (gdb.error, RuntimeError, ValueError):
        return []
    while block is not None and block.function is None:
        block = block.superblock
    if block is None or block.function.name != name:
        return []
    return [s.name for s in block if s.is_argument and s.name != "ac__p"]


def visible_locals(frame):
    """The names of the locals and parameters in the blocks around frame's pc, up to its
    function's."""
    names = set()
    try:
        block = frame.block()
    except RuntimeError:
        return names
    while block is not None and not block.is_static and not block.is_global:
        names.update(sym.name for sym in block)
        if block.function is not None:
            break
        block = block.superblock
    return names


def head_parameters(frame):
    """[(name, expansion)] for the parameters of the async function frame runs that no C symbol
    stands for at its pc: where a poll enters the function (the head line, where `break f`
    stops, before the dispatch to the await it resumes from) the body's blocks have not begun,
    and the parameters are in the frame alone (`print n` said `No symbol "n" in current
    context.`). One whose frame bytes another local may hold once the function has suspended
    (a share that is a union) is said to be past its use there."""
    mine = async_frame(frame)
    if mine is None:
        return []
    function = mine[1]
    visible = visible_locals(frame)
    try:
        t = frame.read_var("ac__fr").type.strip_typedefs().target().strip_typedefs()
        started = int(frame.read_var("ac__fr").dereference()["ac__state"]) != 0
    except (gdb.error, RuntimeError, ValueError):
        return []
    out = []
    for name in parameter_names(function):
        if name in visible or field_offset(t, name) is None:
            continue
        out.append((name, '$_asyncc_past_use("%s")' % name if started and in_union_share(t, name)
                    else "(ac__fr->%s)" % name))
    return out


def frame_only_values(frame):
    """(name, gdb.Value) of the frame-only variables declared around frame's pc, as
    frame_only_vars orders them; a value that cannot be read (ac__fr optimized out) is left out."""
    out = []
    for name, sym, off, _, past in frame_only_vars(frame):
        if past:
            out.append((name, OPTIMIZED_OUT))
            continue
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
                frame = gdb.selected_frame()
                want = {name: '$_asyncc_past_use("%s")' % name if past else
                        "(*(__typeof__(%s[0]))((char *)ac__fr + %d))" % (sym.name, off)
                        for name, sym, off, visible, past in frame_only_vars(frame) if visible}
                want.update(head_parameters(frame))
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
            text = value if value is OPTIMIZED_OUT else value.format_string()
        except gdb.error as e:
            text = "<%s>" % e
        gdb.write("%s = %s\n" % (name, text))


class PastUse(gdb.Function):
    """$_asyncc_past_use("NAME"): what print NAME says for a local of an async function past its
    last use, whose frame bytes another local of its block may hold there (the gdb extension
    defines NAME so)."""

    def __init__(self):
        super().__init__("_asyncc_past_use")

    def invoke(self, name):
        raise gdb.GdbError("%s: <optimized out> here: past its last use, its frame bytes may hold another "
                           "local's value" % name.string())


def add_hook(name, command):
    """Defines the user hook `name` to run command, unless the user has one of that name."""
    try:
        gdb.execute("show user " + name, to_string=True)
        return  # the user's own
    except gdb.error:
        pass
    gdb.execute("define %s\n%s\nend" % (name, command), to_string=True)


def install():
    """Hooks `info locals` and the commands that select a frame; returns the (event, handler)
    pairs that keep the macros in step with the selected frame. The hooks run gdb commands in
    gdb's __main__, where they find these two names."""
    __main__.asyncc_sync_names, __main__.asyncc_info_locals = FrameNames.sync, print_frame_only_locals
    PastUse()
    # `frame level 1` and `frame function f` are subcommands, whose hooks are their own (in a
    # script or gdb -batch no prompt comes between two commands to sync the names).
    for hook in ("hookpost-up", "hookpost-down", "hookpost-frame", "hookpost-thread", "hookpost-select-frame") + \
            tuple("%s hookpost-%s" % (c, s) for c in ("frame", "select-frame") for s in ("level", "function", "address", "pc")):
        add_hook(hook, "python asyncc_sync_names()")
    add_hook("info hookpost-locals", "python asyncc_info_locals()")
    # exited: no frame is left to stand for (gdb -batch has no prompt after the program ends,
    # and the names of its last stop stayed defined: `print p` named a symbol of asyncc's)
    return [(gdb.events.stop, FrameNames.sync), (gdb.events.before_prompt, FrameNames.sync),
            (gdb.events.exited, FrameNames.sync)]
