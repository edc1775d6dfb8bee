/* stringified.c: string literals that a macro's `#` made of an await or a combinator say what a
 * compiler reading the source says, the plain form, not the marker asyncc's preprocessor wrote. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * asyncc preprocesses under __ASYNCC__, where `await(e)` is `(__asyncc_await, (e))`; a compiler
 * reads the source in plain mode, where it is `(e)`. A macro that stringifies its argument
 * (assert's message, a CHECK or TRACE macro printing the expression it runs) then made a
 * different string: `"(__asyncc_await, (f()))"` for `"(f())"`, of another length too. Each such
 * literal of the preprocessed text is written again with the plain forms of asyncc/lang.h, before
 * anything reads the text, so the generated code has the compiler's string and sizeof.
 */

typedef struct plain_form {
    const char *marker;
    const char *trailer; /* the argument of asyncc's own the marker form ends with, if any */
    unsigned parenthesized; /* how many arguments lang.h puts in parentheses, from the first */
} plain_form;

static const plain_form forms[] = {
    {"__asyncc_await", NULL, 1},         {"__asyncc_block_on", NULL, 1}, {"__asyncc_spawn", "(ac_task *)0", 1},
    {"__asyncc_spawn_local", "(ac_task *)0", 1}, {"__asyncc_join", "(void)0", 0}, {"__asyncc_try_join", "0", 0},
    {"__asyncc_select", "0", 0},         {"__asyncc_timeout", "0", 2}, {"__asyncc_select_fair", "0", 0},
};

/* The content of literal [a, b) (between its quotes) as the code it was made from, or NULL
 * when it holds escapes that `#` does not write (only `\"` and `\\` come from it). */
static char *unquote(const char *s, unsigned a, unsigned b)
{
    char *r = xcalloc(1, (size_t)(b - a) + 1), *o = r;
    for (unsigned i = a; i < b; i++) {
        if (s[i] == '\\') {
            if (i + 1 >= b || (s[i + 1] != '"' && s[i + 1] != '\\')) {
                free(r);
                return NULL;
            }
            i++;
        }
        *o++ = s[i];
    }
    return r;
}

/* The plain form of the marker form whose `(` is token open of ts, its `__asyncc_` name token
 * name: its arguments are the text between the top-level commas; NULL when it is not one. */
static char *plain_of(const tk_stream *ts, unsigned open, unsigned name)
{
    const char *s = ts->text;
    const plain_form *pf = NULL;
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
        if (tk_is(ts, name, forms[k].marker))
            pf = &forms[k];
    unsigned close = tk_match(ts, open), comma = tk_next(ts, name + 1);
    if (!pf || close >= ts->n || comma >= close || !tk_is(ts, comma, ","))
        return NULL;
    unsigned starts[40], ends[40], n = 0, from = comma + 1;
    for (unsigned i = from; i <= close && n < 40; i = tk_next(ts, i + 1)) {
        if (tk_is(ts, i, "(") || tk_is(ts, i, "[") || tk_is(ts, i, "{")) {
            i = tk_match(ts, i);
            if (i >= close)
                return NULL;
            continue;
        }
        if (i == close || tk_is(ts, i, ",")) {
            if (from >= i)
                return NULL;
            starts[n] = ts->v[from].start;
            ends[n++] = ts->v[tk_prev(ts, i)].end;
            from = tk_next(ts, i + 1);
        }
    }
    unsigned user = n - (pf->trailer != NULL); /* the arguments that are the user's */
    if (n >= 40 || user == 0 || user < pf->parenthesized)
        return NULL;
    /* only what lang.h writes: a literal of the user's own that looks like one stays */
    if (pf->trailer && (ends[n - 1] - starts[n - 1] != strlen(pf->trailer) ||
                        memcmp(s + starts[n - 1], pf->trailer, ends[n - 1] - starts[n - 1]) != 0))
        return NULL;
    for (unsigned k = 0; k < pf->parenthesized; k++) {
        unsigned first = tk_at(ts, starts[k]);
        if (!tk_is(ts, first, "(") || ts->v[tk_match(ts, first)].end != ends[k])
            return NULL;
    }
    if (pf->parenthesized == 1 && !pf->trailer && user != 1)
        return NULL;
    sb b = {0};
#define ARG(k) (int)(ends[k] - starts[k]), s + starts[k]
#define ARGS(k, m) (int)(ends[m] - starts[k]), s + starts[k] /* arguments k..m as written */
    const char *m = pf->marker + strlen("__asyncc_");
    if (!strcmp(m, "await") || !strcmp(m, "block_on"))
        sb_printf(&b, "%.*s", ARG(0));
    else if (!strcmp(m, "spawn") || !strcmp(m, "spawn_local"))
        sb_printf(&b, "((void)%.*s, ac__plain_task())", ARG(0));
    else if (!strcmp(m, "join"))
        sb_printf(&b, "((void)(%.*s))", ARGS(0, user - 1));
    else if (!strcmp(m, "try_join"))
        sb_printf(&b, "((void)(%.*s), ac__plain_value())", ARGS(0, user - 1));
    else if (!strcmp(m, "select") && user > 1)
        sb_printf(&b, "((void)(%.*s), (void)sizeof((void)(%.*s), 0), ac__plain_value())", ARG(0), ARGS(1, user - 1));
    else if (!strcmp(m, "select"))
        sb_printf(&b, "((void)(%.*s), (void)sizeof((void)(), 0), ac__plain_value())", ARG(0));
    else if (user == 2)
        sb_printf(&b, "((void)%.*s, (void)%.*s, ac__plain_value())", ARG(0), ARG(1));
#undef ARG
#undef ARGS
    return b.data ? sb_take(&b) : NULL;
}

/* Code text c with its first marker form made plain, or NULL when it has none. */
static char *plain_once(const char *c)
{
    tk_stream ts;
    tk_lex(&ts, c, (unsigned)strlen(c));
    char *r = NULL;
    for (unsigned i = 0; i + 1 < ts.n && !r; i++) {
        unsigned name = tk_next(&ts, i + 1);
        if (!tk_is(&ts, i, "(") || name >= ts.n || ts.v[name].kind != TK_IDENT ||
            strncmp(c + ts.v[name].start, "__asyncc_", 9) != 0)
            continue;
        char *plain = plain_of(&ts, i, name);
        if (plain) {
            unsigned end = ts.v[tk_match(&ts, i)].end;
            r = xasprintf("%.*s%s%s", (int)ts.v[i].start, c, plain, c + end);
            free(plain);
        }
    }
    tk_free(&ts);
    return r;
}

/* Literal [a, b) of text s (quotes included) with its marker forms plain, or NULL if it has
 * none. */
static char *plain_literal(const char *s, unsigned a, unsigned b)
{
    if (s[a] != '"' || b - a < 2 || s[b - 1] != '"')
        return NULL; /* `#` writes no prefix */
    char *code = unquote(s, a + 1, b - 1);
    int changed = 0;
    for (char *next; code && (next = plain_once(code)) != NULL; changed = 1) {
        free(code);
        code = next;
    }
    if (!changed) {
        free(code);
        return NULL;
    }
    sb out = {0};
    sb_putc(&out, '"');
    for (const char *p = code; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_putc(&out, '\\');
        sb_putc(&out, *p);
    }
    sb_putc(&out, '"');
    free(code);
    return sb_take(&out);
}

void pp_plain_stringified(tunit *t)
{
    tk_stream *ts = &t->toks;
    sb out = {0};
    unsigned pos = 0;
    for (unsigned i = 0; i < ts->n; i++) {
        const tk_token *k = &ts->v[i];
        if (k->kind != TK_STRING || !memmem(t->text + k->start, k->end - k->start, "__asyncc_", 9))
            continue;
        char *plain = plain_literal(t->text, k->start, k->end);
        if (!plain)
            continue;
        sb_putn(&out, t->text + pos, k->start - pos);
        sb_puts(&out, plain);
        pos = k->end;
        free(plain);
    }
    if (!out.data)
        return;
    sb_putn(&out, t->text + pos, t->text_len - pos);
    dg_forget_lines(t); /* built on the old text (rl_relines) */
    tk_free(ts);
    free(t->text);
    t->text_len = (unsigned)out.len;
    t->text = sb_take(&out);
    tk_lex(ts, t->text, t->text_len);
}
