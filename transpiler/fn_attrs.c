/* fn_attrs.c: the attributes of an async function's declarations that shape the code of its
 * body, which asyncc moves into ac__run_f (and ac__now_f): they must follow it there. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

/*
 * gcc's and clang's function attributes that change how a body is compiled: optimization level
 * and options, the target ISA, sanitizers and instrumentation left out, stack protection,
 * hot/cold placement, flatten. Dropped, `target("avx2")` code failed to compile (its intrinsics
 * are always_inline for that target only), and `optimize`, `no_sanitize` or
 * `no_instrument_function` were silently lost (gcc.dg's signbit-6: `optimize("O0")`). Those that
 * keep the body out of its callers (call_attrs) follow it too, to the function that an await
 * calls (ac__now_f of a function that never suspends, else ac__run_f), whose code a
 * `noinline` function's callers must not get as their own: `__builtin_return_address` in a
 * function it calls named each caller's place (gcc's pr17377 made async under clang -O2).
 * Every other attribute is about the function's calls, its symbol or its parameters (`nonnull`,
 * `format`, `used`, `returns_nonnull`...), which its future and ac__run_f do not share.
 */
static const char *const code_attrs[] = {
    "optimize", "target", "no_sanitize", "no_sanitize_address", "no_address_safety_analysis",
    "no_sanitize_thread", "no_sanitize_undefined", "no_sanitize_coverage", "no_sanitize_memory",
    "no_instrument_function", "no_profile_instrument_function", "no_stack_protector", "stack_protect",
    "no_split_stack", "hot", "cold", "flatten", "zero_call_used_regs", "indirect_branch",
    "function_return", "optnone", "minsize", "disable_tail_calls", NULL};
static const char *const call_attrs[] = {"noinline", "noipa", "noclone", NULL};
/* `nonnull` is about the parameters, which the functions that take them in the output have too,
 * at the same indices: ac__args_f (the frame after them) and ac__now_f. Lost, a call with a null
 * argument had no -Wnonnull and no -fsanitize=nonnull-attribute check (gcc.dg/ubsan's
 * nonnull-1/2/3/5 made async). `returns_nonnull` follows the body where it returns its value
 * itself, ac__now_f (a function that suspends stores it in its frame). */
static const char *const param_attrs[] = {"nonnull", "returns_nonnull", NULL};

static int in_list(const char *const *list, const char *a, const char *b)
{
    for (int i = 0; list[i]; i++)
        if ((size_t)(b - a) == strlen(list[i]) && memcmp(a, list[i], (size_t)(b - a)) == 0)
            return 1;
    return 0;
}

/* Whether attribute word [a, b) of the text, as `name` or `__name__`, is one of code_attrs (1),
 * of call_attrs (2), of param_attrs (3), or none (0). */
static int attr_kind(const char *a, const char *b)
{
    if (b - a > 4 && memcmp(a, "__", 2) == 0 && memcmp(b - 2, "__", 2) == 0) {
        a += 2;
        b -= 2;
    }
    return in_list(code_attrs, a, b) ? 1 : in_list(call_attrs, a, b) ? 2 : in_list(param_attrs, a, b) ? 3 : 0;
}

/* Adds the text of item [a, b) (`target("avx2")`) to list, once. */
static void add_item(char ***list, unsigned *n, const char *a, const char *b)
{
    int len = (int)(b - a);
    for (unsigned i = 0; i < *n; i++)
        if ((int)strlen((*list)[i]) == len && memcmp((*list)[i], a, (size_t)len) == 0)
            return;
    VEC_PUSH(*list, *n, xasprintf("%.*s", len, a));
}

/* The index of the attribute name of the item at token i of a C2x list, past its `gnu::` (or
 * `__gnu__::`); s->n for another vendor's. */
static unsigned c2x_name(const tk_stream *s, const char *text, unsigned i)
{
    unsigned c1 = tk_next(s, i + 1), c2 = c1 < s->n ? tk_next(s, c1 + 1) : s->n;
    if (c2 >= s->n || !tk_is(s, c1, ":") || !tk_is(s, c2, ":"))
        return i; /* a standard attribute (`deprecated`, `nodiscard`): none of code_attrs */
    unsigned len = s->v[i].end - s->v[i].start;
    const char *ns = text + s->v[i].start;
    if ((len == 3 && memcmp(ns, "gnu", 3) == 0) || (len == 7 && memcmp(ns, "__gnu__", 7) == 0))
        return tk_next(s, c2 + 1);
    return s->n;
}

/* The items of the attribute list whose `((` (GNU) or `[[` (C2x) opens at token open. */
static void scan_list(tunit *t, callee *c, unsigned open)
{
    const tk_stream *s = &t->toks;
    int c2x = tk_is(s, open, "[");
    unsigned inner = tk_next(s, open + 1);
    if (inner >= s->n || !tk_is(s, inner, c2x ? "[" : "("))
        return;
    unsigned close = tk_match(s, inner);
    for (unsigned i = tk_next(s, inner + 1); i < close;) {
        unsigned first = c2x ? c2x_name(s, t->text, i) : i, last = i;
        while (i < close && !tk_is(s, i, ",")) {
            last = i;
            i = tk_next(s, (tk_is(s, i, "(") ? tk_match(s, i) : i) + 1);
        }
        if (i > first && first < s->n && s->v[first].kind == TK_IDENT) {
            unsigned end = tk_is(s, last, "(") ? s->v[tk_match(s, last)].end : s->v[last].end;
            int kind = attr_kind(t->text + s->v[first].start, t->text + s->v[first].end);
            if (kind == 1)
                add_item(&c->code_attrs, &c->ncode_attrs, t->text + s->v[first].start, t->text + end);
            else if (kind == 2)
                add_item(&c->call_attrs, &c->ncall_attrs, t->text + s->v[first].start, t->text + end);
            else if (kind == 3)
                add_item(&c->param_attrs, &c->nparam_attrs, t->text + s->v[first].start, t->text + end);
        }
        if (i < close)
            i = tk_next(s, i + 1);
    }
}

/* Reads the attributes of declaration d of c (in the text: an input or header declaration of
 * the preprocessed file) outside its parameter list and body, as the preprocessed tokens spell
 * them: clang drops the `optimize` it does not know. */
void fa_collect(tunit *t, callee *c, CXCursor d)
{
    unsigned first, b;
    if (!fa_decl_span(t, d, &first, &b))
        return;
    const tk_stream *s = &t->toks;
    for (unsigned i = first; i < s->n && s->v[i].start < b; i = tk_next(s, i + 1)) {
        if (tk_is(s, i, "{"))
            break; /* the body */
        if (tk_is(s, i, "__attribute__") || tk_is(s, i, "__attribute")) {
            unsigned open = tk_next(s, i + 1);
            if (open < s->n && tk_is(s, open, "(")) {
                scan_list(t, c, open);
                i = tk_match(s, open);
            }
        } else if (tk_is(s, i, "[") && tk_next(s, i + 1) < s->n && tk_is(s, tk_next(s, i + 1), "[")) {
            scan_list(t, c, i); /* C2x: [[gnu::target("avx2")]] */
            i = tk_match(s, i);
        } else if (tk_is(s, i, "(") || tk_is(s, i, "[")) {
            i = tk_match(s, i); /* parameters, typeof, array bounds: not the function's */
        }
        if (i >= s->n)
            break;
    }
}

/* A C2x attribute-specifier before a declaration (`[[nodiscard]] int f(void);`) is not in its
 * cursor's extent: the declaration starts at the first of those before start. Left out of the
 * text asyncc replaces, `[[gnu::cold]]` stood alone before the generated declarations, which
 * did not compile. (A `]]` right before a declaration ends nothing else: a declaration before
 * it ends with `;` or `}`.) */
unsigned fa_decl_start(tunit *t, unsigned start)
{
    const tk_stream *s = &t->toks;
    for (;;) {
        unsigned i = tk_at(s, start), close = tk_prev(s, i);
        if (close >= s->n || !tk_is(s, close, "]") || tk_prev(s, close) >= s->n || !tk_is(s, tk_prev(s, close), "]"))
            return start;
        int depth = 0;
        unsigned k = close;
        for (; k < s->n; k = tk_prev(s, k)) {
            depth += tk_is(s, k, "]") - tk_is(s, k, "[");
            if (depth == 0)
                break;
        }
        if (k >= s->n)
            return start;
        start = s->v[k].start;
    }
}

int fa_decl_span(tunit *t, CXCursor d, unsigned *first, unsigned *end)
{
    CXSourceRange r = clang_getCursorExtent(d);
    CXFile file;
    unsigned a, b;
    clang_getSpellingLocation(clang_getRangeStart(r), &file, NULL, NULL, &a);
    clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b);
    if (!(clang_File_isEqual(file, t->ifile) || (t->tu2 && clang_File_isEqual(file, t->ifile2))) || b > t->text_len)
        return 0;
    *first = tk_next(&t->toks, tk_at(&t->toks, fa_decl_start(t, a)));
    *end = b;
    return 1;
}

/* `__attribute__((a, b)) ` of the n items, kept in *text, or "". */
static const char *attr_text(char **items, unsigned n, char **text)
{
    if (!n)
        return "";
    if (!*text) {
        sb out = {0};
        sb_puts(&out, "__attribute__((");
        for (unsigned i = 0; i < n; i++)
            sb_printf(&out, "%s%s", i ? ", " : "", items[i]);
        sb_puts(&out, ")) ");
        *text = out.data;
    }
    return *text;
}

/* `__attribute__((a, b)) ` for c's body, or "" (static storage: emitted by the caller). */
const char *fa_text(callee *c)
{
    return attr_text(c->code_attrs, c->ncode_attrs, &c->code_attr_text);
}

const char *fa_call_text(callee *c)
{
    return attr_text(c->call_attrs, c->ncall_attrs, &c->call_attr_text);
}

char *fa_param_text(callee *c, unsigned shift)
{
    if (!c->nparam_attrs)
        return xstrdup("");
    sb out = {0};
    sb_puts(&out, "__attribute__((");
    unsigned n = 0;
    for (unsigned i = 0; i < c->nparam_attrs; i++) {
        const char *item = c->param_attrs[i], *open = strchr(item, '(');
        if (shift && strstr(item, "returns_nonnull"))
            continue; /* ac__args_f returns nothing */
        sb_printf(&out, "%s%.*s", n++ ? ", " : "", (int)(open ? open - item : (long)strlen(item)), item);
        if (!open)
            continue; /* every pointer parameter: the frame's too, which is never null */
        sb_putc(&out, '(');
        for (const char *p = open + 1; *p && *p != ')';) {
            char *end;
            unsigned long index = strtoul(p, &end, 0);
            if (end == p) { /* not a number (a macro clang expanded is one): as written */
                sb_putc(&out, *p++);
                continue;
            }
            sb_printf(&out, "%lu", index + shift);
            p = end;
        }
        sb_putc(&out, ')');
    }
    if (!n) {
        sb_free(&out);
        return xstrdup("");
    }
    sb_puts(&out, ")) ");
    return sb_take(&out);
}
