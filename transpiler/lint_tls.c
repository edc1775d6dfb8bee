/* lint_tls.c: -Wasync-thread-local-across-await: a thread-local (or errno) whose value or address
 * an async function carries across an await, where the task may resume on another worker thread. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rule. A thread-local variable (`_Thread_local`, `__thread`) or errno (glibc's macro,
 * `(*__errno_location ())` in the preprocessed text) names the object of the thread that runs the
 * code, and after an await that may be another worker thread than before it. So in an async
 * function, on a path through an await:
 *   - a value set before the await and read after it (`errno = 0; await(f()); if (errno)`): the
 *     read finds another thread's object. For errno, a call of a plain function sets it too (it may);
 *   - a value read before the await into a local and written back after it (`x = tls; await(...);
 *     tls = x + 1;`): it overwrites another thread's object with the first thread's value;
 *   - an address taken before the await and used after it (`int *p = &tls; await(g()); (*p)++;`),
 *     or given to a future (`await(f(&tls))`, `ac_spawn(f(tls_buf))`): the first thread's object,
 *     which that thread's other tasks use meanwhile.
 * A read, write or address whose use ends before the next await is fine, and so is an update in
 * place (`tls++`, `tls += n`: a per-thread counter), which reads and writes the object of the
 * thread it runs on. Facts flow through the function's structured statements as a may-analysis:
 * branches merge, loops run twice (their back edge), break, continue and return end a path, a goto
 * ends one and its labels start with what every goto carried (a goto backwards: the function is
 * walked twice). Every await counts, also one of a function that never suspends. */

enum { FRESH = 1, STALE = 2 }; /* set since the last await; set before an await passed since */

typedef struct fact {
    unsigned char bits;
    unsigned obj;           /* a local's taint: the thread-local it came from */
    unsigned line, await_line;
    const node *by;         /* errno set by this call, or NULL */
} fact;

typedef struct state {
    int dead; /* no path reaches here */
    fact *f;
} state;

typedef struct jctx {
    int is_loop, has_default;
    state brk, cont, entry; /* entry: a switch's, which each case label may come from */
    struct jctx *up;
} jctx;

typedef struct tobj {
    CXCursor decl; /* the variable, or a null cursor for errno */
    char *name;
} tobj;

typedef struct tw {
    tunit *t;
    afn *f;
    tobj *objs;
    unsigned nobj, nslots, depth;
    jctx *ctx;
    state gotos;
    const node **warned;
    unsigned nwarned;
} tw;

/* ---------------------------------------------------------------- states */

static state st_new(const tw *w, int dead)
{
    state s = {dead, xcalloc(w->nslots ? w->nslots : 1, sizeof(fact))};
    return s;
}

static void st_copy(const tw *w, state *dst, const state *src)
{
    dst->dead = src->dead;
    memcpy(dst->f, src->f, w->nslots * sizeof(fact));
}

static void st_merge(const tw *w, state *dst, const state *src)
{
    if (src->dead)
        return;
    if (dst->dead) {
        st_copy(w, dst, src);
        return;
    }
    for (unsigned i = 0; i < w->nslots; i++) {
        fact *d = &dst->f[i];
        const fact *s = &src->f[i];
        if (!s->bits)
            continue;
        if (!d->bits || ((s->bits & STALE) && !(d->bits & STALE))) {
            unsigned char bits = d->bits;
            *d = *s;
            d->bits |= bits;
        } else {
            d->bits |= s->bits;
        }
    }
}

static void st_free(state *s)
{
    free(s->f);
    s->f = NULL;
}

/* ---------------------------------------------------------------- what names a thread-local */

static unsigned line_of(const node *n)
{
    unsigned line = 0;
    dg_presumed(clang_getCursorLocation(n->cur), NULL, &line, NULL);
    return line;
}

static int first_token_is(const tunit *t, const node *n, const char *tok)
{
    const tk_stream *ts = &t->toks;
    return tk_is(ts, tk_at(ts, nstart(n)), tok);
}

static int is_thread_local(const node *n)
{
    if (n->kind != CXCursor_DeclRefExpr)
        return 0;
    CXCursor d = an_referenced(n);
    return clang_getCursorKind(d) == CXCursor_VarDecl && clang_getCursorTLSKind(d) != CXTLS_None;
}

static int obj_index(tw *w, const node *n, int add)
{
    int err = li_is_errno(w->t, n);
    if (!err && !is_thread_local(n))
        return -1;
    CXCursor d = err ? clang_getNullCursor() : clang_getCanonicalCursor(an_referenced(n));
    for (unsigned i = 0; i < w->nobj; i++)
        if (err ? clang_Cursor_isNull(w->objs[i].decl) != 0 : clang_equalCursors(w->objs[i].decl, d) != 0)
            return (int)i;
    if (!add)
        return -1;
    VEC_PUSH(w->objs, w->nobj, ((tobj){d, err ? xstrdup("errno") : cx_take(clang_getCursorSpelling(d))}));
    return (int)w->nobj - 1;
}

static int is_array(const node *n)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(n->cur)).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray;
}

/* The thread-local that expression n designates, or a part of (`tls`, `tls.m`, `tls.a[i]`, errno),
 * or -1. Not `tls->m` or `tls[i]` of a pointer: those read the thread-local, a pointer. */
static int path_obj(tw *w, node *n)
{
    n = an_unparen(n);
    int o = obj_index(w, n, 0);
    if (o >= 0)
        return o;
    if (n->kind == CXCursor_MemberRefExpr && n->nkids == 1) {
        const tk_stream *ts = &w->t->toks;
        unsigned i = tk_next(ts, tk_at(ts, nend(n->kids[0])));
        return i < ts->n && tk_is(ts, i, ".") ? path_obj(w, n->kids[0]) : -1;
    }
    if (n->kind == CXCursor_ArraySubscriptExpr && n->nkids == 2 && is_array(an_unparen(n->kids[0])))
        return path_obj(w, n->kids[0]);
    return -1;
}

/* ---------------------------------------------------------------- warnings */

/* Where a warning about path n goes: its variable (`tls` of `tls.a[i]`), errno. */
static node *path_base(node *n)
{
    for (node *u = an_unparen(n); (u->kind == CXCursor_MemberRefExpr || u->kind == CXCursor_ArraySubscriptExpr) &&
                                  u->nkids; u = an_unparen(n))
        n = u->kids[0];
    return n; /* errno's parentheses: where the user's `errno` is */
}

static int slot_of_var(const tw *w, const var *v, int pointer)
{
    for (unsigned i = 0; i < w->f->nvars; i++)
        if (w->f->vars[i] == v)
            return (int)(w->nobj + 2 * i + (pointer ? 1 : 0));
    return -1;
}

static int warned(tw *w, const node *n)
{
    for (unsigned i = 0; i < w->nwarned; i++)
        if (w->warned[i] == n)
            return 1;
    VEC_PUSH(w->warned, w->nwarned, n);
    return 0;
}

static const char *tl_what(const tw *w, unsigned o)
{
    return clang_Cursor_isNull(w->objs[o].decl) ? "" : "thread-local ";
}

static void warn_read(tw *w, node *at, unsigned o, const fact *fc)
{
    at = path_base(at);
    if (warned(w, at))
        return;
    const char *name = w->objs[o].name;
    char set[256];
    if (fc->by && *an_call_name(fc->by))
        snprintf(set, sizeof set, "set before it (by the call of '%s' at line %u)", an_call_name(fc->by), fc->line);
    else if (fc->by) /* a callee that is no name (sqlite's `((int (*)(int))aSyscall[1].pCurrent)(fd)`) */
        snprintf(set, sizeof set, "set before it (by a call through a pointer at line %u)", fc->line);
    else
        snprintf(set, sizeof set, "set before it (at line %u)", fc->line);
    li_warn(w->t, at, LI_THREAD_LOCAL, "%s'%s' is read after the await at line %u but was %s: the task may have "
            "resumed on another worker thread, whose '%s' this reads; keep the value in a local before the await",
            tl_what(w, o), name, fc->await_line, set, name);
}

static void warn_write_back(tw *w, node *at, const var *v, const fact *fc)
{
    at = path_base(at);
    if (warned(w, at))
        return;
    const char *name = w->objs[fc->obj].name;
    li_warn(w->t, at, LI_THREAD_LOCAL, "'%s' holds the value of %s'%s' read at line %u, and is stored back into it "
            "after the await at line %u: the task may have resumed on another worker thread, whose '%s' this "
            "overwrites (and the first thread's may have changed meanwhile)", v->name, tl_what(w, fc->obj), name,
            fc->line, fc->await_line, name);
}

static void warn_pointer(tw *w, node *at, const var *v, const fact *fc)
{
    if (warned(w, at))
        return;
    li_warn(w->t, at, LI_THREAD_LOCAL, "'%s' points to %s'%s' (its address taken at line %u) and is used after "
            "the await at line %u: the task may have resumed on another worker thread, and '%s' still points to "
            "the first thread's, which that thread's tasks use meanwhile", v->name, tl_what(w, fc->obj),
            w->objs[fc->obj].name, fc->line, fc->await_line, v->name);
}

static void warn_into_future(tw *w, node *at, const node *fut, unsigned o, const var *v, unsigned line)
{
    at = path_base(at);
    if (warned(w, at))
        return;
    int spawn = fut->mk == MK_SPAWN || fut->mk == MK_SPAWN_LOCAL;
    const char *into = spawn ? "a spawned task, which may run on another worker thread"
                             : "the future awaited here, which may resume on another worker thread";
    char what[256];
    if (v)
        snprintf(what, sizeof what, "'%s', which points to %s'%s' (its address taken at line %u),", v->name,
                 tl_what(w, o), w->objs[o].name, line);
    else
        snprintf(what, sizeof what, "the address of %s'%s'", tl_what(w, o), w->objs[o].name);
    li_warn(w->t, at, LI_THREAD_LOCAL, "%s goes into %s and still point to the first thread's '%s'", what, into,
            w->objs[o].name);
}

/* ---------------------------------------------------------------- where values come from */

/* The thread-local whose address expression n is (`&tls`, `tls_array`, `&tls.m + 1`, a local
 * pointing to one), with the line it was taken at. */
static int addr_source(tw *w, const state *s, node *n, fact *out)
{
    while (n && !n->mk && (n->kind == CXCursor_ParenExpr || n->kind == CXCursor_UnexposedExpr ||
                           n->kind == CXCursor_CStyleCastExpr) && n->nkids >= 1)
        n = n->kids[n->nkids - 1];
    if (!n || n->mk)
        return 0;
    int o;
    if (n->kind == CXCursor_UnaryOperator && n->nkids == 1 && first_token_is(w->t, n, "&") &&
        (o = path_obj(w, n->kids[0])) >= 0) {
        *out = (fact){FRESH, (unsigned)o, line_of(n), 0, NULL};
        return 1;
    }
    if ((o = path_obj(w, n)) >= 0 && is_array(n)) {
        *out = (fact){FRESH, (unsigned)o, line_of(n), 0, NULL};
        return 1;
    }
    if (n->kind == CXCursor_DeclRefExpr && n->var) {
        int k = slot_of_var(w, n->var, 1);
        if (k >= 0 && s->f[k].bits) {
            *out = s->f[k];
            return 1;
        }
        return 0;
    }
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2 &&
        (strcmp(an_binop(w->t, n), "+") == 0 || strcmp(an_binop(w->t, n), "-") == 0))
        return addr_source(w, s, n->kids[0], out) || addr_source(w, s, n->kids[1], out);
    if (n->kind == CXCursor_ConditionalOperator)
        for (unsigned i = 1; i < n->nkids; i++)
            if (addr_source(w, s, n->kids[i], out))
                return 1;
    return 0;
}

/* The thread-local whose value expression n reads (directly, or through a local holding it). */
static int value_source(tw *w, const state *s, node *n, fact *out)
{
    if (n->kind == CXCursor_UnaryExpr) /* sizeof, _Alignof: not evaluated */
        return 0;
    int o = path_obj(w, n);
    if (o >= 0) {
        node *p = n->parent;
        while (p && !p->mk && (p->kind == CXCursor_ParenExpr))
            p = p->parent;
        if (is_array(n) || (p && p->kind == CXCursor_UnaryOperator && first_token_is(w->t, p, "&")))
            return 0; /* an address */
        *out = (fact){FRESH, (unsigned)o, line_of(n), 0, NULL};
        return 1;
    }
    if (n->kind == CXCursor_DeclRefExpr && n->var) {
        int k = slot_of_var(w, n->var, 0);
        if (k >= 0 && s->f[k].bits) {
            *out = s->f[k];
            return 1;
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (value_source(w, s, n->kids[i], out))
            return 1;
    return 0;
}

/* Local v is given the value of expression e (NULL: some value of no thread-local). */
static void assign_local(tw *w, state *s, const var *v, node *e)
{
    int kv = slot_of_var(w, v, 0), kp = slot_of_var(w, v, 1);
    if (kv < 0)
        return;
    fact f;
    s->f[kv] = e && value_source(w, s, e, &f) ? f : (fact){0};
    s->f[kp] = e && addr_source(w, s, e, &f) ? f : (fact){0};
}

/* A future's operands that hand it the address of a thread-local. */
static void into_future(tw *w, const state *s, const node *fut, node *n)
{
    if (n->kind == CXCursor_UnaryExpr)
        return;
    fact f;
    if (n->kind == CXCursor_DeclRefExpr && n->var) {
        int k = slot_of_var(w, n->var, 1);
        if (k >= 0 && s->f[k].bits)
            warn_into_future(w, n, fut, s->f[k].obj, n->var, s->f[k].line);
        return;
    }
    if ((n->kind == CXCursor_UnaryOperator && first_token_is(w->t, n, "&") && n->nkids == 1 &&
         path_obj(w, n->kids[0]) >= 0) || (path_obj(w, n) >= 0 && is_array(n))) {
        if (addr_source(w, s, n, &f))
            warn_into_future(w, n, fut, f.obj, NULL, f.line);
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        into_future(w, s, fut, n->kids[i]);
}

/* ---------------------------------------------------------------- the walk */

static void stmt(tw *w, node *n, state *s);
static void expr(tw *w, node *n, state *s);
static void cond(tw *w, node *n, state *s, state *no);

static void use_local(tw *w, state *s, node *ref)
{
    int k = slot_of_var(w, ref->var, 1);
    if (k >= 0 && (s->f[k].bits & STALE)) {
        warn_pointer(w, ref, ref->var, &s->f[k]);
        s->f[k].bits = 0;
    }
}

static void awaited(tw *w, state *s, const node *aw)
{
    unsigned line = line_of(aw);
    for (unsigned i = 0; i < w->nslots; i++)
        if (s->f[i].bits & FRESH) {
            s->f[i].bits = (unsigned char)((s->f[i].bits & ~FRESH) | STALE);
            s->f[i].await_line = line;
        }
    for (unsigned k = 0; k < aw->nops; k++)
        if (li_future_sets_errno(w->t, aw->ops[k]))
            for (unsigned i = 0; i < w->nobj; i++)
                if (clang_Cursor_isNull(w->objs[i].decl))
                    s->f[i] = (fact){FRESH, i, line, 0, aw->ops[k]};
}

/* The expressions inside a thread-local's designation that are evaluated: subscripts. */
static void inner_exprs(tw *w, node *n, state *s)
{
    n = an_unparen(n);
    if (n->kind == CXCursor_ArraySubscriptExpr && n->nkids == 2) {
        inner_exprs(w, n->kids[0], s);
        expr(w, n->kids[1], s);
    } else if (n->kind == CXCursor_MemberRefExpr && n->nkids == 1) {
        inner_exprs(w, n->kids[0], s);
    }
}

/* A local in e that holds the value of thread-local o read before an await. */
static int stale_value_in(tw *w, const state *s, node *e, unsigned o, node **ref)
{
    if (e->kind == CXCursor_UnaryExpr)
        return 0;
    if (e->kind == CXCursor_DeclRefExpr && e->var) {
        int k = slot_of_var(w, e->var, 0);
        if (k >= 0 && (s->f[k].bits & STALE) && s->f[k].obj == o) {
            *ref = e;
            return 1;
        }
    }
    for (unsigned i = 0; i < e->nkids; i++)
        if (stale_value_in(w, s, e->kids[i], o, ref))
            return 1;
    return 0;
}

/* `lhs = rhs` where lhs designates thread-local o. */
static void write_obj(tw *w, state *s, node *lhs, unsigned o, node *rhs)
{
    node *ref;
    if (stale_value_in(w, s, rhs, o, &ref)) {
        int k = slot_of_var(w, ref->var, 0);
        warn_write_back(w, lhs, ref->var, &s->f[k]);
        s->f[k].bits = 0;
    }
    s->f[o] = (fact){FRESH, o, line_of(lhs), 0, NULL};
}

/* A thread-local designated in a context that is no assignment or update of it. */
static void access(tw *w, node *n, unsigned o, state *s)
{
    inner_exprs(w, n, s);
    node *p = n->parent;
    while (p && !p->mk && p->kind == CXCursor_ParenExpr)
        p = p->parent;
    if (is_array(n) || (p && p->kind == CXCursor_UnaryOperator && first_token_is(w->t, p, "&")))
        return; /* an address: what it goes into is checked there */
    fact *fc = &s->f[o];
    if (fc->bits & STALE) {
        warn_read(w, n, o, fc);
        fc->bits &= (unsigned char)~STALE;
    }
}

static int is_await_marker(marker mk)
{
    return mk == MK_AWAIT || mk == MK_JOIN || mk == MK_TRY_JOIN || mk == MK_SELECT || mk == MK_TIMEOUT;
}

/* Runs b on a copy of s and merges: a part that may not run (`a && b`, an arm of `?:`). */
static void maybe(tw *w, node *b, state *s)
{
    state alt = st_new(w, 0);
    st_copy(w, &alt, s);
    expr(w, b, s);
    st_merge(w, s, &alt);
    st_free(&alt);
}

/* A call of a plain function may set errno (on the thread it runs on). */
static void call_sets_errno(tw *w, state *s, node *call)
{
    if (call->fn)
        return; /* an async function: its future's code runs where it is polled */
    const char *name = an_call_name(call);
    if (strncmp(name, "__builtin", 9) == 0 || strcmp(name, "__errno_location") == 0 || strcmp(name, "__error") == 0 ||
        strcmp(name, "__errno") == 0)
        return;
    for (unsigned i = 0; i < w->nobj; i++)
        if (clang_Cursor_isNull(w->objs[i].decl))
            s->f[i] = (fact){FRESH, i, line_of(call), 0, call};
}

/* Condition n, walked on s: s becomes the state where n is true and *no (a state of the caller's)
 * the one where it is false, so `if (p && !fopen(...)) use(errno);` sees the call's errno in its
 * branch: `a && b` is true only where b ran, `a || b` false only where b ran. */
static void cond(tw *w, node *e, state *s, state *no)
{
    node *n = an_unparen(e); /* e: errno's own parentheses are where a warning about it goes */
    const char *op = !n->mk && n->kind == CXCursor_BinaryOperator && n->nkids == 2 ? an_binop(w->t, n) : "";
    int and = strcmp(op, "&&") == 0;
    if (and || strcmp(op, "||") == 0) {
        state other = st_new(w, 1);
        if (and) {
            cond(w, n->kids[0], s, no);
            cond(w, n->kids[1], s, &other);
            st_merge(w, no, &other);
        } else {
            cond(w, n->kids[0], s, &other);
            cond(w, n->kids[1], &other, no);
            st_merge(w, s, &other);
        }
        st_free(&other);
        return;
    }
    if (!n->mk && n->kind == CXCursor_UnaryOperator && n->nkids == 1 && first_token_is(w->t, n, "!")) {
        state yes = st_new(w, 1);
        cond(w, n->kids[0], s, &yes);
        st_copy(w, no, s);
        st_copy(w, s, &yes);
        st_free(&yes);
        return;
    }
    expr(w, e, s);
    st_copy(w, no, s);
}

static void expr(tw *w, node *n, state *s)
{
    if (s->dead || n->kind == CXCursor_UnaryExpr) /* unreachable; sizeof, _Alignof */
        return;
    if (n->mk) {
        for (unsigned i = 0; i < n->nkids; i++)
            expr(w, n->kids[i], s);
        if (is_await_marker(n->mk) || n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL)
            for (unsigned i = 0; i < n->nops; i++)
                into_future(w, s, n, n->ops[i]);
        if (is_await_marker(n->mk))
            awaited(w, s, n);
        return;
    }
    int o = path_obj(w, n);
    if (o >= 0) {
        access(w, n, (unsigned)o, s);
        return;
    }
    const char *op = n->kind == CXCursor_BinaryOperator ? an_binop(w->t, n) : "";
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2 && strcmp(op, "=") == 0) {
        expr(w, n->kids[1], s);
        node *lhs = an_unparen(n->kids[0]);
        if ((o = path_obj(w, lhs)) >= 0) {
            inner_exprs(w, lhs, s);
            write_obj(w, s, n->kids[0], (unsigned)o, n->kids[1]);
        } else if (lhs->kind == CXCursor_DeclRefExpr && lhs->var) {
            assign_local(w, s, lhs->var, n->kids[1]);
        } else {
            expr(w, n->kids[0], s);
        }
        return;
    }
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2 && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)) {
        expr(w, n->kids[0], s);
        maybe(w, n->kids[1], s);
        return;
    }
    if ((n->kind == CXCursor_CompoundAssignOperator && n->nkids == 2) || (an_is_inc_dec(w->t, n) && n->nkids == 1)) {
        /* an update in place of a thread-local reads and writes the current thread's: fine */
        if (n->nkids == 2)
            expr(w, n->kids[1], s);
        node *lhs = an_unparen(n->kids[0]);
        if (path_obj(w, lhs) >= 0) {
            inner_exprs(w, lhs, s);
            return;
        }
        expr(w, n->kids[0], s);
        fact f;
        if (n->nkids == 2 && lhs->kind == CXCursor_DeclRefExpr && lhs->var && value_source(w, s, n->kids[1], &f)) {
            int k = slot_of_var(w, lhs->var, 0);
            if (k >= 0)
                s->f[k] = f;
        }
        return;
    }
    if (n->kind == CXCursor_ConditionalOperator && n->nkids >= 2) {
        if (n->nkids == 2) { /* a ?: b */
            expr(w, n->kids[0], s);
            maybe(w, n->kids[1], s);
            return;
        }
        state alt = st_new(w, 1);
        cond(w, n->kids[0], s, &alt);
        expr(w, n->kids[1], s);
        expr(w, n->kids[2], &alt);
        st_merge(w, s, &alt);
        st_free(&alt);
        return;
    }
    if (n->kind == CXCursor_StmtExpr) {
        for (unsigned i = 0; i < n->nkids; i++)
            stmt(w, n->kids[i], s);
        return;
    }
    if (n->kind == CXCursor_DeclRefExpr && n->var) {
        use_local(w, s, n);
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        expr(w, n->kids[i], s);
    if (n->kind == CXCursor_CallExpr)
        call_sets_errno(w, s, n);
}

static jctx *innermost(tw *w, int loop)
{
    jctx *c = w->ctx;
    while (c && loop && !c->is_loop)
        c = c->up;
    return c;
}

static void end_path(tw *w, state *s, state *into)
{
    if (into)
        st_merge(w, into, s);
    s->dead = 1;
}

/* A loop's condition: s goes on into the body where it is true, exit (if any) gets where it is false. */
static void loop_cond(tw *w, node *c, state *s, state *exit)
{
    state no = st_new(w, 1);
    cond(w, c, s, &no);
    if (exit)
        st_merge(w, exit, &no);
    st_free(&no);
}

static void loop(tw *w, node *n, state *s, node *cond, node *inc, node *body, int do_while)
{
    jctx c = {1, 0, st_new(w, 1), st_new(w, 1), {0, NULL}, w->ctx};
    w->ctx = &c;
    int passes = n->has_await && w->depth < 6 ? 2 : 1, nonzero = 0;
    int endless = !cond || (da_folded_condition(w->t, cond, &nonzero) && nonzero);
    w->depth++;
    state exit = st_new(w, 1), entry = st_new(w, 0);
    st_copy(w, &entry, s);
    for (int p = 0; p < passes; p++) {
        if (!do_while && cond)
            loop_cond(w, cond, s, endless ? NULL : &exit);
        if (body)
            stmt(w, body, s);
        st_merge(w, s, &c.cont);
        c.cont.dead = 1;
        if (inc)
            expr(w, inc, s);
        if (do_while && cond)
            loop_cond(w, cond, s, endless ? NULL : &exit);
        if (p + 1 < passes)
            st_merge(w, s, &entry);
    }
    st_merge(w, &exit, &c.brk);
    st_copy(w, s, &exit);
    w->depth--;
    w->ctx = c.up;
    st_free(&exit);
    st_free(&entry);
    st_free(&c.brk);
    st_free(&c.cont);
}

static void stmt(tw *w, node *n, state *s)
{
    node *last = n->nkids ? n->kids[n->nkids - 1] : NULL;
    jctx *c;
    switch (n->kind) {
    case CXCursor_CompoundStmt:
        for (unsigned i = 0; i < n->nkids; i++)
            stmt(w, n->kids[i], s);
        return;
    case CXCursor_IfStmt: {
        if (n->nkids < 2)
            return;
        state alt = st_new(w, 1);
        cond(w, n->kids[0], s, &alt);
        stmt(w, n->kids[1], s);
        if (n->nkids > 2)
            stmt(w, n->kids[2], &alt);
        st_merge(w, s, &alt);
        st_free(&alt);
        return;
    }
    case CXCursor_WhileStmt:
        if (n->nkids == 2)
            loop(w, n, s, n->kids[0], NULL, n->kids[1], 0);
        return;
    case CXCursor_DoStmt:
        if (n->nkids == 2)
            loop(w, n, s, n->kids[1], NULL, n->kids[0], 1);
        return;
    case CXCursor_ForStmt: {
        node *init, *cond, *inc, *body;
        an_for_parts(w->t, n, &init, &cond, &inc, &body);
        if (init)
            stmt(w, init, s);
        loop(w, n, s, cond, inc, body, 0);
        return;
    }
    case CXCursor_SwitchStmt: {
        if (n->nkids < 2)
            return;
        expr(w, n->kids[0], s);
        jctx sw = {0, 0, st_new(w, 1), st_new(w, 1), st_new(w, 0), w->ctx};
        st_copy(w, &sw.entry, s);
        w->ctx = &sw;
        s->dead = 1; /* the body is entered at its labels */
        stmt(w, last, s);
        w->ctx = sw.up;
        st_merge(w, s, &sw.brk);
        if (!sw.has_default)
            st_merge(w, s, &sw.entry);
        st_free(&sw.brk);
        st_free(&sw.cont);
        st_free(&sw.entry);
        return;
    }
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        for (c = w->ctx; c && c->is_loop; c = c->up)
            ;
        if (c) {
            st_merge(w, s, &c->entry);
            c->has_default |= n->kind == CXCursor_DefaultStmt;
        }
        if (last && (n->kind == CXCursor_DefaultStmt || n->nkids > 1))
            stmt(w, last, s);
        return;
    case CXCursor_LabelStmt:
        st_merge(w, s, &w->gotos);
        if (last)
            stmt(w, last, s);
        return;
    case CXCursor_BreakStmt:
        c = innermost(w, 0);
        end_path(w, s, c ? &c->brk : NULL);
        return;
    case CXCursor_ContinueStmt:
        c = innermost(w, 1);
        end_path(w, s, c ? &c->cont : NULL);
        return;
    case CXCursor_ReturnStmt:
        if (last)
            expr(w, last, s);
        end_path(w, s, NULL);
        return;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        for (unsigned i = 0; i < n->nkids; i++)
            expr(w, n->kids[i], s);
        end_path(w, s, &w->gotos);
        return;
    case CXCursor_DeclStmt:
        for (unsigned i = 0; i < n->nkids; i++) {
            node *d = n->kids[i];
            if (d->kind != CXCursor_VarDecl || !d->var)
                continue;
            node *init = an_var_init(d);
            if (init)
                expr(w, init, s);
            if (!s->dead)
                assign_local(w, s, d->var, init);
        }
        return;
    default:
        if (clang_isExpression(n->kind))
            expr(w, n, s);
        return;
    }
}

/* Every thread-local f names, and errno. */
static void find_objs(tw *w, node *n)
{
    if (obj_index(w, n, 1) >= 0)
        return;
    for (unsigned i = 0; i < n->nkids; i++)
        find_objs(w, n->kids[i]);
}

void li_thread_locals(tunit *t, afn *f)
{
    tw w = {t, f, NULL, 0, 0, 0, NULL, {1, NULL}, NULL, 0};
    find_objs(&w, f->body);
    if (w.nobj) {
        w.nslots = w.nobj + 2 * f->nvars;
        w.gotos = st_new(&w, 1);
        /* a goto backwards carries its facts to a label walked before it: walk again */
        for (int pass = 0; pass < (f->has_labels ? 2 : 1); pass++) {
            state s = st_new(&w, 0);
            stmt(&w, f->body, &s);
            st_free(&s);
        }
        st_free(&w.gotos);
    }
    for (unsigned i = 0; i < w.nobj; i++)
        free(w.objs[i].name);
    free(w.objs);
    free(w.warned);
}
