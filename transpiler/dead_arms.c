/* dead_arms.c: the conditions clang folds to a constant, and the awaits that never run as clang's
 * CFG sees it (in an `if` arm a constant condition never takes, after a statement that never
 * ends, and no jump into them): the output must not make code reachable to the compiler that is
 * not reachable in the source. */
#include "analyze.h"

#include <string.h>

/*
 * clang builds a function's CFG with the edges a constant condition cannot take removed, and
 * drops the warnings it defers for unreachable code (-Wtautological-constant-compare, division
 * by zero, array bounds: "runtime behavior" diagnostics) when they sit in such an arm. An await
 * in that arm has a resume label the dispatch's `case N: goto ac__resume_N;` reaches, and with it
 * the whole arm: csmith programs whose `if ((x, -10L)) ... else { ...await...; (a && b) > 1UL; }`
 * gave clang warnings the plain program does not (seeds 200499, 200515). The dispatch writes
 * such a state's case as `if (0) goto ac__resume_N; __builtin_trap();`: the label stays used and
 * unreachable, as in C. The arm never runs, so its await never suspends and the state is never
 * stored; were it ever, the trap would say so rather than resume somewhere else.
 */

static int inside(const node *n, const node *arm)
{
    for (; n; n = n->parent)
        if (n == arm)
            return 1;
    return 0;
}

/* Whether the subtree of n has a label statement that cursor `to` names (NULL: any label). */
static int has_label(const node *n, const CXCursor *to)
{
    if (n->kind == CXCursor_LabelStmt && (!to || an_is_label(n, *to)))
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (has_label(n->kids[i], to))
            return 1;
    return 0;
}

/* Whether control can enter arm other than through its start, from anywhere under x: a goto
 * (or an `asm goto`, or a label's address taken) from outside to a label inside (any label, for
 * a computed goto or an `asm goto`), a case or default inside whose switch is outside. A label
 * reached only from inside the dead arm is dead too, as clang's CFG has it (csmith's `goto
 * lbl_1647` in the same arm). */
static int entered(const node *x, const node *arm)
{
    if (x->kind == CXCursor_LabelRef && !inside(x, arm)) {
        /* a goto's label, and any other naming of one: an `asm goto` target, `&&label` */
        CXCursor to = clang_getCursorReferenced(x->cur);
        if (has_label(arm, &to))
            return 1;
    } else if ((x->kind == CXCursor_IndirectGotoStmt || x->asm_goto) && has_label(arm, NULL)) {
        return 1;
    } else if ((x->kind == CXCursor_CaseStmt || x->kind == CXCursor_DefaultStmt) && inside(x, arm)) {
        const node *s = x->parent;
        while (s && s->kind != CXCursor_SwitchStmt)
            s = s->parent;
        if (!s || !inside(s, arm))
            return 1;
    }
    for (unsigned i = 0; i < x->nkids; i++)
        if (entered(x->kids[i], arm))
            return 1;
    return 0;
}

/* Whether clang's value of e is not the one the program computes: e holds a marker of
 * asyncc.h (`await(x)` is `(__asyncc_await, (x))` to clang, and `ac_timeout(ms, f)` folds to 0:
 * the value is the future's, which only running it tells), or asks a question gcc may answer
 * otherwise (gcc -O2 knows more constants, and the plain program is built by gcc). The left
 * operand of a comma gives no value: `if ((x ^ await(f()), 2L))` folds as in the source (csmith
 * seed 101631, small). */
static int not_clangs_value(const tunit *t, const node *e)
{
    if (e->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, e), ",") == 0)
        return not_clangs_value(t, e->kids[1]);
    if (e->mk || an_calls_builtin(e, "__builtin_constant_p") || an_calls_builtin(e, "__builtin_object_size") ||
        an_calls_builtin(e, "__builtin_dynamic_object_size"))
        return 1;
    for (unsigned i = 0; i < e->nkids; i++)
        if (not_clangs_value(t, e->kids[i]))
            return 1;
    return 0;
}

/* Whether expression e is an integer constant as clang folds it (side effects of a comma's left
 * operand aside, as the CFG does): 1 with *nonzero set, or 0 when it is not known. */
static int evaluate(const tunit *t, const node *e, int *nonzero)
{
    if (not_clangs_value(t, e))
        return 0;
    CXEvalResult r = clang_Cursor_Evaluate(e->cur);
    if (!r)
        return 0;
    int known = clang_EvalResult_getKind(r) == CXEval_Int;
    if (known)
        *nonzero = clang_EvalResult_isUnsignedInt(r) ? clang_EvalResult_getAsUnsigned(r) != 0
                                                     : clang_EvalResult_getAsLongLong(r) != 0;
    clang_EvalResult_dispose(r);
    return known;
}

/* The answer is kept in the node: checks, plan and lowering ask about the same conditions. */
static int folded(const tunit *t, const node *e, int *nonzero)
{
    node *m = (node *)e;
    if (!m->folded) {
        int v = 0;
        m->folded = evaluate(t, e, &v) ? 2 + (v != 0) : 1;
    }
    if (m->folded >= 2)
        *nonzero = m->folded == 3;
    return m->folded >= 2;
}

int da_folded_condition(const tunit *t, const node *n, int *nonzero)
{
    const node *p = n->parent;
    if (!p || !clang_isExpression(n->kind))
        return 0;
    int cond = 0;
    switch (p->kind) {
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_ConditionalOperator:
        cond = n == p->kids[0];
        break;
    case CXCursor_DoStmt:
        cond = p->nkids == 2 && n == p->kids[1];
        break;
    case CXCursor_ForStmt: {
        node *init, *c, *inc, *body;
        an_for_parts(t, (node *)p, &init, &c, &inc, &body);
        cond = n == c;
        break;
    }
    case CXCursor_BinaryOperator: {
        const char *op = an_binop(t, p);
        cond = strcmp(op, "&&") == 0 || strcmp(op, "||") == 0;
        break;
    }
    default:
        break;
    }
    return cond && folded(t, n, nonzero);
}

int da_folded_comparison(const tunit *t, const node *n, int *nonzero)
{
    if (n->kind != CXCursor_BinaryOperator || n->nkids != 2)
        return 0;
    const char *op = an_binop(t, n);
    return (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0) && folded(t, n, nonzero);
}

/* Whether kids [from, to] of block b are dead once kid from - 1 never completes: no goto, case
 * or default enters any of them from elsewhere. */
static int rest_dead(const node *top, const node *b, unsigned from, unsigned to)
{
    for (unsigned i = from; i <= to; i++)
        if (entered(top, b->kids[i]))
            return 0;
    return 1;
}

/* Whether statement s never ends normally as clang's CFG sees it: a break, continue, return or
 * goto, an `if` whose folded condition takes an arm that never ends, a block with such a
 * statement and nothing entered after it. (A call of a noreturn function ends a CFG block too:
 * not counted, which only leaves an await live.) */
static int never_completes(const tunit *t, const node *top, const node *s)
{
    int nonzero;
    switch (s->kind) {
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        return 1;
    case CXCursor_LabelStmt:
        return s->nkids && never_completes(t, top, s->kids[s->nkids - 1]);
    case CXCursor_IfStmt:
        if (s->nkids < 2 || !folded(t, s->kids[0], &nonzero))
            return 0;
        /* and the other arm is not entered by a jump, from where control would go on after
         * the `if` (`if (1) return; else { l: ...; }` and a `goto l` elsewhere) */
        if (nonzero)
            return never_completes(t, top, s->kids[1]) && (s->nkids < 3 || !entered(top, s->kids[2]));
        return s->nkids > 2 && never_completes(t, top, s->kids[2]) && !entered(top, s->kids[1]);
    case CXCursor_CompoundStmt:
        for (unsigned i = 0; i < s->nkids; i++)
            if (never_completes(t, top, s->kids[i]))
                return i + 1 == s->nkids || rest_dead(top, s, i + 1, s->nkids - 1);
        return 0;
    default:
        return 0;
    }
}

int da_dead_await(const tunit *t, const node *aw)
{
    const node *top = aw;
    while (top->parent)
        top = top->parent;
    for (const node *n = aw; n->parent; n = n->parent) {
        const node *p = n->parent;
        int nonzero;
        /* (a GNU `c ?: x` has no third operand: its x is not its kids[1]'s role; not counted) */
        if ((p->kind == CXCursor_IfStmt ? p->nkids >= 2 : p->kind == CXCursor_ConditionalOperator && p->nkids == 3) &&
            n != p->kids[0] && folded(t, p->kids[0], &nonzero) && nonzero == (n != p->kids[1]) && !entered(top, n))
            return 1;
        /* the right operand of `K && x`, `K || x` that K decides */
        if (p->kind == CXCursor_BinaryOperator && p->nkids == 2 && n == p->kids[1]) {
            const char *op = an_binop(t, p);
            int and = strcmp(op, "&&") == 0;
            if ((and || strcmp(op, "||") == 0) && folded(t, p->kids[0], &nonzero) && nonzero != and)
                return !entered(top, n);
        }
        if (p->kind != CXCursor_CompoundStmt)
            continue;
        /* after a statement of the same block that never ends (csmith seed 100551, small:
         * `if (l_9) break;` of a const l_9, then a loop of awaits) */
        unsigned k = 0;
        while (k < p->nkids && p->kids[k] != n)
            k++;
        for (unsigned j = 0; j < k; j++)
            if (never_completes(t, top, p->kids[j]) && rest_dead(top, p, j + 1, k))
                return 1;
    }
    return 0;
}
