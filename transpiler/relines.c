/* relines.c: the preprocessed text's lines as the user wrote them: the tokens of a macro
 * invocation that spans lines (a multi-line `await(`) go back to their own lines. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * clang -E writes a macro's whole expansion on the line where its name is, and makes up the
 * line count with blank lines after it: `int r = await(add(x,\n        u < x ? 1 : 2));` became
 * one line and a blank one. Everything after read that second line's tokens at the first
 * line: gcc's and clang's warnings on the output (`u < x`: -Wsign-compare at line 12, not 13).
 * Each line of the input file followed by blank lines gets the line breaks back: its tokens are
 * matched in order to the input's tokens on its line and the lines its blank ones stand for (the
 * longest common subsequence of their spellings; comments and directives aside), a token
 * matched to a later line goes there, at its column, and a blank line goes for each line
 * added. Only blanks move: the line count is kept, and no directive line is touched.
 */

#define MAX_CELLS (1u << 22) /* the matching's table: past it, the line stays as it is */

typedef struct tokref {
    const char *s;
    unsigned len;
    unsigned line; /* the input's line (original tokens) */
    unsigned col;  /* its column, from 0 */
} tokref;

static int same(const tokref *a, const tokref *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* The significant tokens of text [a, b) of stream s (not comments or directives). */
static tokref *significant(const tk_stream *s, unsigned a, unsigned b, unsigned *n)
{
    unsigned i = tk_at(s, a), cap = 16;
    tokref *v = xcalloc(cap, sizeof *v);
    *n = 0;
    for (; i < s->n && s->v[i].start < b; i++) {
        if (s->v[i].kind == TK_COMMENT || s->v[i].kind == TK_DIRECTIVE)
            continue;
        if (*n == cap)
            v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = (tokref){s->text + s->v[i].start, s->v[i].end - s->v[i].start, 0, 0};
    }
    return v;
}

/* Numbers the spellings of the tokens of a then b: ids[k] (a's first, then b's) is the same
 * number for tokens of the same spelling, so that the matching's table compares numbers where it
 * compared strings np * no times (a csmith program's lines: a fifth of asyncc's own work). */
static unsigned *spelling_ids(const tokref *a, unsigned na, const tokref *b, unsigned nb)
{
    unsigned n = na + nb, size = 16, next = 0;
    while (size < 2 * n)
        size *= 2;
    const tokref **slot = xcalloc(size, sizeof *slot);
    unsigned *slot_id = xcalloc(size, sizeof *slot_id), *ids = xcalloc(n ? n : 1, sizeof *ids);
    for (unsigned k = 0; k < n; k++) {
        const tokref *t = k < na ? &a[k] : &b[k - na];
        unsigned h = 2166136261u; /* FNV-1a */
        for (unsigned c = 0; c < t->len; c++)
            h = (h ^ (unsigned char)t->s[c]) * 16777619u;
        for (h &= size - 1; slot[h] && !same(slot[h], t); h = (h + 1) & (size - 1))
            ;
        if (!slot[h])
            slot[h] = t, slot_id[h] = next++;
        ids[k] = slot_id[h];
    }
    free(slot);
    free(slot_id);
    return ids;
}

/* For each token of p, the index in o of the token it matches, or -1. */
static int *match(const tokref *p, unsigned np, const tokref *o, unsigned no)
{
    unsigned w = no + 1;
    unsigned *pid = spelling_ids(p, np, o, no), *oid = pid + np;
    unsigned short *len = xcalloc((size_t)(np + 1) * w, sizeof *len);
    for (unsigned i = np; i-- > 0;)
        for (unsigned j = no; j-- > 0;) {
            unsigned short *c = &len[(size_t)i * w + j];
            if (pid[i] == oid[j])
                *c = (unsigned short)(len[(size_t)(i + 1) * w + j + 1] + 1);
            else {
                unsigned short down = len[(size_t)(i + 1) * w + j], right = len[(size_t)i * w + j + 1];
                *c = down > right ? down : right;
            }
        }
    int *m = xcalloc(np ? np : 1, sizeof *m);
    for (unsigned i = 0, j = 0; i < np;) {
        if (j < no && pid[i] == oid[j] && len[(size_t)i * w + j] == len[(size_t)(i + 1) * w + j + 1] + 1) {
            m[i++] = (int)j++;
        } else if (j < no && len[(size_t)i * w + j + 1] >= len[(size_t)(i + 1) * w + j]) {
            j++;
        } else {
            m[i++] = -1;
        }
    }
    free(len);
    free(pid);
    return m;
}

/* Whether text [a, b) is blanks alone. */
static int blank(const char *a, const char *b)
{
    for (; a < b; a++)
        if (*a != ' ' && *a != '\t' && *a != '\r')
            return 0;
    return 1;
}

/* A line marker `# N "file"...`: sets *main to whether file is the first marker's. */
static int line_marker(const char *p, const char *eol, char **main_name, int *main)
{
    if (eol - p < 5 || p[0] != '#' || p[1] != ' ' || p[2] < '0' || p[2] > '9')
        return 0;
    char *q;
    strtoul(p + 2, &q, 10);
    if (q + 2 > eol || q[0] != ' ' || q[1] != '"')
        return 1;
    const char *name = q + 2, *close = memchr(name, '"', (size_t)(eol - name));
    if (!close)
        return 1;
    if (!*main_name)
        *main_name = xstrndup(name, (size_t)(close - name));
    *main = strlen(*main_name) == (size_t)(close - name) && memcmp(*main_name, name, (size_t)(close - name)) == 0;
    return 1;
}

/* Whether t, a token of a macro's expansion, ends or begins a statement: an expansion made of
 * statements (`#define WARN(m) {if (!quiet) fprintf m; if (code == 0) code = 2;}`) stays on its
 * first line, as clang -E writes it: spread over the invocation's lines, its second `if` stood
 * where -Wmisleading-indentation took it for a statement indented under the first (gzip), a
 * warning clang never gives inside the source's expansions. Expression macros (`await(` over
 * several lines) are what the lines are given back for. */
static int ends_or_starts_statement(const tokref *t)
{
    static const char *const words[] = {";", "{", "}", "if", "else", "for", "while", "do", "switch", "case",
                                        "default", "return", "break", "continue", "goto", NULL};
    for (int i = 0; words[i]; i++)
        if (t->len == strlen(words[i]) && memcmp(t->s, words[i], t->len) == 0)
            return 1;
    return 0;
}

/* Writes text line [p, eol) (the input's line `line`), followed by nblank blank lines, with its
 * tokens back on their lines; returns how many blank lines it used, or -1 to leave it as it is. */
static int reline(tunit *t, const tk_stream *pt, const char *p, const char *eol, unsigned line, unsigned nblank,
                  sb *out)
{
    if (line == 0 || line + nblank > dg_orig_nlines(t))
        return -1;
    unsigned np, no;
    tokref *pv = significant(pt, (unsigned)(p - pt->text), (unsigned)(eol - pt->text), &np);
    tokref *ov = significant(&t->orig_toks, dg_orig_line_start(t, line), dg_orig_line_start(t, line + nblank + 1), &no);
    int used = -1;
    if (np && no && (size_t)np * no <= MAX_CELLS && np < 65535 && no < 65535) {
        for (unsigned j = 0; j < no; j++) { /* lines and columns of the input's tokens */
            unsigned off = (unsigned)(ov[j].s - t->orig), l = line;
            while (l < line + nblank && dg_orig_line_start(t, l + 1) <= off)
                l++;
            ov[j].line = l;
            ov[j].col = off - dg_orig_line_start(t, l);
        }
        int *m = match(pv, np, ov, no);
        unsigned last = line;
        int statements = 0; /* expansion tokens of statements after the first token that moves */
        for (unsigned i = 0; i < np; i++) {
            if (m[i] >= 0 && ov[m[i]].line > last)
                last = ov[m[i]].line;
            statements |= last > line && m[i] < 0 && ends_or_starts_statement(&pv[i]);
        }
        if (last > line && !statements) {
            const char *from = p;
            unsigned at = line;
            for (unsigned i = 0; i < np; i++) {
                if (m[i] < 0 || ov[m[i]].line <= at)
                    continue;
                const char *tok = pv[i].s, *cut = tok;
                while (cut > from && (cut[-1] == ' ' || cut[-1] == '\t'))
                    cut--;
                sb_putn(out, from, (size_t)(cut - from));
                for (; at < ov[m[i]].line; at++)
                    sb_putc(out, '\n');
                for (unsigned c = 0; c < ov[m[i]].col; c++)
                    sb_putc(out, ' ');
                from = tok;
            }
            sb_putn(out, from, (size_t)(eol - from));
            used = (int)(last - line);
        }
        free(m);
    }
    free(pv);
    free(ov);
    return used;
}

void rl_relines(tunit *t)
{
    tk_stream *pt = &t->toks; /* lexed as the text came (pp_finish_lexed) */
    sb out = {0};
    sb_grow(&out, t->text_len + 1);
    char *main_name = NULL;
    int in_main = 0, changed = 0;
    const char *p = t->text, *end = t->text + t->text_len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *next = eol < end ? eol + 1 : end;
        if (line_marker(p, eol, &main_name, &in_main)) {
            sb_putn(&out, p, (size_t)(next - p));
            p = next;
            continue;
        }
        if (*p == '#' || !in_main || blank(p, eol)) {
            sb_putn(&out, p, (size_t)(next - p));
            p = next;
            continue;
        }
        /* The blank lines after it. */
        unsigned nblank = 0;
        const char *q = next;
        while (q < end) {
            const char *e = memchr(q, '\n', (size_t)(end - q));
            if (!e || !blank(q, e))
                break;
            nblank++;
            q = e + 1;
        }
        /* the line on disk (the markers' numbers follow the input's own #line directives) */
        int used = nblank && tk_in_code(pt, (unsigned)(eol - t->text))
                       ? reline(t, pt, p, eol, dg_input_line_at(t, (unsigned)(p - t->text)), nblank, &out) : -1;
        if (used < 0) {
            sb_putn(&out, p, (size_t)(next - p));
            p = next;
            continue;
        }
        changed = 1;
        sb_putc(&out, '\n');
        p = next;
        for (int k = 0; k < used; k++) /* the blank lines the tokens moved to */
            p = memchr(p, '\n', (size_t)(end - p)) + 1;
    }
    free(main_name);
    if (!changed) { /* the line map built here stays true (6.8 M instructions of the large file) */
        sb_free(&out);
        return;
    }
    dg_forget_lines(t); /* built on the old text */
    free(t->text);
    t->text_len = (unsigned)out.len;
    t->text = sb_take(&out);
    tk_free(pt);
    tk_lex(pt, t->text, t->text_len);
}
