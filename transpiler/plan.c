/* plan.c: the plan pass's driver and its records: states and their children, frame regions,
 * members and slots, the ABI declarations each function needs, and the frame's structure as
 * lowering declares it (plan_walk.c decides them all; see plan.h). */
#include "plan.h"
#include "analyze.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A child of state st: the frame of a callee defined earlier in this file is embedded (its
 * struct is known); one whose header promised its size (ac__frame_size_f) is embedded as bytes;
 * any other is allocated from the task's arena when the state starts. */
child *pl_add_child(tunit *t, afn *f, site *st, node *call, node *target, callee *c)
{
    child *ch = &st->kids[st->nkids];
    ch->fn = c;
    ch->call = call;
    ch->target = target;
    ch->embedded = c->defined_here && c->def_start < nstart(f->root);
    int known;
    names_get(&t->frame_bounds, c->name, &known);
    ch->bounded = !ch->embedded && known;
    ch->field = st->nkids ? xasprintf("ac__c%u_%u", st->index, st->nkids) : xasprintf("ac__c%u", st->index);
    st->nkids++;
    return ch;
}

site *pl_new_site(tunit *t, afn *f, node *aw, marker kind, const char *what, unsigned nkids)
{
    site *st = xcalloc(1, sizeof *st);
    st->index = f->nsites + 1;
    st->await = aw;
    st->kind = kind;
    st->what = what;
    st->line = dg_line_key(t, nstart(aw), dg_file_at(t, nstart(f->root)));
    st->kids = xcalloc(nkids ? nkids : 1, sizeof *st->kids);
    VEC_PUSH(f->sites, f->nsites, st);
    return st;
}

region *pl_new_region(region *parent)
{
    region *r = xcalloc(1, sizeof *r);
    if (parent)
        VEC_PUSH(parent->subs, parent->nsubs, r);
    return r;
}

pl_field *pl_add_field(region *r, char *decl, char *name, const char *what)
{
    pl_field *fl = xcalloc(1, sizeof *fl);
    fl->decl = decl;
    fl->name = name;
    fl->what = what;
    VEC_PUSH(r->fields, r->nfields, fl);
    return fl;
}

static int overlaps(const pl_field *s, span use)
{
    for (unsigned i = 0; i < s->nuses; i++)
        if (s->uses[i].lo < use.hi && use.lo < s->uses[i].hi)
            return 1;
    return 0;
}

/* The size of a share: its largest member's. */
static long long share_bytes(const pl_field *s)
{
    long long b = clang_Type_getSizeOf(s->type);
    for (unsigned i = 0; i < s->nalso; i++)
        if (clang_Type_getSizeOf(s->also[i]->type) > b)
            b = clang_Type_getSizeOf(s->also[i]->type);
    return b;
}

/* Joins the share whose size is nearest to the new member's (one at least as large first), so
 * that large buffers share with large ones; else a field of its own that later ones may join. */
pl_field *pl_add_shared_field(region *r, char *decl, char *name, const char *what, span use, long long bytes)
{
    pl_field *best = NULL;
    long long best_size = 0;
    for (unsigned i = 0; i < r->nfields; i++) {
        pl_field *s = r->fields[i];
        if (!s->nuses || overlaps(s, use))
            continue;
        long long size = share_bytes(s);
        if (!best || (size >= bytes && (best_size < bytes || size < best_size)) ||
            (size < bytes && best_size < bytes && size > best_size)) {
            best = s;
            best_size = size;
        }
    }
    pl_field *fl;
    if (best) {
        fl = xcalloc(1, sizeof *fl);
        fl->decl = decl;
        fl->name = name;
        fl->what = what;
        VEC_PUSH(best->also, best->nalso, fl);
    } else {
        fl = best = pl_add_field(r, decl, name, what);
    }
    VEC_PUSH(best->uses, best->nuses, use);
    return fl;
}

pl_slot *pl_add_slot(afn *f, const node *n, pl_role r, char *name, char *decl)
{
    f->slots = xrealloc(f->slots, sizeof *f->slots * (f->nslots + 1));
    f->slots[f->nslots] = (pl_slot){n, r, name, decl, 0};
    ptrmap_put(&f->slot_at, (const char *)n + r, (void *)(uintptr_t)(f->nslots + 1));
    return &f->slots[f->nslots++];
}

/* (A node's address plus a role names one slot: a node is larger than the roles are many.) */
_Static_assert(PR_SIZE < sizeof(node), "pl_slot_of's keys");

const pl_slot *pl_slot_of(const afn *f, const node *n, pl_role r)
{
    uintptr_t i = (uintptr_t)ptrmap_get(&f->slot_at, (const char *)n + r);
    return i ? &f->slots[i - 1] : NULL;
}

pl_hoist pl_hoist_of(const tunit *t, const node *n)
{
    if (!n->has_await)
        return PH_NONE;
    if (n->mk == MK_AWAIT)
        return an_unparen(n->ops[0])->mk ? PH_COMBINATOR : PH_AWAIT;
    if (n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL || n->mk == MK_BLOCK_ON)
        return PH_TASK; /* not the comma of its marker: `(__asyncc_spawn, (f(x)), ...)` */
    if (n->kind == CXCursor_StmtExpr)
        return PH_STMT_EXPR;
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2) {
        const char *op = an_binop(t, n);
        if (n->kids[1]->has_await && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0))
            return PH_LOGIC;
        if (strcmp(op, ",") == 0)
            return PH_COMMA;
    }
    if (n->kind == CXCursor_ConditionalOperator && n->nkids == 3 && (n->kids[1]->has_await || n->kids[2]->has_await))
        return PH_CONDITIONAL;
    if (n->kind == CXCursor_GenericSelectionExpr || an_is_choose_expr(t, n))
        return PH_CHOICE;
    if (n->elvis && n->kids[1]->has_await)
        return PH_ELVIS;
    return PH_OPERANDS;
}

static int region_empty(const region *r)
{
    if (r->nfields)
        return 0;
    for (unsigned i = 0; i < r->nsubs; i++)
        if (!region_empty(r->subs[i]))
            return 0;
    return 1;
}

static unsigned live_subs(const region *r)
{
    unsigned live = 0;
    for (unsigned i = 0; i < r->nsubs; i++)
        live += !region_empty(r->subs[i]);
    return live;
}

static void walk_members(const region *r, const pl_frame_visitor *v, void *arg, int depth);

/* A field, or the union of the locals that share its bytes. */
static void visit_field(const pl_field *fl, const pl_frame_visitor *v, void *arg, int depth)
{
    if (!fl->nalso) {
        v->field(arg, fl, depth);
        return;
    }
    v->open(arg, 2, depth);
    v->field(arg, fl, depth + 1);
    for (unsigned i = 0; i < fl->nalso; i++)
        v->field(arg, fl->also[i], depth + 1);
    v->close(arg, depth);
}

/* A region as members of a union: what must not overlap goes in one struct; a single field, or a
 * region that is only a union, needs no struct of its own (a union member of a union shares the
 * same bytes as the union's other members anyway). */
static void walk_union_member(const region *r, const pl_frame_visitor *v, void *arg, int depth)
{
    if (region_empty(r))
        return;
    if (r->nfields == 1 && live_subs(r) == 0) {
        visit_field(r->fields[0], v, arg, depth);
    } else if (r->nfields == 0) {
        for (unsigned i = 0; i < r->nsubs; i++)
            walk_union_member(r->subs[i], v, arg, depth);
    } else {
        v->open(arg, 0, depth);
        walk_members(r, v, arg, depth + 1);
        v->close(arg, depth);
    }
}

/* A local of many cache lines (a buffer): laid out after its region's other members and
 * sub-regions, so that what a poll touches at every await (the state, scalars, the child frame
 * of the await) shares the frame's first cache lines instead of lying beyond the buffer. */
enum { BULKY_BYTES = 256 };

static int bulky(const pl_field *fl)
{
    if (fl->size == PS_TYPE && clang_Type_getSizeOf(fl->type) > BULKY_BYTES)
        return 1;
    for (unsigned i = 0; i < fl->nalso; i++)
        if (bulky(fl->also[i]))
            return 1;
    return 0;
}

/* A region's fields in a struct, then its sub-regions, which share bytes when there are several
 * (a struct inside a struct adds nothing but padding, so a single sub-region's members are placed
 * inline), then its bulky fields. Frames are mostly of one nesting per block and statement:
 * writing every level as its own anonymous struct made the frame alone a sixth of a csmith
 * program's output. */
static void walk_members(const region *r, const pl_frame_visitor *v, void *arg, int depth)
{
    for (unsigned i = 0; i < r->nfields; i++)
        if (!bulky(r->fields[i]))
            visit_field(r->fields[i], v, arg, depth);
    unsigned live = live_subs(r);
    if (live == 1) {
        for (unsigned i = 0; i < r->nsubs; i++)
            walk_members(r->subs[i], v, arg, depth);
    } else if (live > 1) {
        v->open(arg, 1, depth);
        for (unsigned i = 0; i < r->nsubs; i++)
            walk_union_member(r->subs[i], v, arg, depth + 1);
        v->close(arg, depth);
    }
    for (unsigned i = 0; i < r->nfields; i++)
        if (bulky(r->fields[i]))
            visit_field(r->fields[i], v, arg, depth);
}

void pl_walk_frame(const region *root, const pl_frame_visitor *v, void *arg)
{
    walk_members(root, v, arg, 1);
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

void pl_prepare(tunit *t)
{
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (f->self)
            VEC_PUSH(f->needs, f->nneeds, f->self);
        plan_needs(f, f->root);
        if (f->self && f->body)
            pl_moved_types(t, f);
    }
}

void pl_function(tunit *t, afn *f)
{
    if (f->self && f->body)
        pl_walk(t, f);
}

site *pl_site(const afn *f, const node *aw)
{
    for (unsigned i = 0; i < f->nsites; i++)
        if (f->sites[i]->await == aw)
            return f->sites[i];
    return NULL;
}
