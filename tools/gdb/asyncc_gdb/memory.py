# asyncc_gdb/memory.py: reading the program's memory (a live process or a core file) for the
# asyncc gdb extension: bytes, words and C strings, the address of a global, and the one error type.
import gdb


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
