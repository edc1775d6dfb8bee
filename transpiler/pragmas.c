/* pragmas.c: what the transpiler knows of the #pragma lines of the preprocessed text: those that
 * annotate the loop after them, the ones that lay out structs (`pack`, gcc's
 * `scalar_storage_order`) in effect at each offset, and the diagnostic pragmas in effect at a
 * point of a body. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Lexes directive token i of s, after its `#` (or `%:`), into w; returns the index in w of the
 * word after `pragma`, or w->n when the directive is no #pragma. The caller frees w. */
static unsigned pragma_words(const tk_stream *s, unsigned i, tk_stream *w)
{
    const tk_token *d = &s->v[i];
    unsigned hash = s->text[d->start] == '#' ? 1 : 2;
    *w = (tk_stream){0};
    if (!memmem(s->text + d->start, d->end - d->start, "pragma", 6))
        return 0; /* (the line markers, most directives of a preprocessed text, are not lexed) */
    tk_lex(w, s->text + d->start + hash, d->end - d->start - hash);
    unsigned k = 0;
    return tk_match_seq(w, &k, "pragma") ? k : w->n;
}

int pg_loop_pragma(const tk_stream *s, unsigned i)
{
    static const char *const loops[] = {"GCC unroll", "GCC ivdep", "GCC novector", "clang loop", "unroll",
                                        "nounroll", "unroll_and_jam", "nounroll_and_jam", "omp", "acc"};
    if (s->v[i].kind != TK_DIRECTIVE)
        return 0;
    tk_stream w;
    unsigned k = pragma_words(s, i, &w), found = 0;
    for (unsigned n = 0; k < w.n && !found && n < sizeof loops / sizeof *loops; n++) {
        unsigned at = k;
        found = tk_match_seq(&w, &at, loops[n]);
    }
    tk_free(&w);
    return (int)found;
}

const char *pg_clone_pragma(const tk_stream *s, unsigned i)
{
    if (s->v[i].kind != TK_DIRECTIVE)
        return NULL;
    tk_stream w;
    unsigned k = pragma_words(s, i, &w), at = k;
    const char *what = NULL;
    if (k < w.n && tk_match_seq(&w, &at, "omp declare")) {
        unsigned simd = at, variant = at;
        what = tk_match_seq(&w, &simd, "simd") ? "simd" : tk_match_seq(&w, &variant, "variant") ? "variant" : NULL;
    }
    tk_free(&w);
    return what;
}

/* Whether directive token i of s is `#pragma GCC diagnostic` (or clang's) and, if so, *kind: 1
 * for push, -1 for pop, 0 for what sets a warning's state (ignored, warning, error). */
static int diagnostic_pragma(const tk_stream *s, unsigned i, int *kind)
{
    tk_stream w;
    unsigned k = pragma_words(s, i, &w), at = k;
    int is = k < w.n && tk_match_seq(&w, &at, "GCC diagnostic");
    if (!is && k < w.n) {
        at = k;
        is = tk_match_seq(&w, &at, "clang diagnostic");
    }
    if (is) {
        at = tk_next(&w, at);
        *kind = at < w.n && tk_is(&w, at, "push") ? 1 : at < w.n && tk_is(&w, at, "pop") ? -1 : 0;
    }
    tk_free(&w);
    return is;
}

char *pg_diagnostics_between(const tunit *t, unsigned from, unsigned to)
{
    const tk_stream *s = &t->toks;
    struct {
        unsigned tok;
        int kind;
    } *kept = NULL;
    unsigned n = 0;
    for (unsigned i = tk_at(s, from); i < s->n && s->v[i].start < to; i++) {
        int kind;
        if (s->v[i].kind != TK_DIRECTIVE || !diagnostic_pragma(s, i, &kind))
            continue;
        if (kind >= 0) {
            VEC_PUSH(kept, n, ((__typeof__(*kept)){i, kind}));
            continue;
        }
        /* a pop undoes the pragmas since its push; one of a push made before `from` undoes
         * what came before, which these pragmas cannot say again: they say the rest */
        while (n && kept[n - 1].kind != 1)
            n--;
        if (n)
            n--;
    }
    sb out = {0};
    for (unsigned k = 0; k < n; k++) {
        const tk_token *d = &s->v[kept[k].tok];
        if (kept[k].kind == 0)
            sb_printf(&out, "%.*s\n", (int)(d->end - d->start), s->text + d->start);
    }
    free(kept);
    return out.data ? sb_take(&out) : NULL;
}

/* ---------------------------------------------------------------- #pragma pack */

/* A `#pragma pack(push...)` of the text: the value it saved, under its identifier (or none). */
typedef struct saved {
    char *id, *value;
} saved;

/* The simulation of the stack of #pragma pack values that gcc and clang keep. */
typedef struct packer {
    char *cur; /* the value in effect, as written (`2`); "" for the default */
    saved *stack;
    unsigned n;
} packer;

static void pop_to(packer *P, const char *id)
{
    unsigned k = P->n;
    while (k > 0 && id && strcmp(P->stack[k - 1].id, id) != 0)
        k--;
    if (k == 0) /* (pop of an empty stack, or of an identifier never pushed: both compilers warn) */
        return;
    free(P->cur);
    P->cur = P->stack[k - 1].value;
    for (unsigned j = k - 1; j < P->n; j++) {
        free(P->stack[j].id);
        if (j > k - 1)
            free(P->stack[j].value);
    }
    P->n = k - 1;
}

/* Acts as gcc and clang on `pack ( ARGS )`, the words of w from k: `()` the default, `(n)`,
 * `(push[, id][, n])`, `(pop[, id][, n])`, `(show)`. */
static void pack_directive(packer *P, const tk_stream *w, unsigned k)
{
    if (!tk_match_seq(w, &k, "pack (") || (k = tk_next(w, k)) >= w->n)
        return;
    const char *word[3] = {NULL, NULL, NULL};
    unsigned len[3] = {0, 0, 0}, n = 0;
    for (; k < w->n && !tk_is(w, k, ")"); k = tk_next(w, k + 1)) {
        if (tk_is(w, k, ","))
            continue;
        if (n == 3 || (w->v[k].kind != TK_IDENT && w->v[k].kind != TK_NUMBER))
            return; /* not a #pragma pack either compiler takes */
        word[n] = w->text + w->v[k].start;
        len[n++] = w->v[k].end - w->v[k].start;
    }
    char *number = NULL, *id = NULL;
    int push = n && len[0] == 4 && memcmp(word[0], "push", 4) == 0;
    int pop = n && len[0] == 3 && memcmp(word[0], "pop", 3) == 0;
    if (n && len[0] == 4 && memcmp(word[0], "show", 4) == 0)
        return;
    for (unsigned j = push || pop; j < n; j++) {
        char *text = xasprintf("%.*s", (int)len[j], word[j]);
        /* after push or pop, a word is the identifier of a push (a macro of the number in a plain
         * `pack(N)`, which the preprocessor leaves as written) */
        if ((push || pop) && (word[j][0] < '0' || word[j][0] > '9')) {
            free(id);
            id = text;
        } else {
            free(number);
            number = text;
        }
    }
    if (push)
        VEC_PUSH(P->stack, P->n, ((saved){id ? id : xstrdup(""), xstrdup(P->cur)}));
    else if (pop)
        pop_to(P, id), free(id);
    if (!push && !pop && !number) /* `pack()` */
        number = xstrdup("");
    if (number)
        free(P->cur), P->cur = number;
}

/* `scalar_storage_order ORDER` (words of w from k): ORDER, one of future.h's AC__SSO_ suffixes. */
static const char *storage_order(const tk_stream *w, unsigned k)
{
    static const char *const orders[] = {"default", "big - endian", "little - endian"};
    static const char *const macros[] = {"default", "big_endian", "little_endian"};
    for (unsigned n = 0; n < 3; n++) {
        unsigned at = k;
        if (tk_match_seq(w, &at, orders[n]))
            return macros[n];
    }
    return NULL;
}

void pg_scan_layouts(tunit *t)
{
    packer P = {xstrdup(""), NULL, 0};
    const char *order = "default";
    const tk_stream *s = &t->toks;
    for (unsigned i = 0; i < s->n; i++) {
        if (s->v[i].kind != TK_DIRECTIVE)
            continue;
        tk_stream w;
        unsigned k = pragma_words(s, i, &w), at = k;
        const char *o = NULL;
        int pack = k < w.n && tk_is(&w, tk_next(&w, k), "pack");
        if (pack)
            pack_directive(&P, &w, k);
        else if (tk_match_seq(&w, &at, "scalar_storage_order") && (o = storage_order(&w, at)))
            order = o;
        if (pack || o)
            VEC_PUSH(t->layouts, t->nlayouts, ((pg_layout){s->v[i].end, xstrdup(P.cur), order}));
        tk_free(&w);
    }
    for (unsigned j = 0; j < P.n; j++)
        free(P.stack[j].id), free(P.stack[j].value);
    free(P.stack);
    free(P.cur);
}

pg_layout pg_layout_at(const tunit *t, unsigned off)
{
    unsigned lo = 0, hi = t->nlayouts; /* the first change after off */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (t->layouts[mid].at <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? t->layouts[lo - 1] : (pg_layout){0, "", "default"};
}

char *pg_layout_change(pg_layout from, pg_layout to, int push)
{
    sb out = {0};
    if (strcmp(from.pack, to.pack) != 0) {
        if (push)
            sb_printf(&out, "_Pragma(\"pack(push)\") _Pragma(\"pack(%s)\") ", to.pack);
        else
            sb_puts(&out, "_Pragma(\"pack(pop)\") ");
    }
    if (strcmp(from.order, to.order) != 0)
        sb_printf(&out, "AC__SSO_%s ", push ? to.order : from.order);
    return out.data ? sb_take(&out) : xstrdup("");
}
