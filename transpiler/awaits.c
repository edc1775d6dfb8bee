/* awaits.c: the walk of an async function's body that finds its variables and their uses, its
 * awaits and the async functions they call, and what C leaves unevaluated. It rejects nothing:
 * check.c does, on what this walk found. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

/* Whether n's first token is spelled `word`. */
int an_text_starts(const tunit *t, const node *n, const char *word)
{
    return tk_is(&t->toks, tk_at(&t->toks, nstart(n)), word);
}

node *an_enclosing_scope(node *n)
{
    for (node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_CompoundStmt || p->kind == CXCursor_ForStmt)
            return p;
    return NULL;
}

var *an_var_of(afn *f, CXCursor decl)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (clang_equalCursors(f->vars[i]->decl->cur, decl))
            return f->vars[i];
    return NULL;
}

/* Whether a variable of type ty is const itself (through a typedef or typeof too); arrays are
 * not: their elements are, and so stay in the frame. */
unsigned an_is_const_type(CXType ty)
{
    CXType canon = clang_getCanonicalType(ty);
    if (ty_array(canon))
        return 0;
    return clang_isConstQualifiedType(ty) || clang_isConstQualifiedType(canon);
}

/* Whether kid k of n repeats an earlier kid: the same cursor, or an implicit conversion of it. */
static int repeats_kid(const node *n, unsigned k)
{
    const node *m = n->kids[k];
    for (;;) {
        for (unsigned j = 0; j < k; j++)
            if (clang_equalCursors(n->kids[j]->cur, m->cur))
                return 1;
        if (m->kind != CXCursor_UnexposedExpr || m->nkids != 1)
            return 0;
        m = m->kids[0];
    }
}

/* libclang shows the sizes of a VLA type in sizeof twice (the type name as written, then its
 * VLA chain, conversions around them): one node stands for each. */
static void drop_repeated_kids(node *n)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n->nkids; i++) {
        n->kids[k] = n->kids[i];
        if (!repeats_kid(n, k))
            k++;
    }
    n->nkids = k;
}

/* Whether sizeof n evaluates the sizes written in its type name: C evaluates them when the type
 * is a VLA (every one, those under a pointer too, as gcc and clang do; `sizeof(int (*)[f()])`
 * evaluates none), which is when the sizeof is not a constant. Asked once per node. */
static int vla_sizeof(node *n)
{
    if (!n->vla_sizeof_known) {
        unsigned long long size;
        n->vla_sizeof = !an_size_value(n, &size);
        n->vla_sizeof_known = 1;
    }
    return n->vla_sizeof;
}

/* GNU `a ?: b`: libclang shows a three times (the value, the condition, the result), as one
 * evaluation in C: one node stands for it, and n->elvis says what n is. */
static void fold_elvis(const tunit *t, node *n)
{
    if (n->kind != CXCursor_UnexposedExpr || n->nkids != 4)
        return;
    for (unsigned i = 1; i < 3; i++)
        if (nstart(n->kids[i]) != nstart(n->kids[0]) || nend(n->kids[i]) != nend(n->kids[0]))
            return;
    const tk_stream *ts = &t->toks;
    unsigned q = tk_next(ts, tk_at(ts, nend(n->kids[0])));
    if (!tk_is(ts, q, "?") || !tk_is(ts, tk_next(ts, q + 1), ":"))
        return;
    n->kids[1] = n->kids[3];
    n->nkids = 2;
    n->elvis = 1;
}

/* Whether token i is a word that may stand between a parameter's `[` and its size: `static` and
 * the type qualifiers (`int a[static const n]`, C11 6.7.6.3p7). */
static int array_qualifier(const tk_stream *ts, unsigned i)
{
    static const char *const words[] = {"static", "const", "volatile", "restrict", "_Atomic", "__const",
                                        "__const__", "__volatile", "__volatile__", "__restrict",
                                        "__restrict__"};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (tk_is(ts, i, words[w]))
            return 1;
    return 0;
}

/* Whether expression e is the size of an array type: `[e]`, also after `static` and qualifiers
 * in a parameter's. In a type name (sizeof, a cast, a compound literal, a declaration) that is the
 * only part C evaluates, when it is not constant; a parameter's is evaluated on entry. */
int an_is_array_bound(const tunit *t, const node *e)
{
    const tk_stream *ts = &t->toks;
    unsigned first = tk_at(ts, nstart(e)), after = tk_next(ts, tk_at(ts, nend(e)));
    unsigned before = tk_prev(ts, first);
    while (before < ts->n && array_qualifier(ts, before))
        before = tk_prev(ts, before);
    return before < ts->n && tk_is(ts, before, "[") && tk_is(ts, after, "]");
}

/* Whether asm statement n is an `asm goto`: its labels are operands libclang does not show, so
 * it counts as a jump to any label (jumps.c, dead_arms.c). */
static int asm_goto(const tunit *t, const node *n)
{
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_next(ts, tk_at(ts, nstart(n)) + 1); i < ts->n && ts->v[i].start < nend(n); i = tk_next(ts, i + 1)) {
        if (tk_is(ts, i, "goto"))
            return 1;
        if (tk_is(ts, i, "("))
            return 0;
    }
    return 0;
}

static int holds_marker(const node *n)
{
    if (n->mk)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (holds_marker(n->kids[i]))
            return 1;
    return 0;
}

const char *an_call_name(const node *n)
{
    if (!n->call_name) /* asked for every kid of every call: libclang's answer is kept */
        ((node *)n)->call_name = cx_take(clang_getCursorSpelling(n->cur));
    return n->call_name;
}

/* The scan, the checks and the thread-local lint each ask about every name. */
CXCursor an_referenced(const node *n)
{
    if (n->kind != CXCursor_DeclRefExpr && n->kind != CXCursor_CallExpr)
        return clang_getCursorReferenced(n->cur);
    if (!n->ref) {
        CXCursor *r = xarena(sizeof *r);
        *r = clang_getCursorReferenced(n->cur);
        ((node *)n)->ref = r;
    }
    return *n->ref;
}

int an_is_choose_expr(const tunit *t, const node *n)
{
    return n->kind == CXCursor_UnexposedExpr && n->nkids == 3 && an_text_starts(t, n, "__builtin_choose_expr");
}

int an_same_object(const tunit *t, const node *p, const node *c)
{
    static const char *const parts[] = {"__extension__", "__real__", "__imag__", "__real", "__imag", NULL};
    if (p->kind == CXCursor_UnaryOperator) {
        for (const char *const *w = parts; *w; w++)
            if (an_text_starts(t, p, *w))
                return 1;
        return 0;
    }
    return (p->kind == CXCursor_GenericSelectionExpr || an_is_choose_expr(t, p)) && p->nkids && p->kids[0] != c;
}

int an_calls_builtin(const node *n, const char *name)
{
    return n->kind == CXCursor_CallExpr && strcmp(an_call_name(n), name) == 0;
}

/* Whether the text names __builtin_types_compatible_p anywhere: searched once, when first asked
 * (before the threads of halves.c start). */
int an_names_types_compatible(const tunit *t)
{
    if (!t->names_types_compatible) {
        ((tunit *)t)->names_types_compatible = 1;
        for (unsigned j = 0; j < t->toks.n; j++)
            if (t->toks.v[j].kind == TK_IDENT && tk_is(&t->toks, j, "__builtin_types_compatible_p"))
                ((tunit *)t)->names_types_compatible = 2;
    }
    return t->names_types_compatible == 2;
}

/* Whether C leaves kid i of n unevaluated: the operand of sizeof (but not the sizes of a
 * VLA type named there, nor an operand of VLA type) and of _Alignof; the type names of declarations,
 * typedefs, casts and compound literals (typeof in them), except array sizes; the controlling
 * expression of a _Generic (C11 6.5.1.1: `_Generic(await(f()), ...)` never calls f); the operands of
 * __builtin_types_compatible_p, __builtin_constant_p, __builtin_classify_type and the pointer of
 * __builtin_object_size and __builtin_dynamic_object_size; the sizes of parameters of function
 * declarators (prototype scope, where a body's scan meets them). An await there is never run. */
int an_unevaluated_kid(const tunit *t, const node *n, unsigned i)
{
    switch (n->kind) { /* asked for every kid of every node: most parents are none of these */
    case CXCursor_UnaryExpr:
    case CXCursor_VarDecl:
    case CXCursor_TypedefDecl:
    case CXCursor_FieldDecl:
    case CXCursor_EnumConstantDecl:
    case CXCursor_CStyleCastExpr:
    case CXCursor_CompoundLiteralExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_GenericSelectionExpr:
    case CXCursor_CallExpr:
        break;
    case CXCursor_InitListExpr: /* an initializer a later designator overrides (overrides.c) */
        return ov_dropped(t, n->kids[i]);
    case CXCursor_ParmDecl: /* of a declarator in a body, `int (*p)(int a[e])`, `int g(int a[e]);`: a
                               size at prototype scope is never evaluated (C11 6.7.6.2p5: as `*`) */
        return clang_isExpression(n->kids[i]->kind);
    default:
        return 0;
    }
    const node *k = n->kids[i];
    if (!clang_isExpression(k->kind))
        return 0;
    switch (n->kind) {
    case CXCursor_UnaryExpr:
        if (an_text_starts(t, n, "sizeof")) /* an operand of VLA type is evaluated (C11 6.5.3.4) */
            return an_is_array_bound(t, k) ? !vla_sizeof((node *)n)
                                           : clang_getCanonicalType(clang_getCursorType(k->cur)).kind != CXType_VariableArray;
        return an_text_starts(t, n, "_Alignof") || an_text_starts(t, n, "__alignof") ||
               an_text_starts(t, n, "__alignof__") || an_text_starts(t, n, "alignof");
    case CXCursor_VarDecl: {
        CXCursor init = clang_Cursor_getVarDeclInitializer(n->cur);
        if (!clang_Cursor_isNull(init) && clang_equalCursors(init, k->cur))
            return 0;
        return !an_is_array_bound(t, k);
    }
    case CXCursor_TypedefDecl:
        return !an_is_array_bound(t, k);
    case CXCursor_FieldDecl: /* members and enumerators: constant expressions only */
    case CXCursor_EnumConstantDecl:
        return 1;
    case CXCursor_CStyleCastExpr:
        return i + 1 < n->nkids && !an_is_array_bound(t, k);
    case CXCursor_CompoundLiteralExpr:
        return k->kind != CXCursor_InitListExpr && !an_is_array_bound(t, k);
    case CXCursor_UnexposedExpr: /* every implicit conversion too: the text is searched once */
        return ov_dropped(t, k) || (an_names_types_compatible(t) && an_text_starts(t, n, "__builtin_types_compatible_p"));
    case CXCursor_GenericSelectionExpr: /* the controlling expression: only its type selects */
        return i == 0;
    case CXCursor_CallExpr: /* gcc and clang do not evaluate these builtins' operands either */
        return (i > 0 && (an_calls_builtin(n, "__builtin_constant_p") || an_calls_builtin(n, "__builtin_classify_type"))) ||
               (i == 1 && (an_calls_builtin(n, "__builtin_object_size") ||
                           an_calls_builtin(n, "__builtin_dynamic_object_size")));
    default:
        return 0;
    }
}

/* The async function a call names, or NULL. */
static callee *call_callee(tunit *t, const node *call)
{
    return call && call->kind == CXCursor_CallExpr ? an_callee_of(t, an_call_target(call)) : NULL;
}

/* The futures of a combinator that is awaited directly: each `f(x)` or `lvalue = f(x)` learns
 * its callee (check.c rejects the rest). */
static void resolve_combinator(tunit *t, node *n)
{
    node *p = n->parent;
    while (p && !p->mk && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                           p->kind == CXCursor_BinaryOperator))
        p = p->parent;
    if (!p || p->mk != MK_AWAIT || an_unparen(p->ops[0]) != n)
        return;
    if (n->mk == MK_TIMEOUT)
        n->fn = an_sleep_callee(t);
    for (unsigned i = n->mk == MK_TIMEOUT ? 1 : 0; i < n->nops; i++) {
        node *op = an_unparen(n->ops[i]), *call = op;
        if (an_is_assign(t, op))
            call = an_unparen(op->kids[1]);
        callee *c = call_callee(t, call);
        if (c)
            call->fn = c;
    }
}

/* A compound literal's storage is block-scoped on the poll function's stack: if a pointer to it
 * can be kept (an array, or its address taken, through members too: &(struct s){...}.y, and
 * (struct s){...}.array, which decays), it may have to live in the frame (liveness.c decides). */
static int literal_addressed(const tunit *t, const node *n)
{
    int addressed = ty_fixed_array(clang_getCursorType(n->cur));
    const node *c = n;
    node *p = n->parent;
    for (; p && !addressed; c = p, p = p->parent) {
        if (p->kind == CXCursor_MemberRefExpr && ty_fixed_array(clang_getCursorType(p->cur)))
            addressed = 1;
        else if (p->kind != CXCursor_ParenExpr && p->kind != CXCursor_UnexposedExpr && p->kind != CXCursor_MemberRefExpr &&
                 !an_same_object(t, p, c))
            break;
    }
    return addressed || (p && p->kind == CXCursor_UnaryOperator && an_text_starts(t, p, "&"));
}

/* Whether the value of await n is not used: a statement of its own (in a statement expression
 * inside sizeof or typeof), or a comma's left operand. Its replacement where C does not evaluate
 * it, a dereference, is then cast to void: gcc's -Wunused-value (-Wall) called it a statement
 * with no effect, and clang's -Wcomma a misuse, where the source's call has an effect. */
static int value_unused(const tunit *t, const node *n)
{
    if (an_value_discarded(n))
        return 1;
    const node *e = n, *p = n->parent;
    while (p && p->kind == CXCursor_ParenExpr) {
        e = p;
        p = p->parent;
    }
    return p && p->kind == CXCursor_BinaryOperator && p->nkids == 2 && p->kids[0] == e && strcmp(an_binop(t, p), ",") == 0;
}

/* A use of local v at n: &x, &x.m, and x.m of array type (which decays to a pointer into x)
 * let a pointer to v outlive any await. Through a pointer (x->m, x[i] of a pointer x, x.p->m)
 * the object is the pointee, not v: `strncpy(info->name, ...)` takes no address of info. */
static void note_use(const tunit *t, var *v, node *n)
{
    VEC_PUSH(v->refs, v->nrefs, n);
    node *value = n; /* the last operand on the way up that is not a conversion (array decay) */
    for (node *c = n, *p = n->parent; p; c = p, p = p->parent) {
        if ((p->kind == CXCursor_MemberRefExpr || p->kind == CXCursor_ArraySubscriptExpr) &&
            clang_getCanonicalType(clang_getCursorType(value->cur)).kind == CXType_Pointer)
            return;
        if (p->kind != CXCursor_ParenExpr && p->kind != CXCursor_UnexposedExpr)
            value = p;
        if ((p->kind == CXCursor_UnaryOperator && an_text_starts(t, p, "&")) ||
            (p->kind == CXCursor_MemberRefExpr && ty_fixed_array(clang_getCursorType(p->cur)))) {
            v->addr_taken = 1;
            return;
        }
        if (p->kind != CXCursor_ParenExpr && p->kind != CXCursor_UnexposedExpr && p->kind != CXCursor_MemberRefExpr &&
            p->kind != CXCursor_ArraySubscriptExpr && !an_same_object(t, p, c))
            return;
    }
}

void an_scan(scan *s, node *n)
{
    tunit *t = s->t;
    afn *f = s->f;
    an_find_marker(t, n);
    if (n->kind == CXCursor_LabelStmt)
        f->has_labels = 1;
    if ((n->kind == CXCursor_StructDecl || n->kind == CXCursor_UnionDecl || n->kind == CXCursor_EnumDecl) &&
        clang_Cursor_isAnonymous(n->cur))
        f->unnamed_local_type = 1;
    if (n->kind == CXCursor_VarDecl && f->self) {
        var *v = xcalloc(1, sizeof *v);
        v->decl = n;
        v->scope = an_enclosing_scope(n);
        v->name = cx_take(clang_getCursorSpelling(n->cur));
        v->type = cx_take(clang_getTypeSpelling(clang_getCursorType(n->cur)));
        enum CX_StorageClass sc = clang_Cursor_getStorageClass(n->cur);
        v->is_static = sc == CX_SC_Static || sc == CX_SC_Extern;
        v->is_const = an_is_const_type(clang_getCursorType(n->cur));
        n->var = v;
        VEC_PUSH(f->vars, f->nvars, v);
    }
    if (n->kind == CXCursor_UnaryExpr)
        drop_repeated_kids(n);
    fold_elvis(t, n);
    if (n->kind == CXCursor_GCCAsmStmt)
        n->asm_goto = asm_goto(t, n);
    for (unsigned i = 0; i < n->nkids; i++) {
        int skip = an_unevaluated_kid(t, n, i);
        s->in_unevaluated += skip;
        an_scan(s, n->kids[i]);
        s->in_unevaluated -= skip;
    }

    for (unsigned i = 0; i < n->nkids; i++)
        n->has_await |= n->kids[i]->has_await;
    /* An await is never constant, and its replacement must not be read even in words clang
     * warns about (a null dereference): the whole question has its answer. */
    if (an_calls_builtin(n, "__builtin_constant_p") && holds_marker(n))
        n->repl = "0";

    if (n->mk == MK_AWAIT) {
        /* In sizeof or typeof an await is never run: only its type counts (see below). */
        n->has_await = !s->in_unevaluated;
        if (n->has_await)
            VEC_PUSH(s->awaits, s->nawaits, n);
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        callee *c = call && !call->mk ? call_callee(t, call) : NULL;
        if (c) {
            call->fn = c;
            /* Where C does not evaluate it, an expression of the call's type that has a side effect
             * as the await has: __builtin_object_size answers "unknown" for such an operand. The void
             * cast keeps clang's -Wcomma quiet, as it is in the source. */
            if (s->in_unevaluated)
                n->repl = c->ret_type ? xasprintf("(%s*(__typeof__(%s) *)((void)__builtin_trap(), (void *)0))",
                                                  value_unused(t, n) ? "(void)" : "", c->ret_type)
                                      : "(__builtin_trap())";
        }
    } else if (n->mk == MK_BLOCK_ON || n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL) {
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        callee *c = call_callee(t, call);
        if (c)
            call->fn = c;
    } else if (n->mk) {
        resolve_combinator(t, n);
    } else if (n->kind == CXCursor_CompoundLiteralExpr && f->self) {
        if (literal_addressed(t, n) && an_enclosing_scope(n))
            VEC_PUSH(s->literals, s->nliterals, n); /* decided once every await is known */
    } else if (n->kind == CXCursor_DeclRefExpr && f->self) {
        CXCursor ref = an_referenced(n);
        if (clang_getCursorKind(ref) != CXCursor_FunctionDecl) {
            n->var = an_var_of(f, ref);
            if (n->var)
                note_use(t, n->var, n);
        }
    }
}
