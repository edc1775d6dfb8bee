/* diag.c: clang-style diagnostics at the user's own file, line and column.
 * Locations come from the preprocessed text's line markers, so they name the original source. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cx_take(CXString s)
{
    const char *c = clang_getCString(s);
    char *d = xstrdup(c ? c : "");
    clang_disposeString(s);
    return d;
}

void dg_presumed(CXSourceLocation loc, char **file, unsigned *line, unsigned *col)
{
    CXString f;
    unsigned l, c;
    clang_getPresumedLocation(loc, &f, &l, &c);
    if (file)
        *file = cx_take(f);
    else
        clang_disposeString(f);
    if (line)
        *line = l;
    if (col)
        *col = c;
}

/* The file name of a line marker, `# 12 "name" 2`, as clang unescapes it; NULL when the line is
 * not a marker. */
static char *marker_file(const char *p, const char *end, unsigned *line)
{
    if (end - p < 4 || p[0] != '#' || p[1] != ' ' || p[2] < '0' || p[2] > '9')
        return NULL;
    p += 2;
    unsigned n = 0;
    while (p < end && *p >= '0' && *p <= '9')
        n = n * 10 + (unsigned)(*p++ - '0');
    if (end - p < 2 || p[0] != ' ' || p[1] != '"')
        return NULL;
    sb name = {0};
    for (p += 2; p < end && *p != '"'; p++) {
        if (*p != '\\' || p + 1 >= end) {
            sb_putc(&name, *p);
        } else if (p[1] >= '0' && p[1] <= '7') {
            unsigned v = 0;
            for (int k = 0; k < 3 && p + 1 < end && p[1] >= '0' && p[1] <= '7'; k++)
                v = v * 8 + (unsigned)(*++p - '0');
            sb_putc(&name, (char)v);
        } else {
            p++;
            sb_putc(&name, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        }
    }
    *line = n;
    return sb_take(&name);
}

/* The user's line of each line of the preprocessed text, from its line markers (directive
 * tokens, so that a marker-like line inside a comment is none): what clang_getPresumedLocation
 * answers, without a libclang call per offset. */
static void build_line_map(tunit *t)
{
    const char *s = t->text, *end = t->text + t->text_len;
    const tk_stream *ts = &t->toks;
    unsigned cap = 1024, line = 1, here = 0, k = 0;
    t->line_start = xmalloc(sizeof *t->line_start * cap);
    t->line_number = xmalloc(sizeof *t->line_number * cap);
    t->line_here = xmalloc(cap);
    for (const char *p = s; p <= end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (t->nlines == cap) {
            cap *= 2;
            t->line_start = xrealloc(t->line_start, sizeof *t->line_start * cap);
            t->line_number = xrealloc(t->line_number, sizeof *t->line_number * cap);
            t->line_here = xrealloc(t->line_here, cap);
        }
        unsigned off = (unsigned)(p - s);
        t->line_start[t->nlines] = off;
        t->line_number[t->nlines] = line;
        t->line_here[t->nlines++] = (unsigned char)here;
        while (k < ts->n && ts->v[k].start < off)
            k++;
        unsigned marked;
        char *file = k < ts->n && ts->v[k].start == off && ts->v[k].kind == TK_DIRECTIVE ? marker_file(p, eol, &marked) : NULL;
        if (file) {
            line = marked;
            here = strcmp(file, t->input) == 0;
            free(file);
        } else {
            line++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
}

static unsigned line_index(tunit *t, unsigned off)
{
    if (!t->line_start)
        build_line_map(t);
    unsigned lo = 0, hi = t->nlines;
    while (hi - lo > 1) {
        unsigned mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

unsigned dg_line_at(tunit *t, unsigned off)
{
    unsigned i = line_index(t, off); /* builds the map on first use */
    return t->line_number[i];
}

int dg_in_input(tunit *t, unsigned off)
{
    unsigned i = line_index(t, off);
    return t->line_here[i];
}

/* Where diagnostics go: stderr, or memory while they are held (see dg_hold). */
static FILE *held;
static char *held_text;
static size_t held_len;

static FILE *out(void)
{
    return held ? held : stderr;
}

void dg_hold(void)
{
    if (!held)
        held = open_memstream(&held_text, &held_len);
}

void dg_release(int print)
{
    if (!held)
        return;
    fclose(held);
    held = NULL;
    if (print)
        fwrite(held_text, 1, held_len, stderr);
    free(held_text);
    held_text = NULL;
    held_len = 0;
}

/* Prints the source line and a caret under the column, as clang does. */
static void show_line(const char *path, unsigned line, unsigned col)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    char buf[4096];
    unsigned n = 0;
    while (fgets(buf, sizeof buf, fp)) {
        size_t len = strlen(buf);
        if (len && buf[len - 1] == '\n')
            n++;
        else if (!feof(fp))
            continue;
        if (n == line || (n == line - 1 && feof(fp))) {
            if (len && buf[len - 1] == '\n')
                buf[len - 1] = 0;
            fprintf(out(), "%s\n", buf);
            for (unsigned i = 1; i < col && buf[i - 1]; i++)
                fputc(buf[i - 1] == '\t' ? '\t' : ' ', out());
            fputs("^\n", out());
            break;
        }
    }
    fclose(fp);
}

/* asyncc's own macros as the preprocessor writes them out (tokens apart by blanks) and as the
 * user wrote them: `await(` becomes `(__asyncc_await, (`, `async` an attribute. */
static const struct {
    const char *expansion, *written;
} macros[] = {
    {"( __asyncc_await , (", "await ("},
    {"__attribute__ ( ( annotate ( \"asyncc_async\" ) ) )", "async"},
    {"( __asyncc_join ,", "ac_join ("},
    {"( __asyncc_try_join ,", "ac_try_join ("},
    {"( __asyncc_select ,", "ac_select ("},
    {"( __asyncc_timeout , (", "ac_timeout ("},
    {"( __asyncc_spawn , (", "ac_spawn ("},
    {"( __asyncc_spawn_local , (", "ac_spawn_local ("},
    {"( __asyncc_block_on , (", "ac_block_on ("},
};

/* What those macros add after their argument, where the user wrote one `)`. */
static const char *const tails[] = {") , ( ac_task * ) 0 )", ", ( void ) 0 )", ", 0 )", ") )"};

/* Whether the significant tokens of s from index *i spell `seq` (token spellings apart by single
 * blanks); if so *i moves past them. */
static int match_seq(const tk_stream *s, unsigned *i, const char *seq)
{
    unsigned k = *i;
    while (*seq) {
        const char *sp = strchr(seq, ' ');
        size_t n = sp ? (size_t)(sp - seq) : strlen(seq);
        k = tk_next(s, k);
        if (k >= s->n || s->v[k].end - s->v[k].start != n || memcmp(s->text + s->v[k].start, seq, n) != 0)
            return 0;
        k++;
        seq += n + (sp != NULL);
    }
    *i = k;
    return 1;
}

static int same_token(const tk_stream *a, unsigned i, const tk_stream *b, unsigned j)
{
    unsigned n = a->v[i].end - a->v[i].start;
    return n == b->v[j].end - b->v[j].start && memcmp(a->text + a->v[i].start, b->text + b->v[j].start, n) == 0;
}

static void orig_lines(tunit *t)
{
    if (t->orig_line_start)
        return;
    unsigned cap = 1024;
    t->orig_line_start = xmalloc(sizeof *t->orig_line_start * cap);
    t->orig_line_start[t->orig_nlines++] = 0;
    for (size_t i = 0; i < t->orig_len; i++)
        if (t->orig[i] == '\n') {
            if (t->orig_nlines == cap)
                t->orig_line_start = xrealloc(t->orig_line_start, sizeof *t->orig_line_start * (cap *= 2));
            t->orig_line_start[t->orig_nlines++] = (unsigned)i + 1;
        }
}

/* The user's line and column of the token at offset off of the preprocessed text, a line of the
 * input file at presumed line `line`. The preprocessor writes a macro call that spans lines, and
 * lines joined by backslash-newline, as one line, and our own macros make lines longer: the
 * tokens of the preprocessed line are matched one by one against those of the file from that
 * line on, our macros against what they expand from, until off. Returns 0 when they part (a
 * user's macro was expanded there): then only the line is known. */
static int user_position(tunit *t, unsigned off, unsigned line, unsigned *uline, unsigned *ucol)
{
    orig_lines(t);
    if (line == 0 || line > t->orig_nlines)
        return 0;
    const tk_stream *pp = &t->toks, *us = &t->orig_toks;
    unsigned i = tk_next(pp, tk_at(pp, t->line_start[line_index(t, off)]));
    unsigned j = tk_next(us, tk_at(us, t->orig_line_start[line - 1]));
    while (i < pp->n && j < us->n) {
        if (pp->v[i].start >= off) {
            if (pp->v[i].start > off)
                return 0;
            unsigned at = us->v[j].start, k = line - 1;
            while (k + 1 < t->orig_nlines && t->orig_line_start[k + 1] <= at)
                k++;
            *uline = line + (k - (line - 1));
            *ucol = at - t->orig_line_start[k] + 1;
            return 1;
        }
        if (same_token(pp, i, us, j)) {
            i = tk_next(pp, i + 1);
            j = tk_next(us, j + 1);
            continue;
        }
        int moved = 0;
        for (size_t m = 0; m < sizeof macros / sizeof macros[0] && !moved; m++) {
            unsigned i2 = i, j2 = j;
            if (match_seq(pp, &i2, macros[m].expansion) && match_seq(us, &j2, macros[m].written)) {
                i = tk_next(pp, i2);
                j = tk_next(us, j2);
                moved = 1;
            }
        }
        for (size_t m = 0; m < sizeof tails / sizeof tails[0] && !moved; m++) {
            unsigned i2 = i, j2 = j;
            if (match_seq(pp, &i2, tails[m]) && match_seq(us, &j2, ")")) {
                i = tk_next(pp, i2);
                j = tk_next(us, j2);
                moved = 1;
            }
        }
        if (!moved)
            return 0;
    }
    return 0;
}

/* When the tokens part, the column on the preprocessed line less what our macros added before
 * it on that line. */
static unsigned original_column(tunit *t, unsigned offset, unsigned col)
{
    const tk_stream *s = &t->toks;
    unsigned shrink = 0;
    for (unsigned i = tk_at(s, t->line_start[line_index(t, offset)]); i < s->n && s->v[i].start < offset;) {
        int moved = 0;
        for (size_t m = 0; m < sizeof macros / sizeof macros[0] && !moved; m++) {
            unsigned k = i;
            if (match_seq(s, &k, macros[m].expansion) && s->v[k - 1].end <= offset) {
                unsigned len = s->v[k - 1].end - s->v[i].start, written = (unsigned)strlen(macros[m].written) - 1;
                shrink += len > written ? len - written : 0;
                i = k;
                moved = 1;
            }
        }
        if (!moved)
            i++;
    }
    return col > shrink ? col - shrink : 1;
}

/* The user's file, line and column of a location in the preprocessed text. */
static void user_location(tunit *t, CXSourceLocation loc, char **file, unsigned *line, unsigned *col)
{
    unsigned offset;
    dg_presumed(loc, file, line, col);
    clang_getSpellingLocation(loc, NULL, NULL, NULL, &offset);
    if (!t->text || offset >= t->text_len || !dg_in_input(t, offset))
        return;
    if (!user_position(t, offset, *line, line, col))
        *col = original_column(t, offset, *col);
}

/* kind is "error" or "warning"; flag, when not NULL, names the -W flag of a warning as clang
 * does ("-Wx", or "-Werror,-Wx" for a warning made an error). Errors count in t->errors. */
static void vreport_as(tunit *t, CXSourceLocation loc, const char *kind, const char *flag, const char *fmt,
                       va_list ap)
{
    char *file;
    unsigned line, col;
    user_location(t, loc, &file, &line, &col);
    fprintf(out(), "%s:%u:%u: %s: ", file, line, col, kind);
    vfprintf(out(), fmt, ap);
    if (flag)
        fprintf(out(), " [%s]", flag);
    fputc('\n', out());
    show_line(file, line, col);
    free(file);
    t->errors += strcmp(kind, "error") == 0;
}

static void vreport(tunit *t, CXSourceLocation loc, const char *fmt, va_list ap)
{
    vreport_as(t, loc, "error", NULL, fmt, ap);
}

void dg_diag_node(tunit *t, const node *n, const char *kind, const char *flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport_as(t, clang_getCursorLocation(n->cur), kind, flag, fmt, ap);
    va_end(ap);
}

void dg_error(tunit *t, CXSourceLocation loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(t, loc, fmt, ap);
    va_end(ap);
}

void dg_error_node(tunit *t, const node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(t, clang_getCursorLocation(n->cur), fmt, ap);
    va_end(ap);
}

/* Prints clang's own errors about the input (the user's C does not compile) and returns how many
 * there were. Warnings are left to the compiler that builds the output. */
int dg_report_clang(tunit *t)
{
    int errors = 0;
    unsigned n = clang_getNumDiagnostics(t->tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(t->tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            char *file;
            unsigned line, col;
            user_location(t, clang_getDiagnosticLocation(d), &file, &line, &col);
            char *msg = cx_take(clang_getDiagnosticSpelling(d));
            fprintf(out(), "%s:%u:%u: error: %s\n", file, line, col, msg);
            show_line(file, line, col);
            free(file);
            free(msg);
            errors++;
        }
        clang_disposeDiagnostic(d);
    }
    t->errors += errors;
    return errors;
}
