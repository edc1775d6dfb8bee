# asyncc_gdb/backtrace.py: `bt` names a gdb frame that runs an async function as the source does,
# `mid (n=3, tag=0x... "hi")` where gdb said `ac__run_mid (ac__fr=..., ac__cx=..., ...)`.
import gdb
from gdb.FrameDecorator import FrameDecorator

from asyncc_gdb.frames import OPTIMIZED_OUT, async_frame
from asyncc_gdb.names import field_offset, frame_only_values, in_union_share, parameter_names, visible_locals


class Argument:
    """One parameter as a frame decorator gives it: a name and its value."""

    def __init__(self, name, value):
        self.name, self.val = name, value

    def symbol(self):
        return self.name

    def value(self):
        return self.val


def parameter_values(frame, function):
    """[(name, gdb.Value or OPTIMIZED_OUT)] of the parameters of async function `function` run by
    gdb frame `frame`, where `print NAME` reads each: its C local where the body has one in scope,
    else its frame field (an address-taken one's through its type); one whose frame bytes another
    local may hold by now (a share that is a union, once the function has suspended) is said to be
    optimized out. Optimized, ac__fr may be gone: then only the C locals."""
    try:
        fr = frame.read_var("ac__fr")
        t = fr.type.strip_typedefs().target().strip_typedefs()
        started = int(fr.dereference()["ac__state"]) != 0
        only = dict(frame_only_values(frame))
    except (gdb.error, RuntimeError, ValueError):
        fr, only = None, {}
    visible = visible_locals(frame)
    out = []
    for name in parameter_names(function):
        try:
            if name in only:
                out.append((name, only[name]))
            elif name in visible:
                out.append((name, frame.read_var(name)))
            elif fr is not None and field_offset(t, name) is not None:
                out.append((name, OPTIMIZED_OUT if started and in_union_share(t, name) else fr.dereference()[name]))
            else:
                out.append((name, OPTIMIZED_OUT))
        except (gdb.error, RuntimeError, ValueError):
            out.append((name, OPTIMIZED_OUT))
    return out


def async_function(frame):
    """The async function gdb frame runs, or None: the one of its ac__fr, else (optimized) the
    name of ac__run_f, ac__poll_f or of the body gcc nests in them (AC__NAMED_BODY: the function's
    own name, given the run function's arguments)."""
    mine = async_frame(frame)
    if mine:
        return mine[1]
    name = frame.name() or ""
    for prefix in ("ac__run_", "ac__poll_"):
        if name.startswith(prefix):
            return name[len(prefix):]
    try:
        block = frame.block()
        while block is not None and block.function is None:
            block = block.superblock
        args = [s.name for s in block if s.is_argument] if block is not None else []
    except RuntimeError:
        return None
    return name if args and all(a.startswith("ac__") for a in args) and parameter_names(name) is not None else None


class AsyncFrame(FrameDecorator):
    def __init__(self, base, function):
        super().__init__(base)
        self.async_function = function
        self.under = []

    def function(self):
        return self.async_function

    def frame_args(self):
        init = "ac__init_" + self.async_function
        try:
            known = gdb.lookup_global_symbol(init) or gdb.lookup_static_symbol(init)
        except (gdb.error, RuntimeError):
            known = None
        if not known:  # optimized: gcc inlined init away with the parameters' names; gdb's own
            return super().frame_args()
        return [Argument(n, v) for n, v in parameter_values(self.inferior_frame(), self.async_function)]

    def elided(self):
        return self.under or None


class AsyncFrames:
    """The frame filter: a frame that runs an async function is named for it, with its
    parameters; the frames right above it that run the same function (ac__run_f under the body
    gcc nests in it, ac__poll_f, which only enters ac__run_f) are elided under it."""

    def __init__(self):
        self.name, self.priority, self.enabled = "asyncc", 100, True

    def filter(self, frames):
        last = None
        for f in frames:
            function = async_function(f.inferior_frame())
            if function is None:
                if last is not None:
                    yield last
                    last = None
                yield f
            elif last is not None and last.async_function == function:
                last.under.append(f)
            else:
                if last is not None:
                    yield last
                last = AsyncFrame(f, function)
        if last is not None:
            yield last


def install():
    """Registers the frame filter (a second load replaces the first's); no event handlers."""
    gdb.frame_filters["asyncc"] = AsyncFrames()
    return []
