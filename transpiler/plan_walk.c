/* plan_walk.c: the plan's walk of one async function's body, in the order its generated code
 * runs: it numbers the states and decides every frame member, temporary and moved type. */
#include "names.h"
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct walker {
    tunit *t;
    afn *f;
    region *uni;  /* receives the regions of new statements and blocks */
    region *stmt; /* receives the temporaries of the statement being walked */
    region *decl_block; /* while a declaration with awaits is walked: the region around it */
    unsigned ntemps;
    int twin; /* a function that never suspends: its temporaries are C locals of its twin */
    ptrmap regions; /* block or statement -> the region the walk gave it */
} walker;

static void walk_stmt(walker *w, node *s);
static void walk_expr(walker *w, node *n);

static region *region_for(walker *w, const node *n, region *parent)
{
    region *r = pl_new_region(parent);
    ptrmap_put(&w->regions, n, r);
    return r;
}

/* The region of block or statement n, or NULL when it has none. */
static region *region_of(const walker *w, const node *n)
{
    return n ? ptrmap_get(&w->regions, n) : NULL;
}

/* A temporary of the type spelled `type` (taken) for node n, which holds size information ty. */
static pl_field *temp(walker *w, const node *n, char *type, pl_size size, CXType ty)
{
    afn *f = w->f;
    char *named = lw_name_unnamed(type, f->anon_from, f->anon_to, f->nanon);
    char *name = xasprintf("ac__t%u", ++w->ntemps);
    char *decl = lw_field_decl(named, xstrdup(name));
    pl_add_slot(f, n, PR_TEMP, name, xstrdup(decl));
    if (w->twin) {
        free(decl);
        free(named);
        return NULL;
    }
    pl_field *fl = pl_add_field(w->stmt, decl, xstrdup(name), "temporary of an expression with awaits");
    fl->size = size;
    fl->type = ty;
    fl->shown = named;
    return fl;
}

static CXType no_type(void)
{
    CXType ty = {0};
    return ty;
}

/* The temporary that keeps the value of expression n, of type ty, from the statements that compute
 * it to its use (check.c refused the types of run-time size, which have no spelling). */
/* ty as a temporary's type: its spelling, or, for a type without a name defined for a member,
 * the member's (lw_unnamed_member_type). */
static char *spell_value_type(const afn *f, CXType ty)
{
    char *s = lw_rename_types(f, ty, lw_type_spelling(ty));
    char *named = lw_name_unnamed(xstrdup(s), f->anon_from, f->anon_to, f->nanon);
    int unspellable = lw_unspellable(named);
    free(named);
    char *member = unspellable ? lw_unnamed_member_type(f, ty, f->anon_from, f->anon_to, f->nanon) : NULL;
    if (!member)
        return s;
    free(s);
    return member;
}

static void value_temp(walker *w, const node *n, const node *value, CXType ty)
{
    char *bits;
    if (vm_type(ty))
        temp(w, n, xstrdup("void *"), PS_POINTER, no_type());
    else if ((bits = lw_bit_field_value_type(w->t, w->f, value)))
        temp(w, n, bits, PS_TYPE, ty);
    else
        temp(w, n, spell_value_type(w->f, ty), PS_TYPE, ty);
}

static void child_field(walker *w, const child *ch)
{
    const callee *c = ch->fn;
    pl_field *fl;
    if (ch->embedded) {
        fl = pl_add_field(w->stmt, xasprintf("struct ac__frame_%s %s", c->name, ch->field), xstrdup(ch->field),
                          "child frame, inside this frame");
        fl->size = PS_FRAME;
        fl->shown = xasprintf("struct ac__frame_%s", c->name);
    } else if (ch->bounded) {
        fl = pl_add_field(w->stmt, xasprintf("unsigned char %s[ac__frame_size_%s] __attribute__((__aligned__(16)))", ch->field, c->name),
                          xstrdup(ch->field), "child frame, inside this frame (size from its header)");
        fl->size = PS_BYTES;
        int known;
        fl->bytes = (unsigned long long)(uintptr_t)names_get(&w->t->frame_bounds, c->name, &known);
        fl->align = 16;
        fl->shown = xasprintf("unsigned char[%llu]", fl->bytes);
    } else {
        fl = pl_add_field(w->stmt, xasprintf("void *%s", ch->field), xstrdup(ch->field),
                          "pointer to a child frame in the task arena");
        fl->size = PS_POINTER;
        fl->shown = xstrdup("void *");
    }
    fl->child = c;
}

/* Whether a temporary of type ty may be a C local of the run function: a scalar of a type that
 * C90 has too (its declaration is the generated code's, on the function's line, where no pragma
 * keeps -Wlong-long quiet), unqualified, not variably modified. */
static int plain_scalar(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    if (clang_isConstQualifiedType(c) || clang_isVolatileQualifiedType(c))
        return 0;
    switch (c.kind) {
    case CXType_Char_U: case CXType_UChar: case CXType_Char_S: case CXType_SChar: case CXType_UShort:
    case CXType_Short: case CXType_UInt: case CXType_Int: case CXType_ULong: case CXType_Long:
    case CXType_Float: case CXType_Double:
        return 1;
    case CXType_Pointer:
        return !vm_type(ty);
    default:
        return 0;
    }
}

/* Whether n, outside aw's own subtree (the awaits of aw's arguments run before it), holds an
 * await that may suspend. */
static int suspends_besides(const node *n, const node *aw)
{
    if (n == aw || !n->has_await)
        return 0;
    if (n->mk == MK_AWAIT && !n->direct)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (suspends_besides(n->kids[i], aw))
            return 1;
    return 0;
}

/* The temporary that holds await aw's value (of type `type`, taken) until the rest of its
 * statement reads it (the await is hoisted out of it: jumps.c, jp_resumed_stmt). When no other
 * await in that rest can suspend, nothing runs between the two that could, and the value need
 * not live in the frame: it is a C local of ac__run_f, declared at its start (the dispatch may
 * enter after it; no path reads it before the await sets it), which gcc -O2 keeps in a register
 * where a frame member was a store and a load it must keep (bench/RESULTS-output-cost.md: 2% of
 * gcc's instructions on samples/echo's output). */
static void await_temp(walker *w, node *aw, char *type, pl_size size, CXType ty, int scalar)
{
    if (w->twin || !scalar || suspends_besides(jp_resumed_stmt(aw), aw)) {
        temp(w, aw, type, size, ty);
        return;
    }
    afn *f = w->f;
    char *named = lw_name_unnamed(type, f->anon_from, f->anon_to, f->nanon);
    char *name = xasprintf("ac__t%u", ++w->ntemps);
    pl_add_slot(f, aw, PR_TEMP, name, lw_field_decl(named, xstrdup(name)))->local = 1;
    free(named);
}

/* An await: the awaits in its call's arguments, then its state (none for a direct call of a
 * function that never suspends), its child's frame and the temporary its value goes to. */
static void walk_await(walker *w, node *aw)
{
    node *call = an_unparen(aw->ops[0]);
    callee *c = call->fn;
    for (unsigned i = 1; i < call->nkids; i++)
        walk_expr(w, call->kids[i]);
    CXType rt = clang_getCursorType(call->cur);
    if (aw->direct) {
        if (c->ret_type && !an_value_discarded(aw))
            await_temp(w, aw, xstrdup(c->ret_type), PS_TYPE, rt, plain_scalar(rt));
        return;
    }
    site *st = pl_new_site(w->t, w->f, aw, MK_AWAIT, c->name, 1);
    child *ch = pl_add_child(w->t, w->f, st, call, NULL, c);
    child_field(w, ch);
    if (c->ret_type && !ch->embedded && !an_value_discarded(aw)) /* (a value dropped is not read) */
        await_temp(w, aw, xstrdup(c->ret_type), PS_TYPE, rt, plain_scalar(rt));
}

/* await(ac_join(...)) and the other combinators: one state polling several children, after the
 * awaits in ac_timeout's duration and then in their arguments, which run first, in the order of
 * the source (the duration is written first, and C's comma evaluates it first in plain C). */
static void walk_combinator(walker *w, node *aw, node *comb)
{
    static const char *const combinator[] = {[MK_JOIN] = "ac_join", [MK_TRY_JOIN] = "ac_try_join",
                                             [MK_SELECT] = "ac_select", [MK_TIMEOUT] = "ac_timeout"};
    unsigned first = comb->mk == MK_TIMEOUT ? 1 : 0;
    if (comb->mk == MK_TIMEOUT)
        walk_expr(w, comb->ops[0]);
    for (unsigned i = first; i < comb->nops; i++) {
        node *op = an_unparen(comb->ops[i]), *call = op;
        if (an_is_assign(w->t, op))
            call = an_unparen(op->kids[1]);
        for (unsigned a = 1; a < call->nkids; a++)
            walk_expr(w, call->kids[a]);
    }
    site *st = pl_new_site(w->t, w->f, aw, comb->mk, combinator[comb->mk], comb->nops - first + (comb->mk == MK_TIMEOUT));
    for (unsigned i = first; i < comb->nops; i++) {
        node *op = an_unparen(comb->ops[i]), *call = op, *target = NULL;
        if (an_is_assign(w->t, op)) {
            target = op->kids[0];
            call = an_unparen(op->kids[1]);
        }
        child_field(w, pl_add_child(w->t, w->f, st, call, target, call->fn));
    }
    if (comb->mk == MK_TIMEOUT)
        child_field(w, pl_add_child(w->t, w->f, st, NULL, NULL, comb->fn));
    /* the value, which a select and a timeout set only in the poll that finishes them (it holds
     * the budget left until then: lower_await.c), where a try_join's gathers the children's
     * errors over every poll */
    if (comb->mk != MK_JOIN)
        await_temp(w, aw, xstrdup("int"), PS_WORD, no_type(), comb->mk != MK_TRY_JOIN);
    if (comb->mk == MK_JOIN || comb->mk == MK_TRY_JOIN) {
        st->mask = xasprintf("ac__m%u", st->index);
        pl_field *fl = pl_add_field(w->stmt, xasprintf("unsigned %s", st->mask), xstrdup(st->mask),
                                    "combinator: one bit per finished child");
        fl->size = PS_WORD;
        fl->shown = xstrdup("unsigned int");
    }
}

/* A GNU statement expression with awaits: its statements run before the statement that uses it,
 * in a block of their own, and its last expression statement gives the value. */
static void walk_stmt_expr(walker *w, node *n)
{
    node *body = n->nkids ? n->kids[0] : NULL;
    if (!body || body->kind != CXCursor_CompoundStmt)
        return;
    CXType ty = clang_getCursorType(n->cur);
    int discarded = an_value_discarded(n), value = ty.kind != CXType_Void && !discarded;
    if (value)
        value_temp(w, n, n, ty);
    region *saved = w->uni, *saved_stmt = w->stmt;
    w->uni = region_for(w, body, w->uni);
    for (unsigned i = 0; i < body->nkids; i++) {
        node *k = body->kids[i];
        while (k->kind == CXCursor_LabelStmt && k->nkids)
            k = k->kids[k->nkids - 1]; /* `out: t * 10;`, the __label__ idiom */
        if (i + 1 == body->nkids && (value || discarded) && clang_isExpression(k->kind)) {
            /* A region for its temporaries and child frames, which the blocks of the statement
             * expressions inside it go under, as a statement's do: they run while its earlier
             * operands' values wait (`a + await(f()) + ({ ...await(g())... })` reads f's child
             * frame after g's block). The body's own locals are beside it. */
            region *own = w->uni;
            w->stmt = w->uni = pl_new_region(own);
            walk_expr(w, k);
            w->stmt = saved_stmt;
            w->uni = own;
        } else {
            walk_stmt(w, body->kids[i]);
        }
    }
    w->uni = saved;
}

/* Every await inside expression n, in the order C evaluates them (operands before the operation,
 * an await's arguments before it suspends, left before right across && || ?: and the comma), with
 * the temporaries of the operators whose operands become statements of their own. */
static void walk_expr(walker *w, node *n)
{
    switch (pl_hoist_of(w->t, n)) {
    case PH_NONE:
        return;
    case PH_AWAIT:
        walk_await(w, n);
        return;
    case PH_COMBINATOR:
        walk_combinator(w, n, an_unparen(n->ops[0]));
        return;
    case PH_TASK: {
        node *call = an_unparen(n->ops[0]);
        for (unsigned i = 1; i < call->nkids; i++)
            walk_expr(w, call->kids[i]);
        return;
    }
    case PH_STMT_EXPR:
        walk_stmt_expr(w, n);
        return;
    case PH_LOGIC:
        walk_expr(w, n->kids[0]);
        temp(w, n, xstrdup("int"), PS_WORD, no_type());
        walk_expr(w, n->kids[1]);
        return;
    case PH_CONDITIONAL: {
        walk_expr(w, n->kids[0]);
        CXType ty = clang_getCursorType(n->cur);
        if (ty.kind != CXType_Void)
            value_temp(w, n, n, ty);
        walk_expr(w, n->kids[1]);
        walk_expr(w, n->kids[2]);
        return;
    }
    case PH_ELVIS:
        walk_expr(w, n->kids[0]);
        value_temp(w, n, n->kids[0], clang_getCursorType(n->kids[0]->cur));
        walk_expr(w, n->kids[1]);
        return;
    case PH_CHOICE: /* kid 0 never awaits: a constant, or a _Generic's unevaluated controlling one */
    case PH_COMMA:
    case PH_OPERANDS:
        for (unsigned i = 0; i < n->nkids; i++)
            walk_expr(w, n->kids[i]);
        return;
    }
}

/* ---------------------------------------------------------------- declarations */

/* Size expression e of a variably modified type, evaluated once (after its own awaits) into a
 * frame member of r that e then stands for (lower_vm.c). */
static void capture_size(walker *w, node *e, region *r)
{
    walk_expr(w, e);
    char *name = xasprintf("ac__vs%u", ++w->ntemps);
    pl_add_slot(w->f, e, PR_SIZE, xstrdup(name), NULL);
    pl_field *fl = pl_add_field(r, xasprintf("__SIZE_TYPE__ %s", name), name, "a size of a variably modified type");
    fl->size = PS_POINTER;
    fl->shown = xstrdup("__SIZE_TYPE__");
}

/* The sizes of variably modified declarator k that are captured, in r; libclang lists them
 * innermost first. */
static void capture_sizes(walker *w, node *k, region *r)
{
    for (unsigned i = k->nkids; i-- > 0;)
        if (vm_size_captured(w->t, k, k->kids[i]))
            capture_size(w, k->kids[i], r);
}

/* The region of the block (or for statement) that declares v, or where the walk is. */
static region *scope_region(walker *w, const var *v)
{
    region *r = region_of(w, v->scope);
    return r ? r : w->decl_block ? w->decl_block : w->uni;
}

/* The frame member of local v, of variably modified type or not. */
static void var_field(walker *w, var *v, int vm)
{
    pl_field *fl;
    if (vm) {
        fl = pl_add_field(scope_region(w, v), xasprintf("void *%s", v->field), xstrdup(v->field),
                          v->heap_vm ? "local, lives across an await: the address of its storage, allocated "
                                       "when its declaration runs"
                                     : "local, lives across an await");
        fl->size = PS_POINTER;
    } else {
        char *ty = lw_local_type(w->t, w->f, v->decl, 1), *decl = lw_field_decl(ty, xstrdup(v->field));
        /* What _Alignas or the aligned attribute asked of the local (liveness.c: al_alignment). The
         * attribute, not _Alignas: it never lowers the type's own alignment (`int x
         * __attribute__((aligned(2)))` is valid, `_Alignas(2) int` is not), and C90 has no _Alignas. */
        char *field = v->align ? xasprintf("%s __attribute__((__aligned__(%llu)))", decl, v->align) : xstrdup(decl);
        span use;
        if (sh_use_span(w->t, w->f, v, &use))
            fl = pl_add_shared_field(scope_region(w, v), field, xstrdup(v->field), "local, lives across an await", use,
                                     clang_Type_getSizeOf(clang_getCursorType(v->decl->cur)));
        else
            fl = pl_add_field(scope_region(w, v), field, xstrdup(v->field), "local, lives across an await");
        free(decl);
        free(ty);
        fl->size = PS_TYPE;
        fl->type = clang_getCursorType(v->decl->cur);
        fl->align = v->align;
    }
    fl->var = v;
    fl->shown = xstrdup(v->type);
}

/* A declaration (lower_stmt.c: gen_decl): the sizes of typedefs of run-time size captured; else
 * for each variable, the awaits of its sizes and its initializer, then its frame member. */
static void walk_decl(walker *w, node *d)
{
    int vm_typedefs = 0;
    for (unsigned i = 0; i < d->nkids; i++)
        vm_typedefs |= an_is_vm_typedef(d->kids[i]);
    if (vm_typedefs && !w->twin) {
        for (unsigned i = 0; i < d->nkids; i++)
            if (d->kids[i]->kind == CXCursor_TypedefDecl)
                capture_sizes(w, d->kids[i], w->decl_block ? w->decl_block : w->uni);
        return;
    }
    for (unsigned i = 0; i < d->nkids; i++) {
        node *k = d->kids[i];
        var *v = k->var;
        if (!v || (k->kind != CXCursor_VarDecl)) {
            walk_expr(w, k);
            continue;
        }
        node *init = an_var_init(k);
        int vm = vm_type(clang_getCursorType(k->cur));
        if (vm && v->in_frame) {
            capture_sizes(w, v->decl, scope_region(w, v));
            var_field(w, v, 1);
            if (init)
                walk_expr(w, init);
            continue;
        }
        for (unsigned j = 0; vm && j < k->nkids; j++)
            if (vm_array_size(w->t, k, k->kids[j]))
                walk_expr(w, k->kids[j]); /* C evaluates them first (lower_vm.c: lw_vm_hoist_sizes) */
        if (init)
            walk_expr(w, init);
        if (v->in_frame)
            var_field(w, v, 0);
    }
}

/* ---------------------------------------------------------------- statements */

static void walk_block(walker *w, node *b)
{
    region *saved = w->uni;
    w->uni = region_for(w, b, w->uni);
    if (b == w->f->body)
        for (unsigned i = 0; i < w->f->nparam_sizes; i++) {
            node *e = w->f->param_sizes[i];
            if (!w->twin && vm_param_size_captured(w->t, e))
                capture_size(w, e, w->uni);
        }
    for (unsigned i = 0; i < b->nkids; i++)
        walk_stmt(w, b->kids[i]);
    w->uni = saved;
}

static void walk_for(walker *w, node *s)
{
    node *init, *cond, *inc, *body;
    an_for_parts(w->t, s, &init, &cond, &inc, &body);
    if (init && init->kind == CXCursor_DeclStmt)
        walk_decl(w, init);
    else if (init)
        walk_expr(w, init);
    if (cond)
        walk_expr(w, cond);
    walk_stmt(w, body);
    if (inc)
        walk_expr(w, inc);
}

/* A statement (lower_stmt.c: lw_gen_stmt): one holding an await (other than a block or a label)
 * gets a region of its own, which its temporaries and child frames go to. */
static void walk_stmt(walker *w, node *s)
{
    if (!w->twin && an_types_only(s))
        return; /* moved to file scope */
    if (s->kind == CXCursor_DeclStmt) {
        /* Its temporaries, child frames and statement expressions' blocks are dead once it is
         * done, as any statement's, so they share bytes with the next statements' (a region of
         * their own, beside those); its variables go to their block's region (scope_region), and
         * so do its compound literals (walk_literals: the innermost block's). */
        region *saved_stmt = w->stmt, *saved_uni = w->uni, *saved_block = w->decl_block;
        if (s->has_await) {
            w->decl_block = w->uni;
            w->stmt = w->uni = region_for(w, s, w->uni);
        }
        walk_decl(w, s);
        w->stmt = saved_stmt;
        w->uni = saved_uni;
        w->decl_block = saved_block;
        return;
    }
    if (!s->has_await)
        return;
    if (s->kind == CXCursor_CompoundStmt) {
        walk_block(w, s);
        return;
    }
    if (s->kind == CXCursor_CaseStmt || s->kind == CXCursor_DefaultStmt || s->kind == CXCursor_LabelStmt ||
        s->kind == CXCursor_UnexposedStmt) {
        walk_stmt(w, s->kids[s->nkids - 1]);
        return;
    }
    region *saved_stmt = w->stmt, *saved_uni = w->uni;
    w->stmt = w->uni = region_for(w, s, w->uni);
    switch (s->kind) {
    case CXCursor_IfStmt:
        walk_expr(w, s->kids[0]);
        walk_stmt(w, s->kids[1]);
        if (s->nkids > 2)
            walk_stmt(w, s->kids[2]);
        break;
    case CXCursor_WhileStmt:
        walk_expr(w, s->kids[0]);
        walk_stmt(w, s->kids[1]);
        break;
    case CXCursor_DoStmt:
        walk_stmt(w, s->kids[0]);
        walk_expr(w, s->kids[1]);
        break;
    case CXCursor_ForStmt:
        walk_for(w, s);
        break;
    case CXCursor_SwitchStmt:
        walk_expr(w, s->kids[0]);
        walk_stmt(w, s->kids[s->nkids - 1]);
        break;
    default: /* return, and expression statements */
        walk_expr(w, s);
        break;
    }
    w->stmt = saved_stmt;
    w->uni = saved_uni;
}

/* ---------------------------------------------------------------- compound literals */

/* Each compound literal a pointer may reach after an await has its storage in the frame, in the
 * region of its block (lower_expr.c: frame_literal), except in the types that moved and the
 * expressions never evaluated (they have their replacement already). */
static void walk_literals(walker *w, node *n, region *uni, region *scope)
{
    if (n->repl || (!w->twin && an_types_only(n)))
        return;
    region *own = region_of(w, n);
    if (own)
        uni = own;
    if (n->kind == CXCursor_CompoundStmt || n->kind == CXCursor_ForStmt)
        scope = own; /* a block without a region: where the walk is */
    if (n->frame_literal) {
        CXType ty = clang_getCursorType(n->cur);
        char *spelled = lw_rename_types(w->f, ty, lw_type_spelling(ty));
        if (lw_unspellable(spelled)) {
            /* `(struct { int x; }){1}` defines its type: the member's is written the same way (a
             * type of its own, which only members of the literal can tell from the literal's) */
            const tk_stream *ts = &w->t->toks;
            unsigned open = tk_next(ts, tk_at(ts, nstart(n))), close = tk_match(ts, open);
            if (close < ts->n) {
                free(spelled);
                spelled = xasprintf("__typeof__(%.*s)", (int)(ts->v[close].start - ts->v[open].end),
                                    w->t->text + ts->v[open].end);
            }
        }
        char *name = xasprintf("ac__lit%u", ++w->ntemps);
        pl_add_slot(w->f, n, PR_LITERAL, xstrdup(name), NULL);
        pl_field *fl = pl_add_field(scope ? scope : uni, lw_field_decl(spelled, xstrdup(name)), name,
                                    "compound literal alive across an await");
        fl->size = PS_TYPE;
        fl->type = ty;
        fl->shown = spelled;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        walk_literals(w, n->kids[i], uni, scope);
}

/* ---------------------------------------------------------------- the function */

static pl_field *head_field(region *root, char *decl, const char *name, const char *what, pl_size size, CXType ty,
                            char *shown)
{
    pl_field *fl = pl_add_field(root, decl, xstrdup(name), what);
    fl->size = size;
    fl->type = ty;
    fl->shown = shown;
    return fl;
}

/* The members every frame starts with: the state, the result, the parameters. */
static void head_fields(walker *w, region *root)
{
    afn *f = w->f;
    head_field(root, xstrdup("unsigned ac__state"), "ac__state", "state: 0 start, k suspended at await k", PS_WORD,
               no_type(), xstrdup("unsigned int"));
    if (f->self->ret_type)
        head_field(root, lw_field_decl(f->self->ret_type, xstrdup("ac__result")), "ac__result", "result", PS_TYPE,
                   clang_getResultType(clang_getCursorType(f->root->cur)), xstrdup(f->self->ret_type));
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        CXType ty = clang_getCursorType(v->decl->cur);
        enum CXTypeKind k = clang_getCanonicalType(ty).kind;
        int pointer = vm_param_type(ty) || ty_array(ty) || k == CXType_FunctionProto ||
                      k == CXType_FunctionNoProto; /* as C adjusts it */
        char *fty = lw_param_field_type(ty);
        pl_field *fl = head_field(root, lw_field_decl(fty, xstrdup(v->field)), v->field, "parameter",
                                  pointer ? PS_POINTER : PS_TYPE, ty, xstrdup(v->type));
        fl->var = v;
        free(fty);
    }
}

void pl_moved_types(tunit *t, afn *f)
{
    /* A function that never suspends keeps its local types in its plain C twin; the others' move
     * to file scope, where the frame struct can use them. */
    if (!f->self->never_suspends)
        lw_collect_moved(t, f);
}

void pl_walk(tunit *t, afn *f)
{
    walker w = {.t = t, .f = f, .twin = f->self->never_suspends};
    f->frame = w.uni = w.stmt = pl_new_region(NULL);
    head_fields(&w, f->frame);
    walk_block(&w, f->body);
    walk_literals(&w, f->body, f->frame, NULL);
    ptrmap_free(&w.regions);
}
