/* diag.c: clang-style diagnostics at the user's own file, line and column.
 * Locations come from the preprocessed text's line markers, so they name the original source. */
#include "internal.h"

#include <ctype.h>
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

/* The unescaped body of the string literal at p (after its opening quote), as clang writes a
 * file name in a line marker; *end moves past the closing quote. */
static char *string_body(const char *p, const char *end, const char **after)
{
    sb name = {0};
    for (; p < end && *p != '"'; p++) {
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
    if (after)
        *after = p < end ? p + 1 : end;
    return name.data ? sb_take(&name) : xstrdup("");
}

char *dg_marker_file(const char *p, const char *end, unsigned *line, int *flag, int *system)
{
    if (end - p < 4 || p[0] != '#' || p[1] != ' ' || p[2] < '0' || p[2] > '9')
        return NULL;
    p += 2;
    unsigned n = 0;
    while (p < end && *p >= '0' && *p <= '9')
        n = n * 10 + (unsigned)(*p++ - '0');
    if (end - p < 2 || p[0] != ' ' || p[1] != '"')
        return NULL;
    const char *after;
    char *name = string_body(p + 2, end, &after);
    *flag = 0;
    if (system)
        *system = 0;
    while (after < end && (*after == ' ' || (*after >= '0' && *after <= '9'))) {
        int alone = after + 1 == end || after[1] == ' ';
        if ((*after == '1' || *after == '2') && alone && !*flag)
            *flag = *after - '0';
        if (*after == '3' && alone && system)
            *system = 1;
        after++;
    }
    *line = n;
    return name;
}

/* A #line directive of the input file (or a GNU line marker written in it): its line in the
 * file, the line number it gives the next line (0 when written with a macro), its file name. */
typedef struct line_dir {
    unsigned at, number;
    char *file;
} line_dir;

static line_dir *input_line_directives(const tunit *t, unsigned *n)
{
    const tk_stream *s = &t->orig_toks;
    line_dir *v = NULL;
    unsigned line = 1;
    const char *counted = t->orig;
    *n = 0;
    for (unsigned i = 0; i < s->n; i++) {
        if (s->v[i].kind != TK_DIRECTIVE)
            continue;
        const char *p = t->orig + s->v[i].start + 1, *end = t->orig + s->v[i].end;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (end - p > 4 && memcmp(p, "line", 4) == 0 && (p[4] == ' ' || p[4] == '\t'))
            p += 4;
        else if (p == end || *p < '0' || *p > '9')
            continue;
        for (; counted < t->orig + s->v[i].start; counted++)
            line += *counted == '\n';
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        unsigned number = 0;
        while (p < end && *p >= '0' && *p <= '9')
            number = number * 10 + (unsigned)(*p++ - '0');
        if (p < end && *p != ' ' && *p != '\t' && *p != '\n')
            number = 0; /* a macro: `#line LINE` */
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        v = xrealloc(v, sizeof *v * (*n + 1));
        v[(*n)++] = (line_dir){line, number, p < end && *p == '"' ? string_body(p + 1, end, NULL) : NULL};
    }
    return v;
}

/* The user's line of each line of the preprocessed text, from its line markers (directive
 * tokens, so that a marker-like line inside a comment is none): what clang_getPresumedLocation
 * answers, without a libclang call per offset. Beside it, the line of the input file on disk:
 * a marker without flags in the input file itself is either clang skipping blank lines or the
 * input's own #line; the input's directives tell which (a directive the marker would skip past,
 * giving the line and file the marker says, is the marker). */
/* One pointer per file name (the names live as long as the map), so that dg_file_at's answers
 * compare as pointers. */
static const char *intern_name(tunit *t, char *name)
{
    for (unsigned i = 0; i < t->nline_names; i++)
        if (strcmp(t->line_names[i], name) == 0) {
            free(name);
            return t->line_names[i];
        }
    VEC_PUSH(t->line_names, t->nline_names, name);
    return name;
}

/* Whether the input file's lines [from, to) hold nothing but blanks and comments: a line marker
 * there can only be the #line directive at line `to` (clang writes one marker for blank lines and
 * a directive after them, even when the directive numbers its next line as the one before it). */
static int only_blank_lines(tunit *t, unsigned from, unsigned to)
{
    const tk_stream *s = &t->orig_toks;
    unsigned a = dg_orig_line_start(t, from), b = dg_orig_line_start(t, to);
    for (unsigned i = tk_at(s, a); i < s->n && s->v[i].start < b; i++)
        if (s->v[i].start >= a && s->v[i].kind != TK_COMMENT)
            return 0;
    return 1;
}

static void build_line_map(tunit *t)
{
    const char *s = t->text, *end = t->text + t->text_len;
    const tk_stream *ts = &t->toks;
    unsigned cap = 1024, line = 1, k = 0, depth = 0, input = 1, ndirs, next_dir = 0;
    int delta = 0, started = 0; /* the input line less the user's line, in the input file */
    line_dir *dirs = input_line_directives(t, &ndirs);
    const char *file = intern_name(t, xstrdup(t->input));
    t->line_start = xmalloc(sizeof *t->line_start * cap);
    t->line_number = xmalloc(sizeof *t->line_number * cap);
    t->line_input = xmalloc(sizeof *t->line_input * cap);
    t->line_file = xmalloc(sizeof *t->line_file * cap);
    t->line_here = xmalloc(cap);
    for (const char *p = s; p <= end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (t->nlines == cap) {
            cap *= 2;
            t->line_start = xrealloc(t->line_start, sizeof *t->line_start * cap);
            t->line_number = xrealloc(t->line_number, sizeof *t->line_number * cap);
            t->line_input = xrealloc(t->line_input, sizeof *t->line_input * cap);
            t->line_file = xrealloc(t->line_file, sizeof *t->line_file * cap);
            t->line_here = xrealloc(t->line_here, cap);
        }
        unsigned off = (unsigned)(p - s);
        t->line_start[t->nlines] = off;
        t->line_number[t->nlines] = line;
        t->line_input[t->nlines] = started && depth == 0 ? input : 0;
        t->line_file[t->nlines] = file;
        t->line_here[t->nlines++] = (unsigned char)(started && depth == 0);
        while (k < ts->n && ts->v[k].start < off)
            k++;
        unsigned marked;
        int flag;
        char *name = k < ts->n && ts->v[k].start == off && ts->v[k].kind == TK_DIRECTIVE ? dg_marker_file(p, eol, &marked, &flag, NULL) : NULL;
        if (name) {
            if (!started) {
                started = 1; /* the first marker names the input */
                input = marked;
            } else if (flag == 1) {
                depth++;
            } else if (flag == 2 && depth) {
                if (--depth == 0)
                    input = (unsigned)((int)marked + delta);
            } else if (depth == 0) {
                /* Directives before this point were under an #if that was false; clang may
                 * skip such lines and apply a #line after them with one marker. */
                long skip = (long)marked + delta;
                unsigned d = next_dir;
                while (d < ndirs && (dirs[d].at < input || (dirs[d].number && dirs[d].number != marked) ||
                                     (dirs[d].file && strcmp(dirs[d].file, name) != 0)))
                    d++;
                /* a marker that does not move forward is no skip */
                if (d < ndirs && (dirs[d].at < skip || skip <= (long)input || only_blank_lines(t, input, dirs[d].at))) {
                    input = dirs[d].at + 1;
                    delta = (int)input - (int)marked;
                    next_dir = d + 1;
                } else {
                    input = (unsigned)skip;
                }
            }
            line = marked;
            file = intern_name(t, name);
        } else {
            line++;
            if (started && depth == 0)
                input++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    for (unsigned i = 0; i < ndirs; i++)
        free(dirs[i].file);
    free(dirs);
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

void dg_forget_lines(tunit *t)
{
    free(t->line_start);
    free(t->line_number);
    free(t->line_input);
    free(t->line_file);
    free(t->line_here);
    for (unsigned i = 0; i < t->nline_names; i++)
        free((char *)t->line_names[i]);
    free(t->line_names);
    t->line_start = t->line_number = t->line_input = NULL;
    t->line_file = t->line_names = NULL;
    t->line_here = NULL;
    t->nlines = t->nline_names = 0;
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

const char *dg_file_at(tunit *t, unsigned off)
{
    unsigned i = line_index(t, off);
    return t->line_file[i];
}

#define KEY_FILE_SHIFT 24

unsigned dg_key_of(const tunit *t, const char *file, unsigned line, const char *home)
{
    unsigned k = 0;
    while (file != home && k < t->nline_names && t->line_names[k] != file)
        k++;
    unsigned n = file == home || k == t->nline_names ? 0 : k + 1;
    return n << KEY_FILE_SHIFT | (line & ((1u << KEY_FILE_SHIFT) - 1));
}

unsigned dg_line_key(tunit *t, unsigned off, const char *home)
{
    unsigned i = line_index(t, off);
    return dg_key_of(t, t->line_file[i], t->line_number[i], home);
}

unsigned dg_key_line(unsigned key)
{
    return key & ((1u << KEY_FILE_SHIFT) - 1);
}

const char *dg_key_file(const tunit *t, unsigned key, const char *home)
{
    unsigned file = key >> KEY_FILE_SHIFT;
    return file && file <= t->nline_names ? t->line_names[file - 1] : home;
}

unsigned dg_input_line_at(tunit *t, unsigned off)
{
    unsigned i = line_index(t, off); /* builds the map first: t->line_input is read after */
    return t->line_input[i];
}

const char *dg_input_name(tunit *t)
{
    line_index(t, 0); /* builds the map */
    for (unsigned i = 0; i < t->nlines; i++)
        if (t->line_here[i])
            return t->line_file[i];
    return NULL;
}

unsigned dg_user_line(tunit *t, unsigned off, unsigned input_line, const char **file)
{
    unsigned i = line_index(t, off);
    *file = t->line_file[i];
    return t->line_number[i] + (input_line - t->line_input[i]);
}

/* Where diagnostics go: stderr, or memory while they are held (see dg_hold). Each thread holds
 * its own: the passes on two threads (halves.c) hold what each function reports, printed in
 * the functions' order. */
static _Thread_local FILE *held;
static _Thread_local char *held_text;
static _Thread_local size_t held_len;
static _Thread_local int holding; /* the stream opens at the first diagnostic: most hold none */

static FILE *out(void)
{
    if (holding && !held)
        held = open_memstream(&held_text, &held_len);
    return held ? held : stderr;
}

void dg_hold(void)
{
    holding = 1;
}

char *dg_take_held(void)
{
    holding = 0;
    if (!held)
        return NULL;
    fclose(held);
    held = NULL;
    char *text = held_text ? held_text : xstrdup("");
    held_text = NULL;
    held_len = 0;
    return text;
}

void dg_release(int print)
{
    holding = 0;
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

/* Line `line` of the file at path, without its newline (NULL when there is none). */
static char *read_line_of(const char *path, unsigned line)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len = -1;
    for (unsigned n = 0; n < line && (len = getline(&buf, &cap, fp)) >= 0; n++)
        ;
    fclose(fp);
    if (len < 0) {
        free(buf);
        return NULL;
    }
    if (len && buf[len - 1] == '\n')
        buf[len - 1] = 0;
    return buf;
}

/* Prints the source line and a caret under the column, as clang does. */
static void show_line(const char *path, unsigned line, unsigned col)
{
    char *buf = read_line_of(path, line);
    if (!buf)
        return;
    fprintf(out(), "%s\n", buf);
    for (unsigned i = 1; i < col && buf[i - 1]; i++)
        fputc(buf[i - 1] == '\t' ? '\t' : ' ', out());
    fputs("^\n", out());
    free(buf);
}

/* asyncc's own macros as the preprocessor writes them out (tokens apart by blanks), as the user
 * wrote them, and what they write where the user wrote `then` (`)`, or the `,` between
 * ac_timeout's arguments) to close the argument: `await(` becomes `(__asyncc_await, (` and its
 * `)` `))`. The expansion opens `opens` parentheses, the tail closes `closes` of them, and may
 * be followed by the tail of the next argument (`next`, an index in this table; an entry
 * without an expansion is such a tail only). */
static const struct {
    const char *expansion, *written, *tail, *then;
    unsigned opens, closes;
    int next;
} macros[] = {
    {"( __asyncc_await , (", "await (", ") )", ")", 2, 2, -1},
    {TK_ASYNC_EXPANSION, "async", NULL, NULL, 0, 0, -1},
    {"( __asyncc_join ,", "ac_join (", ", ( void ) 0 )", ")", 1, 1, -1},
    {"( __asyncc_try_join ,", "ac_try_join (", ", 0 )", ")", 1, 1, -1},
    {"( __asyncc_select ,", "ac_select (", ", 0 )", ")", 1, 1, -1},
    {"( __asyncc_select_fair ,", "ac_select_fair (", ", 0 )", ")", 1, 1, -1},
    {"( __asyncc_spawn , (", "ac_spawn (", ") , ( ac_task * ) 0 )", ")", 2, 2, -1},
    {"( __asyncc_spawn_local , (", "ac_spawn_local (", ") , ( ac_task * ) 0 )", ")", 2, 2, -1},
    {"( __asyncc_block_on , (", "ac_block_on (", ") )", ")", 2, 2, -1},
    {"( __asyncc_timeout , (", "ac_timeout (", ") , (", ",", 2, 0, 10}, /* `(ms), (fut), 0)` */
    {NULL, NULL, ") , 0 )", ")", 0, 2, -1},
};

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

unsigned dg_orig_nlines(tunit *t)
{
    orig_lines(t);
    return t->orig_nlines;
}

unsigned dg_orig_line_start(tunit *t, unsigned line)
{
    orig_lines(t);
    return line >= 1 && line <= t->orig_nlines ? t->orig_line_start[line - 1] : (unsigned)t->orig_len;
}

/* A walk over the preprocessed line that holds offset off, undoing asyncc's macros: with us set,
 * in step with the input's tokens from line `line` on (they must match one for one, or the walk
 * fails: a user's macro was expanded there); without, counting the bytes the macros added. */
typedef struct walk {
    tunit *t;
    const tk_stream *pp, *us;
    unsigned i, j;         /* the next token of each */
    unsigned depth;        /* parentheses open in the preprocessed text */
    unsigned tails[64][2]; /* pending macro tails: the depth their argument closes at, the macro */
    unsigned ntails;
    unsigned added;        /* bytes the macros added before i (without us) */
} walk;

/* Takes one step; 0 when the two streams part. */
static int step(walk *w)
{
    const tk_stream *pp = w->pp, *us = w->us;
    unsigned i2 = w->i, j2 = w->j;
    if (w->ntails && w->tails[w->ntails - 1][0] == w->depth) {
        unsigned m = w->tails[w->ntails - 1][1];
        if (tk_match_seq(pp, &i2, macros[m].tail) && (!us || tk_match_seq(us, &j2, macros[m].then))) {
            w->added += pp->v[i2 - 1].end - pp->v[w->i].start - 1;
            w->depth -= macros[m].closes;
            if (macros[m].next >= 0)
                w->tails[w->ntails - 1][1] = (unsigned)macros[m].next;
            else
                w->ntails--;
            w->i = tk_next(pp, i2);
            w->j = us ? tk_next(us, j2) : 0;
            return 1;
        }
    }
    for (unsigned m = 0; m < sizeof macros / sizeof macros[0]; m++) {
        i2 = w->i, j2 = w->j;
        if (macros[m].expansion && tk_match_seq(pp, &i2, macros[m].expansion) &&
            (!us || tk_match_seq(us, &j2, macros[m].written))) {
            unsigned len = pp->v[i2 - 1].end - pp->v[w->i].start, written = (unsigned)strlen(macros[m].written) - 1;
            w->added += len > written ? len - written : 0;
            w->depth += macros[m].opens;
            if (macros[m].tail && w->ntails < 64) {
                w->tails[w->ntails][0] = w->depth;
                w->tails[w->ntails++][1] = m;
            }
            w->i = tk_next(pp, i2);
            w->j = us ? tk_next(us, j2) : 0;
            return 1;
        }
    }
    if (us && (w->j >= us->n || !same_token(pp, w->i, us, w->j)))
        return 0;
    if (tk_is(pp, w->i, "("))
        w->depth++;
    else if (tk_is(pp, w->i, ")") && w->depth)
        w->depth--;
    w->i = tk_next(pp, w->i + 1);
    w->j = us ? tk_next(us, w->j + 1) : 0;
    return 1;
}

/* The user's line and column of the token at offset off of the preprocessed text, a line of the
 * input file at presumed line `line`. The preprocessor writes a macro call that spans lines, and
 * lines joined by backslash-newline, as one line, and our own macros make lines longer: the
 * tokens of the preprocessed line are matched one by one against those of the file from that
 * line on, our macros against what they expand from, until off. A line that starts inside one
 * of our macros' calls (the rest of a multi-line `await(f(`, which relines.c gave back its own
 * line) parts at once: the walk starts again up to WALK_BACK lines before, where the call
 * opens. When they part from every start (a user's macro was expanded there), the position is
 * that of the user's macro call when the walk from the line itself parted at its name on that
 * line, before off (as the compiler's "in expansion of macro" says); else 0: only the line is
 * known. */
#define WALK_BACK 32
static int user_position(tunit *t, unsigned off, unsigned line, unsigned *uline, unsigned *ucol)
{
    orig_lines(t);
    if (line == 0 || line > t->orig_nlines)
        return 0;
    unsigned here = line_index(t, off), call = 0, found = 0;
    for (unsigned back = 0; back <= WALK_BACK && back < line && back <= here; back++) {
        unsigned from = t->line_start[here - back];
        if (back && (t->line_input[here - back] != line - back || !t->line_here[here - back]))
            break; /* (not the same run of the input's lines: a line marker between) */
        walk w = {t, &t->toks, &t->orig_toks, 0, 0, 0, {{0}}, 0, 0};
        w.i = tk_next(w.pp, tk_at(w.pp, from));
        w.j = tk_next(w.us, tk_at(w.us, t->orig_line_start[line - back - 1]));
        while (w.i < w.pp->n && w.j < w.us->n) {
            if (w.pp->v[w.i].start >= off) {
                if (w.pp->v[w.i].start > off)
                    break;
                unsigned at = w.us->v[w.j].start, k = line - back - 1;
                while (k + 1 < t->orig_nlines && t->orig_line_start[k + 1] <= at)
                    k++;
                *uline = k + 1;
                *ucol = at - t->orig_line_start[k] + 1;
                return 1;
            }
            if (!step(&w)) {
                const tk_token *u = &w.us->v[w.j];
                if (!back && u->kind == TK_IDENT && u->start < dg_orig_line_start(t, line + 1)) {
                    call = u->start;
                    found = 1;
                }
                break;
            }
        }
    }
    if (!found)
        return 0;
    *uline = line;
    *ucol = call - t->orig_line_start[line - 1] + 1;
    return 1;
}

/* When the tokens part, the column on the preprocessed line less what our macros added before
 * it on that line. */
static unsigned original_column(tunit *t, unsigned offset, unsigned col)
{
    walk w = {t, &t->toks, NULL, 0, 0, 0, {{0}}, 0, 0};
    w.i = tk_next(w.pp, tk_at(w.pp, t->line_start[line_index(t, offset)]));
    while (w.i < w.pp->n && w.pp->v[w.i].start < offset) {
        unsigned before = w.added, at = w.i;
        step(&w);
        if (w.i < w.pp->n && w.pp->v[w.i].start > offset) { /* a macro's text around offset */
            w.added = before;
            w.i = at;
            break;
        }
    }
    return col > w.added ? col - w.added : 1;
}

/* The user's file, line and column of a location in the preprocessed text. */
void dg_user_location(tunit *t, CXSourceLocation loc, char **file, unsigned *line, unsigned *col)
{
    unsigned offset;
    dg_presumed(loc, file, line, col);
    clang_getSpellingLocation(loc, NULL, NULL, NULL, &offset);
    if (!t->text || offset >= t->text_len || !dg_in_input(t, offset))
        return;
    /* the walk is over the input file's own lines; the user's are shifted by its #line */
    unsigned input = dg_input_line_at(t, offset), uline;
    if (user_position(t, offset, input, &uline, col))
        *line += uline - input;
    else
        *col = original_column(t, offset, *col);
}

/* The identifier the user wrote where loc is reported, or NULL: what a diagnostic should name
 * where clang's name comes from a macro's expansion (the user's `setjmp` is `_setjmp` to clang,
 * `alloca` is `__builtin_alloca`). */
char *dg_user_word(tunit *t, CXSourceLocation loc)
{
    char *file, *word = NULL;
    unsigned line, col;
    dg_user_location(t, loc, &file, &line, &col);
    char *text = read_line_of(file, line);
    free(file);
    if (!text)
        return NULL;
    const char *p = col >= 1 && col <= strlen(text) ? text + col - 1 : "", *e = p;
    while (*e == '_' || isalnum((unsigned char)*e))
        e++;
    if (e > p && !isdigit((unsigned char)*p))
        word = xstrndup(p, (size_t)(e - p));
    free(text);
    return word;
}

/* kind is "error" or "warning"; flag, when not NULL, names the -W flag of a warning as clang
 * does ("-Wx", or "-Werror,-Wx" for a warning made an error). Errors count in t->errors. */
static void vreport_at(tunit *t, const char *file, unsigned line, unsigned col, const char *kind, const char *flag,
                       const char *fmt, va_list ap)
{
    fprintf(out(), "%s:%u:%u: %s: ", file, line, col, kind);
    vfprintf(out(), fmt, ap);
    if (flag)
        fprintf(out(), " [%s]", flag);
    fputc('\n', out());
    show_line(file, line, col);
    if (strcmp(kind, "error") == 0) /* two threads may report at once (halves.c) */
        __atomic_add_fetch(&t->errors, 1, __ATOMIC_RELAXED);
}

static void vreport_as(tunit *t, CXSourceLocation loc, const char *kind, const char *flag, const char *fmt,
                       va_list ap)
{
    char *file;
    unsigned line, col;
    dg_user_location(t, loc, &file, &line, &col);
    vreport_at(t, file, line, col, kind, flag, fmt, ap);
    free(file);
}

void dg_diag_at(tunit *t, const char *file, unsigned line, unsigned col, const char *kind, const char *flag,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport_at(t, file, line, col, kind, flag, fmt, ap);
    va_end(ap);
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

void dg_unchecked(tunit *t, const node *n, const char *what)
{
    dg_error_node(t, n, "internal error: %s reached the code generation unchecked; please report it", what);
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
            dg_user_location(t, clang_getDiagnosticLocation(d), &file, &line, &col);
            char *msg = cx_take(clang_getDiagnosticSpelling(d));
            if (line || col) { /* (line 0 is a place: a `# 0 "file"` marker's line, as clang says) */
                fprintf(out(), "%s:%u:%u: error: %s\n", file, line, col, msg);
                show_line(file, line, col);
            } else { /* clang's "too many errors emitted": about the whole file */
                fprintf(out(), "%s: error: %s\n", t->input, msg);
            }
            free(file);
            free(msg);
            errors++;
        }
        clang_disposeDiagnostic(d);
    }
    t->errors += errors;
    return errors;
}
