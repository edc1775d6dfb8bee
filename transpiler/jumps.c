/* jumps.c: where control can go back in an async function (loops, gotos to an earlier label,
 * computed gotos) as spans of its text, and where jumps land: what liveness and locals ask. */
#include "internal.h"

#include <stdlib.h>

/*
 * Liveness here is textual: the value a local holds at an await is needed when a use of it
 * comes after the await in the text, or when control can go back from the await to a use before
 * it. Going back takes a backward edge: the end of a loop's body to its start, a goto to a label
 * earlier in the text, or a computed goto (taken to go to any label before it). Each edge is an interval
 * [target, source) of the text. Intervals that overlap chain: from inside one, control can leave
 * forward into an overlapping one and go back through that one's edge. Merged, they give spans:
 * control at an offset inside a span can reach every offset of that span, and no offset before
 * it (every edge that leaves from inside the span lands inside it, and every edge that leaves
 * from after it lands after it). Forward jumps (gotos, switch cases, break) only ever go further
 * in the text, so a use after the await in the text already counts.
 */

static void add_back(afn *f, unsigned lo, unsigned hi)
{
    span b = {lo, hi};
    VEC_PUSH(f->backs, f->nbacks, b);
}

/* Every label and every goto (plain, computed or asm) of the tree under n. */
static void collect(node *n, node ***labels, unsigned *nlabels, node ***gotos, unsigned *ngotos)
{
    if (n->kind == CXCursor_LabelStmt)
        VEC_PUSH(*labels, *nlabels, n);
    else if (n->kind == CXCursor_GotoStmt || n->kind == CXCursor_IndirectGotoStmt || n->asm_goto)
        VEC_PUSH(*gotos, *ngotos, n);
    for (unsigned i = 0; i < n->nkids; i++)
        collect(n->kids[i], labels, nlabels, gotos, ngotos);
}

/* The label statement goto g jumps to, or NULL when it cannot be told. */
static node *target_of(node *g, node **labels, unsigned nlabels)
{
    for (unsigned i = 0; i < g->nkids; i++) {
        if (g->kids[i]->kind != CXCursor_LabelRef)
            continue;
        CXCursor to = clang_getCursorReferenced(g->kids[i]->cur);
        for (unsigned j = 0; j < nlabels; j++)
            if (an_is_label(labels[j], to))
                return labels[j];
    }
    return NULL;
}

static void loops(afn *f, node *n)
{
    if (n->kind == CXCursor_ForStmt || n->kind == CXCursor_WhileStmt || n->kind == CXCursor_DoStmt)
        add_back(f, nstart(n), nend(n));
    for (unsigned i = 0; i < n->nkids; i++)
        loops(f, n->kids[i]);
}

static int by_start(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void jp_find(afn *f)
{
    if (!f->body)
        return;
    node **labels = NULL, **gotos = NULL;
    unsigned nlabels = 0, ngotos = 0;
    collect(f->body, &labels, &nlabels, &gotos, &ngotos);
    loops(f, f->body);
    for (unsigned i = 0; i < ngotos; i++) {
        node *g = gotos[i], *to = g->kind == CXCursor_GotoStmt ? target_of(g, labels, nlabels) : NULL;
        if (to) {
            if (nstart(to) < nstart(g))
                add_back(f, nstart(to), nend(g));
            continue;
        }
        /* `goto *p`, an `asm goto`, or a label that cannot be told: it may go back to any label
         * before it */
        for (unsigned j = 0; j < nlabels; j++)
            if (nstart(labels[j]) < nstart(g))
                add_back(f, nstart(labels[j]), nend(g));
    }
    if (f->nbacks > 1)
        qsort(f->backs, f->nbacks, sizeof *f->backs, by_start);
    free(labels);
    free(gotos);
}

/* The switch statement a case or default label n belongs to, or NULL. */
static const node *switch_of(const node *n)
{
    const node *p = n->parent;
    while (p && p->kind != CXCursor_SwitchStmt)
        p = p->parent;
    return p;
}

static void cases(node *n, span **out, unsigned *nout)
{
    const node *sw;
    if ((n->kind == CXCursor_CaseStmt || n->kind == CXCursor_DefaultStmt) && (sw = switch_of(n))) {
        span e = {nstart(sw), nstart(n)};
        VEC_PUSH(*out, *nout, e);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        cases(n->kids[i], out, nout);
}

span *jp_entries(const afn *f, unsigned *n)
{
    span *out = NULL;
    *n = 0;
    if (!f->body)
        return NULL;
    node **labels = NULL, **gotos = NULL;
    unsigned nlabels = 0, ngotos = 0;
    collect(f->body, &labels, &nlabels, &gotos, &ngotos);
    for (unsigned i = 0; i < ngotos; i++) {
        node *g = gotos[i], *to = g->kind == CXCursor_GotoStmt ? target_of(g, labels, nlabels) : NULL;
        for (unsigned j = 0; j < nlabels; j++)
            if (!to || labels[j] == to) {
                span e = {nstart(g), nstart(labels[j])};
                VEC_PUSH(out, *n, e);
            }
    }
    cases(f->body, &out, n);
    free(labels);
    free(gotos);
    return out;
}

int jp_span_at(const afn *f, unsigned lo, unsigned hi, unsigned at, span *out)
{
    span cur = {0, 0};
    int open = 0;
    for (unsigned i = 0; i < f->nbacks; i++) {
        span b = f->backs[i];
        if (b.lo < lo || b.hi > hi)
            continue; /* a jump out of [lo, hi) ends what lives in it */
        if (open && b.lo <= cur.hi) {
            if (b.hi > cur.hi)
                cur.hi = b.hi;
            continue;
        }
        if (open && at >= cur.lo && at < cur.hi)
            break;
        cur = b;
        open = 1;
    }
    if (!open || at < cur.lo || at >= cur.hi)
        return 0;
    *out = cur;
    return 1;
}

const node *jp_resumed_stmt(const node *aw)
{
    const node *p = aw;
    for (;;) {
        while (p->parent && (clang_isExpression(p->parent->kind) || p->parent->kind == CXCursor_VarDecl ||
                             p->parent->kind == CXCursor_DeclStmt))
            p = p->parent;
        /* Inside a statement expression, the expression around it runs after it too
         * (`x + ({ ...await(f())... })` reads x after the await). */
        const node *q = p->parent;
        while (q && q->kind != CXCursor_StmtExpr)
            q = q->parent;
        if (!q)
            return p;
        p = q;
    }
}
