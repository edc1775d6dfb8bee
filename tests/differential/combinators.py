"""tests/differential/combinators.py: the combinator mode of asyncify.py (--combinators RATE): where
asyncify writes `await(f(args))`, a form that runs the same call through the runtime's task API or
a combinator and gives its value back, chosen by the seed and the call site. Written from the
contracts in include/asyncc/lang.h and task.h, not from asyncc's code:

  spawn      ({ ac_task *t = ac_spawn(f(args)); T v; if (await(ac_task_join(t, &v))) trap; v; })
  timeout    ({ T v; if (await(ac_timeout(BIG, v = f(args)))) trap; v; })     0: finished in time
  select     ({ T v; if (await(ac_select(v = f(args), ac_sleep_ms(BIG))) != 0) trap; v; })
  select2    the same with the never-finishing sleep first: the winner's index is 1
             (both: ac_select_fair at every other call site)
  join       ({ T v; await(ac_join(v = f(args), ac_yield())); v; })      (or the yield first)
  try_join   ({ T v; int r = await(ac_try_join(v = f(args))); if (r != (v < 0 ? v : 0)) trap; v; })
  spawn+timeout, spawn+select   the join of a spawned task under ac_timeout or ac_select
  plain      await(f(args))

BIG is 10^9 ms (11 days): the deadline never fires and the sleep never ends while the program
runs. A wrong combinator value traps (__builtin_trap: a run-crash, never a silent pass). For a
void f there is no v and the form ends in (void)0. Forms that assign `v = f(args)` need a type v
can be assigned: none for a struct or union with a const member (spawn only), none for an
unnamed or qualified type (plain only). Calls where C never evaluates them (sizeof, typeof,
_Alignof, _Generic, __builtin_*) stay plain awaits: a combinator there is refused by the guide."""
import functools
import random
import re

try:
    import clang.cindex as ci
except ImportError:
    import sys
    sys.path.append("/usr/lib/python3/dist-packages")
    import clang.cindex as ci

K = ci.CursorKind
T = ci.TypeKind
BIG = "1000000000"
TRAP = "__builtin_trap()"

# (name, weight, what the result type needs: "any", "assign" or "int")
FORMS = [
    ("plain", 25, "any"),
    ("spawn", 12, "any"),
    ("timeout", 12, "assign"),
    ("select", 10, "assign"),
    ("select2", 6, "assign"),
    ("join", 10, "assign"),
    ("try_join", 8, "int"),
    ("spawn_timeout", 9, "any"),
    ("spawn_select", 8, "any"),
]

UNEVALUATED_WORDS = {"sizeof", "typeof", "__typeof__", "__typeof", "_Alignof", "__alignof__", "__alignof",
                     "alignof", "_Generic", "__builtin_types_compatible_p", "__builtin_constant_p",
                     "__builtin_choose_expr", "__builtin_offsetof", "__builtin_classify_type",
                     "__builtin_object_size", "__builtin_dynamic_object_size", "__auto_type"}


def has_const_member(t, depth=0):
    """Whether a value of type T cannot be assigned as a whole: a const member somewhere in it."""
    t = t.get_canonical()
    if t.is_const_qualified():
        return True
    if t.kind == T.CONSTANTARRAY or t.kind == T.INCOMPLETEARRAY:
        return has_const_member(t.element_type, depth + 1)
    if t.kind == T.RECORD and depth < 20:
        for f in t.get_declaration().get_children():
            if f.kind == K.FIELD_DECL and has_const_member(f.type, depth + 1):
                return True
    return False


def result_kind(call):
    """What the call's result allows: (kind, type text). kind: "void", "int" (a signed type of at
    most int's rank, for ac_try_join), "assign", "bytes" (spawn only) or None (plain only)."""
    t = call.type
    c = t.get_canonical()
    spell = t.spelling
    if c.kind == T.VOID:
        return "void", ""
    if "unnamed" in spell or "anonymous" in spell or "_Atomic" in spell or \
            t.is_const_qualified() or t.is_volatile_qualified() or c.is_volatile_qualified():
        return None, spell
    text = "__typeof__(%s)" % spell
    if has_const_member(c):
        return "bytes", text
    if c.kind in (T.INT, T.SHORT, T.SCHAR, T.CHAR_S):
        return "int", text
    return "assign", text


def unevaluated_tokens(spellings):
    """For each token (by its spelling), whether it is inside the parentheses of a word of
    UNEVALUATED_WORDS: scanning back from it through the open parentheses and brackets that enclose
    it, skipping whole bracketed groups, up to a `;` or a `{` at its own level. One pass: the scan
    from a token is the scan from the token before it, or from before the group a closing bracket
    ends, so each token's answer is computed once from an earlier one (scanning back from every
    identifier was quadratic in a function's length: sqlite's shell, do_meta_command)."""
    opener = {}  # a closing bracket's index -> its opening bracket's (any kinds, by depth)
    stack = []
    for i, s in enumerate(spellings):
        if s in ("(", "[", "{"):
            stack.append(i)
        elif s in (")", "]", "}") and stack:
            opener[i] = stack.pop()
    before = []  # before[k]: the scan's answer from token k, at the level of token k
    for k, s in enumerate(spellings):
        if s in (")", "]", "}"):
            o = opener.get(k)
            answer = o is not None and o > 0 and before[o - 1]  # unmatched: never back at this level
        elif s in (";", "{"):
            answer = False  # a statement or a block ends the search
        elif s in ("(", "[") and k and spellings[k - 1] in UNEVALUATED_WORDS:
            answer = True
        else:
            answer = k > 0 and before[k - 1]
        before.append(answer)
    return [k > 0 and before[k - 1] for k in range(len(spellings))]


def unevaluated_calls(fn):
    """Hashes of the calls inside FN that are inside sizeof, _Generic or a __builtin_ call, by the
    tree, and the start offsets of calls inside the parentheses of such a word, by the tokens."""
    bad = set()

    def visit(cur, under):
        if cur.kind == K.CALL_EXPR and under:
            bad.add(cur.hash)
        inner = under or cur.kind in (K.CXX_UNARY_EXPR, K.GENERIC_SELECTION_EXPR) or \
            (cur.kind == K.CALL_EXPR and cur.spelling.startswith("__builtin"))
        for c in cur.get_children():
            visit(c, inner)
    visit(fn, False)
    text = source(fn.extent.start.file.name) if fn.extent.start.file is not None else None
    if text is None:
        return bad, set()
    s, e = fn.extent.start.offset, fn.extent.end.offset
    tokens = [(m.start() + s, m.group(0).decode("latin-1")) for m in TOKEN.finditer(text, s, e)
              if not m.group(0).startswith((b"//", b"/*"))]
    inside = unevaluated_tokens([t for o, t in tokens])
    return bad, {o for (o, t), unevaluated in zip(tokens, inside) if unevaluated and IDENTIFIER.match(t)}


# C's tokens, lexed from the text (libclang's get_tokens took minutes over sqlite's twins): a
# comment (dropped), a literal, an identifier or keyword, a number, a punctuator (longest first).
TOKEN = re.compile(rb"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|[A-Za-z_]\w*|"
                   rb"\.?\d(?:[eEpP][-+]|[\w.])*|\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||"
                   rb"[-+*/%&|^]=|##|\S", re.S)
IDENTIFIER = re.compile(r"[A-Za-z_]\w*\Z")


@functools.lru_cache(maxsize=None)
def source(name):
    """The bytes of the file NAME, read once, or None."""
    try:
        return open(name, "rb").read()
    except OSError:
        return None


class Chooser:
    """Picks and writes a form for each call site, deterministically from the seed and the site."""

    def __init__(self, seed, rate):
        self.seed, self.rate = seed, rate
        self.n = 0
        self.counts = {}
        self.bad, self.starts = set(), set()

    def note_function(self, fn):
        b, s = unevaluated_calls(fn)
        self.bad |= b
        self.starts |= s

    def pick(self, call, offset):
        if call.hash in self.bad or offset in self.starts:
            return "plain", None, ""
        kind, ty = result_kind(call)
        rng = random.Random(self.seed * 1000003 + offset)
        if kind is None or rng.random() >= self.rate:
            return "plain", kind, ty
        ok = [(n, w) for n, w, need in FORMS if need == "any" or
              (need == "assign" and kind in ("void", "assign", "int")) or (need == "int" and kind == "int")]
        total = sum(w for _, w in ok)
        x = rng.random() * total
        for n, w in ok:
            x -= w
            if x < 0:
                return n, kind, ty
        return ok[-1][0], kind, ty

    def wrap(self, call, offset):
        """(prefix, suffix) to put around the call's text."""
        form, kind, ty = self.pick(call, offset)
        self.counts[form] = self.counts.get(form, 0) + 1
        if form == "plain":
            return "await(", ")"
        self.n += 1
        return FORM_WRITERS[form](self.n, kind, ty, random.Random(self.seed + 7 * offset))

    def describe(self):
        return ", ".join("%s %d" % (k, self.counts[k]) for k in sorted(self.counts))


def value(kind, v):
    """The value a form ends with."""
    return "(void)0;" if kind == "void" else "%s;" % v


def decl(kind, ty, v):
    return "" if kind == "void" else "%s %s; " % (ty, v)


def target(kind, v):
    return "" if kind == "void" else "%s = " % v


def w_spawn(n, kind, ty, rng):
    t, v = "acx_t%d" % n, "acx_v%d" % n
    res = "(void *)0" if kind == "void" else "&" + v
    return ("({ ac_task *%s = ac_spawn(" % t,
            "); %sif (await(ac_task_join(%s, %s)) != 0) %s; %s })" % (decl(kind, ty, v), t, res, TRAP, value(kind, v)))


def w_timeout(n, kind, ty, rng):
    v = "acx_v%d" % n
    return ("({ %sif (await(ac_timeout(%s, %s" % (decl(kind, ty, v), BIG, target(kind, v)),
            ")) != 0) %s; %s })" % (TRAP, value(kind, v)))


def select_name(n):
    """ac_select, or at every other call site ac_select_fair (same value: only one future can
    finish), chosen without the seed's generator so that the other sites' forms stay as they were."""
    return "ac_select_fair" if n % 2 else "ac_select"


def w_select(n, kind, ty, rng):
    v = "acx_v%d" % n
    return ("({ %sif (await(%s(%s" % (decl(kind, ty, v), select_name(n), target(kind, v)),
            ", ac_sleep_ms(%s))) != 0) %s; %s })" % (BIG, TRAP, value(kind, v)))


def w_select2(n, kind, ty, rng):
    v = "acx_v%d" % n
    return ("({ %sif (await(%s(ac_sleep_ms(%s), %s" % (decl(kind, ty, v), select_name(n), BIG, target(kind, v)),
            ")) != 1) %s; %s })" % (TRAP, value(kind, v)))


def w_join(n, kind, ty, rng):
    v = "acx_v%d" % n
    if rng.random() < 0.5:
        return ("({ %sawait(ac_join(%s" % (decl(kind, ty, v), target(kind, v)),
                ", ac_yield())); %s })" % value(kind, v))
    return ("({ %sawait(ac_join(ac_yield(), %s" % (decl(kind, ty, v), target(kind, v)),
            ")); %s })" % value(kind, v))


def w_try_join(n, kind, ty, rng):
    v, r = "acx_v%d" % n, "acx_r%d" % n
    return ("({ %sint %s = await(ac_try_join(%s = " % (decl(kind, ty, v), r, v),
            ")); if (%s != (%s < 0 ? %s : 0)) %s; %s })" % (r, v, v, TRAP, value(kind, v)))


def w_spawn_timeout(n, kind, ty, rng):
    t, v, r = "acx_t%d" % n, "acx_v%d" % n, "acx_r%d" % n
    res = "(void *)0" if kind == "void" else "&" + v
    return ("({ ac_task *%s = ac_spawn(" % t,
            "); %sint %s = -1; if (await(ac_timeout(%s, %s = ac_task_join(%s, %s))) != 0 || %s != 0) %s; %s })"
            % (decl(kind, ty, v), r, BIG, r, t, res, r, TRAP, value(kind, v)))


def w_spawn_select(n, kind, ty, rng):
    t, v, r = "acx_t%d" % n, "acx_v%d" % n, "acx_r%d" % n
    res = "(void *)0" if kind == "void" else "&" + v
    return ("({ ac_task *%s = ac_spawn(" % t,
            "); %sint %s = -1; if (await(ac_select(ac_sleep_ms(%s), %s = ac_task_join(%s, %s))) != 1 || %s != 0) %s; %s })"
            % (decl(kind, ty, v), r, BIG, r, t, res, r, TRAP, value(kind, v)))


FORM_WRITERS = {
    "spawn": w_spawn, "timeout": w_timeout, "select": w_select, "select2": w_select2, "join": w_join,
    "try_join": w_try_join, "spawn_timeout": w_spawn_timeout, "spawn_select": w_spawn_select,
}
