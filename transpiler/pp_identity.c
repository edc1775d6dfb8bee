/* pp_identity.c: an async function's code comes out as clang's preprocessor expanded it, and the
 * compiler of the output is usually gcc; where the two tell themselves apart, that code must not differ. */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A test of the compiler in the user's code (`#ifdef __clang__`, `#if __GNUC__ >= 5`, a macro
 * defined under one) is decided for clang 14 in an async function's code, which is written out
 * expanded, and for the real compiler everywhere else: lz4's xxhash.c made async called a
 * function `XXH_swap32` that gcc never saw (clang's __GNUC__ is 4.2, and gcc from 4.3 gets a
 * macro instead). So when the user's own files (the input and the headers that are not system
 * headers) name such a macro, the input is preprocessed a second time with the real compiler's
 * values of them; an async function with a line that comes out differently there, through such a
 * test or through a macro of the user's defined differently, is refused at that line. Differences
 * that only system headers make (glibc's _FORTIFY_SOURCE wrappers of printf are macros for clang
 * and inline functions for gcc, alike in effect) are left alone.
 */

/* The macros by which a compiler tells itself apart. */
static const char *const identity[] = {"__clang__",     "__clang_major__",    "__clang_minor__",
                                       "__clang_patchlevel__", "__clang_version__", "__llvm__",
                                       "__GNUC__",      "__GNUC_MINOR__",     "__GNUC_PATCHLEVEL__",
                                       "__VERSION__",   NULL};
#define NID 10

typedef struct pi_job {
    pthread_t thread;
    int joined;
    char *text; /* a copy of the raw preprocessed text, */
    unsigned len, nlines;
    char *words;          /* the real compiler's command, cut into */
    const char **cc_argv; /* its words, and the probe's flags */
    const char *clang, *input;
    char *own;        /* asyncc's own headers' directory (real path): not the user's */
    names users;      /* file names of line markers: (void *)1 the user's, (void *)2 not */
    const char *const *flags;
    int nflags;
    char *ours[NID], *theirs[NID]; /* each identity macro's replacement, NULL when undefined */
    int differs;                   /* the second preprocessing ran: h1, h2 and changed are set */
    uint64_t *h1, *h2;             /* per line of the input (1 to nlines), what both made of it */
    names changed;                 /* the user's macros defined differently by the two */
} pi_job;

static int identity_index(const char *s, size_t n)
{
    for (int k = 0; identity[k]; k++)
        if (strlen(identity[k]) == n && memcmp(identity[k], s, n) == 0)
            return k;
    return -1;
}

static uint64_t mix(uint64_t h, const char *p, const char *end)
{
    int space = 0;
    for (; p < end; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            space = 1;
            continue;
        }
        if (space)
            h = (h ^ ' ') * 1099511628211u;
        space = 0;
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    }
    return h;
}

/* A `#define NAME` or `#undef NAME` line: NAME's bytes, else NULL. */
static const char *defined_name(const char *p, const char *eol, size_t *n)
{
    size_t skip = (size_t)(eol - p) > 8 && memcmp(p, "#define ", 8) == 0  ? 8
                  : (size_t)(eol - p) > 7 && memcmp(p, "#undef ", 7) == 0 ? 7
                                                                          : 0;
    if (!skip)
        return NULL;
    const char *q = p + skip;
    while (q < eol && tk_ident_char((unsigned char)*q))
        q++;
    *n = (size_t)(q - p - skip);
    return *n ? p + skip : NULL;
}

/* Whether the file of a line marker (not a system header) is the user's: not clang's own
 * (`<built-in>`, `<command line>`) and not in asyncc's include directory, however it was named. */
static int user_file(pi_job *j, const char *name)
{
    int found;
    void *v = names_get(&j->users, name, &found);
    if (found)
        return v == (void *)1;
    char *real = name[0] == '<' ? NULL : realpath(name, NULL);
    size_t own = j->own ? strlen(j->own) : 0;
    int user = real && !(own && strncmp(real, j->own, own) == 0 && real[own] == '/');
    names_put(&j->users, name, (void *)(uintptr_t)(user ? 1 : 2));
    free(real);
    return user;
}

/* Walks text's lines. With h: each line of the input file (by its line markers) hashed into
 * h[line]. With defs: each macro's definitions and #undefs in the user's files (not system
 * headers or clang's own) hashed under its name. With files: the user's file names. */
static void walk(pi_job *j, const char *text, unsigned len, uint64_t *h, names *defs, names *files)
{
    const char *p = text, *end = text + len;
    char *main = NULL;
    int in_main = 0, user = 0;
    unsigned line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        int flag, system;
        char *name = dg_marker_file(p, eol, &line, &flag, &system);
        if (name) {
            in_main = !main || strcmp(name, main) == 0;
            user = !system && user_file(j, name);
            if (files && user)
                names_put(files, name, NULL);
            if (!main)
                main = name;
            else
                free(name);
            p = eol + 1;
            continue;
        }
        size_t n;
        const char *macro = defined_name(p, eol, &n);
        if (macro && defs && user && identity_index(macro, n) < 0) {
            int found;
            uintptr_t v = (uintptr_t)names_get_n(defs, macro, n, &found);
            char *key = xstrndup(macro, n);
            names_put(defs, key, (void *)(uintptr_t)mix(v ^ 1469598103934665603u, p, eol));
            free(key);
        } else if (!macro && h && in_main && line >= 1 && line <= j->nlines) {
            uint64_t lh = mix(0, p, eol); /* 0 for a blank line: as if it were not there */
            if (lh)
                h[line] = h[line] * 31 + lh;
        }
        line++;
        p = eol + 1;
    }
    free(main);
}

/* Whether one of the user's files names a macro of the compiler's identity (or glibc's
 * __GNUC_PREREQ): only then can the real compiler's identity change the user's code. */
static int user_files_ask(pi_job *j)
{
    names files = {0};
    walk(j, j->text, j->len, NULL, NULL, &files);
    int asks = 0;
    for (unsigned i = 0; i < files.cap && !asks; i++) {
        if (!files.keys[i])
            continue;
        size_t n;
        char *s = sb_read_file(files.keys[i], &n);
        asks = s && (memmem(s, n, "__clang", 7) || memmem(s, n, "__GNUC", 6) || memmem(s, n, "__VERSION__", 11) ||
                     memmem(s, n, "__llvm__", 8));
        free(s);
    }
    names_free(&files);
    return asks;
}

/* The identity macros of `#define` lines in [p, end) (-dM output, or -dD's built-in ones). */
static void identity_values(const char *p, const char *end, char **values)
{
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        size_t n;
        const char *name = defined_name(p, eol, &n);
        int k = name && p[1] == 'd' ? identity_index(name, n) : -1;
        if (k >= 0 && !values[k])
            values[k] = name + n < eol ? xstrndup(name + n + 1, (size_t)(eol - name - n - 1)) : xstrndup("", 0);
        p = eol + 1;
    }
}

static int same_value(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Runs the compiler with -dM -E on an empty file for its identity; 0 when it answered. */
static int probe(pi_job *j)
{
    int pid, fd;
    char *text;
    unsigned len;
    if (pp_spawn(j->cc_argv, 1, &pid, &fd) != 0 || pp_finish(pid, fd, &text, &len) < 0)
        return -1;
    identity_values(text, text + len, j->theirs);
    free(text);
    return 0;
}

static void *compare(void *arg)
{
    pi_job *j = arg;
    /* clang's own values: -dD writes its predefined macros first, before the input's marker */
    const char *input = strstr(j->text, "\n# 1 \"<command line>\"");
    identity_values(j->text, input ? input : j->text + j->len, j->ours);
    if (!user_files_ask(j) || probe(j) < 0)
        return NULL;
    int same = 1;
    for (int k = 0; k < NID; k++)
        same &= same_value(j->ours[k], j->theirs[k]);
    if (same)
        return NULL;
    const char **flags = xcalloc((size_t)j->nflags + 2 * NID, sizeof *flags);
    char *own[2 * NID];
    int n = 0, nown = 0;
    for (int i = 0; i < j->nflags; i++)
        flags[n++] = j->flags[i];
    for (int k = 0; k < NID; k++) {
        flags[n++] = own[nown++] = xasprintf("-U%s", identity[k]);
        if (j->theirs[k])
            flags[n++] = own[nown++] = xasprintf("-D%s=%s", identity[k], j->theirs[k]);
    }
    int pid, fd;
    char *text2 = NULL;
    unsigned len2;
    if (pp_start(j->clang, flags, n, j->input, PP_DEFINES | PP_QUIET, &pid, &fd) == 0 &&
        pp_finish(pid, fd, &text2, &len2) == 0) {
        names defs1 = {0}, defs2 = {0};
        j->h1 = xcalloc(j->nlines + 1, sizeof *j->h1);
        j->h2 = xcalloc(j->nlines + 1, sizeof *j->h2);
        walk(j, j->text, j->len, j->h1, &defs1, NULL);
        walk(j, text2, len2, j->h2, &defs2, NULL);
        for (int pass = 0; pass < 2; pass++) {
            names *a = pass ? &defs2 : &defs1, *b = pass ? &defs1 : &defs2;
            for (unsigned i = 0; i < a->cap; i++) {
                int found;
                if (a->keys[i] && (names_get(b, a->keys[i], &found) != a->values[i] || !found))
                    names_put(&j->changed, a->keys[i], NULL);
            }
        }
        names_free(&defs1);
        names_free(&defs2);
        j->differs = 1;
    }
    free(text2);
    for (int i = 0; i < nown; i++)
        free(own[i]);
    free(flags);
    return NULL;
}

void pi_start(tunit *t, const char *real_cc, const char *own_include, char *raw)
{
    pi_job *j = xcalloc(1, sizeof *j);
    size_t cap = strlen(real_cc) / 2 + 8;
    j->cc_argv = xcalloc(cap, sizeof *j->cc_argv);
    char *words = j->words = xstrndup(real_cc, strlen(real_cc)), *save = NULL;
    unsigned n = 0;
    for (char *w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        j->cc_argv[n++] = w;
    if (!n) {
        free(raw);
        free(words);
        free(j->cc_argv);
        free(j);
        return;
    }
    const char *probe_flags[] = {"-dM", "-E", "-x", "c", "/dev/null", NULL};
    for (unsigned i = 0; i < 6; i++)
        j->cc_argv[n++] = probe_flags[i];
    j->text = raw;
    j->len = (unsigned)strlen(raw);
    j->nlines = dg_orig_nlines(t);
    j->clang = t->clang;
    j->flags = t->pp_flags;
    j->nflags = t->npp_flags;
    j->input = t->input;
    j->own = realpath(own_include, NULL);
    if (pthread_create(&j->thread, NULL, compare, j) != 0) {
        compare(j);
        j->joined = 1;
    }
    t->identity = j;
}

/* Whether line l of the input is a directive; *cond: a conditional one (#if, #ifdef, #elif...). */
static int directive_line(tunit *t, unsigned l, int *cond)
{
    const tk_stream *s = &t->orig_toks;
    unsigned i = tk_at(s, dg_orig_line_start(t, l));
    if (i >= s->n || s->v[i].kind != TK_DIRECTIVE || s->v[i].start >= dg_orig_line_start(t, l + 1))
        return 0;
    const char *p = t->orig + s->v[i].start + 1, *end = t->orig + s->v[i].end;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    *cond = end - p > 2 && (strncmp(p, "if", 2) == 0 || strncmp(p, "elif", 4) == 0);
    return 1;
}

/* Where line l of the input names an identity macro or one of j->changed: its column (from 1),
 * with *name set; 0 when it names none. A directive is one token: its words are looked at. */
static unsigned names_identity(tunit *t, pi_job *j, unsigned l, char *name, size_t cap)
{
    unsigned a = dg_orig_line_start(t, l), b = dg_orig_line_start(t, l + 1);
    const char *s = t->orig;
    for (unsigned i = tk_at(&t->orig_toks, a); i < t->orig_toks.n && t->orig_toks.v[i].start < b; i++) {
        const tk_token *k = &t->orig_toks.v[i];
        if (k->kind != TK_IDENT && k->kind != TK_DIRECTIVE)
            continue;
        for (unsigned c = k->start; c < k->end && c < b; c++) {
            if (!tk_ident_char((unsigned char)s[c]) || (c > k->start && tk_ident_char((unsigned char)s[c - 1])))
                continue;
            unsigned e = c;
            while (e < k->end && tk_ident_char((unsigned char)s[e]))
                e++;
            int found = 0;
            if (identity_index(s + c, e - c) >= 0 || (names_get_n(&j->changed, s + c, e - c, &found), found)) {
                snprintf(name, cap, "%.*s", (int)(e - c), s + c);
                return c - a + 1;
            }
            c = e;
        }
    }
    return 0;
}

/* The first line of [a, b] that makes the two preprocessings differ there: a conditional
 * directive naming the compiler's identity (or a changed macro) whose lines, up to the next
 * directive, differ; or a line that differs and names one. Returns it with *col and *name set,
 * or 0. */
static unsigned first_culprit(tunit *t, pi_job *j, unsigned a, unsigned b, unsigned *col, char *name, size_t cap)
{
    for (unsigned l = a; l <= b; l++) {
        int cond = 0;
        if (directive_line(t, l, &cond)) {
            if (!cond || !(*col = names_identity(t, j, l, name, cap)))
                continue;
            for (unsigned m = l + 1; m <= b && !directive_line(t, m, &cond); m++)
                if (j->h1[m] != j->h2[m])
                    return l;
        } else if (j->h1[l] != j->h2[l] && (*col = names_identity(t, j, l, name, cap))) {
            return l;
        }
    }
    return 0;
}

static const char *compiler(char **v, char *buf, size_t cap)
{
    if (v[0])
        snprintf(buf, cap, "clang %s.%s.%s", v[1] ? v[1] : "?", v[2] ? v[2] : "?", v[3] ? v[3] : "?");
    else if (v[6])
        snprintf(buf, cap, "gcc %s.%s.%s", v[6], v[7] ? v[7] : "?", v[8] ? v[8] : "?");
    else
        snprintf(buf, cap, "the compiler");
    return buf;
}

static void refuse(tunit *t, pi_job *j, const char *file, unsigned l, unsigned col, const char *name)
{
    char ours[64], theirs[64];
    compiler(j->ours, ours, sizeof ours);
    compiler(j->theirs, theirs, sizeof theirs);
    int k = identity_index(name, strlen(name));
    const char *fix = "the output would follow clang's; test the compiler outside async functions (a plain "
                      "function, or a macro or constant at file scope), or compile with ASYNCC_REAL_CC=clang";
    if (k >= 0)
        dg_diag_at(t, file, l, col, "error", NULL,
                   "this async function's code depends on '%s', which asyncc's preprocessor (%s) defines as %s "
                   "and the compiler of the output (%s) as %s: %s",
                   name, ours, j->ours[k] ? j->ours[k] : "nothing", theirs, j->theirs[k] ? j->theirs[k] : "nothing",
                   fix);
    else
        li_warn_at(t, file, l, col, LI_COMPILER,
                   "this async function's code uses '%s', which a test of the compiler defines differently for "
                   "asyncc's preprocessor (%s) than for the compiler of the output (%s): %s",
                   name, ours, theirs, fix);
}

/* t's comparison, finished; NULL when there is none. */
static pi_job *joined(tunit *t)
{
    pi_job *j = t->identity;
    if (j && !j->joined)
        pthread_join(j->thread, NULL);
    if (j)
        j->joined = 1;
    return j;
}

void pi_check(tunit *t)
{
    pi_job *j = joined(t);
    if (!j || !j->differs)
        return;
    const char *file = dg_input_name(t);
    for (unsigned i = 0; i < t->nfns && file; i++) {
        afn *f = t->fns[i];
        unsigned a = f->line, b = f->end_line < j->nlines ? f->end_line : j->nlines, l;
        if (!dg_in_input(t, nstart(f->root)))
            continue;
        for (l = a; l <= b && j->h1[l] == j->h2[l]; l++)
            ;
        if (l > b)
            continue; /* nothing differs */
        char name[128];
        unsigned col = 0;
        if ((l = first_culprit(t, j, a, b, &col, name, sizeof name)))
            refuse(t, j, file, l, col, name);
    }
}

void pi_end(tunit *t)
{
    pi_job *j = joined(t);
    if (!j)
        return;
    for (int k = 0; k < NID; k++) {
        free(j->ours[k]);
        free(j->theirs[k]);
    }
    free(j->words);
    free(j->cc_argv);
    free(j->text);
    free(j->h1);
    free(j->h2);
    names_free(&j->changed);
    names_free(&j->users);
    free(j->own);
    free(j);
    t->identity = NULL;
}
