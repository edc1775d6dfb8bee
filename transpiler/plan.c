/* plan.c: the plan pass: each async function's states in evaluation order, their children and
 * where each child's frame lives, and the ABI declarations the function needs (see plan.h). */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

typedef struct planner {
    tunit *t;
    afn *f;
} planner;

/* A child of state st: the frame of a callee defined earlier in this file is embedded (its
 * struct is known); one whose header promised its size (ac__frame_size_f) is embedded as bytes;
 * any other is allocated from the task's arena when the state starts. */
static void add_child(planner *p, site *st, node *call, node *target, callee *c)
{
    child *ch = &st->kids[st->nkids];
    ch->fn = c;
    ch->call = call;
    ch->target = target;
    ch->embedded = c->defined_here && c->def_start < nstart(p->f->root);
    int known;
    names_get(&p->t->frame_bounds, c->name, &known);
    ch->bounded = !ch->embedded && known;
    ch->field = st->nkids ? xasprintf("ac__c%u_%u", st->index, st->nkids) : xasprintf("ac__c%u", st->index);
    st->nkids++;
}

static site *new_site(planner *p, node *aw, marker kind, const char *what, unsigned nkids)
{
    afn *f = p->f;
    site *st = xcalloc(1, sizeof *st);
    st->index = f->nsites + 1;
    st->await = aw;
    st->kind = kind;
    st->what = what;
    st->line = dg_line_at(p->t, nstart(aw));
    st->kids = xcalloc(nkids ? nkids : 1, sizeof *st->kids);
    VEC_PUSH(f->sites, f->nsites, st);
    return st;
}

static void plan_node(planner *p, node *n);

/* await(ac_join(...)) and the other combinators: one state polling several children, after the
 * awaits in their arguments (and in ac_timeout's duration), which run first. */
static void plan_combinator(planner *p, node *aw, node *comb)
{
    static const char *const combinator[] = {[MK_JOIN] = "ac_join", [MK_TRY_JOIN] = "ac_try_join",
                                             [MK_SELECT] = "ac_select", [MK_TIMEOUT] = "ac_timeout"};
    unsigned first = comb->mk == MK_TIMEOUT ? 1 : 0;
    for (unsigned i = first; i < comb->nops; i++) {
        node *op = an_unparen(comb->ops[i]), *call = op;
        if (op->kind == CXCursor_BinaryOperator && strcmp(an_binop(p->t, op), "=") == 0)
            call = an_unparen(op->kids[1]);
        for (unsigned a = 1; a < call->nkids; a++)
            plan_node(p, call->kids[a]);
    }
    if (comb->mk == MK_TIMEOUT)
        plan_node(p, comb->ops[0]);
    site *st = new_site(p, aw, comb->mk, combinator[comb->mk], comb->nops - first + (comb->mk == MK_TIMEOUT));
    for (unsigned i = first; i < comb->nops; i++) {
        node *op = an_unparen(comb->ops[i]), *call = op, *target = NULL;
        if (op->kind == CXCursor_BinaryOperator && strcmp(an_binop(p->t, op), "=") == 0) {
            target = op->kids[0];
            call = an_unparen(op->kids[1]);
        }
        add_child(p, st, call, target, call->fn);
    }
    if (comb->mk == MK_TIMEOUT)
        add_child(p, st, NULL, NULL, comb->fn);
    if (comb->mk == MK_JOIN || comb->mk == MK_TRY_JOIN)
        st->mask = xasprintf("ac__m%u", st->index);
}

/* The states under n in the order the generated code reaches them: the order C evaluates
 * (operands before the operation, an await's arguments before it suspends, left before right
 * across && || ?: and the comma), and for a `for` its body before its increment. */
static void plan_node(planner *p, node *n)
{
    if (!n->has_await)
        return;
    if (n->mk == MK_AWAIT) {
        node *call = an_unparen(n->ops[0]);
        if (call->mk) {
            plan_combinator(p, n, call);
            return;
        }
        for (unsigned i = 1; i < call->nkids; i++)
            plan_node(p, call->kids[i]);
        if (!n->direct) {
            site *st = new_site(p, n, MK_AWAIT, call->fn->name, 1);
            add_child(p, st, call, NULL, call->fn);
        }
        return;
    }
    if (n->kind == CXCursor_ForStmt) {
        node *init, *cond, *inc, *body;
        an_for_parts(p->t, n, &init, &cond, &inc, &body);
        node *order[] = {init, cond, body, inc};
        for (unsigned i = 0; i < 4; i++)
            if (order[i])
                plan_node(p, order[i]);
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        plan_node(p, n->kids[i]);
}

/* The async functions f refers to (itself first): each needs its ABI declared before f's code
 * (lower_emit.c declares those not declared yet). */
static void plan_needs(afn *f, node *n)
{
    if (n->fn) {
        unsigned i = 0;
        while (i < f->nneeds && f->needs[i] != n->fn)
            i++;
        if (i == f->nneeds)
            VEC_PUSH(f->needs, f->nneeds, n->fn);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        plan_needs(f, n->kids[i]);
}

void pl_unit(tunit *t)
{
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (f->self)
            VEC_PUSH(f->needs, f->nneeds, f->self);
        plan_needs(f, f->root);
        if (!f->self || !f->body)
            continue;
        planner p = {t, f};
        plan_node(&p, f->body);
    }
}

site *pl_site(const afn *f, const node *aw)
{
    for (unsigned i = 0; i < f->nsites; i++)
        if (f->sites[i]->await == aw)
            return f->sites[i];
    return NULL;
}
