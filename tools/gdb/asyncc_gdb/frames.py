# asyncc_gdb/frames.py: a task's chain of frames as text: each frame's await site, what it awaits,
# and its parameters and the locals in scope at that await, read from the frame by field name.
import gdb

from asyncc_gdb.memory import u32

STATE_DONE = 0xFFFFFFFF
MAX_DEPTH = 64  # frames in one chain, whatever its shape (a corrupt frame must not loop)


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


def is_share(t):
    """Whether t holds locals of one block that share bytes (asyncc's sharing.c): its first
    member is a marker of size zero, ac__shared_<field>."""
    fields = t.fields()
    return bool(fields) and (fields[0].name or "").startswith("ac__shared_")


def scope_fields(t, base, child, out, shared):
    """The named fields of t (byte offset base) that are in scope while the frame awaits child:
    every member of a struct, and of a union only the members that hold the child. The frame
    keeps the locals of statements that never run at the same time in a union's members, so
    the others are another statement's bytes, not values. A share's members are locals of one
    block, all in scope: a union when optimized, where one whose value no longer matters holds
    another's bytes (their names go in the set shared), a struct at -O0. (field, byte offset) in
    out."""
    for f in t.fields():
        if f.bitpos is None:
            continue
        at, ft = base + f.bitpos // 8, f.type.strip_typedefs()
        if f.name:
            if not f.name.startswith("ac__"):
                out.append((f, at))
        elif ft.code == gdb.TYPE_CODE_STRUCT:
            scope_fields(ft, at, child, out, shared)
        elif ft.code == gdb.TYPE_CODE_UNION and is_share(ft):
            shared.update(m.name for m in ft.fields() if m.name)
            scope_fields(ft, at, child, out, shared)
        elif ft.code == gdb.TYPE_CODE_UNION and child is not None:
            for m in ft.fields():
                mt = m.type.strip_typedefs()
                if m.bitpos is None:
                    continue
                if m.name and m.name in child[0] and at + m.bitpos // 8 == child[1]:
                    continue
                if not m.name and is_aggregate(mt) and holds(mt, at + m.bitpos // 8, child):
                    scope_fields(mt, at + m.bitpos // 8, child, out, shared)


def copies_beside(typ, frame):
    """(address, type) of the debug copies that the runtime keeps beside a frame whose size a
    header promises (runtime/debug_copies.c: ac__debug_copy_table, a chained table by frame
    address; transpiler/lower_locals.c: struct ac__dbg_f), or None (none, or no debug info)."""
    try:
        t = gdb.lookup_type("struct ac__dbg_" + typ.name)
        table = gdb.parse_and_eval("ac__debug_copy_table")
        n = int(table["buckets"])
        a = frame >> 4
        c = table["chain"][(a ^ (a >> 10) ^ (a >> 20)) % n]
        for _ in range(1 << 20):
            if not int(c):
                return None
            if int(c["frame"]) == frame:
                return int(c["bytes"].address), t
            c = c["next"]
    except (gdb.error, RuntimeError):
        pass
    return None


def frame_locals(typ, frame, state):
    """(name, gdb.Value or OPTIMIZED_OUT) of the parameters and of the locals in scope at the
    current await, or None without debug info for the frame."""
    t = typ.frame_type
    if t is None:
        return None
    value = gdb.Value(frame).cast(t.pointer()).dereference()
    if state == STATE_DONE:
        return [("<result>", value["ac__result"])] if any(f.name == "ac__result" for f in t.fields()) else []
    fields, shared = [], set()
    if state == 0:  # not started: only the parameters hold values
        fields = [(f, f.bitpos // 8) for f in t.fields() if f.name and not f.name.startswith("ac__")]
    else:
        # The field of the state's first child, named ac__c<state> (ac__c<state>_<j> for the
        # other children of a combinator) at the offset ac__kids_f gives.
        rows = [k for k in typ.kids if k[0] == state]
        names = {"ac__c%d" % state} | {"ac__c%d_%d" % (state, j) for j in range(1, 33)}
        scope_fields(t, 0, (names, rows[0][2]) if rows else None, fields, shared)
    # Unoptimized, a suspension also copies each C local in scope to the member ac__dbg, its
    # field's bytes there under the field's name: fresh even where the function did not need
    # the value after this await and left the field as it was (lower_locals.c).
    # Optimized, there are no copies: a zero-size member ac__stale_<state>_<field> says that a
    # suspension at that state left the field as it was, an older value; it reads <optimized out>.
    # So does a member ac__dead_<state>_<field> for a field in a share's union: at that state its
    # bytes may be another local's (sharing.c).
    copies = {}
    dbg = next((f for f in t.fields() if f.name == "ac__dbg"), None)
    if dbg is not None and state not in (0, STATE_DONE):
        copies = {m.name: dbg.bitpos // 8 + m.bitpos // 8 for m in dbg.type.strip_typedefs().fields()}
    elif state not in (0, STATE_DONE):
        beside = copies_beside(typ, frame)
        if beside is not None:
            copies = {m.name: beside[0] - frame + m.bitpos // 8 for m in beside[1].fields()}
    stale, dead = "ac__stale_%d_" % state, "ac__dead_%d_" % state
    stale = {f.name[len(stale):] for f in t.fields() if (f.name or "").startswith(stale)} | \
        {f.name[len(dead):] for f in t.fields() if (f.name or "").startswith(dead) and f.name[len(dead):] in shared}
    return [(f.name, OPTIMIZED_OUT if f.name in stale and f.name not in copies else
             gdb.Value(frame + copies.get(f.name, at)).cast(f.type.pointer()).dereference())
            for f, at in fields]


OPTIMIZED_OUT = "<optimized out>"


def format_value(value):
    if value is OPTIMIZED_OUT:
        return value
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
