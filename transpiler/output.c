/* output.c: composes the transpiled file: the input as written, with each async function and
 * prototype replaced by its generated code, and #line directives so that lines stay the user's. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    unsigned start, end; /* offsets in the preprocessed text */
    unsigned line, end_line;
    afn *fn;    /* a rewritten function, or */
    node *proto; /* an async prototype */
} item;

static int item_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Whether the rest of the preprocessed line after `from` (or before it, going back) holds only
 * blanks, comments and the declaration's `;`. */
static int alone_after(const tunit *t, unsigned from)
{
    const char *s = t->text;
    for (unsigned i = from; i < t->text_len && s[i] != '\n'; i++) {
        if (s[i] == '/' && s[i + 1] == '/')
            return 1;
        if (s[i] == '/' && s[i + 1] == '*') {
            for (i += 2; i + 1 < t->text_len && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            i++;
            continue;
        }
        if (!strchr(" \t\r;", s[i]))
            return 0;
    }
    return 1;
}

static int alone_before(const tunit *t, unsigned from)
{
    for (unsigned i = from; i > 0 && t->text[i - 1] != '\n'; i--)
        if (!strchr(" \t\r", t->text[i - 1]))
            return 0;
    return 1;
}

static void presumed_lines(node *n, unsigned *line, unsigned *end_line)
{
    CXSourceRange r = clang_getCursorExtent(n->cur);
    dg_presumed(clang_getRangeStart(r), NULL, line, NULL);
    dg_presumed(clang_getRangeEnd(r), NULL, end_line, NULL);
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* The name of the directive on the line that starts at p (what follows `#` and blanks), or
 * NULL when that line is not a directive. */
static const char *directive(const char *p, const char *end)
{
    p = skip_blanks(p, end);
    return p < end && *p == '#' ? skip_blanks(p + 1, end) : NULL;
}

static const char *next_line(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : end;
}

/* Where the input has #line directives of its own, the preprocessed text's line numbers are
 * not the file's lines, and whole-line replacement would hit the wrong lines. */
static int has_line_directive(const tunit *t, unsigned *where)
{
    const char *end = t->orig + t->orig_len;
    unsigned line = 1;
    for (const char *p = t->orig; p < end; p = next_line(p, end), line++) {
        const char *q = directive(p, end);
        if (q && ((end - q > 4 && memcmp(q, "line", 4) == 0 && (q[4] == ' ' || q[4] == '\t')) ||
                  (q < end && *q >= '0' && *q <= '9'))) {
            *where = line;
            return 1;
        }
    }
    return 0;
}

/* Reports a #line directive in an input that uses asyncc; returns the number of errors. */
int out_check_line_directives(tunit *t)
{
    unsigned line;
    if (!memmem(t->orig, t->orig_len, "async", 5) || !has_line_directive(t, &line))
        return 0;
    fprintf(stderr, "%s:%u:1: error: asyncc cannot rewrite a file that has #line directives of its own\n", t->input, line);
    t->errors++;
    return 1;
}

/* The names the input file #defines: generated code is already macro-expanded, and must not be
 * expanded again where it lands (a self-referential macro would apply twice). */
static void file_macros(const tunit *t, names *out)
{
    const char *end = t->orig + t->orig_len;
    for (const char *p = t->orig; p < end; p = next_line(p, end)) {
        const char *q = directive(p, end);
        if (!q || end - q <= 6 || memcmp(q, "define", 6) != 0 || (q[6] != ' ' && q[6] != '\t'))
            continue;
        const char *n = skip_blanks(q + 6, end);
        q = n;
        while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
            q++;
        if (q > n) {
            char *name = xstrndup(n, (size_t)(q - n));
            names_put(out, name, NULL);
            free(name);
        }
    }
}

/* The output being composed, with its lines counted as far as `counted`. */
typedef struct composer {
    const tunit *t;
    sb out;
    size_t counted;
    unsigned line; /* the line of out[counted] */
    char *name;    /* the output file's name, for #line */
    names macros;  /* the input file's macros */
} composer;

static unsigned current_line(composer *c)
{
    const char *p = c->out.data + c->counted, *end = c->out.data + c->out.len;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        c->line++;
        p++;
    }
    c->counted = c->out.len;
    return c->line;
}

/* Appends a function's generated code: each ASYNCC_SELF_LINE becomes a #line naming the output
 * file at its own line. The code is already macro-expanded, and must not be expanded again where
 * it lands (a self-referential macro would apply twice), so it goes between #pragma push_macro
 * and #undef, and pop_macro, of each file macro it mentions. */
static void put_code(composer *c, const char *code, size_t len)
{
    sb pop = {0};
    if (c->macros.count) {
        names seen = {0};
        char word[256];
        for (const char *p = code, *end = code + len; p < end;) {
            if (isalpha((unsigned char)*p) || *p == '_') {
                const char *s = p;
                while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
                    p++;
                size_t n = (size_t)(p - s);
                if (n >= sizeof word)
                    continue; /* longer than any name the scan of #defines keeps apart */
                memcpy(word, s, n);
                word[n] = 0;
                int is_macro, done;
                names_get(&c->macros, word, &is_macro);
                if (!is_macro)
                    continue;
                names_get(&seen, word, &done);
                if (!done) {
                    names_put(&seen, word, NULL);
                    sb_printf(&c->out, "#pragma push_macro(\"%s\")\n#undef %s\n", word, word);
                    sb_printf(&pop, "#pragma pop_macro(\"%s\")\n", word);
                }
            } else {
                p++;
            }
        }
    }
    static const char self[] = ASYNCC_SELF_LINE "\n";
    const size_t mlen = sizeof self - 1;
    const char *p = code, *end = code + len;
    while (c->t->lines && p < end) {
        const char *m = memmem(p, (size_t)(end - p), self, mlen);
        if (!m)
            break;
        if (m > code && m[-1] != '\n') {
            sb_putn(&c->out, p, (size_t)(m + 1 - p));
            p = m + 1;
            continue;
        }
        sb_putn(&c->out, p, (size_t)(m - p));
        sb_printf(&c->out, "#line %u \"%s\"\n", current_line(c) + 1, c->name);
        p = m + mlen;
    }
    sb_putn(&c->out, p, (size_t)(end - p));
    if (len && code[len - 1] != '\n')
        sb_putc(&c->out, '\n');
    if (pop.len)
        sb_putn(&c->out, pop.data, pop.len);
    sb_free(&pop);
}

/* Returns the transpiled file (caller frees), or NULL after reporting errors. */
char *out_compose(tunit *t)
{
    unsigned n = t->nfns + t->nprotos;
    item *items = xcalloc(n, sizeof *items);
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        items[i] = (item){nstart(f->root), nend(f->root), f->line, f->end_line, f, NULL};
    }
    for (unsigned i = 0; i < t->nprotos; i++) {
        node *p = t->protos[i];
        item *it = &items[t->nfns + i];
        *it = (item){nstart(p), nend(p), 0, 0, NULL, p};
        presumed_lines(p, &it->line, &it->end_line);
    }
    qsort(items, n, sizeof *items, item_cmp);

    for (unsigned i = 0; i < n; i++) {
        item *it = &items[i];
        node *root = it->fn ? it->fn->root : it->proto;
        if (!alone_before(t, it->start) || !alone_after(t, it->end) || (i > 0 && items[i - 1].end_line >= it->line))
            dg_error_node(t, root,
                          "asyncc rewrites whole lines: put this %s on lines of its own, apart from other declarations",
                          it->fn ? "function" : "declaration");
    }
    if (t->errors) {
        free(items);
        return NULL;
    }

    /* Each function is lowered where it lands: in file order, which keeps the ABI declarations
     * before their first use. */
    composer c = {t, {0}, 0, 1, c_string_body(t->output), {0}};
    file_macros(t, &c.macros);
    sb_grow(&c.out, t->orig_len * 4);
    sb code = {0}; /* one buffer for every function's code: its memory is reused */
    char *file = c_string_body(t->input);
    const char *p = t->orig, *end = t->orig + t->orig_len;
    unsigned line = 1;
    for (unsigned i = 0; i < n; i++) {
        item *it = &items[i];
        while (p < end && line < it->line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *next = nl ? nl + 1 : end;
            sb_putn(&c.out, p, (size_t)(next - p));
            p = next;
            line++;
        }
        if (it->fn) {
            code.len = 0;
            lw_function(t, it->fn, &code);
            put_code(&c, code.data, code.len);
        } else {
            callee *cl = NULL;
            char *name = cx_take(clang_getCursorSpelling(it->proto->cur));
            for (unsigned k = 0; k < t->ncallees && !cl; k++)
                if (strcmp(t->callees[k]->name, name) == 0)
                    cl = t->callees[k];
            free(name);
            if (cl && !cl->forward_declared) {
                char *d = lw_abi_decls(t, cl);
                sb_puts(&c.out, d);
                free(d);
            }
        }
        if (!sb_at_line_start(&c.out))
            sb_putc(&c.out, '\n');
        while (p < end && line <= it->end_line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
            line++;
        }
        if (t->lines)
            sb_printf(&c.out, "#line %u \"%s\"\n", line, file);
    }
    sb_putn(&c.out, p, (size_t)(end - p));
    free(items);
    free(file);
    free(c.name);
    sb_free(&code);
    if (t->errors) {
        sb_free(&c.out);
        return NULL;
    }
    return sb_take(&c.out);
}
