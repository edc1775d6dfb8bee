# asyncc_gdb/runtime.py: the runtime's data as the asyncc gdb extension sees it: the debug
# descriptors (task.c, alloc.c), the registry of live tasks, each task's frame and state, and each
# future type with its await sites, its ac__kids_<f> table and its frame's debug type.
import gdb

from asyncc_gdb.memory import Error, address_of, cstring, read, u32, u64

DEBUG_VERSION = 1


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
        "ts_notified", "ts_running", "ts_complete", "ts_cancelled", "ts_aborted", "leaf_child",
        "type_poll"])
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
        self.leaf = u64(addr + d.type_child) == d.leaf_child  # the runtime's hand-written futures share one
        poll = u64(addr + d.type_poll)  # a drop may be NULL (no cleanups); a poll never is
        try:
            block = gdb.block_for_pc(poll) if poll else None
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
