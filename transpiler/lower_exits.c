/* lower_exits.c: leaving a scope: the cleanups that run on the way out of it, where a break,
 * continue or goto lands, a return statement's text, and the function's own name (__func__). */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

static int inside(const node *scope, unsigned off)
{
    return off >= nstart(scope) && off < nend(scope);
}

char *lw_cleanup_arg(lw *L, var *v)
{
    /* A variable-length array's field is the address of its storage, freed as it is: through its
     * own type, const or volatile elements would be discarded qualifiers (-Wdiscarded-array-qualifiers). */
    if (v->heap_vm && strcmp(v->cleanup, "ac__vla_free") == 0)
        return xasprintf("ac__fr->%s", v->field);
    return lw_frame_address(L, v);
}

/* Calls of the cleanups of frame locals alive at offset `at` that `leaves` says are left, innermost
 * first, each as "fn(&ac__fr->x); ". */
char *lw_cleanups(lw *L, unsigned at, int (*leaves)(const var *, const void *), const void *arg)
{
    sb b = {0};
    afn *f = L->f;
    for (unsigned i = f->nvars; i-- > 0;) {
        var *v = f->vars[i];
        if (v->cleanup && v->scope && nend(v->decl) <= at && inside(v->scope, at) && (!leaves || leaves(v, arg))) {
            char *addr = lw_cleanup_arg(L, v);
            sb_printf(&b, "(void)%s(%s); ", v->cleanup, addr);
            free(addr);
        }
    }
    return sb_take(&b);
}

static int leaves_for(const var *v, const void *target)
{
    const node *t = target;
    return !t || !(nstart(t) >= nend(v->decl) && inside(v->scope, nstart(t)));
}

/* A break or continue whose loop declares locals in its header (`for (T i
 * __attribute__((cleanup(f))) = 0; ...)`) does not leave them: a continue goes on inside the
 * loop, and a break lands where the loop's end runs their cleanups (lower_stmt.c), so they run
 * once. They ran at every continue, and twice after a break. The body's locals are left. */
static int leaves_loop_for(const var *v, const void *loop)
{
    return v->scope != loop && leaves_for(v, loop);
}

static node *label_named(node *n, const char *name)
{
    if (n->kind == CXCursor_LabelStmt) {
        char *s = cx_take(clang_getCursorSpelling(n->cur));
        int same = strcmp(s, name) == 0;
        free(s);
        if (same)
            return n;
    }
    for (unsigned i = 0; i < n->nkids; i++) {
        node *r = label_named(n->kids[i], name);
        if (r)
            return r;
    }
    return NULL;
}

/* Where a break, continue or goto lands: the loop or switch it leaves, or the label. */
static node *jump_target(lw *L, node *j)
{
    if (j->kind == CXCursor_GotoStmt) {
        char *name = NULL;
        for (unsigned i = 0; i < j->nkids && !name; i++)
            if (j->kids[i]->kind == CXCursor_LabelRef)
                name = cx_take(clang_getCursorSpelling(j->kids[i]->cur));
        node *t = name ? label_named(L->f->body, name) : NULL;
        free(name);
        return t;
    }
    for (node *p = j->parent; p; p = p->parent)
        if (p->kind == CXCursor_ForStmt || p->kind == CXCursor_WhileStmt || p->kind == CXCursor_DoStmt ||
            (j->kind == CXCursor_BreakStmt && p->kind == CXCursor_SwitchStmt))
            return p;
    return NULL;
}

char *lw_jump_cleanups(lw *L, node *j)
{
    node *target = jump_target(L, j);
    int to_loop = target && j->kind != CXCursor_GotoStmt && target->kind != CXCursor_SwitchStmt;
    return lw_cleanups(L, nstart(j), to_loop ? leaves_loop_for : leaves_for, target);
}

char *lw_return_text(lw *L, node *r)
{
    node *e = r->nkids ? r->kids[r->nkids - 1] : NULL;
    if (L->twin) {
        char *et = e && clang_isExpression(e->kind) ? lw_emit_text(L, e) : NULL;
        char *s = et ? xasprintf("return %s", et) : xstrdup("return");
        free(et);
        return s;
    }
    /* The value is computed first, then the cleanups of the locals still in scope run. */
    char *c = lw_cleanups(L, nstart(r), NULL, NULL), *calls = xstrdup(c);
    for (char *p = calls; *p; p++)
        if (*p == ';')
            *p = ',';
    free(c);
    char *s;
    node *up = r->parent;
    if (!e && !*calls && up && (up->kind == CXCursor_CaseStmt || up->kind == CXCursor_DefaultStmt) &&
        up->kids[up->nkids - 1] == r) {
        /* `case K: return;`: gcc's -Wimplicit-fallthrough is quiet about a case that falls into
         * a label whose first statement returns (void) or jumps; a return of a value is two
         * statements there, and warned where the source is quiet. A goto to the same return. */
        L->returned = 1;
        s = xstrdup("goto ac__returned");
    } else if (!e || !clang_isExpression(e->kind))
        s = xasprintf("return (%s%s, AC_READY)", calls, lw_done_state(L));
    else {
        char *et = lw_emit_text(L, e);
        if (L->f->self->ret_type) {
            char *v = xasprintf("(%s)", et);
            char *set = lw_assign("ac__fr->ac__result", v, clang_getResultType(clang_getCursorType(L->f->root->cur)), 0);
            s = xasprintf("return ((void)(%s), %s%s, AC_READY)", set, calls, lw_done_state(L));
            free(v);
            free(set);
        } else {
            s = xasprintf("return ((void)(%s), %s%s, AC_READY)", et, calls, lw_done_state(L));
        }
        free(et);
    }
    free(calls);
    return s;
}

static const char *const names_of_function[] = {"__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"};

/* Which of __func__, __FUNCTION__, __PRETTY_FUNCTION__ the text [a, b) is, or -1. */
static int function_name_at(const tunit *t, unsigned a, unsigned b)
{
    for (int i = 0; i < 3; i++) {
        size_t len = strlen(names_of_function[i]);
        if (b - a == len && memcmp(t->text + a, names_of_function[i], len) == 0)
            return i;
    }
    return -1;
}

char *lw_func_name_use(const tunit *t, const afn *f, const node *n)
{
    /* (libclang shows __func__ as a string literal under the predefined expression) */
    int k = n->kind == CXCursor_StringLiteral && n->nkids == 0 ? function_name_at(t, nstart(n), nend(n)) : -1;
    return k >= 0 ? xasprintf("ac_%s%s", names_of_function[k], f->name) : NULL;
}

/* __func__ is an array of its own, `static const char __func__[] = "f";` (C11 6.4.2.2): a string
 * literal in its place could be merged with the program's own "f" (`"main" == __func__` was
 * true, gcc.dg c99-func-3 made async), so the generated code names one array per function and
 * spelling (gcc's __FUNCTION__ is another array than its __func__). */
char *lw_func_name_decl(const tunit *t, const afn *f)
{
    const tk_stream *ts = &t->toks;
    int used[3] = {0, 0, 0};
    for (unsigned i = tk_at(ts, nstart(f->root)); i < ts->n && ts->v[i].start < nend(f->root); i++) {
        int k = ts->v[i].kind == TK_IDENT ? function_name_at(t, ts->v[i].start, ts->v[i].end) : -1;
        if (k >= 0)
            used[k] = 1;
    }
    sb out = {0};
    for (int k = 0; k < 3; k++)
        if (used[k])
            sb_printf(&out, "AC__GEN_BEGIN static const char ac_%s%s[] = \"%s\"; AC__GEN_END\n", names_of_function[k],
                      f->name, f->name);
    return out.data ? sb_take(&out) : xstrdup("");
}
