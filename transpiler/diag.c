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
            fprintf(stderr, "%s\n", buf);
            for (unsigned i = 1; i < col && buf[i - 1]; i++)
                fputc(buf[i - 1] == '\t' ? '\t' : ' ', stderr);
            fputs("^\n", stderr);
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
    fprintf(stderr, "%s:%u:%u: error: ", file, line, col);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
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
            fprintf(stderr, "%s:%u:%u: error: %s\n", file, line, col, msg);
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
