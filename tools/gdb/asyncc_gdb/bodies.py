# asyncc_gdb/bodies.py: `break f` for an async function whose body an optimized gcc build left out
# of line, under the symbol f.0: gdb is given the name f for it, in a symbol file of its own.
#
# Optimizing, gcc writes the body of async function f as a nested function named f (future.h:
# AC__NAMED_BODY), which it inlines where ac__run_f is inlined, and there `break f` finds each
# copy by name. A body larger than gcc inlines twice (a loop around several awaits, polled from
# ac__poll_f and awaited by a caller in the same file) stays out of line, as the local symbol f.0,
# and its debug info is that of a function nested in an abstract one: gdb's `break f` looks for
# nested functions only among inlined copies, and for symbols by their exact name, and said
# `Function "f" not defined.`. Nothing in gdb's Python API adds a name, but a separate debug file
# does: a minimal ELF file holding a symbol table that names each such body f, beside its
# program's sections (empty copies, so that gdb relocates it with them, a PIE's too). gdb loads
# it as it loads a file of .build-id/, and `break f` finds f there as it finds any function.
import atexit
import os
import re
import shutil
import struct
import tempfile

import gdb

SHT_SYMTAB, SHT_STRTAB, SHT_NOBITS, SHF_ALLOC, STT_FUNC = 2, 3, 8, 2, 2
SECTION = struct.Struct("<IIQQQQIIQQ")  # Elf64_Shdr: name type flags addr offset size link info align entsize
SYMBOL = struct.Struct("<IBBHQQ")  # Elf64_Sym: name info other shndx value size
BODY = re.compile(r"([A-Za-z_]\w*)\.\d+$")  # gcc's name of a nested function left out of line


def read_elf(path):
    """(e_type, e_machine, [(section name, Elf64_Shdr tuple)], [(symbol name, Elf64_Sym tuple)])
    of the little-endian ELF64 file at path, or None (another format, no symbol table)."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if len(head) < 64 or head[:6] != b"\x7fELF\x02\x01":
                return None
            e_type, e_machine = struct.unpack_from("<HH", head, 16)
            (shoff,) = struct.unpack_from("<Q", head, 40)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 58)
            if shentsize != SECTION.size or not shnum or shstrndx >= shnum:
                return None
            f.seek(shoff)
            raw = f.read(shnum * SECTION.size)
            sections = [SECTION.unpack_from(raw, i * SECTION.size) for i in range(shnum)]

            def read(sec):
                f.seek(sec[4])
                return f.read(sec[5])

            def name_at(table, off):
                return table[off:table.index(b"\0", off)].decode("utf-8", "replace")

            names = read(sections[shstrndx])
            symtab = next((s for s in sections if s[1] == SHT_SYMTAB and s[6] < shnum), None)
            if symtab is None:
                return None
            data, strings = read(symtab), read(sections[symtab[6]])
            symbols = [SYMBOL.unpack_from(data, k * SYMBOL.size) for k in range(len(data) // SYMBOL.size)]
            return (e_type, e_machine, [(name_at(names, s[0]), s) for s in sections],
                    [(name_at(strings, s[0]), s) for s in symbols])
    except (OSError, ValueError, struct.error):
        return None


def out_of_line_bodies(symbols):
    """[(f, Elf64_Sym of f.N)] for the async functions f (those with an ac__poll_f) whose body is
    the function f.N and that have no function symbol f (unoptimized, ac__run_f has that name)."""
    functions = {name for name, s in symbols if s[1] & 15 == STT_FUNC}
    out = []
    for name, s in symbols:
        m = BODY.match(name)
        if m and s[1] & 15 == STT_FUNC and s[3] and m.group(1) not in functions and \
                "ac__poll_" + m.group(1) in functions:
            out.append((m.group(1), s))
    return out


def symbol_file(e_type, e_machine, sections, bodies):
    """The bytes of an ELF file whose symbol table names each body (f, Elf64_Sym) f, local
    functions in their own sections, and whose other sections are empty copies of the program's
    allocated ones (as in a separate debug file: gdb relocates it by their names and addresses)."""
    shstrtab = bytearray(b"\0")

    def add_name(name):
        at = len(shstrtab)
        shstrtab.extend(name.encode() + b"\0")
        return at

    out_sections, index = [(0,) * 10], {}
    for i, (name, s) in enumerate(sections):
        if i and s[2] & SHF_ALLOC:
            index[i] = len(out_sections)
            out_sections.append((add_name(name), SHT_NOBITS, s[2], s[3], 0, s[5], 0, 0, s[8], 0))
    strtab, symtab = bytearray(b"\0"), bytearray(SYMBOL.size)
    for f, s in bodies:
        symtab += SYMBOL.pack(len(strtab), STT_FUNC, 0, index.get(s[3], 0), s[4], s[5])  # STB_LOCAL
        strtab += f.encode() + b"\0"
    data = bytearray()
    symtab_index = len(out_sections)
    out_sections.append((add_name(".symtab"), SHT_SYMTAB, 0, 0, 64, len(symtab), symtab_index + 1,
                         len(bodies) + 1, 8, SYMBOL.size))
    data += symtab
    out_sections.append((add_name(".strtab"), SHT_STRTAB, 0, 0, 64 + len(data), len(strtab), 0, 0, 1, 0))
    data += strtab
    shstrndx = len(out_sections)
    name = add_name(".shstrtab")
    out_sections.append((name, SHT_STRTAB, 0, 0, 64 + len(data), len(shstrtab), 0, 0, 1, 0))
    data += shstrtab
    data += b"\0" * (-len(data) % 8)
    header = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", e_type, e_machine, 1, 0, 0, 64 + len(data), 0, 64, 0, 0, SECTION.size,
        len(out_sections), shstrndx)
    return header + bytes(data) + b"".join(SECTION.pack(*s) for s in out_sections)


SUFFIX = ".asyncc-names"


class Names:
    """The symbol files given to gdb in this session, in a directory removed when gdb exits (gdb
    may read a file again while it runs)."""

    directory = None
    count = 0

    @classmethod
    def path(cls, program):
        if cls.directory is None:
            cls.directory = tempfile.mkdtemp(prefix="asyncc-gdb.")
            atexit.register(shutil.rmtree, cls.directory, True)
        cls.count += 1
        return os.path.join(cls.directory, "%d-%s%s" % (cls.count, os.path.basename(program), SUFFIX))


def named_already(objfile):
    """Whether objfile has a symbol file of ours (the extension loaded a second time)."""
    return any(o.owner == objfile and (o.filename or "").endswith(SUFFIX) for o in gdb.objfiles())


def name_bodies(objfile):
    """Gives gdb the name f for each out-of-line async body f.N of objfile's file."""
    path = objfile.filename
    if not path or objfile.owner is not None or named_already(objfile):
        return
    elf = read_elf(path)
    if elf is None:
        return
    e_type, e_machine, sections, symbols = elf
    bodies = out_of_line_bodies(symbols)
    if not bodies:
        return
    names = Names.path(path)
    with open(names, "wb") as f:
        f.write(symbol_file(e_type, e_machine, sections, bodies))
    try:
        objfile.add_separate_debug_file(names)
    except gdb.error as e:
        gdb.write("asyncc: cannot name the out-of-line bodies of %s for `break`: %s\n" % (path, e))


def on_new_objfile(event):
    name_bodies(event.new_objfile)


def install():
    """Names the bodies of the files loaded already; returns the (event, handler) pair for the
    files loaded later."""
    for objfile in gdb.objfiles():
        name_bodies(objfile)
    return [(gdb.events.new_objfile, on_new_objfile)]
