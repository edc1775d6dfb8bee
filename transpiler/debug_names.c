/* debug_names.c: what a debugger is told about the generated code: the symbol under which an
 * async function's body runs, so that `break name` in gdb stops in it. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether token i of the preprocessed text, an occurrence of an async function's name outside
 * async functions, only declares it (`int f(int);`, `AC_EXPORT async int *f(void)`,
 * `__attribute__((x)) f(...)`): the token before the name (after any `*` and qualifiers) is a
 * type word or an attribute's `)`. Anything else may use it (a call from a plain function, a
 * function pointer, a member of that name), and is taken for a use. */
static int declares_only(const tk_stream *ts, unsigned i)
{
    static const char *const not_types[] = {"return", "sizeof", "case", "else", "do", "_Alignof", "__alignof__",
                                            "typeof", "__typeof__", "goto", NULL};
    unsigned next = tk_next(ts, i + 1);
    if (next >= ts->n || !tk_is(ts, next, "("))
        return 0;
    unsigned p = tk_prev(ts, i);
    while (p < ts->n && (tk_is(ts, p, "*") || tk_is(ts, p, "const") || tk_is(ts, p, "volatile") ||
                         tk_is(ts, p, "restrict") || tk_is(ts, p, "__restrict")))
        p = tk_prev(ts, p);
    if (p >= ts->n)
        return 0;
    if (tk_is(ts, p, ")"))
        return 1;
    if (ts->v[p].kind != TK_IDENT)
        return 0;
    for (int k = 0; not_types[k]; k++)
        if (tk_is(ts, p, not_types[k]))
            return 0;
    return 1;
}

/* Inside an async function, asyncc has checked every use of an async function's name (an await,
 * a spawn, or an error): the async functions' extents, in order, for the scan to skip. */
static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static span *async_spans(const tunit *t, unsigned *n)
{
    span *v = xcalloc(t->nfns + 1, sizeof *v);
    *n = 0;
    for (unsigned i = 0; i < t->nfns; i++)
        if (t->fns[i]->self)
            v[(*n)++] = (span){nstart(t->fns[i]->root), nend(t->fns[i]->root)};
    qsort(v, *n, sizeof *v, span_cmp);
    return v;
}

/* The offset of the name in c's first declaration: what comes before cannot mean c's function (a
 * parameter or member of that name in a header included first, as `ac_child *child` in
 * <asyncc/process.h> is for an async function named child). */
static unsigned first_declared(const callee *c)
{
    unsigned off;
    clang_getSpellingLocation(clang_getCursorLocation(clang_getCanonicalCursor(c->def->root->cur)), NULL, NULL, NULL,
                              &off);
    return off;
}

/* The names of the async functions defined here that something else than a declaration names
 * outside async functions (see dn_body_symbol), found by dn_prepare in one pass over the text. */
static names unsafe;
static const tunit *scanned;

void dn_prepare(tunit *t)
{
    if (scanned != t) {
        names mine = {0};
        unsigned from = t->text_len; /* the first of those offsets: nothing before it counts */
        for (unsigned i = 0; i < t->ncallees; i++)
            if (t->callees[i]->def) { /* the offset of its first declaration, plus one */
                unsigned first = first_declared(t->callees[i]) + 1;
                names_put(&mine, t->callees[i]->name, (void *)(uintptr_t)first);
                from = first - 1 < from ? first - 1 : from;
            }
        const tk_stream *ts = &t->toks;
        unsigned nspans, k = 0;
        span *spans = async_spans(t, &nspans);
        char word[256];
        for (unsigned i = tk_at(ts, from); i < ts->n; i++) {
            unsigned at = ts->v[i].start;
            while (k < nspans && spans[k].hi <= at)
                k++;
            unsigned past = k < nspans && spans[k].lo <= at ? tk_at(ts, spans[k].hi) : 0;
            if (past > i) { /* inside an async function: on after it */
                i = past - 1;
                continue;
            }
            size_t n = ts->v[i].end - at;
            if (ts->v[i].kind != TK_IDENT || n >= sizeof word)
                continue;
            int found;
            uintptr_t first = (uintptr_t)names_get_n(&mine, ts->text + at, n, &found);
            if (found && at + 1 >= first && !declares_only(ts, i)) {
                memcpy(word, ts->text + at, n);
                word[n] = 0;
                names_put(&unsafe, word, NULL);
            }
        }
        free(spans);
        names_free(&mine);
        scanned = t;
    }
}

/* The assembler name of the generated function that runs c's body: c's own name, so that gdb's
 * `break c` stops there (at each poll of it), or NULL. Only when nothing but declarations name c
 * outside async functions, from its first declaration on: a plain function's call of c (a link
 * error otherwise) would bind to the body. main keeps the C main its name. */
const char *dn_body_symbol(tunit *t, const callee *c)
{
    if (strcmp(c->name, "main") == 0 || !c->def)
        return NULL;
    dn_prepare(t);
    int found;
    names_get(&unsafe, c->name, &found);
    return found ? NULL : c->name;
}

/* Rewrites out from offset from on: the lines after each DN_GENERATED marker, up to the next
 * #line, each get `#line line "file"` before them (the marker goes). One #line would not do:
 * the lines after it count up, into the user's body, where a breakpoint would then land in
 * generated code. */
void dn_source_lines(sb *out, size_t from, unsigned line, const char *file)
{
    static const char mark[] = DN_GENERATED;
    const size_t mlen = sizeof mark - 1;
    if (!out->data || from >= out->len)
        return;
    sb r = {0};
    char *directive = xasprintf("#line %u \"%s\"\n", line, file);
    const char *p = out->data + from, *end = out->data + out->len;
    int generated = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *next = nl ? nl + 1 : end;
        if ((size_t)(next - p) == mlen && memcmp(p, mark, mlen) == 0) {
            generated = 1;
        } else {
            if (strncmp(p, "#line ", 6) == 0)
                generated = 0;
            else if (generated && *p != '#' && *p != '\n')
                sb_puts(&r, directive);
            sb_putn(&r, p, (size_t)(next - p));
        }
        p = next;
    }
    out->len = from;
    sb_putn(out, r.data ? r.data : "", r.len);
    sb_free(&r);
    free(directive);
}
