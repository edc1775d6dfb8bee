/* lower_stmt.c: lowering of statements: declarations, blocks, loops, conditions and labels that
 * hold awaits are restructured; the others are copied as written. */
#include "lower.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int declares_frame_var(node *d);
static void gen_labeled(lw *L, node *s);
static int loop_rebuilt(node *s);

/* The assignment that replaces the initializer of a local that moved into the frame. */
static void init_frame_var(lw *L, var *v, node *init)
{
    unsigned line = lw_node_line(L, v->decl);
    char *it = lw_emit_text(L, init);
    CXType ty = clang_getCursorType(v->decl->cur);
    int array = ty_fixed_array(ty);
    /* An array is copied from a temporary of its own type in a block of its own (a compound
     * literal would live in the enclosing block, which a resume label enters: gcc's
     * -Wdangling-pointer then saw its address used after its lifetime); the casts let
     * volatile elements through, which memcpy's pointers do not take
     * (-Wdiscarded-array-qualifiers). The destination is the frame plus the field's offset: gcc
     * -O2's -Wstringop-overflow took `&ac__fr->x` for another member of x's union of shared
     * bytes (F20). */
    if (array)
        lw_gline(L, line,
                 "{ __typeof__(ac__fr->%s) ac__init = %s%s%s; "
                 "__builtin_memcpy((void *)((char *)ac__fr + __builtin_offsetof(struct ac__frame_%s, %s)), "
                 "(const void *)&ac__init, sizeof ac__init); }",
                 v->field, init->kind == CXCursor_InitListExpr ? "" : "{", it,
                 init->kind == CXCursor_InitListExpr ? "" : "}", L->f->self->name, v->field);
    else {
        char *dst = lw_field_lvalue(L->f->self->name, v, 0);
        char *set = lw_init(dst, it, ty, init->kind == CXCursor_InitListExpr);
        lw_gline(L, line, "%s;", set);
        free(dst);
        free(set);
    }
    free(it);
}

/* Whether d only declares async functions (`async int f(int);` inside a body): the generated
 * code calls their ABI functions, declared at file scope, and no function of that name is left
 * for the declaration to name (c-testsuite 00078, F7). */
int lw_async_prototypes_only(lw *L, const node *d)
{
    for (unsigned i = 0; i < d->nkids; i++) {
        if (d->kids[i]->kind != CXCursor_FunctionDecl)
            return 0;
        char *name = cx_take(clang_getCursorSpelling(d->kids[i]->cur));
        int known;
        callee *c = names_get(&L->t->callee_names, name, &known);
        free(name);
        if (!c)
            return 0;
    }
    return d->nkids > 0;
}

/* Whether declarator k of a declaration cannot be copied as written: its variable lives in the
 * frame alone, or is a C local (lower_locals.c) without an initializer, which gets its field's
 * value (a copy of an indeterminate value, not one the compiler warns about being stored to the
 * frame when the function suspends), or it defines an unnamed type moved to file scope
 * (lower_moved.c), which the variables after it name by its new name. */
static int lowered_declarator(node *k)
{
    if (!k->var)
        return k->repl && an_is_tag_decl(k);
    return k->var->in_frame && (!k->var->as_local || !an_var_init(k));
}

/* A C local never written after its initializer has its field written here, once, rather than
 * at each suspension (lower_locals.c): on the line of the declaration just copied as written
 * (same_line: no new output line and #line for it), else on a generated line. */
static void store_set_once(lw *L, var *v, int same_line)
{
    if (!v || !v->as_local || !v->set_once)
        return;
    if (same_line) {
        char *s = xasprintf(" ac__fr->%s = %s;", v->field, v->name);
        lw_put(L, s);
        free(s);
    } else {
        lw_gline(L, lw_node_line(L, v->decl), "ac__fr->%s = %s;", v->field, v->name);
    }
}

/* The value a C local declared without an initializer starts with: its field's bytes, which
 * the compiler does not call uninitialized when they are stored back at a suspension; but 0 for a
 * _Bool, where bytes other than 0 and 1 are no value (-fsanitize=bool aborted on the load of a
 * field that held a callee's bytes: cmark's finalize(), `bool has_content;`). */
static char *uninitialized_local(const var *v)
{
    if (clang_getCanonicalType(clang_getCursorType(v->decl->cur)).kind == CXType_Bool)
        return xstrdup("0");
    return xasprintf("ac__fr->%s", v->field);
}

static void gen_decl(lw *L, node *d)
{
    if (lw_async_prototypes_only(L, d) || lw_vm_typedefs(L, d))
        return;
    /* A tag moved to file scope does not take the declaration apart by itself: copied as
     * written, with the tag's definition replaced by its name, the variables keep their storage
     * class and attributes (`static struct tally { int n; } t;` lost its static, so t was a new
     * automatic at each poll: nasm's assemble.c) */
    int any_frame = 0;
    for (unsigned i = 0; i < d->nkids; i++)
        any_frame |= d->kids[i]->var && lowered_declarator(d->kids[i]);
    char *uses = lw_moved_decl_uses(L, d); /* of locals a tag that moved named */
    if (!any_frame && (d->nkids == 1 || !d->has_await)) {
        lw_hoist(L, d);
        lw_sync(L, nstart(d));
        lw_put(L, uses);
        free(uses);
        L->uses_put = d;
        char *s = lw_emit_text(L, d);
        L->uses_put = NULL;
        if (d->static_const && !L->twin) /* constants.c */
            lw_put(L, "static ");
        lw_put(L, s);
        free(s);
        for (unsigned i = 0; i < d->nkids; i++)
            store_set_once(L, d->kids[i]->var, 1);
        return;
    }
    if (*uses)
        lw_gline(L, lw_node_line(L, d), "%s", uses);
    free(uses);
    for (unsigned i = 0; i < d->nkids; i++) {
        node *k = d->kids[i];
        var *v = k->var;
        if (!v) {
            if (an_is_tag_decl(k) && !k->repl) {
                /* A type that stays local (in the plain twin of a function that never suspends,
                 * which has no unnamed local type) is defined before the variables of it. */
                char *text = lw_emit_text(L, k);
                lw_gline(L, lw_node_line(L, k), "%s;", text);
                free(text);
            }
            continue;
        }
        node *init = an_var_init(k);
        int vm = vm_type(clang_getCursorType(k->cur));
        if (vm && v->in_frame) {
            lw_vm_local(L, d, v, init);
            continue;
        }
        if (vm)
            lw_vm_hoist_sizes(L, k); /* C evaluates them first */
        if (init)
            lw_hoist(L, init);
        if (v->in_frame && !v->as_local) {
            lw_debug_name(L, v);
            if (init)
                init_frame_var(L, v, init);
        } else if (vm) {
            /* its sizes name locals: written from its own text, renamed */
            char *decl = lw_vm_stack_decl(L, d, k);
            lw_gline(L, lw_node_line(L, k), "%s;", decl);
            free(decl);
        } else {
            char *ty = lw_local_type(L->t, L->f, k, 0);
            char *decl = lw_field_decl(ty, xstrdup(v->name));
            char *it = init ? lw_emit_text(L, init) : v->as_local ? uninitialized_local(v) : NULL;
            lw_gline(L, lw_node_line(L, k), "%s%s%s;", decl, it ? " = " : "", it ? it : "");
            store_set_once(L, v, 0);
            free(ty);
            free(decl);
            free(it);
        }
    }
}

/* Falling off the end of a scope runs the cleanups of the frame locals it declared. */
void lw_block_end_cleanups(lw *L, node *scope)
{
    afn *f = L->f;
    if (!f->self)
        return;
    /* After a final break/continue/return/goto nothing runs: the jump ran the cleanups. */
    if (scope->kind == CXCursor_CompoundStmt && scope->nkids) {
        enum CXCursorKind last = scope->kids[scope->nkids - 1]->kind;
        if (last == CXCursor_BreakStmt || last == CXCursor_ContinueStmt || last == CXCursor_ReturnStmt ||
            last == CXCursor_GotoStmt)
            return;
    }
    if (!f->cleanup_prev) { /* (a scan of every local per scope: quadratic in 65,536 scopes) */
        f->cleanup_prev = xcalloc(f->nvars + 1, sizeof *f->cleanup_prev);
        for (unsigned i = 0; i < f->nvars; i++)
            if (f->vars[i]->cleanup) {
                f->cleanup_prev[i] = (unsigned)(uintptr_t)ptrmap_get(&f->cleanups_in, f->vars[i]->scope);
                ptrmap_put(&f->cleanups_in, f->vars[i]->scope, (void *)(uintptr_t)(i + 1));
            }
    }
    /* The last declared first, as C runs them. */
    for (unsigned i = (unsigned)(uintptr_t)ptrmap_get(&f->cleanups_in, scope); i; i = f->cleanup_prev[i - 1]) {
        var *v = f->vars[i - 1];
        char *addr = lw_cleanup_arg(L, v);
        /* in a macro: after an endless loop clang's -Wunreachable-code does not count it,
         * where the source has only a closing brace (future.h) */
        lw_gline(L, lw_line_at(L, nend(scope) - 1), "AC__FALL_OFF(%s(%s);)", v->cleanup, addr);
        free(addr);
    }
}

/* `__label__ a, b;` (GNU local labels), which gcc accepts only at the start of a block. */
static int local_labels(lw *L, node *k)
{
    return k->kind == CXCursor_DeclStmt && tk_is(&L->t->toks, tk_at(&L->t->toks, nstart(k)), "__label__");
}

/* The `if (!(cond)) break;` of a loop whose condition awaits, cond's text ct, before its body. A
 * body that begins with a case label (a switch entering the loop: Duff's device) is entered by
 * the condition, where gcc's -Wimplicit-fallthrough took the `if` for a statement falling into
 * the label (also past a label of the user's: `ready: default:`), and the output did not build
 * with -Werror where the source does: the `if` jumps into the body then. */
static void gen_loop_test(lw *L, unsigned line, const char *ct, const node *body)
{
    const node *first = body;
    while ((first->kind == CXCursor_CompoundStmt || first->kind == CXCursor_LabelStmt) && first->nkids)
        first = first->kind == CXCursor_CompoundStmt ? first->kids[0] : first->kids[first->nkids - 1];
    if (first->kind != CXCursor_CaseStmt && first->kind != CXCursor_DefaultStmt) {
        lw_gline(L, line, "if (!(%s)) break;", ct);
        return;
    }
    unsigned in = ++L->nlabels;
    lw_gline(L, line, "if (!(%s)) break; else goto ac__in_%u;", ct, in);
    lw_gline(L, line, "ac__in_%u:", in);
}

/* An expression of a rebuilt `for` header (its init, its increment) as a statement of its own,
 * its value unused. A comma expression there (`i = 0, j = n`, `i++, j--`) becomes a statement per
 * operand, in order: clang's -Wcomma, quiet in a `for` header, warns of a comma in a statement. */
static void gen_header_expr(lw *L, unsigned line, node *x)
{
    node *e = an_unparen(x);
    if (e->kind == CXCursor_BinaryOperator && e->nkids == 2 && strcmp(an_binop(L->t, e), ",") == 0) {
        gen_header_expr(L, line, e->kids[0]);
        gen_header_expr(L, line, e->kids[1]);
        return;
    }
    lw_hoist(L, x);
    char *it = lw_emit_text(L, x);
    lw_gline(L, line, "(void)(%s);", it);
    free(it);
}

/* Whether text [from, to) holds a directive line (a #pragma, a line marker). */
static int gap_has_directive(lw *L, unsigned from, unsigned to)
{
    const tk_stream *ts = &L->t->toks;
    for (unsigned i = tk_at(ts, from); i < ts->n && ts->v[i].start < to; i++)
        if (ts->v[i].kind == TK_DIRECTIVE)
            return 1;
    return 0;
}

void lw_gen_block(lw *L, node *b)
{
    lw_sync(L, nstart(b));
    lw_put(L, "{");
    unsigned pos = lw_brace_end(L, b), close = lw_closing_brace(L, b), indent = L->indent, labels = 0;
    if (b == L->f->body)
        while (labels < b->nkids && local_labels(L, b->kids[labels]))
            labels++;
    for (unsigned i = 0; i <= b->nkids; i++) {
        /* the body's own declarations, after its local labels and the pragmas that must start
         * the block (clang: `#pragma STDC FP_CONTRACT` "can only appear at file scope or at the
         * start of a compound statement") */
        if (b == L->f->body && i == labels) {
            if (i < b->nkids && gap_has_directive(L, pos, nstart(b->kids[i]))) {
                lw_copy_gap_lines(L, pos, nstart(b->kids[i]), 0);
                pos = nstart(b->kids[i]);
            }
            if (L->f->self && !L->twin)
                lw_param_locals(L); /* before the sizes of array parameters, which may name them */
            lw_vm_params(L);
        }
        if (i == b->nkids)
            break;
        node *k = b->kids[i];
        lw_copy_gap_lines(L, pos, nstart(k), loop_rebuilt(k));
        lw_gen_stmt(L, k);
        pos = lw_stmt_end(L, k);
    }
    lw_copy_gap(L, pos, close);
    L->indent = indent;
    lw_block_end_cleanups(L, b);
    lw_sync(L, close);
    lw_put(L, "}");
}

static int declares_frame_var(node *d)
{
    if (!d || d->kind != CXCursor_DeclStmt)
        return 0;
    for (unsigned i = 0; i < d->nkids; i++)
        if (lowered_declarator(d->kids[i]))
            return 1;
    return 0;
}

static void gen_for(lw *L, node *s)
{
    node *init, *cond, *inc, *body;
    an_for_parts(L->t, s, &init, &cond, &inc, &body);
    unsigned line = lw_node_line(L, s);
    int header_awaits = (init && init->has_await) || (cond && cond->has_await) || (inc && inc->has_await);
    if (!header_awaits && !declares_frame_var(init)) {
        lw_put_range(L, s, nstart(s), nstart(body));
        lw_gen_stmt(L, body);
        return;
    }
    lw_sync(L, nstart(s));
    lw_put(L, "{");
    if (!header_awaits) {
        /* Only the loop variable moved into the frame: initialize it, keep the loop. */
        gen_decl(L, init);
        char *ct = cond ? lw_emit_text(L, cond) : xstrdup("");
        char *it = inc ? lw_emit_text(L, inc) : xstrdup("");
        lw_gopen(L, line, "for (; %s; %s)", ct, it);
        free(ct);
        free(it);
        lw_gen_stmt(L, body);
        lw_block_end_cleanups(L, s);
        lw_gline(L, line, "}");
        return;
    }
    if (init) {
        if (init->kind == CXCursor_DeclStmt)
            gen_decl(L, init);
        else
            gen_header_expr(L, line, init);
    }
    lw_gline(L, line, "for (;;) {");
    if (cond) {
        lw_hoist(L, cond);
        char *ct = lw_emit_text(L, cond);
        gen_loop_test(L, line, ct, body);
        free(ct);
    }
    unsigned cont = inc ? ++L->nlabels : 0;
    if (inc)
        lw_scratch(L, s)->cont_label = cont;
    lw_gen_stmt(L, body);
    if (inc) {
        lw_gline(L, line, "ac__cont_%u: __attribute__((unused));", cont);
        gen_header_expr(L, line, inc);
    }
    lw_gline(L, line, "}");
    lw_block_end_cleanups(L, s);
    lw_gline(L, line, "}");
}

/* The text of a statement's label part (`case 1:`, `L:`, `default:`) before its sub-statement. */
static void gen_labeled(lw *L, node *s)
{
    node *sub = s->kids[s->nkids - 1];
    lw_put_range(L, s, nstart(s), nstart(sub));
    lw_gen_stmt(L, sub);
}

/* `if (cond)` or `switch (cond)`, after the awaits of cond. */
static void gen_header(lw *L, node *s, const char *keyword, node *cond)
{
    lw_hoist(L, cond);
    char *c = lw_emit_cond(L, cond);
    lw_sync(L, nstart(s));
    lw_put(L, keyword);
    lw_put(L, " (");
    lw_put(L, c);
    lw_put(L, ")");
    free(c);
}

/* Whether the loop pragmas before s must go: it is a loop rebuilt as `{ ...; for (;;) ... }`,
 * which they cannot precede, or one holding an await, whose resume label is a jump into the
 * loop that makes gcc ignore them with a warning (they are only hints). */
static int loop_rebuilt(node *s)
{
    switch (s->kind) {
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
    case CXCursor_ForStmt:
        return s->has_await;
    default:
        return 0;
    }
}

void lw_gen_stmt(lw *L, node *s)
{
    if (lw_is_moved_decl(L, s)) {
        char *uses = lw_moved_decl_uses(L, s);
        if (*uses) {
            lw_sync(L, nstart(s));
            lw_put(L, uses);
        }
        free(uses);
        return;
    }
    L->indent = lw_col_at(L, nstart(s));
    if (s->kind == CXCursor_UnexposedStmt && s->nkids == 1 &&
        clang_isStatement(s->kids[0]->kind) && s->has_await) {
        /* `#pragma GCC unroll` and other attributes on a statement: kept, unless the loop they
         * annotate is rebuilt (they are only hints; a block after them is an error) */
        if (loop_rebuilt(s->kids[0]))
            lw_gen_stmt(L, s->kids[0]);
        else
            gen_labeled(L, s);
        return;
    }
    if (s->kind == CXCursor_DeclStmt) {
        gen_decl(L, s);
        return;
    }
    if (!s->has_await) {
        lw_put_range(L, s, nstart(s), lw_stmt_end(L, s));
        return;
    }
    if (s->kind == CXCursor_CompoundStmt) {
        lw_gen_block(L, s);
        return;
    }
    if (s->kind == CXCursor_CaseStmt || s->kind == CXCursor_DefaultStmt || s->kind == CXCursor_LabelStmt) {
        gen_labeled(L, s);
        return;
    }
    unsigned line = lw_node_line(L, s), indent;
    int wrap = s->parent && s->parent->kind != CXCursor_CompoundStmt;
    if (wrap) {
        lw_sync(L, nstart(s));
        lw_put(L, "{");
        L->wrap_end = L->out.len;
    }
    indent = L->indent = lw_col_at(L, nstart(s));
    switch (s->kind) {
    case CXCursor_ReturnStmt: {
        lw_hoist(L, s);
        char *r = lw_return_text(L, s);
        lw_sync(L, nstart(s));
        lw_put(L, r);
        lw_put(L, ";");
        free(r);
        break;
    }
    case CXCursor_IfStmt: {
        gen_header(L, s, "if", s->kids[0]);
        lw_gen_stmt(L, s->kids[1]);
        if (s->nkids > 2) {
            L->indent = indent;
            /* `} else {` stays one line: on the line the then part ended on when it is the else
             * part's (no #line for it), else on a line of the else part's */
            if (!sb_at_line_start(&L->out) && lw_line_continues(L) && L->cur_line == lw_node_line(L, s->kids[2])) {
                lw_put(L, " else");
            } else {
                lw_gopen(L, lw_node_line(L, s->kids[2]), "else");
            }
            lw_gen_stmt(L, s->kids[2]);
        }
        break;
    }
    case CXCursor_WhileStmt:
        if (s->kids[0]->has_await) {
            lw_gline(L, line, "for (;;) {");
            lw_hoist(L, s->kids[0]);
            char *c = lw_emit_text(L, s->kids[0]);
            gen_loop_test(L, line, c, s->kids[1]);
            free(c);
            lw_gen_stmt(L, s->kids[1]);
            L->indent = indent;
            lw_gline(L, line, "}");
        } else {
            lw_put_range(L, s, nstart(s), nstart(s->kids[1]));
            lw_gen_stmt(L, s->kids[1]);
        }
        break;
    case CXCursor_DoStmt: {
        node *body = s->kids[0], *cond = s->kids[1];
        if (cond->has_await) {
            lw_gline(L, line, "for (;;) {");
            unsigned cont = lw_scratch(L, s)->cont_label = ++L->nlabels;
            lw_gen_stmt(L, body);
            L->indent = indent;
            unsigned cl = lw_node_line(L, cond);
            lw_gline(L, cl, "ac__cont_%u: __attribute__((unused));", cont);
            lw_hoist(L, cond);
            char *c = lw_emit_text(L, cond);
            lw_gline(L, cl, "if (!(%s)) break;", c);
            free(c);
            lw_gline(L, cl, "}");
        } else {
            lw_put_range(L, s, nstart(s), nstart(body));
            lw_gen_stmt(L, body);
            lw_put_range(L, s, lw_stmt_end(L, body), lw_stmt_end(L, s));
        }
        break;
    }
    case CXCursor_ForStmt:
        gen_for(L, s);
        break;
    case CXCursor_SwitchStmt: {
        gen_header(L, s, "switch", s->kids[0]);
        lw_gen_stmt(L, s->kids[s->nkids - 1]);
        break;
    }
    default:
        if (!clang_isExpression(s->kind) && s->kind != CXCursor_GCCAsmStmt && s->kind != CXCursor_IndirectGotoStmt) {
            dg_unchecked(L->t, s, "an await in this kind of statement");
            break;
        }
        lw_hoist(L, s);
        node *u = an_unparen(s);
        if (u->mk != MK_AWAIT) {
            char *e = lw_emit_text(L, s);
            lw_sync(L, nstart(s));
            /* An operator evaluated as statements above (?:, &&, ||, a comma) left its value in
             * a temporary, which a statement alone has no use for (-Wunused-value). */
            if (u->repl)
                lw_put(L, "(void)");
            lw_put(L, e);
            lw_put(L, ";");
            free(e);
        }
        break;
    }
    if (wrap) {
        L->indent = indent;
        lw_gclose(L, line);
    }
}
