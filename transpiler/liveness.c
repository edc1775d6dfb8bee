/* liveness.c: which locals of an async function live across an await and so in its frame, with
 * their field names, cleanups and alignment, and which compound literals must live there too. */
#include "analyze.h"
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether an await that can suspend ends in (from, to]: one after offset from, or one holding
 * it (a compound literal in the arguments of the call it awaits). */
static int await_ends_within(scan *s, unsigned from, unsigned to)
{
    for (unsigned i = 0; i < s->nawaits; i++)
        if (nend(s->awaits[i]) > from && nend(s->awaits[i]) <= to)
            return 1;
    return 0;
}

static int await_within(scan *s, unsigned from, unsigned to)
{
    for (unsigned i = 0; i < s->nawaits; i++)
        if (nstart(s->awaits[i]) > from && nend(s->awaits[i]) <= to)
            return 1;
    return 0;
}

/* The function named by a cleanup attribute of the declaration, or NULL. libclang shows the
 * attribute as an unexposed one: its tokens say which (`cleanup (fn)` or `__cleanup__(fn)`). */
char *an_cleanup_of(const tunit *t, const node *decl)
{
    const tk_stream *ts = &t->toks;
    for (unsigned k = 0; k < decl->nkids; k++) {
        const node *a = decl->kids[k];
        if (a->kind != CXCursor_UnexposedAttr)
            continue;
        unsigned i = tk_next(ts, tk_at(ts, nstart(a)));
        if (!tk_is(ts, i, "cleanup") && !tk_is(ts, i, "__cleanup__"))
            continue;
        i = tk_next(ts, i + 1);
        if (!tk_is(ts, i, "("))
            continue;
        i = tk_next(ts, i + 1);
        if (i < ts->n && ts->v[i].kind == TK_IDENT)
            return xstrndup(t->text + ts->v[i].start, ts->v[i].end - ts->v[i].start);
    }
    return NULL;
}

/* Whether an await in [lo, at) can be reached again after offset at without leaving [lo, hi)
 * (a goto back over at): what is declared or made at `at`, in scope [lo, hi), may then hold a
 * value there (a goto forward past a declaration reads it without running the initializer
 * again; a pointer to a compound literal made at `at` is still valid). */
static int await_back_over(scan *s, unsigned lo, unsigned hi, unsigned at)
{
    for (unsigned a = 0; a < s->nawaits; a++) {
        node *aw = s->awaits[a];
        span back;
        if (nstart(aw) >= lo && nend(aw) <= at && jp_span_at(s->f, lo, hi, nstart(aw), &back) && back.hi > at)
            return 1;
    }
    return 0;
}

/* Whether ref is read when aw starts its futures, before it can suspend: in the arguments of
 * the call it awaits, or of a combinator's futures and ac_timeout's duration, but not in a
 * combinator's targets (`v[i] = f(x)`), which are written when each future finishes. */
static int read_before_suspending(const tunit *t, const node *aw, const node *ref)
{
    const node *call = an_unparen(aw->ops[0]);
    if (!call->mk)
        return nstart(ref) >= nstart(call) && nend(ref) <= nend(call);
    for (unsigned i = 0; i < call->nops; i++) {
        const node *op = an_unparen(call->ops[i]);
        if (an_is_assign(t, op))
            op = an_unparen(op->kids[1]);
        if (nstart(ref) >= nstart(op) && nend(ref) <= nend(op))
            return 1;
    }
    return 0;
}

/* Whether v's value must survive some await: an await after its declaration, and then a use
 * after that await, or a use that control can come back to from the await (a loop or a goto
 * back, inside v's scope: jumps.c). Locals whose address is taken, arrays, and locals with a
 * cleanup are kept whenever an await follows the declaration. */
static int lives_across(scan *s, var *v)
{
    CXType ty = clang_getCanonicalType(clang_getCursorType(v->decl->cur));
    unsigned lo = nstart(v->scope), hi = nend(v->scope);
    /* Not for a VLA: a jump to before its declaration ends its lifetime. */
    v->early_await = ty.kind != CXType_VariableArray && await_back_over(s, lo, hi, nstart(v->decl));
    /* `struct node *p = await(alloc(sizeof *p));`: C's scope of p starts at its declarator, but
     * the await and what it reads are hoisted before the declaration */
    v->self_init = 0;
    for (unsigned r = 0; r < v->nrefs && v->decl->has_await && !v->self_init; r++)
        v->self_init = nstart(v->refs[r]) >= nstart(v->decl) && nend(v->refs[r]) <= nend(v->decl);
    if (v->self_init)
        return 1;
    if (!await_within(s, nend(v->decl), hi))
        return v->early_await;
    /* A resumption may not jump into the scope of a variably modified type (C11 6.8.6.1): a
     * pointer to a variable-length array followed by an await in its scope lives in the frame. */
    if (v->early_await || v->addr_taken || v->cleanup || ty_array(ty) || vm_type(ty))
        return 1;
    for (unsigned a = 0; a < s->nawaits; a++) {
        node *aw = s->awaits[a];
        if (nstart(aw) <= nend(v->decl) || nend(aw) > hi)
            continue;
        const node *stmt = jp_resumed_stmt(aw);
        span back;
        int again = jp_span_at(s->f, lo, hi, nstart(aw), &back);
        for (unsigned r = 0; r < v->nrefs; r++) {
            node *ref = v->refs[r];
            if (nstart(ref) >= nend(aw))
                return 1;
            /* The rest of the await's statement runs after it (the await is hoisted out of it),
             * except what the await itself reads to start. */
            if (nstart(ref) >= nstart(stmt) && nend(ref) <= nend(stmt) && nstart(ref) >= nend(v->decl) &&
                !read_before_suspending(s->t, aw, ref))
                return 1;
            /* A loop around the await inside v's scope, however far out, or a goto back, runs
             * the use again after the await. */
            if (again && nstart(ref) >= back.lo && nend(ref) <= back.hi)
                return 1;
        }
    }
    return 0;
}

/* Whether a local with a cleanup declared before f->vars[i], in a scope that holds it, lives in
 * the frame: then vars[i] must too. The generated code runs frame locals' cleanups itself, at
 * the end of their scope or at a jump out, while the compiler runs a stack local's when C's own
 * scope ends, after them: cleanups must run in reverse order of declaration. */
static int after_frame_cleanup(afn *f, unsigned i)
{
    unsigned at = nstart(f->vars[i]->decl);
    for (unsigned j = 0; j < i; j++) {
        var *w = f->vars[j];
        if (w->cleanup && w->in_frame && w->scope && at >= nstart(w->scope) && at < nend(w->scope))
            return 1;
    }
    return 0;
}

void an_place_vars(scan *s)
{
    afn *f = s->f;
    names used = {0}, next = {0}; /* the frame's member names; base -> the next suffix to try */
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param && !v->is_static && v->scope)
            v->cleanup = clang_Cursor_hasAttrs(v->decl->cur) ? an_cleanup_of(s->t, v->decl) : NULL;
        if (v->is_param)
            v->in_frame = 1;
        else if (!v->is_static && v->scope) {
            v->in_frame = lives_across(s, v);
            node *d = v->decl->parent;
            if (v->in_frame && d && (d->static_const || an_constant_decl(s, d)))
                v->in_frame = 0, d->static_const = 1; /* constants.c */
            if (!v->in_frame && v->cleanup && after_frame_cleanup(f, i)) {
                v->in_frame = 1;
                /* the statements around it are lowered, which a frame local's declaration needs */
                for (node *p = v->decl; p && p != f->body; p = p->parent)
                    p->has_await = 1;
            }
        }
        if (!v->in_frame) {
            free(v->cleanup);
            v->cleanup = NULL; /* an ordinary C local: the compiler runs its cleanup */
            continue;
        }
        /* A variable-length array (or an array of pointers to them) cannot be a frame member: its
         * storage is allocated when the declaration runs, and freeing it is its cleanup, run
         * where C ends its lifetime (scope end, a jump out or back over it, a return, a drop).
         * One with a cleanup of its own is refused (check.c). */
        CXType ty = clang_getCursorType(v->decl->cur);
        if (!v->is_param && ty_array(ty) && vm_type(ty)) {
            v->heap_vm = 1;
            if (!v->cleanup)
                v->cleanup = xstrdup("ac__vla_free");
        }
        unsigned long long align = 0; /* _Alignas(N) and __attribute__((aligned(N))) */
        for (unsigned k = 0; k < v->decl->nkids; k++) {
            unsigned long long a;
            if (v->decl->kids[k]->kind == CXCursor_AlignedAttr && al_alignment(s->t, v->decl->kids[k], &a) == 0 &&
                a > align)
                align = a;
        }
        v->align = align;
        /* A unique member name: the user's when free, else name_2, name_3... A name in asyncc's
         * own space (ac__state, ac__result, ac__t1...) gets a prefix that takes it out of it. */
        const char *base = v->name[0] ? v->name : "ac__param"; /* an unnamed parameter */
        char *own = v->name[0] && strncmp(base, "ac__", 4) == 0 ? xasprintf("u_%s", base) : NULL;
        if (own)
            base = own;
        char *field = xstrdup(base);
        int found;
        if (names_get(&used, field, &found), found) {
            /* The first of base_2, base_3... no earlier member has: suffixes below next[base]
             * were taken already (names only come), so a function of 65,536 locals named i
             * (tcc's 101_cleanup) takes linear time, not cubic. */
            uintptr_t k = (uintptr_t)names_get(&next, base, &found);
            for (k = found ? k : 2;; k++) {
                free(field);
                field = xasprintf("%s_%u", base, (unsigned)k);
                if (names_get(&used, field, &found), !found)
                    break;
            }
            names_put(&next, base, (void *)(k + 1));
        }
        names_put(&used, field, NULL);
        free(own);
        v->field = field;
    }
    names_free(&used);
    names_free(&next);
}

/* A compound literal that a pointer may reach after an await lives in the frame: an await
 * follows it in its scope, or one before it runs again after it (a goto back). */
void an_place_literals(scan *s)
{
    for (unsigned i = 0; i < s->nliterals; i++) {
        node *lit = s->literals[i], *scope = an_enclosing_scope(lit);
        lit->frame_literal = await_ends_within(s, nend(lit), nend(scope)) ||
                             await_back_over(s, nstart(scope), nend(scope), nstart(lit));
    }
}
