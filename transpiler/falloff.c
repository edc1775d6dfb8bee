/* falloff.c: -Wreturn-type's "control reaches the end of a non-void function" for async
 * functions, which the rewriting loses (their code runs inside the poll), from clang's analysis. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

/*
 * The compiler of the output never sees an async function's body end: the code that falls off
 * it completes the future. Every other -Wreturn-type case survives the rewriting (a `return;`
 * in a non-void function, a value returned from a void one: the output's returns keep them), so
 * asyncc gives this one itself, from clang's diagnostics of the source (parsed with
 * -Wreturn-type on, main.c), only inside async definitions, and as the flags ask: gcc enables it
 * with -Wall or -Wreturn-type, clang by default; -Wno-return-type and -w silence it; -Werror
 * and -Werror=return-type make it an error. (-Werror, -Wno-error and -w are lint.c's to note.)
 */

static struct {
    int wall, on, as_error; /* on, as_error: -1 until a flag says */
} opt = {0, -1, -1};

void fo_option(const char *a)
{
    if (strcmp(a, "-Wall") == 0)
        opt.wall = 1;
    else if (strcmp(a, "-Wreturn-type") == 0)
        opt.on = 1;
    else if (strcmp(a, "-Wno-return-type") == 0)
        opt.on = 0;
    else if (strcmp(a, "-Werror=return-type") == 0)
        opt.on = opt.as_error = 1;
    else if (strcmp(a, "-Wno-error=return-type") == 0)
        opt.as_error = 0;
}

static int enabled(const char *real_cc)
{
    if (li_silent())
        return 0;
    if (opt.on >= 0)
        return opt.on;
    const char *base = strrchr(real_cc, '/');
    return opt.wall || strstr(base ? base + 1 : real_cc, "clang") != NULL;
}

/* The async definition of t whose extent holds offset `at`, or NULL. */
static const afn *async_at(const tunit *t, unsigned at)
{
    for (unsigned i = 0; i < t->nfns; i++) {
        const afn *f = t->fns[i];
        if (f->self && nstart(f->root) <= at && at < nend(f->root))
            return f;
    }
    return NULL;
}

/* clang's -Wreturn-type of tu, for the functions whose ends lie in [lo, hi): a half of a split
 * parse (parse.c) has the other half's bodies blanked, and says it of each non-void one. */
static void report(tunit *t, CXTranslationUnit tu, CXFile file, int error, unsigned lo, unsigned hi)
{
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        char *option = cx_take(clang_getDiagnosticOption(d, NULL));
        char *msg = cx_take(clang_getDiagnosticSpelling(d));
        CXSourceLocation loc = clang_getDiagnosticLocation(d);
        CXFile in;
        clang_getSpellingLocation(loc, &in, NULL, NULL, NULL);
        if (strcmp(option, "-Wreturn-type") == 0 && strncmp(msg, "non-void function does not return", 33) == 0 &&
            in && clang_File_isEqual(in, file) && an_offset(loc) >= lo && an_offset(loc) < hi && async_at(t, an_offset(loc))) {
            char *where;
            unsigned line, col;
            dg_user_location(t, loc, &where, &line, &col);
            dg_diag_at(t, where, line, col, error ? "error" : "warning",
                       error ? "-Werror,-Wreturn-type" : "-Wreturn-type", "%s", msg);
            free(where);
        }
        free(msg);
        free(option);
        clang_disposeDiagnostic(d);
    }
}

void fo_report(tunit *t, const char *real_cc)
{
    if (!enabled(real_cc))
        return;
    int error = opt.as_error >= 0 ? opt.as_error : li_werror();
    report(t, t->tu, t->ifile, error, 0, t->tu2 ? t->split : ~0u);
    if (t->tu2)
        report(t, t->tu2, t->ifile2, error, t->split, ~0u);
}
