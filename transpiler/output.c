/* output.c: composes the transpiled file: the input as written, with each async function and
 * prototype replaced by its generated code, and #line directives so that lines stay the user's. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct item {
    unsigned start, end; /* offsets in the preprocessed text */
    unsigned line, end_line;
    afn *fn;    /* a rewritten function (t->fns[index]), or */
    node *proto; /* an async prototype */
    unsigned index;
} item;

static int item_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The change of bracket depth over the tokens of s in [from, to). */
static int depth_change(const tk_stream *s, unsigned from, unsigned to)
{
    int depth = 0;
    for (unsigned i = tk_next(s, tk_at(s, from)); i < s->n && s->v[i].start < to; i = tk_next(s, i + 1)) {
        unsigned len = s->v[i].end - s->v[i].start;
        char c = s->text[s->v[i].start];
        if (len == 1 && (c == '(' || c == '[' || c == '{'))
            depth++;
        else if (len == 1 && (c == ')' || c == ']' || c == '}'))
            depth--;
    }
    return depth;
}

/* The offset of the end of the line holding off (its newline, or the text's end). */
static unsigned line_end(const char *text, size_t len, unsigned off)
{
    const char *nl = memchr(text + off, '\n', len - off);
    return nl ? (unsigned)(nl - text) : (unsigned)len;
}

/* The input line on disk where an item ends. clang -E writes a macro invocation that spans lines
 * on its first line, and what follows it on its last line right after it (`int f OF((int a,` and
 * `int b));` give one line `int f (int a, int b);`), then blank lines for the lines it took: the
 * input line of the item's preprocessed end was an earlier one than its last on disk, and the
 * rest stayed in the output beside its code (zlib's prototypes). The preprocessed line stands for
 * the disk lines up to the one where their brackets are as deep as at its own end. */
static unsigned end_line_on_disk(tunit *t, unsigned end, unsigned line)
{
    const char *pre = t->text;
    unsigned from = end - 1;
    while (from > 0 && pre[from - 1] != '\n')
        from--;
    unsigned to = line_end(pre, t->text_len, end - 1);
    int want = depth_change(&t->toks, from, to);
    unsigned at = dg_orig_line_start(t, line), found = line;
    if (at >= t->orig_len)
        return line;
    int depth = 0;
    for (;;) {
        unsigned eol = line_end(t->orig, t->orig_len, at);
        depth += depth_change(&t->orig_toks, at, eol);
        if (depth <= want || eol >= t->orig_len || found - line > 1000)
            break;
        at = eol + 1;
        found++;
    }
    if (depth != want)
        return line;
    /* and the preprocessed lines standing for the ones after it are blank */
    for (unsigned l = line; l < found; l++) {
        if (to >= t->text_len)
            return line;
        unsigned next = line_end(pre, t->text_len, to + 1);
        for (unsigned o = to + 1; o < next; o++)
            if (pre[o] != ' ' && pre[o] != '\t' && pre[o] != '\r')
                return line;
        to = next;
    }
    return found;
}

/* An item's lines in the input file as it is on disk, which the output replaces (not the lines
 * the input's own #line directives give it). The generated code of a function has one file name
 * for its lines: check.c rejected a function whose code says a file name of another #line. */
static void input_lines(tunit *t, item *it, node *n)
{
    it->line = dg_input_line_at(t, it->start);
    it->end_line = dg_input_line_at(t, it->end > it->start ? it->end - 1 : it->end);
    if (it->end > it->start && it->end_line)
        it->end_line = end_line_on_disk(t, it->end, it->end_line);
    if (it->fn && dg_file_at(t, it->start) != dg_file_at(t, it->end > it->start ? it->end - 1 : it->end))
        dg_unchecked(t, n, "a #line naming another file inside a function");
}

/* The name of directive token i of the input file (`define` for `#  define X`, or `%:define X`),
 * and its length. */
static const char *directive_name(const tk_stream *s, unsigned i, unsigned *len)
{
    const char *p = s->text + s->v[i].start, *end = s->text + s->v[i].end;
    p += *p == '%' ? 2 : 1; /* the digraph %: is # */
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const char *q = p;
    while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
        q++;
    *len = (unsigned)(q - p);
    return p;
}

/* The name a #define or #undef (directive_name `name` of length len) acts on, and its length. */
static const char *directive_macro(const tk_stream *s, unsigned i, const char *name, unsigned len, unsigned *n)
{
    const char *p = name + len, *end = s->text + s->v[i].end;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const char *q = p;
    while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
        q++;
    *n = (unsigned)(q - p);
    return p;
}

/* The names the input file #defines: generated code is already macro-expanded, and must not be
 * expanded again where it lands (a self-referential macro would apply twice). */
static void file_macros(const tunit *t, names *out)
{
    const tk_stream *s = &t->orig_toks;
    for (unsigned i = 0; i < s->n; i++) {
        unsigned len;
        const char *name = s->v[i].kind == TK_DIRECTIVE ? directive_name(s, i, &len) : NULL;
        if (!name || len != 6 || memcmp(name, "define", 6) != 0)
            continue;
        unsigned len_m;
        const char *n = directive_macro(s, i, name, len, &len_m);
        if (len_m) {
            char *m = xstrndup(n, len_m);
            names_put(out, m, (void *)(uintptr_t)(i + 1)); /* its #define: 1 + the token's index */
            free(m);
        }
    }
}

/* The output being composed, with its lines counted as far as `counted`. */
typedef struct composer {
    const tunit *t;
    sb *code;      /* each function's code (lw_all_code) */
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
/* Whether code may name one of the file's macros: one of their names is in it as a substring.
 * With many macros one lexing of the code is cheaper than a search for each. */
static int may_name_macro(const composer *c, const char *code, size_t len)
{
    if (!c->macros.count || c->macros.count > 16)
        return c->macros.count > 0;
    for (unsigned k = 0; k < c->macros.cap; k++)
        if (c->macros.keys[k] && memmem(code, len, c->macros.keys[k], strlen(c->macros.keys[k])))
            return 1;
    return 0;
}

/* The first ASYNCC_SELF_LINE (self, mlen bytes) in [p, end): found by its `#`, which only
 * directives have in generated code, and is rarer than any pair of letters memmem looks for. */
static const char *find_self_line(const char *p, const char *end, const char *self, size_t mlen)
{
    while ((p = memchr(p, '#', (size_t)(end - p))) != NULL) {
        if ((size_t)(end - p) >= mlen && memcmp(p, self, mlen) == 0)
            return p;
        p++;
    }
    return NULL;
}

static void put_code(composer *c, const char *code, size_t len)
{
    sb pop = {0};
    if (may_name_macro(c, code, len)) {
        names seen = {0};
        char word[256];
        tk_stream ts;
        tk_lex(&ts, code, (unsigned)len);
        for (unsigned i = 0; i < ts.n; i++) {
            size_t n = ts.v[i].end - ts.v[i].start;
            if (ts.v[i].kind != TK_IDENT || n >= sizeof word)
                continue; /* longer than any name the scan of #defines keeps apart */
            memcpy(word, code + ts.v[i].start, n);
            word[n] = 0;
            int is_macro, done;
            names_get(&c->macros, word, &is_macro);
            if (!is_macro)
                continue;
            names_get(&seen, word, &done);
            if (!done) {
                names_put(&seen, word, NULL);
                /* tested first: #undef of a macro not used yet is -Wunused-macros */
                sb_printf(&c->out, "#ifdef %s\n#endif\n#pragma push_macro(\"%s\")\n#undef %s\n", word, word, word);
                sb_printf(&pop, "#pragma pop_macro(\"%s\")\n", word);
            }
        }
        tk_free(&ts);
        names_free(&seen);
    }
    static const char self[] = ASYNCC_SELF_LINE "\n";
    const size_t mlen = sizeof self - 1;
    const char *p = code, *end = code + len;
    while (c->t->lines && p < end) {
        const char *m = find_self_line(p, end, self, mlen);
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

/* `#pragma push_macro(...)` or `pop_macro`: as #define and #undef, they act on the rest of the
 * file (c-testsuite 00206 made async: after the function, the output's `abort` was the body's
 * last definition where the source's pops had restored the first). */
static int macro_stack_pragma(const tk_stream *s, unsigned i, const char *name, unsigned len)
{
    if (len != 6 || memcmp(name, "pragma", 6) != 0)
        return 0;
    unsigned n;
    const char *word = directive_macro(s, i, name, len, &n);
    return (n == 10 && memcmp(word, "push_macro", 10) == 0) || (n == 9 && memcmp(word, "pop_macro", 9) == 0);
}

/* Whether the code after #define i of macro m, up to the next directive or the range's end b,
 * names m: the generated code is expanded, and a definition replaced before the end of the body
 * (by #undef, or a push_macro and #undef) would be -Wunused-macros in the output alone. */
static int named_after(const tk_stream *s, unsigned i, unsigned b, const char *m, unsigned n)
{
    for (unsigned j = i + 1; j < s->n && s->v[j].start < b && s->v[j].kind != TK_DIRECTIVE; j++)
        if (s->v[j].kind == TK_IDENT && s->v[j].end - s->v[j].start == n && memcmp(s->text + s->v[j].start, m, n) == 0)
            return 1;
    return 0;
}

/* The directives of the input's lines [a, b) that the generated code replaces, written out after
 * it, in order: a #define or #undef in a function body acts on the rest of the file (the code of
 * the function itself is already expanded), and every conditional goes along, balanced in the
 * range or not: a definition under #if is made only when it was, and a header that opens under
 * `#if` and whose other branch closes with `#else ... #endif` (sqlite's shell: `main` or `wmain`)
 * leaves the conditionals of the rest of the file as they were. The generated code is written
 * where the range starts, which is text the compiler saw; the branches not taken lose their text
 * only. #include, #pragma and the like are not repeated. Each goes under a #line of its own
 * (input line `line` holds offset a; near is where the range starts in the preprocessed text). */
static void keep_directives(tunit *t, sb *out, unsigned a, unsigned b, unsigned line, unsigned near)
{
    const tk_stream *s = &t->orig_toks;
    static const char *const kept[] = {"if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif", "define", "undef", NULL};
    unsigned at = a, next = 0; /* input line `line` holds offset at; next: the output's next line */
    const char *next_file = NULL;
    for (unsigned i = tk_at(s, a); i < s->n && s->v[i].start < b; i++) {
        unsigned len;
        const char *name = s->v[i].kind == TK_DIRECTIVE ? directive_name(s, i, &len) : NULL;
        int keep = 0;
        for (int k = 0; name && kept[k] && !keep; k++)
            keep = strlen(kept[k]) == len && memcmp(name, kept[k], len) == 0;
        if (!keep && !(name && macro_stack_pragma(s, i, name, len)))
            continue;
        if (t->lines) { /* its warnings (-Wundef, a redefinition) at its own line */
            for (; at < s->v[i].start; at++)
                line += t->orig[at] == '\n';
            const char *file;
            unsigned user = dg_user_line(t, near, line, &file);
            if (user != next || file != next_file) { /* (not for the next line's: #if ... #endif) */
                char *f = c_string_body(file);
                sb_printf(out, "#line %u \"%s\"\n", user, f);
                free(f);
            }
            next = user + 1, next_file = file;
        }
        sb_putn(out, t->orig + s->v[i].start, s->v[i].end - s->v[i].start);
        sb_putc(out, '\n');
        unsigned n;
        const char *m = len == 6 && memcmp(name, "define", 6) == 0 ? directive_macro(s, i, name, len, &n) : NULL;
        if (m && named_after(s, i, b, m, n)) /* used there: tested, as after the body (mark_in) */
            sb_printf(out, "#ifdef %.*s\n#endif\n", (int)n, m);
    }
}

/* Whether the input's [a, b) holds a #define or #undef line. */
static int defines_in(const tunit *t, unsigned a, unsigned b)
{
    const tk_stream *s = &t->orig_toks;
    for (unsigned i = tk_at(s, a); i < s->n && s->v[i].start < b; i++) {
        unsigned len;
        const char *name = s->v[i].kind == TK_DIRECTIVE ? directive_name(s, i, &len) : NULL;
        if (name && ((len == 6 && memcmp(name, "define", 6) == 0) || (len == 5 && memcmp(name, "undef", 5) == 0)))
            return 1;
    }
    return 0;
}

/* The items from i on that are replaced together (they share lines): returns the index after
 * them, with their last line and the end of the last one's text. */
static unsigned group_end(const item *items, unsigned n, unsigned i, unsigned *last_line, unsigned *stop)
{
    unsigned j;
    *last_line = items[i].end_line;
    *stop = items[i].end;
    for (j = i + 1; j < n && items[j].line <= *last_line; j++) {
        *last_line = items[j].end_line > *last_line ? items[j].end_line : *last_line;
        *stop = items[j].end > *stop ? items[j].end : *stop;
    }
    return j;
}

/* How many times __COUNTER__ is expanded in the lines each group of items replaces (indexed by
 * the group's first item), or NULL when the input never names it (in its code or its macros).
 * The input runs through the preprocessor once more with a mark, `__asyncc_counter __COUNTER__`,
 * on a line of its own before and after each group: the difference of the two, less the mark
 * itself, is exact, whatever macros (a header's too) expand there. */
static unsigned *counter_uses(tunit *t, const item *items, unsigned n)
{
    const tk_stream *s = &t->orig_toks;
    int named = 0;
    for (unsigned i = 0; i < s->n && !named; i++)
        named = (s->v[i].kind == TK_IDENT || s->v[i].kind == TK_DIRECTIVE) &&
                memmem(t->orig + s->v[i].start, s->v[i].end - s->v[i].start, "__COUNTER__", 11);
    if (!named || !n || !t->clang)
        return NULL;
    static const char mark[] = "__asyncc_counter __COUNTER__\n";
    sb text = {0};
    const char *p = t->orig, *end = t->orig + t->orig_len;
    unsigned line = 1;
    for (unsigned i = 0, j; i < n; i = j) {
        unsigned last_line, stop;
        j = group_end(items, n, i, &last_line, &stop);
        for (int side = 0; side < 2; side++) {
            unsigned until = side == 0 ? items[i].line : last_line + 1;
            while (p < end && line < until) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *next = nl ? nl + 1 : end;
                sb_putn(&text, p, (size_t)(next - p));
                p = next;
                line++;
            }
            if (!sb_at_line_start(&text))
                sb_putc(&text, '\n');
            sb_puts(&text, mark);
        }
    }
    sb_putn(&text, p, (size_t)(end - p));

    unsigned *uses = NULL;
    char path[] = "/tmp/asyncc-counter-XXXXXX.c";
    int fd = mkstemps(path, 2), pid, out;
    char *dir = xstrdup(t->input), *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    char *iquote = xasprintf("-iquote%s", slash ? (*dir ? dir : "/") : ".");
    const char **flags = xcalloc((size_t)t->npp_flags + 1, sizeof *flags);
    for (int k = 0; k < t->npp_flags; k++)
        flags[k] = t->pp_flags[k];
    flags[t->npp_flags] = iquote;
    char *pre = NULL;
    unsigned len;
    if (fd >= 0 && write(fd, text.data, text.len) == (ssize_t)text.len && close(fd) == 0 &&
        pp_start(t->clang, flags, t->npp_flags + 1, path, 0, &pid, &out) == 0 && pp_finish(pid, out, &pre, &len) == 0) {
        tk_stream ps;
        tk_lex(&ps, pre, len);
        unsigned long values[2] = {0, 0}, k = 0;
        uses = xcalloc(n, sizeof *uses);
        for (unsigned i = 0, g = 0, j; i + 1 < ps.n && g < n;) {
            if (!tk_is(&ps, i, "__asyncc_counter") || ps.v[i + 1].kind != TK_NUMBER) {
                i++;
                continue;
            }
            values[k++] = strtoul(pre + ps.v[i + 1].start, NULL, 10);
            i += 2;
            if (k == 2) {
                unsigned last_line, stop;
                j = group_end(items, n, g, &last_line, &stop);
                uses[g] = values[1] > values[0] ? (unsigned)(values[1] - values[0] - 1) : 0;
                g = j;
                k = 0;
            }
        }
        tk_free(&ps);
    }
    if (fd >= 0)
        unlink(path);
    free(pre);
    free(flags);
    free(iquote);
    free(dir);
    sb_free(&text);
    return uses;
}

/* hv_each's job: function i's own code, in code[i]. */
static void lower_one(tunit *t, unsigned i, void *code)
{
    lw_function_code(t, t->fns[i], &((sb *)code)[i]);
}


/* A new line of the output, with the user's line of offset off of the preprocessed text (when
 * the output keeps the user's lines). */
static void put_line_of(composer *c, unsigned off)
{
    if (!sb_at_line_start(&c->out))
        sb_putc(&c->out, '\n');
    if (!c->t->lines)
        return;
    char *file = c_string_body(dg_file_at((tunit *)c->t, off));
    sb_printf(&c->out, "#line %u \"%s\"\n", dg_line_at((tunit *)c->t, off), file);
    free(file);
}

/* An async prototype that ends its declaration (`async int f(int);`, the last of `async int
 * f(void), g(void);`) as the plain C declaration it is for compilers, at its line: what the
 * source declares stays declared (a later definition's -Wmissing-prototypes, -Wredundant-decls
 * and -Wstrict-prototypes of `f()` judge it as the source's). Not a static or inline one, which
 * nothing would define. Only in the compiled output (with #line). */
static void put_plain_declaration(composer *c, const item *it)
{
    const tunit *t = c->t;
    const tk_stream *s = &t->toks;
    unsigned next = tk_next(s, tk_at(s, it->end));
    CXCursor cur = it->proto->cur;
    if (!t->lines || next >= s->n || !tk_is(s, next, ";") ||
        clang_Cursor_getStorageClass(cur) == CX_SC_Static || clang_Cursor_isFunctionInlined(cur))
        return;
    for (unsigned i = tk_at(s, it->start); i < s->n && s->v[i].start < it->end; i++)
        if (tk_is(s, i, "{"))
            return; /* a type defined with it, which the ABI declarations define */
    unsigned line_start = it->start;
    while (line_start > 0 && t->text[line_start - 1] != '\n')
        line_start--;
    put_line_of(c, it->start);
    for (unsigned k = line_start; k < it->start; k++)
        sb_putc(&c->out, t->text[k] == '\t' ? '\t' : ' ');
    sb b = {0};
    unsigned from = it->start;
    for (unsigned i = tk_next(s, tk_at(s, it->start)); i < s->n && s->v[i].start < it->end; i = tk_next(s, i + 1)) {
        unsigned past = i;
        if (!tk_match_seq(s, &past, TK_ASYNC_EXPANSION))
            continue;
        tk_put_code(s, &b, from, s->v[i].start);
        sb_puts(&b, "async"); /* the plain header's, which is nothing, as for the source */
        from = s->v[past - 1].end;
        i = past - 1;
    }
    tk_put_code(s, &b, from, it->end);
    sb_putn(&c->out, b.data ? b.data : "", b.len);
    sb_puts(&c->out, ";\n");
    sb_free(&b);
}

/* One item's generated code: a function's, or an async prototype's ABI declarations. */
static void put_item(composer *c, const item *it, sb *code)
{
    const tunit *t = c->t;
    if (it->fn) {
        code->len = 0;
        lw_function_decls((tunit *)t, it->fn, code);
        const sb *own = &c->code[it->index];
        sb_putn(code, own->data ? own->data : "", own->len);
        put_code(c, code->data, code->len);
        return;
    }
    callee *cl = NULL;
    char *name = cx_take(clang_getCursorSpelling(it->proto->cur));
    for (unsigned k = 0; k < t->ncallees && !cl; k++)
        if (strcmp(t->callees[k]->name, name) == 0)
            cl = t->callees[k];
    free(name);
    if (cl && !cl->forward_declared) {
        char *d = lw_abi_decls((tunit *)t, cl);
        sb_puts(&c->out, d);
        free(d);
    }
    put_plain_declaration(c, it);
}

/* User text [a, b) of the preprocessed text on a line shared with generated code, at its line.
 * What is only a declaration's `;` (after `async int f(void), g(void)`) is left out. */
static void put_user_text(composer *c, unsigned a, unsigned b)
{
    const tk_stream *s = &c->t->toks;
    int only_semicolons = 1;
    for (unsigned i = tk_next(s, tk_at(s, a)); i < s->n && s->v[i].start < b && only_semicolons; i = tk_next(s, i + 1))
        only_semicolons = tk_is(s, i, ";");
    if (only_semicolons)
        return;
    put_line_of(c, a);
    sb b2 = {0};
    tk_put_code(s, &b2, a, b);
    put_code(c, b2.data ? b2.data : "", b2.len);
    sb_free(&b2);
}

/* The macros of the file that the replaced text [a, b) of the input names, tested with #ifdef
 * after its generated code, which is expanded and names none of them: a macro used only in an
 * async function counts as used (-Wunused-macros: "expanded or tested for existence"). */
static void mark_in(composer *c, const names *mine, names *seen, const char *text, size_t len)
{
    tk_stream ts;
    tk_lex(&ts, text, (unsigned)len);
    char word[256];
    for (unsigned i = 0; i < ts.n; i++) {
        size_t n = ts.v[i].end - ts.v[i].start;
        if (ts.v[i].kind != TK_IDENT || n >= sizeof word)
            continue;
        memcpy(word, text + ts.v[i].start, n);
        word[n] = 0;
        int is_macro, done;
        uintptr_t def = (uintptr_t)names_get(mine, word, &is_macro);
        names_get(seen, word, &done);
        if (!is_macro || done)
            continue;
        names_put(seen, word, NULL);
        sb_printf(&c->out, "#ifdef %s\n#endif\n", word);
        /* and the macros its expansion names (a directive's text: after its name) */
        const tk_token *d = &c->t->orig_toks.v[def - 1];
        const char *body = memmem(c->t->orig + d->start, d->end - d->start, word, n);
        if (body)
            mark_in(c, mine, seen, body + n, (size_t)(c->t->orig + d->end - (body + n)));
    }
    tk_free(&ts);
}

/* And those named by the files an #include inside the replaced code brought in (push.inc, used
 * there alone: cmark's utf8.c defines bufpush for its case_fold_switch.inc): the line markers
 * entering them in the preprocessed text [pa, pb) name them. */
static void mark_macros_used(composer *c, const names *mine, unsigned a, unsigned b, unsigned pa, unsigned pb)
{
    names seen = {0};
    mark_in(c, mine, &seen, c->t->orig + a, b - a);
    const tunit *t = c->t;
    for (unsigned i = tk_at(&t->toks, pa); i < t->toks.n && t->toks.v[i].start < pb; i++) {
        const tk_token *d = &t->toks.v[i];
        unsigned line;
        int flag;
        char *name = d->kind == TK_DIRECTIVE ? dg_marker_file(t->text + d->start, t->text + d->end, &line, &flag, NULL) : NULL;
        size_t len;
        char *text = name && flag == 1 ? sb_read_file(name, &len) : NULL;
        if (text)
            mark_in(c, mine, &seen, text, len);
        free(text);
        free(name);
    }
    names_free(&seen);
}

/* The documentation comments right before a function the output replaces (`/// \param x`, or
 * a block opened by slash-star-star), which out ends with, copied from the input's [from, at):
 * generated declarations come between them and the function, and clang's -Wdocumentation read
 * them as those declarations' (a `\param` of no function). They become plain comments of the
 * same length. */
static void plain_doc_comments(const tunit *t, sb *out, const char *from, const char *at)
{
    const tk_stream *s = &t->orig_toks;
    unsigned a = (unsigned)(from - t->orig), b = (unsigned)(at - t->orig);
    for (unsigned i = tk_at(s, b); i-- > 0 && s->v[i].start >= a;) {
        const tk_token *k = &s->v[i];
        if (k->kind != TK_COMMENT)
            break;
        const char *c = t->orig + k->start;
        size_t len = k->end - k->start;
        int doc = len >= 3 && ((c[1] == '*' && (c[2] == '!' || (c[2] == '*' && (len < 4 || c[3] != '/')))) ||
                               (c[1] == '/' && (c[2] == '!' || (c[2] == '/' && (len < 4 || c[3] != '/')))));
        if (doc)
            out->data[out->len - (b - k->start) + 2] = ' ';
    }
}

/* Returns the transpiled file (caller frees), or NULL after reporting errors. */
char *out_compose(tunit *t)
{
    /* For tests: what asyncc answers from the plan alone (--emit=frames, --emit=dot) must never
     * generate code to find it out (emit/frames_plan.c). */
    if (getenv("ASYNCC_FORBID_LOWERING")) {
        fprintf(stderr, "asyncc: code generation ran, and ASYNCC_FORBID_LOWERING forbids it\n");
        exit(70);
    }
    unsigned n = t->nfns + t->nprotos;
    item *items = xcalloc(n, sizeof *items);
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        items[i] = (item){fa_decl_start(t, nstart(f->root)), nend(f->root), 0, 0, f, NULL, i};
        input_lines(t, &items[i], f->root);
    }
    for (unsigned i = 0; i < t->nprotos; i++) {
        node *p = t->protos[i];
        item *it = &items[t->nfns + i];
        *it = (item){fa_decl_start(t, nstart(p)), nend(p), 0, 0, NULL, p, 0};
        input_lines(t, it, p);
    }
    qsort(items, n, sizeof *items, item_cmp);
    unsigned *counters = counter_uses(t, items, n);

    /* Each function's own code is independent of the others' (two threads may lower it), but its
     * ABI declarations are written where it lands: in file order, which keeps them before their
     * first use. */
    composer c = {t, xcalloc(t->nfns, sizeof(sb)), {0}, 0, 1, c_string_body(t->output), {0}};
    hv_each(t, lower_one, c.code);
    file_macros(t, &c.macros);
    names mine = {0}; /* the file's own, for mark_macros_used */
    if (t->lines)
        file_macros(t, &mine);
    for (unsigned k = 0; k < t->self_macros.cap; k++) /* and the headers' self-referential ones */
        if (t->self_macros.keys[k])
            names_put(&c.macros, t->self_macros.keys[k], NULL);
    sb_grow(&c.out, t->orig_len * 4);
    sb code = {0}; /* one buffer for every function's code: its memory is reused */
    const char *p = t->orig, *end = t->orig + t->orig_len;
    unsigned line = 1;
    if (t->lines && dg_input_name(t)) {
        /* The user's text before the first function is theirs too: its warnings and __FILE__
         * name their file, as in their plain build, not the output. */
        char *file = c_string_body(dg_input_name(t));
        sb_printf(&c.out, "#line 1 \"%s\"\n", file);
        free(file);
    }
    for (unsigned i = 0, j; i < n; i = j) {
        /* Items sharing a line (a macro defining several functions, `async int f(void), g(void);`,
         * a function after a declaration on its line) are replaced together: their lines go, and
         * what else those lines hold comes from the preprocessed text, between the items' code. */
        unsigned last_line, stop;
        j = group_end(items, n, i, &last_line, &stop);
        int shared = j > i + 1 || !tk_alone_before(&t->toks, items[i].start) || !tk_alone_after(&t->toks, stop);
        const char *copied = p;
        while (p < end && line < items[i].line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *next = nl ? nl + 1 : end;
            sb_putn(&c.out, p, (size_t)(next - p));
            p = next;
            line++;
        }
        plain_doc_comments(t, &c.out, copied, p);
        unsigned pos = items[i].start;
        while (shared && pos > 0 && t->text[pos - 1] != '\n')
            pos--;
        for (unsigned k = i; k < j; k++) {
            if (shared && items[k].start > pos)
                put_user_text(&c, pos, items[k].start);
            put_item(&c, &items[k], &code);
            pos = items[k].end > pos ? items[k].end : pos;
        }
        if (shared) {
            const char *nl = memchr(t->text + pos, '\n', t->text_len - pos);
            put_user_text(&c, pos, nl ? (unsigned)(nl - t->text) : t->text_len);
        }
        if (!sb_at_line_start(&c.out))
            sb_putc(&c.out, '\n');
        const char *from = p;
        while (p < end && line <= last_line) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
            line++;
        }
        if (counters && counters[i]) {
            /* The code written here is expanded: its __COUNTER__s are numbers now. The compiler
             * of the output counts on from where the replaced lines left the count. */
            sb_puts(&c.out, "#if ");
            for (unsigned k = 0; k < counters[i]; k++)
                sb_puts(&c.out, "__COUNTER__ * 0 + ");
            sb_puts(&c.out, "0\n#endif\n");
        }
        /* Marked before the replaced lines' directives too when they define or undefine macros: a
         * macro the body names before its #undef there is the definition before the body
         * (`#define K 1` ... `int t = K; #undef K`); after them, one the body defines. */
        unsigned ra = (unsigned)(from - t->orig), rb = (unsigned)(p - t->orig);
        if (mine.count && defines_in(t, ra, rb))
            mark_macros_used(&c, &mine, ra, rb, items[i].start, stop);
        keep_directives(t, &c.out, ra, rb, items[i].line, items[i].start);
        if (mine.count)
            mark_macros_used(&c, &mine, ra, rb, items[i].start, stop);
        if (t->lines) {
            const char *name;
            unsigned user = dg_user_line(t, stop, line, &name);
            char *file = c_string_body(name);
            sb_printf(&c.out, "#line %u \"%s\"\n", user, file);
            free(file);
        }
    }
    sb_putn(&c.out, p, (size_t)(end - p));
    free(items);
    free(counters);
    free(c.name);
    names_free(&c.macros);
    names_free(&mine);
    sb_free(&code);
    for (unsigned i = 0; i < t->nfns; i++)
        sb_free(&c.code[i]);
    free(c.code);
    if (t->errors) {
        sb_free(&c.out);
        return NULL;
    }
    char *text = sb_take(&c.out);
    indent_restore(t, text);
    return text;
}
