/* lower_text.c: the lowering's output text: generated lines with their #line, user text copied
 * between statements, and where a statement ends in the text. */
#include "lower.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static unsigned slot_of(const scratch_table *s, const node *n)
{
    size_t h = (size_t)n;
    h ^= h >> 17;
    h *= 0x9e3779b97f4a7c15ull;
    unsigned i = (unsigned)(h >> 32) & (s->cap - 1);
    while (s->keys[i] && s->keys[i] != n)
        i = (i + 1) & (s->cap - 1);
    return i;
}

scratch *lw_scratch(lw *L, const node *n)
{
    scratch_table *s = &L->scratch;
    if (2 * (s->n + 1) > s->cap) {
        scratch_table grown = {0};
        grown.cap = s->cap ? 2 * s->cap : 64;
        grown.keys = xcalloc(grown.cap, sizeof *grown.keys);
        grown.vals = xcalloc(grown.cap, sizeof *grown.vals);
        for (unsigned i = 0; i < s->cap; i++)
            if (s->keys[i]) {
                unsigned k = slot_of(&grown, s->keys[i]);
                grown.keys[k] = s->keys[i];
                grown.vals[k] = s->vals[i];
            }
        grown.n = s->n;
        free(s->keys);
        free(s->vals);
        *s = grown;
    }
    unsigned i = slot_of(s, n);
    if (!s->keys[i]) {
        s->keys[i] = n;
        s->n++;
    }
    return &s->vals[i];
}

void lw_scratch_free(lw *L)
{
    free(L->scratch.keys);
    free(L->scratch.vals);
    L->scratch = (scratch_table){0};
}

unsigned lw_line_at(lw *L, unsigned off)
{
    return dg_line_key(L->t, off, L->home);
}

/* After text that holds a #line (a line marker of an #include or #line inside the function),
 * the line the compiler gives the next output line is the one that #line and the lines after it
 * say. */
static void follow_line_directives(lw *L, const char *s, size_t n)
{
    const char *end = s + n, *last = NULL;
    if (n < 7 || !memmem(s, n, "#line ", 6)) /* most generated text has none */
        return;
    for (const char *p = s; p < end; p++)
        if ((p == s || p[-1] == '\n') && end - p > 6 && memcmp(p, "#line ", 6) == 0)
            last = p;
    if (!last)
        return;
    unsigned line = 0;
    const char *p = last + 6;
    while (p < end && *p >= '0' && *p <= '9')
        line = line * 10 + (unsigned)(*p++ - '0');
    const char *q = memchr(p, '"', (size_t)(end - p)), *nl = memchr(last, '\n', (size_t)(end - last));
    if (!q || !nl || q > nl)
        return;
    const char *close = q + 1;
    while (close < nl && *close != '"')
        close += *close == '\\' ? 2 : 1;
    char *name = xstrndup(q + 1, (size_t)(close - q - 1));
    const char *named = L->home;
    for (unsigned k = 0; k < L->t->nline_names; k++) {
        char *body = c_string_body(L->t->line_names[k]);
        if (strcmp(body, name) == 0)
            named = L->t->line_names[k];
        free(body);
    }
    free(name);
    unsigned key = dg_key_of(L->t, named, line, L->home);
    for (p = nl + 1; p < end; p++)
        key += *p == '\n';
    L->cur_line = key;
}

/* The column of off in its line, but at most LW_COL_MAX: the output indents code to its
 * column so that diagnostics and -Wmisleading-indentation see the user's layout, but a macro
 * that expands to thousands of statements on one line (tcc's 101_cleanup: 65,536 blocks) made
 * each piece padded to its real column, an output that grew with the square of the line
 * (974 MB for 1,024 of those blocks) and took as long to compute. Beyond LW_COL_MAX columns
 * mean little to a reader, and gcc tracks none beyond 4,096. */
#define LW_COL_MAX 256

unsigned lw_col_at(lw *L, unsigned off)
{
    unsigned col = 1;
    while (off > 0 && L->t->text[off - 1] != '\n' && col < LW_COL_MAX) {
        off--;
        col++;
    }
    return col;
}

static void putn(lw *L, const char *s, size_t n);

void lw_put(lw *L, const char *s)
{
    putn(L, s, strlen(s));
}

/* Appends s, counting its lines; a line of it that starts with `#` may be a #line to follow. */
static void putn(lw *L, const char *s, size_t n)
{
    const char *end = s + n;
    int directive = n && *s == '#';
    for (const char *p = s; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL;) {
        L->cur_line++;
        p++;
        directive |= p < end && *p == '#';
    }
    sb_putn(&L->out, s, n);
    if (directive)
        follow_line_directives(L, s, n);
}

/* The input's text [a, b), its line markers written as #line. */
static void put_text(lw *L, unsigned a, unsigned b)
{
    sb t = {0};
    tk_put_lines(&L->t->toks, &t, a, b);
    putn(L, t.data ? t.data : "", t.len);
    sb_free(&t);
}

static void line_directive(lw *L, unsigned line)
{
    if (!sb_at_line_start(&L->out))
        lw_put(L, "\n");
    if (L->t->lines && L->cur_line != line) {
        const char *other = dg_key_file(L->t, line, NULL);
        char *file = other ? c_string_body(other) : NULL;
        sb_printf(&L->out, "#line %u \"%s\"\n", dg_key_line(line), file ? file : L->file);
        free(file);
        L->cur_line = line;
    }
}

void lw_pad(lw *L, unsigned col)
{
    for (unsigned i = 1; i < col; i++)
        sb_putc(&L->out, ' ');
}

/* Prepares the output for user text starting at off: same line when it is, else a new line
 * carrying off's line number, indented to off's column. */
void lw_sync(lw *L, unsigned off)
{
    unsigned line = lw_line_at(L, off);
    if (!sb_at_line_start(&L->out)) {
        if (!L->t->lines || line == L->cur_line) {
            lw_put(L, " ");
            return;
        }
    }
    line_directive(L, line);
    L->indent = lw_col_at(L, off);
    lw_pad(L, L->indent);
}

/* Whether more code may follow TEXT on its line: not if a comment or a backslash would swallow it
 * (a comment's opening anywhere in it, even in a string, is enough to say no). */
static int open_ended(const char *text, size_t n)
{
    for (const char *s = memchr(text, '/', n); s; s = memchr(s + 1, '/', n - (size_t)(s + 1 - text)))
        if (s + 1 < text + n && (s[1] == '/' || s[1] == '*'))
            return 0;
    return !(n && text[n - 1] == '\\');
}

/* A generated line. With #line on, the code generated for one user line goes on one output line:
 * each line of its own would need its own #line (an await was five lines and five #line). A
 * generated line starts a line of the output and joins only an open one, so whether it can be
 * continued is known from its own text (gen_open). */
static void vgen(lw *L, unsigned line, int end_line, const char *fmt, va_list ap)
{
    static _Thread_local sb piece; /* reused: one piece at a time */
    piece.len = 0;
    sb_vprintf(&piece, fmt, ap);
    const char *text = piece.data ? piece.data : "";
    int join = L->t->lines && L->out.len && L->gen_end == L->out.len && L->gen_line == line && L->gen_open;
    if (join) {
        L->out.len--; /* the newline: cur_line counts it again below */
        L->cur_line--;
        sb_putc(&L->out, ' ');
        text += strspn(text, " ");
    } else if (L->t->lines && L->out.len && L->wrap_end == L->out.len && L->cur_line == line) {
        /* after the brace that wraps the statement in a block, on the statement's line: a line
         * of its own and a #line for the code of that line would only add two lines */
        sb_putc(&L->out, ' ');
        text += strspn(text, " ");
    } else {
        line_directive(L, line);
        lw_pad(L, L->indent ? L->indent : 5);
    }
    /* The text may go on over lines of the user's (a call's arguments on lines of their own):
     * the lines after it are counted, and nothing joins it. */
    size_t len = strlen(text);
    int lines = memchr(text, '\n', len) != NULL;
    putn(L, text, len);
    if (end_line) {
        lw_put(L, "\n");
        L->gen_end = L->out.len;
        L->gen_line = line;
        L->gen_open = !lines && open_ended(text, len); /* a join needed the line open before */
    }
}

void lw_gline(lw *L, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(L, line, 1, fmt, ap);
    va_end(ap);
}

void lw_glabel(lw *L, unsigned line, const char *fmt, ...)
{
    unsigned indent = L->indent, at = indent ? indent : 5;
    va_list ap;
    va_start(ap, fmt);
    L->indent = at > 3 ? at - 2 : 1;
    vgen(L, line, 1, fmt, ap);
    L->indent = indent;
    va_end(ap);
}

void lw_gopen(lw *L, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(L, line, 0, fmt, ap);
    va_end(ap);
}

/* Whether the output's last line (ended or still open) can take more code at its end: it is not
 * a directive, and no comment (which may go on past the line) or backslash ends it. */
int lw_line_continues(lw *L)
{
    const char *d = L->out.data;
    size_t n = L->out.len, end = n && d[n - 1] == '\n' ? n - 1 : n, start = end;
    while (start > 0 && d[start - 1] != '\n')
        start--;
    const char *text = d ? d + start : "";
    size_t len = end - start, lead = 0;
    while (lead < len && (text[lead] == ' ' || text[lead] == '\t'))
        lead++;
    if (lead == len || text[lead] == '#' || text[len - 1] == '\\')
        return 0;
    /* no comment opens or closes on it: one pass over its slashes (lines of made-up code are long) */
    for (const char *s = memchr(text, '/', len); s; s = memchr(s + 1, '/', (size_t)(text + len - s - 1)))
        if ((s > text && s[-1] == '*') || (s + 1 < text + len && (s[1] == '/' || s[1] == '*')))
            return 0;
    return 1;
}

/* The brace that closes a statement wrapped in a block for its await (lower_stmt.c). With #line on
 * it ends the last output line when that line can take more: it is no code, and a line of its
 * own would need a #line to say which line it is (`t = r; }` rather than `#line 7` and `}`). */
void lw_gclose(lw *L, unsigned line)
{
    if (L->t->lines && lw_line_continues(L)) {
        if (sb_at_line_start(&L->out)) { /* the line's newline goes after the brace */
            L->out.len--;
            L->cur_line--;
        }
        lw_put(L, " }\n");
        L->gen_end = L->out.len;
        L->gen_line = L->cur_line - 1;
        L->gen_open = 1;
        return;
    }
    lw_gline(L, line, "}");
}

void lw_copy_gap(lw *L, unsigned from, unsigned to)
{
    lw_copy_gap_lines(L, from, to, 0);
}

/* The comments in a gap without a line break, between two statements on one line (an awaiting
 * statement, a fallthrough comment, `case 1:`): kept at their line right before what follows,
 * where gcc's -Wimplicit-fallthrough looks for them. */
static void copy_inline_comments(lw *L, unsigned from, unsigned to)
{
    const tk_stream *ts = &L->t->toks;
    for (unsigned i = tk_at(ts, from); i < ts->n && ts->v[i].end <= to; i++) {
        if (ts->v[i].kind != TK_COMMENT || ts->v[i].start < from)
            continue;
        if (sb_at_line_start(&L->out)) {
            line_directive(L, lw_line_at(L, ts->v[i].start));
            lw_pad(L, lw_col_at(L, ts->v[i].start));
        } else {
            lw_put(L, " ");
        }
        putn(L, L->t->text + ts->v[i].start, ts->v[i].end - ts->v[i].start);
    }
}

/* The same, leaving out the loop pragmas (gcc's unroll, ivdep; clang's loop): they must be
 * followed by the loop itself, and a rebuilt loop starts with a block. They are only hints. Every
 * other #pragma stays (`pack`, `GCC diagnostic push` before the loop and its pop after it). */
void lw_copy_gap_lines(lw *L, unsigned from, unsigned to, int drop_pragmas)
{
    const tk_stream *ts = &L->t->toks;
    for (unsigned i = tk_at(ts, from); drop_pragmas && i < ts->n && ts->v[i].end <= to; i++)
        if (pg_loop_pragma(ts, i)) {
            lw_copy_gap_lines(L, from, ts->v[i].start, 0);
            from = ts->v[i].end;
        }
    unsigned last = from, first_nl = to;
    for (unsigned i = from; i < to; i++)
        if (L->t->text[i] == '\n') {
            last = i + 1;
            if (first_nl == to)
                first_nl = i;
        }
    if (last == from) {
        copy_inline_comments(L, from, to);
        return;
    }
    if (!sb_at_line_start(&L->out) && L->t->text[from] != '\n')
        lw_put(L, " ");
    else if (sb_at_line_start(&L->out) && tk_skip_blank(&L->t->toks, from, first_nl) > from)
        /* A comment that ended the statement's line, after the statement's generated lines: it
         * gets its own line's #line, so none comes between it and what follows (a case label
         * after a fallthrough comment). */
        line_directive(L, lw_line_at(L, from));
    put_text(L, from, first_nl + 1);
    if (first_nl + 1 < last) {
        line_directive(L, lw_line_at(L, first_nl + 1));
        put_text(L, first_nl + 1, last);
    }
}

/* Where a statement really ends: clang's extent leaves out the `;` of expression statements,
 * return, break, continue, goto and do-while. */
unsigned lw_stmt_end(lw *L, node *s)
{
    switch (s->kind) {
    case CXCursor_CompoundStmt:
    case CXCursor_DeclStmt:
    case CXCursor_NullStmt:
        return nend(s);
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_SwitchStmt:
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        /* These end with a sub-statement, which may be an expression statement. */
        return s->nkids ? lw_stmt_end(L, s->kids[s->nkids - 1]) : nend(s);
    default: {
        const tk_stream *ts = &L->t->toks;
        unsigned i = tk_next(ts, tk_at(ts, nend(s)));
        return tk_is(ts, i, ";") ? ts->v[i].end : nend(s);
    }
    }
}

/* A declaration of local types only (struct, union, enum, typedef): moved to file scope in an
 * async function that suspends, where frame fields may need the types (the condition is
 * tree.c's, which check.c asks too). */
int lw_is_moved_decl(lw *L, const node *n)
{
    return L->f->self && !L->twin && an_types_only(n);
}

unsigned lw_brace_end(lw *L, const node *b)
{
    const tk_stream *ts = &L->t->toks;
    unsigned i = tk_next(ts, tk_at(ts, nstart(b)));
    return i < ts->n ? ts->v[i].end : nstart(b) + 1;
}

unsigned lw_closing_brace(lw *L, const node *b)
{
    const tk_stream *ts = &L->t->toks;
    unsigned i = tk_prev(ts, tk_at(ts, nend(b)));
    return i < ts->n && ts->v[i].end == nend(b) ? ts->v[i].start : nend(b) - 1;
}

unsigned lw_node_line(lw *L, node *n)
{
    return lw_line_at(L, nstart(n));
}

/* Emits user text [a, b) of statement s with its rewrites, starting at a fresh sync point. */
void lw_put_range(lw *L, node *s, unsigned a, unsigned b)
{
    lw_sync(L, a);
    char *t = lw_emit_range(L, s, a, b);
    lw_put(L, t);
    free(t);
}
