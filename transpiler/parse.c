/* parse.c: parses the preprocessed text with libclang. A large file is parsed as two halves at
 * once, on two threads: each half keeps every declaration but only its own function bodies. */
#include "analyze.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this many bytes of function bodies one parse is as fast: the declarations (headers
 * included) are parsed by both halves, so only the bodies' share of the work is divided. */
#define SPLIT_MIN_BODIES 65536

/* ---------------------------------------------------------------- finding function bodies */

typedef struct body {
    unsigned open, close; /* offsets of its { and } */
} body;

/* What the scan saw at file scope since the last declaration ended: the tokens before a `{`
 * tell a function body from a struct body or an initializer. */
typedef struct event {
    char kind;     /* 'i' identifier, 'g' parenthesized group, 's' string, else the punctuator */
    char name[16]; /* 'i': the identifier (cut short); 'g': the identifier before the group */
} event;

typedef struct decl_scan {
    event *ev;
    unsigned n, cap;
} decl_scan;

/* name: len bytes, cut short to fit (no snprintf: the scan pushes an event per token at file
 * scope, headers included, before the parse can start). */
static void push_event_n(decl_scan *s, char kind, const char *name, size_t len)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->ev = xrealloc(s->ev, sizeof *s->ev * s->cap);
    }
    event *e = &s->ev[s->n++];
    e->kind = kind;
    if (len > sizeof e->name - 1)
        len = sizeof e->name - 1;
    memcpy(e->name, name, len);
    e->name[len] = 0;
}

static void push_event(decl_scan *s, char kind, const char *name)
{
    push_event_n(s, kind, name, strlen(name));
}

static int one_of(const char *name, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(name, words[i]) == 0)
            return 1;
    return 0;
}

static const char *const attribute_words[] = {"__attribute__", "__attribute", "asm", "__asm", "__asm__", NULL};

/* Identifiers whose parenthesized group is not a parameter list. */
static const char *const group_words[] = {"__attribute__", "__attribute", "asm", "__asm", "__asm__", "__typeof__",
                                          "__typeof", "typeof", "_Alignas", "_Static_assert", "sizeof", "_Generic",
                                          "__declspec", "__extension__", "", NULL};

/* Whether the declaration scanned so far ends in a function declarator: its last group,
 * attributes and asm labels aside, is a parameter list after a name (or after another group, as
 * in `int (*f(void))(int)`). An `=` (an initializer, maybe a compound literal) disqualifies it. */
static int is_function_head(const decl_scan *s)
{
    for (unsigned i = 0; i < s->n; i++)
        if (s->ev[i].kind == '=')
            return 0;
    unsigned i = s->n;
    while (i > 0 && s->ev[i - 1].kind == 'g' && one_of(s->ev[i - 1].name, attribute_words))
        i--;
    return i > 0 && s->ev[i - 1].kind == 'g' && !one_of(s->ev[i - 1].name, group_words);
}

/* The bodies of the functions the input file itself defines, in order, but not those with a
 * preprocessor line inside (an #include or #pragma in a body). NULL when the text is not what
 * this scan understands (unbalanced brackets). */
static body *find_bodies(tunit *t, unsigned *nbodies, size_t *bytes)
{
    const tk_stream *ts = &t->toks;
    unsigned depth = 0, nb = 0, open = 0;
    int directive_inside = 0, in_body = 0;
    decl_scan sc = {0};
    body *bodies = NULL;
    *bytes = 0;
    *nbodies = 0;
    for (unsigned k = 0; k < ts->n; k++) {
        const tk_token *tok = &ts->v[k];
        unsigned len = tok->end - tok->start;
        char c = len == 1 ? t->text[tok->start] : 0;
        switch (tok->kind) {
        case TK_COMMENT:
            continue;
        case TK_DIRECTIVE: /* a line marker or a #pragma */
            directive_inside |= depth > 0;
            continue;
        case TK_STRING:
        case TK_CHAR:
            if (depth == 0)
                push_event(&sc, 's', "");
            continue;
        case TK_IDENT:
        case TK_NUMBER:
            if (depth == 0)
                push_event_n(&sc, 'i', t->text + tok->start, len);
            continue;
        case TK_PUNCT:
            break;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth == 0 && c == '{') {
                in_body = is_function_head(&sc);
                open = tok->start;
                directive_inside = 0;
            } else if (depth == 0 && c == '(') {
                const event *prev = sc.n ? &sc.ev[sc.n - 1] : NULL;
                push_event(&sc, 'g', prev && prev->kind == 'i' ? prev->name : prev && prev->kind == 'g' ? ")" : "");
            } else if (depth == 0) {
                push_event(&sc, c, "");
            }
            depth++;
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) { /* unbalanced: better parsed whole */
                free(sc.ev);
                free(bodies);
                return NULL;
            }
            if (--depth == 0 && c == '}') {
                if (in_body) {
                    if (!directive_inside && dg_in_input(t, open)) {
                        if ((nb & (nb - 1)) == 0)
                            bodies = xrealloc(bodies, sizeof *bodies * (nb ? 2 * nb : 1));
                        bodies[nb++] = (body){open, tok->start};
                        *bytes += tok->start - open;
                    }
                    sc.n = 0; /* a definition ends its declaration */
                } else {
                    push_event(&sc, '}', ""); /* `struct s {...} x;` goes on */
                }
                in_body = 0;
            }
            continue;
        }
        if (depth == 0) {
            if (c == ';')
                sc.n = 0;
            else
                push_event(&sc, c ? c : 'p', "");
        }
    }
    free(sc.ev);
    *nbodies = nb;
    return bodies;
}

/* The text libclang parses: the preprocessed text, without its diagnostic pragmas when it has
 * some (parse_text). */
static char *parsed;

/* The text with the insides of bodies [from, to) turned into blanks, newlines kept: offsets and
 * lines stay those of the text, and what is left declares the same things. */
static char *blank_bodies(const tunit *t, const body *b, unsigned from, unsigned to)
{
    char *s = xmalloc(t->text_len + 1);
    memcpy(s, parsed, t->text_len + 1);
    for (unsigned k = from; k < to; k++) /* line by line: each run between newlines at once */
        for (char *p = s + b[k].open + 1, *end = s + b[k].close; p < end;) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            char *stop = nl ? nl : end;
            memset(p, ' ', (size_t)(stop - p));
            p = stop + 1;
        }
    return s;
}

/* ---------------------------------------------------------------- parsing */

/* The text with each `#pragma clang diagnostic` and `#pragma GCC diagnostic` blanked (as
 * _Pragma too, which the preprocessor wrote as a #pragma line), or t->text when there is none.
 * The parse shows no warning but the one whose notes say which initializers are never evaluated
 * (overrides.c, main.c's flags), which a pragma of the user's would silence; nor does an error a
 * pragma makes of a warning stop asyncc: the compiler of the output, which has the pragmas,
 * judges it. */
static char *parse_text(const tunit *t)
{
    char *copy = NULL;
    const tk_stream *ts = &t->toks;
    for (unsigned i = 0; i < ts->n; i++) {
        const tk_token *tok = &ts->v[i];
        if (tok->kind != TK_DIRECTIVE)
            continue;
        const char *d = t->text + tok->start, *end = t->text + tok->end;
        d += 1 + strspn(d + 1, " \t");
        if ((size_t)(end - d) < 6 || memcmp(d, "pragma", 6) != 0)
            continue;
        d += 6 + strspn(d + 6, " \t");
        if (!((size_t)(end - d) > 6 && (memcmp(d, "clang", 5) == 0 || memcmp(d, "GCC", 3) == 0)))
            continue;
        d += strcspn(d, " \t");
        d += strspn(d, " \t");
        if ((size_t)(end - d) < 10 || memcmp(d, "diagnostic", 10) != 0)
            continue;
        if (!copy) {
            copy = xmalloc(t->text_len + 1);
            memcpy(copy, t->text, t->text_len + 1);
        }
        for (unsigned o = tok->start; o < tok->end; o++)
            if (copy[o] != '\n')
                copy[o] = ' ';
    }
    return copy ? copy : t->text;
}

typedef struct job {
    const char *name;
    const char *const *args;
    int nargs;
    char *text;
    unsigned len;
    CXIndex index;
    CXTranslationUnit tu;
    enum CXErrorCode err;
    unsigned prebuild; /* the second half: its functions after this offset get their trees built */
} job;

static int has_errors(CXTranslationUnit tu);

static void *run_job(void *arg)
{
    job *j = arg;
    double start = tm_now();
    struct CXUnsavedFile unsaved = {j->name, j->text, j->len};
    j->index = clang_createIndex(0, 0);
    j->err = clang_parseTranslationUnit2(j->index, j->name, j->args, j->nargs, &unsaved, 1,
                                         CXTranslationUnit_KeepGoing, &j->tu);
    /* The trees of the second half's functions are built on its own thread, which would wait
     * otherwise, while the first thread analyzes its half's functions (an_prebuild). */
    double parsed_at = tm_now();
    tm_note(j->prebuild ? "second half's parse" : "parse", parsed_at - start);
    if (j->prebuild && j->err == CXError_Success && !has_errors(j->tu)) {
        an_prebuild(j->tu, j->prebuild);
        tm_note("second half's trees", tm_now() - parsed_at);
    }
    return NULL;
}

static const char *parse_error(enum CXErrorCode e)
{
    switch (e) {
    case CXError_Failure:
        return "libclang failed";
    case CXError_Crashed:
        return "libclang crashed";
    case CXError_InvalidArguments:
        return "invalid arguments";
    case CXError_ASTReadError:
        return "cannot read the syntax tree";
    default:
        return "unknown error";
    }
}

static int has_errors(CXTranslationUnit tu)
{
    unsigned n = clang_getNumDiagnostics(tu);
    int errors = 0;
    for (unsigned i = 0; i < n && !errors; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        errors = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(d);
    }
    return errors;
}

static void dispose(job *j)
{
    if (j->tu)
        clang_disposeTranslationUnit(j->tu);
    if (j->index)
        clang_disposeIndex(j->index);
    j->tu = NULL;
    j->index = NULL;
}

/* ---------------------------------------------------------------- plain bodies clang refuses */

/* A function defined in the text: its extent, and whether it is async. */
typedef struct fn_def {
    unsigned start, end;
    int async;
} fn_def;

typedef struct top_scan {
    CXFile file;
    fn_def *defs;
    unsigned ndefs;
    names async_names; /* of every async function declared */
} top_scan;

static enum CXChildVisitResult def_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    top_scan *ts = data;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
        return CXChildVisit_Continue;
    int async = an_has_async_attr(c);
    if (async) {
        char *name = cx_take(clang_getCursorSpelling(c));
        names_put(&ts->async_names, name, NULL);
        free(name);
    }
    if (clang_isCursorDefinition(c)) {
        CXSourceRange r = clang_getCursorExtent(c);
        CXFile f;
        unsigned start, end;
        clang_getSpellingLocation(clang_getRangeStart(r), &f, NULL, NULL, &start);
        clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &end);
        if (clang_File_isEqual(f, ts->file)) {
            if ((ts->ndefs & (ts->ndefs + 1)) == 0)
                ts->defs = xrealloc(ts->defs, sizeof *ts->defs * (2 * ts->ndefs + 2));
            ts->defs[ts->ndefs++] = (fn_def){start, end, async};
        }
    }
    return CXChildVisit_Continue;
}

/* The body (an index into b) of a plain function that holds offset off, or -1. */
static int plain_body_at(const top_scan *ts, const body *b, unsigned nb, unsigned off)
{
    for (unsigned k = 0; k < nb; k++) {
        if (off <= b[k].open || off >= b[k].close)
            continue;
        for (unsigned i = 0; i < ts->ndefs; i++)
            if (ts->defs[i].start < b[k].open && b[k].close < ts->defs[i].end)
                return ts->defs[i].async ? -1 : (int)k;
        return -1;
    }
    return -1;
}

/* Whether identifier s is a marker or the name of an async function (ctx: their names). */
static int is_asyncs_word(const void *ctx, const char *s, unsigned len)
{
    int found;
    names_get_n(ctx, s, len, &found);
    return found || an_is_marker_word(NULL, s, len);
}

/* Whether the body names an async function or holds an await or a combinator: then it is
 * asyncc's business, and clang must understand it. */
static int body_is_asyncs(const tunit *t, const top_scan *ts, const body *b)
{
    return an_range_has_ident(t, b->open, b->close, is_asyncs_word, &ts->async_names);
}

/* clang 14 refuses some C that gcc compiles (nested functions, C2x labels before declarations,
 * decimal floats, `return;` in a function returning a value...). When every error clang gives is
 * inside the body of a plain function that has nothing async in it, parses again with those
 * bodies blanked: asyncc writes a plain function as it is in the source, so clang need not
 * understand it, and the compiler that builds the output judges it. Keeps j's parse (and its
 * errors, which are then reported) otherwise. */
static void parse_without_plain_errors(tunit *t, job *j)
{
    unsigned nb;
    size_t bytes;
    body *b = find_bodies(t, &nb, &bytes);
    top_scan ts = {.file = clang_getFile(j->tu, j->name)};
    clang_visitChildren(clang_getTranslationUnitCursor(j->tu), def_visit, &ts);
    char *blanked = xcalloc(nb ? nb : 1, 1);
    int ok = b && ts.file;
    unsigned n = clang_getNumDiagnostics(j->tu);
    for (unsigned i = 0; i < n && ok; i++) {
        CXDiagnostic d = clang_getDiagnostic(j->tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXFile f;
            unsigned off;
            clang_getSpellingLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, &off);
            int k = f && clang_File_isEqual(f, ts.file) ? plain_body_at(&ts, b, nb, off) : -1;
            ok = k >= 0 && !body_is_asyncs(t, &ts, &b[k]);
            if (ok)
                blanked[k] = 1;
        }
        clang_disposeDiagnostic(d);
    }
    if (ok) {
        body *keep = xcalloc(nb, sizeof *keep);
        unsigned nkeep = 0;
        for (unsigned k = 0; k < nb; k++)
            if (blanked[k])
                keep[nkeep++] = b[k];
        job retry = *j;
        retry.text = blank_bodies(t, keep, 0, nkeep);
        retry.index = NULL;
        retry.tu = NULL;
        run_job(&retry);
        free(retry.text);
        if (retry.err == CXError_Success && !has_errors(retry.tu)) {
            dispose(j);
            *j = retry;
        } else {
            dispose(&retry);
        }
        free(keep);
    }
    free(blanked);
    free(ts.defs);
    names_free(&ts.async_names);
    free(b);
}

/* Parses in two halves when the bodies are large enough to be worth it: returns 1 with t->tu,
 * t->tu2 and t->split set, or 0 to parse the whole text as one. A half with an error (the user's,
 * or the scan's mistake) counts for nothing: the whole parse reports the user's errors. */
static job jobs[2];
static pthread_t second_thread;
static int second_pending, second_threaded;

static int parse_whole(tunit *t)
{
    jobs[0].text = parsed;
    run_job(&jobs[0]);
    if (jobs[0].err != CXError_Success) {
        fprintf(stderr, "asyncc: cannot parse %s: %s\n", t->input, parse_error(jobs[0].err));
        return -1;
    }
    if (has_errors(jobs[0].tu))
        parse_without_plain_errors(t, &jobs[0]);
    t->tu = jobs[0].tu;
    t->ifile = clang_getFile(t->tu, jobs[0].name);
    return 0;
}

/* Starts the two halves when the bodies are large enough to be worth it: returns 1 with the
 * first half parsed and the second under way on another thread, or 0 to parse the whole text as
 * one. The first half has the smaller share of bodies (9/20): analysis of its functions runs
 * while the second half is still being parsed and its functions' trees built on its thread. */
static int parse_split(tunit *t)
{
    const char *min = getenv("ASYNCC_SPLIT_MIN"); /* for the tests: split small files too */
    size_t threshold = min && *min ? strtoul(min, NULL, 10) : SPLIT_MIN_BODIES, bytes;
    unsigned nb;
    body *b = find_bodies(t, &nb, &bytes);
    if (!b || nb < 2 || bytes < threshold) {
        free(b);
        return 0;
    }
    unsigned k = 0;
    for (size_t first = 0; k < nb - 1 && first + (b[k].close - b[k].open) / 2 < bytes * 9 / 20; k++)
        first += b[k].close - b[k].open;
    if (k == 0)
        k = 1;
    jobs[1].text = blank_bodies(t, b, 0, k);
    t->split = b[k].open;
    jobs[1].prebuild = t->split;
    second_threaded = pthread_create(&second_thread, NULL, run_job, &jobs[1]) == 0;
    jobs[0].text = blank_bodies(t, b, k, nb); /* while the second half is parsed */
    free(b);
    run_job(&jobs[0]);
    free(jobs[0].text);
    second_pending = 1;
    if (jobs[0].err != CXError_Success || has_errors(jobs[0].tu)) {
        ps_second(t);
        dispose(&jobs[0]);
        dispose(&jobs[1]);
        t->split = 0;
        return 0;
    }
    t->tu = jobs[0].tu;
    t->ifile = clang_getFile(t->tu, jobs[0].name);
    return 1;
}

int ps_parse(tunit *t, const char *name, const char *const *args, int nargs)
{
    parsed = parse_text(t);
    for (int i = 0; i < 2; i++)
        jobs[i] = (job){name, args, nargs, NULL, t->text_len, NULL, NULL, CXError_Success, 0};
    if (parse_split(t))
        return 0;
    return parse_whole(t);
}

int ps_second(tunit *t)
{
    if (!second_pending)
        return 1;
    second_pending = 0;
    if (second_threaded) {
        double start = tm_now();
        pthread_join(second_thread, NULL);
        tm_note("waited for the second half", tm_now() - start);
    } else
        run_job(&jobs[1]);
    free(jobs[1].text);
    jobs[1].text = NULL;
    if (jobs[1].err != CXError_Success || has_errors(jobs[1].tu))
        return 0;
    t->tu2 = jobs[1].tu;
    t->ifile2 = clang_getFile(t->tu2, jobs[1].name);
    return 1;
}

int ps_whole(tunit *t)
{
    ps_second(t);
    dispose(&jobs[0]);
    dispose(&jobs[1]);
    t->split = 0;
    t->tu = t->tu2 = NULL;
    return parse_whole(t);
}

void ps_dispose(tunit *t)
{
    ps_second(t);
    dispose(&jobs[0]);
    dispose(&jobs[1]);
    if (parsed != t->text)
        free(parsed);
    parsed = NULL;
}
