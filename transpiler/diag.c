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

/* The user's line of each line of the preprocessed text, from its line markers: what
 * clang_getPresumedLocation answers, without a libclang call per offset. */
static void build_line_map(tunit *t)
{
    const char *s = t->text, *end = t->text + t->text_len;
    unsigned cap = 1024, line = 1, here = 0, in_comment = 0;
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
        t->line_start[t->nlines] = (unsigned)(p - s);
        t->line_number[t->nlines] = line;
        t->line_here[t->nlines++] = (unsigned char)here;
        unsigned marked;
        char *file = in_comment ? NULL : marker_file(p, eol, &marked);
        if (file) {
            line = marked;
            here = strcmp(file, t->input) == 0;
            free(file);
        } else {
            line++;
            /* a marker inside a comment is not one */
            for (const char *q = p; q + 1 < eol; q++)
                if (!in_comment && q[0] == '/' && q[1] == '/')
                    break;
                else if (!in_comment && q[0] == '/' && q[1] == '*')
                    in_comment = 1, q++;
                else if (in_comment && q[0] == '*' && q[1] == '/')
                    in_comment = 0, q++;
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

/* The preprocessor keeps the first token of each line at its column but our own macros make the
 * rest of a line longer: `await(` becomes `(__asyncc_await, (` and its `)` becomes `))`, `async`
 * becomes an attribute. Undoing them gives the column the user wrote. */
static unsigned original_column(const tunit *t, unsigned offset, unsigned col)
{
    static const struct {
        const char *expansion, *written;
        int closes; /* the macro adds text after its argument's closing parenthesis */
    } macros[] = {
        {"(__asyncc_await, (", "await(", 1},
        {"__attribute__((annotate(\"asyncc_async\")))", "async", 0},
        {"(__asyncc_join, ", "ac_join(", 0},
        {"(__asyncc_try_join, ", "ac_try_join(", 0},
        {"(__asyncc_select, ", "ac_select(", 0},
        {"(__asyncc_timeout, (", "ac_timeout(", 0},
        {"(__asyncc_spawn, (", "ac_spawn(", 0},
        {"(__asyncc_spawn_local, (", "ac_spawn_local(", 0},
        {"(__asyncc_block_on, (", "ac_block_on(", 0},
    };
    unsigned start = offset, shrink = 0;
    while (start > 0 && t->text[start - 1] != '\n')
        start--;
    int pending[64], npending = 0, depth = 0;
    for (unsigned i = start; i < offset; i++) {
        int matched = 0;
        for (size_t m = 0; m < sizeof macros / sizeof macros[0] && !matched; m++) {
            size_t len = strlen(macros[m].expansion);
            if (i + len <= offset && memcmp(t->text + i, macros[m].expansion, len) == 0) {
                shrink += (unsigned)(len - strlen(macros[m].written));
                if (macros[m].closes && npending < 64)
                    pending[npending++] = depth;
                depth += macros[m].closes ? 1 : 0;
                i += (unsigned)len - 1;
                matched = 1;
            }
        }
        if (matched)
            continue;
        if (t->text[i] == '(')
            depth++;
        else if (t->text[i] == ')') {
            depth--;
            if (npending && depth == pending[npending - 1] + 1 && i + 1 < offset && t->text[i + 1] == ')') {
                shrink++;
                npending--;
                depth--;
                i++;
            }
        }
    }
    return col > shrink ? col - shrink : 1;
}

static void vreport(tunit *t, CXSourceLocation loc, const char *fmt, va_list ap)
{
    char *file;
    unsigned line, col, offset;
    dg_presumed(loc, &file, &line, &col);
    CXFile f;
    clang_getSpellingLocation(loc, &f, NULL, NULL, &offset);
    if (t->text && offset < t->text_len)
        col = original_column(t, offset, col);
    fprintf(out(), "%s:%u:%u: error: ", file, line, col);
    vfprintf(out(), fmt, ap);
    fputc('\n', out());
    show_line(file, line, col);
    free(file);
    t->errors++;
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
            dg_presumed(clang_getDiagnosticLocation(d), &file, &line, &col);
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
