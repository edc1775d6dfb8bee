/* overrides.c: the initializers that C never evaluates because a later designator overrides
 * them (`{ [1] = await(f()), [1] = 2 }`), as clang's -Winitializer-overrides notes place them. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

/* gcc and clang drop an initializer that a later one overrides in full, side effects and all
 * (C11 6.7.9p19 lets them: footnote 151), and clang says so in the note of its warning, whose
 * range is the dropped initializer. The parse turns that warning on alone (main.c). An override
 * of part of an initializer (`.p = f(), .p.x = 1`) is no such note: clang evaluates f, gcc does
 * not, and asyncc, which runs the await before the initializer, is clang. */
static void collect_note(tunit *t, CXDiagnostic note, CXFile file, unsigned by)
{
    char *what = cx_take(clang_getDiagnosticSpelling(note));
    int dropped = strstr(what, "will not occur at run time") != NULL;
    free(what);
    if (!dropped || clang_getDiagnosticNumRanges(note) < 1)
        return;
    CXSourceRange r = clang_getDiagnosticRange(note, 0);
    CXFile f;
    unsigned start, end;
    clang_getSpellingLocation(clang_getRangeStart(r), &f, NULL, NULL, &start);
    clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &end);
    if (!f || !clang_File_isEqual(f, file) || end > t->text_len || start >= end)
        return;
    /* A note that starts at a designator is the list C made up for a designator's subobject
     * (`.a.b[2] = x`): the range is that designator's initializer only, but later initializers
     * of the subobject (`.a.c = y`) went into the list too, and are dropped with it. */
    char c = t->text[start];
    ov_range o = {start, end, by, c == '.' || c == '['};
    VEC_PUSH(t->overrides, t->noverrides, o);
}

void ov_collect(tunit *t, CXTranslationUnit tu, CXFile file)
{
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        char *option = cx_take(clang_getDiagnosticOption(d, NULL));
        if (strcmp(option, "-Winitializer-overrides") == 0) {
            unsigned by = an_offset(clang_getDiagnosticLocation(d));
            CXDiagnosticSet notes = clang_getChildDiagnostics(d);
            unsigned nnotes = clang_getNumDiagnosticsInSet(notes);
            for (unsigned k = 0; k < nnotes; k++) {
                CXDiagnostic note = clang_getDiagnosticInSet(notes, k);
                collect_note(t, note, file, by);
                clang_disposeDiagnostic(note);
            }
        }
        free(option);
        clang_disposeDiagnostic(d);
    }
}

/* Whether n is what override o drops: its extent is o's range; for a made-up list, the range
 * starts at a designator inside initializer n of a list (`.pts[1].y = x` for the list of pts
 * starts at `[1]`), and the whole of n is dropped with it. */
static int drops(const ov_range *o, const node *n)
{
    if (o->end != nend(n))
        return 0;
    return o->start == nstart(n) ||
           (o->implicit && nstart(n) <= o->start && n->parent && n->parent->kind == CXCursor_InitListExpr);
}

int ov_dropped(const tunit *t, const node *n)
{
    for (unsigned i = 0; i < t->noverrides; i++)
        if (drops(&t->overrides[i], n))
            return clang_isExpression(n->kind);
    return 0;
}

/* The token index of the member name of initializer n's first designator when it is a field
 * designator (`.name`), else the token count. */
static unsigned field_name(const tunit *t, const node *n)
{
    const tk_stream *ts = &t->toks;
    unsigned i = tk_next(ts, tk_at(ts, nstart(n)));
    if (i >= ts->n || !tk_is(ts, i, "."))
        return ts->n;
    i = tk_next(ts, i + 1);
    return i < ts->n && ts->v[i].kind == TK_IDENT ? i : ts->n;
}

/* Whether initializers a and b of one list start with designators of different members: then
 * b is not in the list made up for a's subobject. Array designators are not compared (`[1]` and
 * `[0 + 1]` are one element). */
static int other_member(const tunit *t, const node *a, const node *b)
{
    unsigned i = field_name(t, a), j = field_name(t, b);
    if (i == t->toks.n || j == t->toks.n)
        return 0;
    unsigned la = t->toks.v[i].end - t->toks.v[i].start, lb = t->toks.v[j].end - t->toks.v[j].start;
    return la != lb || memcmp(t->text + t->toks.v[i].start, t->text + t->toks.v[j].start, la) != 0;
}

const ov_range *ov_maybe_dropped(const tunit *t, const node *aw)
{
    if (!t->noverrides)
        return NULL;
    unsigned at = nstart(aw);
    /* the await's initializer in each list around it, and the dropped one of that list */
    for (const node *in = aw; in->parent; in = in->parent) {
        const node *list = in->parent;
        if (list->kind != CXCursor_InitListExpr)
            continue;
        for (unsigned i = 0; i < list->nkids; i++) {
            const node *k = list->kids[i];
            for (unsigned j = 0; j < t->noverrides; j++) {
                const ov_range *o = &t->overrides[j];
                if (o->implicit && o->end <= at && at < o->by && drops(o, k) && !other_member(t, k, in))
                    return o;
            }
        }
    }
    return NULL;
}
