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

/* Replaces each ASYNCC_SELF_LINE with a #line naming the output file at its own line number. */
static char *resolve_self_lines(const tunit *t, char *text)
{
    sb out = {0};
    const char *self = ASYNCC_SELF_LINE "\n";
    size_t mlen = strlen(self);
    unsigned line = 1;
    char *name = c_string_body(t->output);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (len == mlen && memcmp(p, self, mlen) == 0)
            sb_printf(&out, "#line %u \"%s\"\n", line + 1, name);
        else
            sb_putn(&out, p, len);
        p += len;
        line++;
    }
    free(text);
    free(name);
    return sb_take(&out);
}

/* Where the input has #line directives of its own, the preprocessed text's line numbers are
 * not the file's lines, and whole-line replacement would hit the wrong lines. */
static int has_line_directive(const tunit *t, unsigned *where)
{
    const char *p = t->orig, *end = t->orig + t->orig_len;
    unsigned line = 1;
    while (p < end) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '#') {
            q++;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if ((end - q > 4 && memcmp(q, "line", 4) == 0 && (q[4] == ' ' || q[4] == '\t')) ||
                (q < end && *q >= '0' && *q <= '9')) {
                *where = line;
                return 1;
            }
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
        line++;
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
    const char *p = t->orig, *end = t->orig + t->orig_len;
    while (p < end) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '#') {
            q++;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (end - q > 6 && memcmp(q, "define", 6) == 0 && (q[6] == ' ' || q[6] == '\t')) {
                q += 6;
                while (q < end && (*q == ' ' || *q == '\t'))
                    q++;
                const char *n = q;
                while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
                    q++;
                if (q > n) {
                    char *name = xstrndup(n, (size_t)(q - n));
                    names_put(out, name, NULL);
                    free(name);
                }
            }
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
}

/* code between #pragma push_macro/#undef and #pragma pop_macro of each file macro it mentions. */
static char *shield_from_macros(const names *macros, const char *code)
{
    if (!macros->count)
        return xstrdup(code);
    names seen = {0};
    sb push = {0}, pop = {0};
    for (const char *p = code; *p;) {
        if (isalpha((unsigned char)*p) || *p == '_') {
            const char *s = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            char *word = xstrndup(s, (size_t)(p - s));
            int is_macro, done;
            names_get(macros, word, &is_macro);
            names_get(&seen, word, &done);
            if (is_macro && !done) {
                names_put(&seen, word, NULL);
                sb_printf(&push, "#pragma push_macro(\"%s\")\n#undef %s\n", word, word);
                sb_printf(&pop, "#pragma pop_macro(\"%s\")\n", word);
            }
            free(word);
        } else {
            p++;
        }
    }
    char *r = xasprintf("%s%s%s%s", push.data ? push.data : "", code, *code && code[strlen(code) - 1] != '\n' ? "\n" : "",
                        pop.data ? pop.data : "");
    sb_free(&push);
    sb_free(&pop);
    return r;
}

/* Returns the transpiled file (caller frees), or NULL after reporting errors. */
char *out_compose(tunit *t)
{
    unsigned n = t->nfns + t->nprotos;
    item *items = xcalloc(n, sizeof *items);
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        items[i] = (item){f->root->start, f->root->end, f->line, f->end_line, f, NULL};
    }
    for (unsigned i = 0; i < t->nprotos; i++) {
        node *p = t->protos[i];
        item *it = &items[t->nfns + i];
        *it = (item){p->start, p->end, 0, 0, NULL, p};
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

    /* Lowering in file order keeps the ABI declarations before their first use. */
    for (unsigned i = 0; i < n; i++) {
        if (items[i].fn)
            lw_function(t, items[i].fn);
        else {
            callee *c = NULL;
            char *name = cx_take(clang_getCursorSpelling(items[i].proto->cur));
            for (unsigned k = 0; k < t->ncallees && !c; k++)
                if (strcmp(t->callees[k]->name, name) == 0)
                    c = t->callees[k];
            free(name);
            items[i].proto->repl = c && !c->forward_declared ? lw_abi_decls(t, c) : xstrdup("");
        }
    }
    if (t->errors) {
        free(items);
        return NULL;
    }

    names macros = {0};
    file_macros(t, &macros);
    sb out = {0};
    char *file = c_string_body(t->input);
    const char *p = t->orig, *end = t->orig + t->orig_len;
    unsigned line = 1;
    for (unsigned i = 0; i < n; i++) {
        item *it = &items[i];
        while (p < end && line < it->line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *next = nl ? nl + 1 : end;
            sb_putn(&out, p, (size_t)(next - p));
            p = next;
            line++;
        }
        if (it->fn) {
            char *code = shield_from_macros(&macros, it->fn->code);
            sb_puts(&out, code);
            free(code);
        } else {
            sb_puts(&out, it->proto->repl);
        }
        if (!sb_at_line_start(&out))
            sb_putc(&out, '\n');
        while (p < end && line <= it->end_line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
            line++;
        }
        if (t->lines)
            sb_printf(&out, "#line %u \"%s\"\n", line, file);
    }
    sb_putn(&out, p, (size_t)(end - p));
    free(items);
    free(file);
    char *text = sb_take(&out);
    return t->lines ? resolve_self_lines(t, text) : text;
}
