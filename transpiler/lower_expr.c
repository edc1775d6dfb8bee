/* lower_expr.c: lowering of expressions: the text of an expression with its rewrites, and the
 * hoisting of its awaits into statements before it, in evaluation order. */
#include "lower.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

typedef struct edit {
    unsigned start, end;
    char *text;
} edit;

typedef struct edits {
    edit *v;
    unsigned n;
} edits;

char *lw_emit_text(lw *L, node *n)
{
    return lw_emit_range(L, n, nstart(n), nend(n));
}

/* The text of a condition that asyncc writes as `if (...)` or `switch (...)`: without the
 * parentheses the user put around an equality, which gave no warning in the source, where the
 * operand came from a macro (`(await(f()) == 2)`), but would as `if ((t == 2))`
 * (-Wparentheses-equality). Others stay: around an assignment they say it is meant
 * (-Wparentheses), around `K | x` that it is (clang's -Wtautological-bitwise-compare, csmith
 * seeds 102531, 102703, 102787, 102915, small). */
char *lw_emit_cond(lw *L, node *n)
{
    /* ... unless the condition folds in the source: its rewrite (folded_condition) is n's own,
     * and emitting the operator inside would drop it (csmith seed 103435, small) */
    int nonzero;
    if (!L->twin && da_folded_condition(L->t, n, &nonzero))
        return lw_emit_text(L, n);
    node *in = n;
    while (in->kind == CXCursor_ParenExpr && in->nkids == 1 && !in->mk && !in->repl)
        in = in->kids[0];
    return lw_emit_text(L, in != n && in->kind == CXCursor_BinaryOperator && !in->mk && !in->repl &&
                                   strcmp(an_binop(L->t, in), "==") == 0
                               ? in
                               : n);
}

static char *apply_edits(lw *L, node *n, unsigned a, unsigned b, int own);

/* n's text with the rewrites inside it, but not n's own. */
char *lw_emit_kids(lw *L, node *n)
{
    return apply_edits(L, n, nstart(n), nend(n), 0);
}

static node *loop_of(node *n)
{
    for (node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_ForStmt || p->kind == CXCursor_WhileStmt || p->kind == CXCursor_DoStmt)
            return p;
    return NULL;
}

/* What goes before a call's argument arg (after the previous one's end or the callee's, at
 * from): ", ", or, when the user put the argument on a later line, that many line breaks and its
 * column, so that what the compiler says of it names its line (relines.c). */
static void arg_separator(lw *L, sb *b, unsigned from, node *arg)
{
    unsigned to = nstart(arg), breaks = 0, col = 0;
    for (unsigned o = from; o < to; o++)
        breaks += L->t->text[o] == '\n';
    sb_putc(b, ',');
    if (!breaks || !L->t->lines) {
        sb_putc(b, ' ');
        return;
    }
    while (col < to && L->t->text[to - col - 1] != '\n')
        col++;
    for (unsigned k = 0; k < breaks; k++)
        sb_putc(b, '\n');
    for (unsigned k = 0; k < col; k++)
        sb_putc(b, ' ');
}

char *lw_call_args(lw *L, node *call)
{
    sb b = {0};
    const callee *c = call->fn;
    for (unsigned i = 1; i < call->nkids; i++) {
        arg_separator(L, &b, nend(call->kids[i - 1]), call->kids[i]);
        char *a = lw_emit_text(L, call->kids[i]);
        if (c && c->ptr_params && i - 1 < c->nparams && c->ptr_params[i - 1]) {
            /* a K&R callee: the call converts nothing in C (callees.c) */
            char *ty = lw_field_decl(c->param_types[i - 1], xstrdup(""));
            sb_printf(&b, "(%s)(%s)", ty, a);
            free(ty);
        } else {
            sb_puts(&b, a);
        }
        free(a);
    }
    return sb_take(&b);
}

/* ac_spawn(f(x)) and ac_block_on(f(x)): a task whose root frame is f's. Arguments that may
 * jump away (a statement expression) leave a task made and never run: its variable frees it
 * then (ac__task_unspawned), and the runtime takes it out of the variable (ac__task_take). */
static char *task_expr(lw *L, node *m)
{
    node *call = an_unparen(m->ops[0]);
    callee *c = call->fn;
    unsigned k = ++L->nspawns;
    char *args = lw_call_args(L, call);
    int guard = 0;
    for (unsigned i = 1; i < call->nkids && !guard; i++)
        guard = an_holds_kind(call->kids[i], CXCursor_StmtExpr); /* may jump out */
    const char *cleanup = guard ? " __attribute__((__cleanup__(ac__task_unspawned)))" : "";
    int block_on = m->mk == MK_BLOCK_ON;
    char v = block_on ? 'b' : 's'; /* the names: ac__bp1 and ac__bt1, or ac__sp1 and ac__st1 */
    char *task = xasprintf(guard ? "ac__task_take(&ac__%ct%u)" : "ac__%ct%u", v, k);
    char *make = xasprintf("void *ac__%cp%u; ac_task *ac__%ct%u%s = ac__task_new(&ac__type_%s, &ac__%cp%u); "
                           "ac__init_%s(ac__%cp%u%s);",
                           v, k, v, k, cleanup, c->name, v, k, c->name, v, k, args);
    char *s;
    if (block_on) {
        /* Its result first, with the other declarations: gcc's -Wdeclaration-after-statement (a
         * strict set's, which asyncc turns off in async bodies only) said the output mixed them
         * in a plain function. A value nobody reads is not kept: clang's -Wunused-value said
         * "expression result unused" of `ac_block_on(f());`, a call in the source. */
        if (c->ret_type && !an_value_discarded(m)) {
            char *decl = lw_field_decl(c->ret_type, xasprintf("ac__br%u", k));
            s = xasprintf("(__extension__ ({ %s; %s ac__block_on(%s, &ac__br%u); ac__br%u; }))", decl, make, task, k,
                          k);
            free(decl);
        } else {
            s = xasprintf("(__extension__ ({ %s ac__block_on(%s, 0); }))", make, task);
        }
    } else {
        s = xasprintf("(__extension__ ({ %s %s(%s); }))", make,
                      m->mk == MK_SPAWN_LOCAL ? "ac__task_spawn_local" : "ac__task_spawn", task);
        if (an_value_discarded(m)) {
            /* Nobody will join it: let the task free itself when it finishes (Tokio's detach
             * on dropping a JoinHandle). */
            char *d = xasprintf("ac_task_detach(%s)", s);
            free(s);
            s = d;
        }
    }
    free(make);
    free(task);
    free(args);
    return s;
}

/* A compound literal that a pointer may reach after an await: its storage is the frame member
 * the plan gave it (plan_walk.c), filled from the literal when the expression runs. The result is
 * an lvalue of the literal's type, so arrays still decay and & still works. */
static char *frame_literal(lw *L, node *n)
{
    const pl_slot *slot = pl_slot_of(L->f, n, PR_LITERAL);
    if (!slot) {
        dg_unchecked(L->t, n, "a compound literal the plan kept out of the frame");
        return xstrdup("0");
    }
    const char *m = slot->name;
    char *lit = lw_emit_kids(L, n);
    /* (the destination as in lower_stmt.c's array initializers: F20; the copy's value is cast
     * away, or clang's -Wcomma calls the comma a possible misuse: run/frame_literal_comma) */
    char *s = xasprintf("(*((void)__builtin_memcpy((void *)((char *)ac__fr + __builtin_offsetof(struct ac__frame_%s, %s)), "
                        "(const void *)&%s, sizeof ac__fr->%s), &ac__fr->%s))",
                        L->f->self->name, m, lit, m, m);
    free(lit);
    return s;
}

static void push_edit(edits *e, node *n, char *text)
{
    e->v = xrealloc(e->v, sizeof *e->v * (e->n + 1));
    e->v[e->n++] = (edit){nstart(n), nend(n), text};
}

static void collect(lw *L, node *n, edits *e);
static char *render(lw *L, edits *e, unsigned a, unsigned b);

/* A declaration of variables beside a tag that moved: the uses of locals the tag named, before
 * it (lw_moved_decl_uses), unless gen_decl writes them itself (L->uses_put). Returns whether. */
static int decl_with_moved_tag(lw *L, node *n, edits *e)
{
    if (n->kind != CXCursor_DeclStmt || n == L->uses_put || !n->parent || n->parent->kind != CXCursor_CompoundStmt)
        return 0;
    char *uses = lw_moved_decl_uses(L, n);
    if (!*uses) {
        free(uses);
        return 0;
    }
    edits mine = {0};
    for (unsigned i = 0; i < n->nkids; i++)
        collect(L, n->kids[i], &mine);
    char *text = render(L, &mine, nstart(n), nend(n));
    push_edit(e, n, xasprintf("%s%s", uses, text));
    free(uses);
    free(text);
    return 1;
}

/* The rewrites of n's subtree, with n the expression being folded (not taken for one again). */
static edits collect_folding(lw *L, node *n)
{
    edits mine = {0};
    node *outer = L->folding;
    L->folding = n;
    collect(L, n, &mine);
    L->folding = outer;
    return mine;
}

/* A condition clang folds in the source (`if ((v, &g) != &l)`: a global's address is never a
 * local's) stops folding once the rewrites put frame members in it (`&ac__fr->l`), and clang's
 * CFG then reaches the arm the source never takes, with its deferred warnings (csmith seeds
 * 100103, 200515). Written `((void)(cond), K)`, it still runs for its side effects and folds to
 * the same K. Returns whether n was such a condition. */
static int folded_condition(lw *L, node *n, edits *e)
{
    int nonzero;
    if (L->twin || !L->f->self || L->folding == n || !da_folded_condition(L->t, n, &nonzero))
        return 0;
    edits mine = collect_folding(L, n);
    if (!mine.n) {
        free(mine.v);
        return 1; /* the text is the source's and folds as it does */
    }
    char *text = render(L, &mine, nstart(n), nend(n));
    push_edit(e, n, xasprintf("((void)(%s), %d)", text, nonzero));
    free(text);
    return 1;
}

/* A comparison clang folds (`(void *)0 == &l`: a local's address is never null) and gcc too, in
 * the source: with `&l` the frame's pointer plus an offset, gcc no longer folds it, and the
 * operators around it stop being constant: csmith's `(((void *)0 == &l) | K1) != K2` warned
 * -Wtautological-compare on the output only (csmith seed 277, small, combinator mode). Written
 * `__builtin_choose_expr(1, K, cmp)`: the constant, which gcc folds at once with what is around
 * it, as it does the source, and the comparison still read (its variables are used, its
 * -Waddress given); or `((void)(cmp), K)` when it has side effects. Returns whether n was such a
 * comparison. */
static int folded_comparison(lw *L, node *n, edits *e)
{
    int nonzero;
    if (L->twin || !L->f->self || L->folding == n || !da_folded_comparison(L->t, n, &nonzero))
        return 0;
    edits mine = collect_folding(L, n);
    if (!mine.n) {
        free(mine.v);
        return 0; /* the source's text, which folds as it does */
    }
    char *text = render(L, &mine, nstart(n), nend(n));
    push_edit(e, n, xasprintf(an_side_effects(L->t, n) ? "((void)(%s), %d)" : "__builtin_choose_expr(1, %2$d, %1$s)",
                              text, nonzero));
    free(text);
    return 1;
}

/* The address of frame-only local v: the frame pointer plus its field's offset. */
static char *field_address(lw *L, const var *v)
{
    return xasprintf("((%s__typeof__(ac__fr->%s) *)(void *)((char *)ac__fr + __builtin_offsetof(struct ac__frame_%s, "
                     "%s)))",
                     v->is_const ? "const " : "", v->field, L->f->self->name, v->field);
}

/* `&x`, `&x[i]`, `&x.m[i].k` of a frame-only local x (n is the `&`): x is written as the frame
 * pointer plus its field's offset. gcc's -Wsequence-point takes `&ac__fr->x` and
 * `&ac__fr->x[3]` for accesses of ac__fr->x and ac__fr->x[3], where `&x` and `&x[3]` of a local
 * are none, so csmith's `(q == &x) + (x = 1)` (F19) and `(p = &a[3]) ... (a[3] = f(a[3]))`
 * (seed 107165, small) warned in the output alone. Returns whether it wrote n's rewrites. */
static int address_of_frame_local(lw *L, node *n, edits *e)
{
    const tk_stream *ts = &L->t->toks;
    node *k = an_unparen(n->kids[0]), *base = k;
    /* down `[i]` and `.m` (the token before the member's name), not `->m`: its object is not x */
    while (base && (base->kind == CXCursor_ArraySubscriptExpr ||
                    (base->kind == CXCursor_MemberRefExpr && base->nkids == 1 &&
                     !tk_is(ts, tk_prev(ts, tk_prev(ts, tk_at(ts, nend(base)))), "->"))))
        base = an_unparen(base->kids[0]);
    var *v = base && base->kind == CXCursor_DeclRefExpr ? base->var : NULL;
    if (!v || !v->in_frame || v->as_local || vm_type(clang_getCursorType(v->decl->cur)))
        return 0;
    if (base == k) {
        push_edit(e, n, field_address(L, v));
        return 1;
    }
    /* The indices keep their own rewrites; the chain's base is the field's lvalue, its address
     * held in a temporary: the same text as the field's accesses (lw_field_lvalue), gcc's
     * -Wsequence-point took `&x[3]` beside `x[3] = ...` for two accesses of x[3], where the
     * source's `&x[3]` accesses nothing. */
    char *address = field_address(L, v);
    push_edit(e, base, xasprintf("(*(__extension__ ({ %s__typeof__(ac__fr->%s) *ac__at%u = %s; ac__at%u; })))",
                                 v->is_const ? "const " : "", v->field, nstart(n), address, nstart(n)));
    free(address);
    for (node *c = k; c != base; c = an_unparen(c->kids[0]))
        for (unsigned i = 1; i < c->nkids; i++)
            collect(L, c->kids[i], e);
    return 1;
}

static void collect(lw *L, node *n, edits *e)
{
    if (n->repl) {
        push_edit(e, n, xstrdup(n->repl));
        return;
    }
    if (folded_condition(L, n, e) || folded_comparison(L, n, e))
        return;
    if (n->kind == CXCursor_DeclRefExpr && n->var && n->var->in_frame && !L->twin && L->nvm) {
        char *use = lw_vm_use(L, n);
        if (use) {
            push_edit(e, n, use);
            return;
        }
    }
    if (n->kind == CXCursor_TypeRef && lw_vm_typedef(L, n)) {
        push_edit(e, n, xstrdup(lw_vm_typedef(L, n)));
        return;
    }
    if (n->kind == CXCursor_UnaryOperator && n->nkids == 1 && !L->twin && nstart(n) < nstart(n->kids[0]) &&
        tk_is(&L->t->toks, tk_at(&L->t->toks, nstart(n)), "&") && address_of_frame_local(L, n, e))
        return;
    if (n->kind == CXCursor_DeclRefExpr && n->var && n->var->in_frame && !n->var->as_local && !L->twin) {
        /* A const local's field is not const (its initializer is an assignment): its uses see it
         * through a const lvalue, so that typeof, _Generic and assignments still see a const. */
        push_edit(e, n, lw_field_lvalue(L->f->self->name, n->var, n->var->is_const));
        return;
    }
    if (n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL || n->mk == MK_BLOCK_ON) {
        push_edit(e, n, task_expr(L, n));
        return;
    }
    if (n->frame_literal) {
        push_edit(e, n, frame_literal(L, n));
        return;
    }
    char *fname = L->f->self ? lw_func_name_use(L->t, L->f, n) : NULL;
    if (fname) { /* in the poll function these would name ac__poll_f */
        push_edit(e, n, fname);
        return;
    }
    if (n->kind == CXCursor_ReturnStmt && L->f->self && !L->twin) {
        push_edit(e, n, lw_return_text(L, n));
        return;
    }
    if (L->f->self && (n->kind == CXCursor_ContinueStmt || n->kind == CXCursor_BreakStmt || n->kind == CXCursor_GotoStmt)) {
        node *loop = n->kind == CXCursor_ContinueStmt ? loop_of(n) : NULL;
        unsigned cont = loop ? lw_scratch(L, loop)->cont_label : 0;
        char *jump = cont ? xasprintf("goto ac__cont_%u", cont)
                                              : xstrndup(L->t->text + nstart(n), nend(n) - nstart(n));
        char *c = lw_jump_cleanups(L, n);
        if (*c) {
            /* Braces replace the statement and its semicolon, so an `else` after it still binds. */
            e->v = xrealloc(e->v, sizeof *e->v * (e->n + 1));
            e->v[e->n++] = (edit){nstart(n), lw_stmt_end(L, n), xasprintf("{ %s%s; }", c, jump)};
            free(jump);
        } else {
            push_edit(e, n, jump);
        }
        free(c);
        return;
    }
    if (lw_is_moved_decl(L, n)) {
        push_edit(e, n, lw_moved_decl_uses(L, n));
        return;
    }
    if (decl_with_moved_tag(L, n, e))
        return;
    for (unsigned i = 0; i < n->nkids; i++)
        collect(L, n->kids[i], e);
}

static int edit_cmp(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The text [a, b) with edits e applied (and freed). */
static char *render(lw *L, edits *e, unsigned a, unsigned b)
{
    if (e->n)
        qsort(e->v, e->n, sizeof *e->v, edit_cmp);
    sb out = {0};
    unsigned pos = a;
    for (unsigned i = 0; i < e->n; i++) {
        if (e->v[i].start >= pos && e->v[i].end <= b) {
            tk_put_code(&L->t->toks, &out, pos, e->v[i].start);
            sb_puts(&out, e->v[i].text);
            pos = e->v[i].end;
        }
        free(e->v[i].text);
    }
    tk_put_code(&L->t->toks, &out, pos, b);
    free(e->v);
    *e = (edits){0};
    return sb_take(&out);
}

/* The text [a, b) of n's surroundings with the rewrites inside n applied (n's own rewrite too
 * when `own`). */
static char *apply_edits(lw *L, node *n, unsigned a, unsigned b, int own)
{
    edits e = {0};
    if (own)
        collect(L, n, &e);
    else
        for (unsigned i = 0; i < n->nkids; i++)
            collect(L, n->kids[i], &e);
    return render(L, &e, a, b);
}

char *lw_emit_range(lw *L, node *n, unsigned a, unsigned b)
{
    return apply_edits(L, n, a, b, 1);
}

/* A GNU statement expression with awaits: its statements run before the statement that uses it,
 * in a block of their own, and its last expression statement gives the value. */
static void hoist_stmt_expr(lw *L, node *n)
{
    node *body = n->nkids ? n->kids[0] : NULL;
    if (!body || body->kind != CXCursor_CompoundStmt)
        return;
    CXType ty = clang_getCursorType(n->cur);
    char *tmp = NULL;
    /* A value nobody reads (the statement expression is a statement) is not kept: its last
     * expression becomes (void)(e), as C discards it without a warning. */
    int discarded = an_value_discarded(n);
    if (ty.kind != CXType_Void && !discarded)
        tmp = lw_temp(L, n);
    /* The block goes at the body's column, and the code after it at the column it had: the
     * hoists around it (an `&&` in an `||`...) indent by 4 and back by 4 around their operands,
     * and took 4 off this column instead of off theirs. A column below their sum ran under 0:
     * 4 GB of blanks (patch 2.7.6 made async, its `|| ({ ... })` indented with tabs). */
    unsigned outer = L->indent;
    lw_sync(L, nstart(body));
    lw_put(L, "{");
    unsigned pos = lw_brace_end(L, body), indent = L->indent;
    for (unsigned i = 0; i < body->nkids; i++) {
        node *k = body->kids[i];
        lw_copy_gap(L, pos, nstart(k));
        node *value = k;
        while (value->kind == CXCursor_LabelStmt && value->nkids)
            value = value->kids[value->nkids - 1]; /* `out: t * 10;`, the __label__ idiom */
        if (i + 1 == body->nkids && (tmp || discarded) && clang_isExpression(value->kind)) {
            if (value != k)
                lw_put_range(L, k, nstart(k), nstart(value));
            k = value;
            L->indent = lw_col_at(L, nstart(k));
            lw_hoist(L, k);
            char *e = lw_emit_text(L, k), *set = tmp ? lw_assign(tmp, e, ty, 0) : xasprintf("(void)(%s)", e);
            lw_gline(L, lw_node_line(L, k), "%s;", set);
            free(set);
            free(e);
        } else {
            lw_gen_stmt(L, k);
        }
        pos = lw_stmt_end(L, k);
    }
    L->indent = indent;
    lw_block_end_cleanups(L, body);
    lw_gline(L, lw_node_line(L, n), "}");
    L->indent = outer;
    n->repl = tmp ? tmp : "((void)0)";
}

/* `a, b`: a runs as a statement of its own before b's awaits, and b gives the value. The value
 * stays the right operand of a comma, as in C: an rvalue, and an operand compilers do not see
 * through (`(await(f()), &p) == 0` would otherwise warn that &p is never null). The left operand
 * is an empty statement expression, which gcc does not fold away as it folds `(void)0`: seeing
 * `~(uint16_t) > (uint8_t)` through it, gcc warned -Wsign-compare where the source's call on the
 * left kept it quiet (csmith seed 105272, small). It is cast to void, as a left operand that
 * clang's -Wcomma is to leave alone must be (the source's `((void)await(f()), p)` is). */
static void hoist_comma(lw *L, node *n, unsigned line)
{
    lw_hoist(L, n->kids[0]);
    char *lhs = lw_emit_text(L, n->kids[0]);
    lw_gline(L, line, "(void)(%s);", lhs);
    free(lhs);
    lw_hoist(L, n->kids[1]);
    char *rhs = lw_emit_text(L, n->kids[1]);
    n->repl = xasprintf("((void)__extension__ ({ }), %s)", rhs);
    free(rhs);
}

/* A choice C makes at compile time among operands 1.. of n: the association a _Generic
 * selects, or __builtin_choose_expr's branch. C evaluates the chosen one alone, so each one's
 * awaits run under a switch on the choice, written as the same expression with each operand
 * replaced by its number (a constant the compiler folds). n then stays in place, its operands
 * reading their awaits' temporaries: those of the operands not chosen are never evaluated, as
 * in the source. */
static void hoist_choice(lw *L, node *n, unsigned line)
{
    edits e = {0};
    push_edit(&e, n->kids[0], lw_emit_text(L, n->kids[0]));
    for (unsigned i = 1; i < n->nkids; i++)
        push_edit(&e, n->kids[i], xasprintf("%u", i));
    char *choice = render(L, &e, nstart(n), nend(n));
    lw_gline(L, line, "switch (%s) {", choice);
    free(choice);
    for (unsigned i = 1; i < n->nkids; i++) {
        if (!n->kids[i]->has_await)
            continue;
        lw_gline(L, line, "case %u: {", i);
        L->indent += 4;
        lw_hoist(L, n->kids[i]);
        lw_gline(L, line, "break;");
        L->indent -= 4;
        lw_gline(L, line, "}");
    }
    /* (an empty default, for gcc's -Wswitch-default; a `break` would be clang's
     * -Wunreachable-code-break where the choice is known) */
    lw_gline(L, line, "default:;");
    lw_gline(L, line, "}");
}

/* GNU `a ?: b` whose b awaits: a is evaluated once, into a temporary, and b's awaits run only
 * when it is 0; the operator stays, on the temporary, for C's type of the result. */
static void hoist_elvis(lw *L, node *n, unsigned line)
{
    lw_hoist(L, n->kids[0]);
    char *tmp = lw_temp(L, n), *a = lw_emit_text(L, n->kids[0]);
    char *set = lw_assign(tmp, a, clang_getCursorType(n->kids[0]->cur), 0);
    lw_gline(L, line, "%s;", set);
    lw_gline(L, line, "if (!(%s)) {", tmp);
    L->indent += 4;
    lw_hoist(L, n->kids[1]);
    L->indent -= 4;
    lw_gline(L, line, "}");
    char *b = lw_emit_text(L, n->kids[1]);
    n->repl = xasprintf("(%s ?: %s)", tmp, b);
    free(set);
    free(a);
    free(b);
    free(tmp);
}

/* Evaluates every await inside expression n, in order, as statements before the one that uses
 * n, and marks each await with the expression that holds its value. &&, || and ?: become if/else
 * so that what C would not evaluate is not awaited. */
void lw_hoist(lw *L, node *n)
{
    unsigned line;
    switch (pl_hoist_of(L->t, n)) {
    case PH_NONE:
        return;
    case PH_AWAIT: {
        node *call = an_unparen(n->ops[0]);
        for (unsigned i = 1; i < call->nkids; i++)
            lw_hoist(L, call->kids[i]);
        lw_gen_await(L, n);
        return;
    }
    case PH_COMBINATOR:
        lw_gen_combinator(L, n, an_unparen(n->ops[0]));
        return;
    case PH_TASK: { /* the task itself is started where the marker is (task_expr) */
        node *call = an_unparen(n->ops[0]);
        for (unsigned i = 1; i < call->nkids; i++)
            lw_hoist(L, call->kids[i]);
        return;
    }
    case PH_STMT_EXPR:
        hoist_stmt_expr(L, n);
        return;
    case PH_LOGIC: {
        line = lw_node_line(L, n);
        int and = strcmp(an_binop(L->t, n), "&&") == 0;
        lw_hoist(L, n->kids[0]);
        char *tmp = lw_temp(L, n);
        char *lhs = lw_emit_text(L, n->kids[0]);
        lw_gline(L, line, "%s = !!(%s);", tmp, lhs);
        /* A left operand clang folds leaves the right one dead in the source, and so in the
         * output (dead_arms.c: its awaits' cases do not enter; csmith seed 102391, small) */
        int nonzero;
        if (!L->twin && da_folded_condition(L->t, n->kids[0], &nonzero))
            lw_gline(L, line, "if (%d) {", and ? nonzero : !nonzero);
        else
            lw_gline(L, line, "if (%s%s) {", and ? "" : "!", tmp);
        L->indent += 4;
        lw_hoist(L, n->kids[1]);
        char *rhs = lw_emit_text(L, n->kids[1]);
        lw_gline(L, lw_node_line(L, n->kids[1]), "%s = !!(%s);", tmp, rhs);
        L->indent -= 4;
        lw_gline(L, line, "}");
        /* still a comparison's 0 or 1 to the compiler, as the operator's value is:
         * `(a || await(f())) >= u`, u unsigned, must not warn -Wsign-compare (F13) */
        n->repl = xasprintf("(%s != 0)", tmp);
        free(tmp);
        free(lhs);
        free(rhs);
        return;
    }
    case PH_COMMA:
        hoist_comma(L, n, lw_node_line(L, n));
        return;
    case PH_CHOICE:
        hoist_choice(L, n, lw_node_line(L, n));
        return;
    case PH_ELVIS:
        hoist_elvis(L, n, lw_node_line(L, n));
        return;
    case PH_CONDITIONAL: {
        line = lw_node_line(L, n);
        lw_hoist(L, n->kids[0]);
        CXType ty = clang_getCursorType(n->cur);
        char *tmp = ty.kind != CXType_Void ? lw_temp(L, n) : NULL;
        char *cond = lw_emit_cond(L, n->kids[0]);
        lw_gline(L, line, "if (%s) {", cond);
        free(cond);
        for (int branch = 1; branch <= 2; branch++) {
            L->indent += 4;
            lw_hoist(L, n->kids[branch]);
            char *v = lw_emit_text(L, n->kids[branch]);
            /* at the arm's own line: a warning about it is there in the source
             * (`1 ? printf(...) : ...` on two lines, c-testsuite 00213) */
            unsigned at = lw_node_line(L, n->kids[branch]);
            if (tmp) {
                char *set = lw_assign(tmp, v, ty, 0);
                lw_gline(L, at, "%s;", set);
                free(set);
            } else
                lw_gline(L, at, "(void)(%s);", v);
            free(v);
            L->indent -= 4;
            lw_gline(L, line, branch == 1 ? "} else {" : "}");
        }
        n->repl = tmp ? tmp : "((void)0)";
        return;
    }
    case PH_OPERANDS:
        for (unsigned i = 0; i < n->nkids; i++)
            lw_hoist(L, n->kids[i]);
        return;
    }
}
