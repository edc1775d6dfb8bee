/* check_unit.c: the checks that need every function analyzed: local types that move to file scope
 * with a frame, declarations and statements the lowering takes apart, #line files, cleanups. */
#include "analyze.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/* The local types of an async function that does suspend move to file scope (lower_moved.c), where
 * the frame struct can use them; a function that never suspends keeps them in its plain C twin. */
typedef struct moving {
    tunit *t;
    afn *f;
    char **unnamed; /* unnamed types that move with a frame local: where clang says they are */
    unsigned nunnamed;
} moving;

/* What the moves cannot do (lower_moved.c): a local type that names a local variable (in typeof)
 * cannot leave its function. A name file scope already has is no error: the type moves under a
 * new name. Unnamed types declared with variables that the lowering takes apart (a frame local,
 * or an await in a declaration of several) move too, under a name they are given. */
static void refers_to_local(moving *m, node *n)
{
    dg_error_node(m->t, n,
                  "this local type refers to a local variable (a variable-length array or typeof): it cannot move "
                  "to file scope with the frame; declare it outside the async function");
}

/* Whether an attribute inside local type n names a local variable declared before it in a scope
 * around it (`char c __attribute__((aligned(sizeof d)));`): libclang shows no expressions of
 * attributes, so their tokens are read. */
static int attribute_names_local(const moving *m, const node *n)
{
    if (clang_isAttribute(n->kind)) {
        const tk_stream *ts = &m->t->toks;
        int args = 0; /* the attribute's own name comes before its arguments */
        for (unsigned i = tk_at(ts, nstart(n)); i < ts->n && ts->v[i].end <= nend(n); i++) {
            args |= tk_is(ts, i, "(");
            if (ts->v[i].kind != TK_IDENT || !args)
                continue;
            for (unsigned k = 0; k < m->f->nvars; k++) {
                const var *v = m->f->vars[k];
                const node *sc = v->scope ? v->scope : m->f->body;
                if (nstart(v->decl) < nstart(n) && nstart(n) >= nstart(sc) && nend(n) <= nend(sc) && *v->name &&
                    tk_is(ts, i, v->name))
                    return 1;
            }
        }
        return 0;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (attribute_names_local(m, n->kids[i]))
            return 1;
    return 0;
}

static void check_moved_types(moving *m, node *n)
{
    if (an_types_only(n)) {
        if (an_refers_to_local(m->t, n) || attribute_names_local(m, n))
            refers_to_local(m, n);
        return;
    }
    int taken_apart = an_taken_apart(n);
    for (unsigned i = 0; n->kind == CXCursor_DeclStmt && i < n->nkids; i++) {
        node *k = n->kids[i];
        int unnamed = an_is_unnamed_tag(k);
        if (unnamed && taken_apart)
            VEC_PUSH(m->unnamed, m->nunnamed, lw_unnamed_key(clang_getCursorType(k->cur)));
        /* a type defined together with variables moves alone (`struct r { __typeof__(n) a; } v;`),
         * a named one always, an unnamed one when the declaration is taken apart */
        if (k->kind != CXCursor_TypedefDecl && an_is_tag_decl(k) && clang_isCursorDefinition(k->cur) &&
            (unnamed ? taken_apart : n->nkids > 1) && (an_refers_to_local(m->t, k) || attribute_names_local(m, k)))
            refers_to_local(m, k);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        check_moved_types(m, n->kids[i]);
}

/* Whether the lowering cannot spell the type of local decl (a frame field's when in_frame): clang
 * spells unnamed types by their location, which C cannot, unless they moved with a frame local
 * (and got a name). The spelling is the lowering's own (lower_types.c). */
static int spells_unnamed(const moving *m, const node *decl, int in_frame)
{
    char *s = lw_name_unnamed(lw_spell_type(clang_getCursorType(decl->cur), in_frame), m->unnamed, NULL, m->nunnamed);
    int unnamed = lw_unspellable(s);
    free(s);
    return unnamed;
}

/* An expression whose value the lowering keeps in a temporary (a ?: or a statement expression
 * whose operands await, the first operand of a GNU ?: whose second does): its type must have a
 * spelling, as plan_walk.c's value_temp writes it. A type without a name defined for a member has
 * the member's (lw_unnamed_member_type); a pointer to one, or the type of an anonymous member, has
 * none. */
static void check_value_type(moving *m, const node *n)
{
    pl_hoist h = pl_hoist_of(m->t, n);
    const node *value = h == PH_ELVIS ? n->kids[0] : n;
    if (h != PH_CONDITIONAL && h != PH_ELVIS && (h != PH_STMT_EXPR || an_value_discarded(n)))
        return;
    CXType ty = clang_getCursorType(value->cur);
    if (ty.kind == CXType_Void || vm_type(ty))
        return;
    char *bits = lw_bit_field_value_type(m->t, m->f, value);
    char *s = bits ? bits : lw_name_unnamed(lw_type_spelling(ty), m->unnamed, NULL, m->nunnamed);
    char *member = lw_unspellable(s) ? lw_unnamed_member_type(m->f, ty, m->unnamed, NULL, m->nunnamed) : NULL;
    if (lw_unspellable(s) && !member)
        dg_error_node(m->t, n, "the value of this expression has a type without a name asyncc can write in the frame; "
                               "give the type a tag or a typedef");
    free(member);
    free(s);
}

/* A declaration the lowering rewrites (it declares a frame local, or it awaits and declares
 * more than one thing) is taken apart: each variable is declared again, which needs its type
 * spelled (a type defined in it moves alone, lower_moved.c). Other statements holding an await
 * must be of a kind the lowering restructures. */
static void check_statements(moving *m, node *n)
{
    tunit *t = m->t;
    int moves = !m->f->self->never_suspends;
    if (clang_isExpression(n->kind) && n->has_await)
        check_value_type(m, n);
    int vm_typedef = 0; /* typedefs of run-time size: lower_vm.c keeps them in place */
    for (unsigned i = 0; n->kind == CXCursor_DeclStmt && i < n->nkids; i++)
        vm_typedef |= an_is_vm_typedef(n->kids[i]);
    /* lower_vm.c captures their sizes where the lowering takes the declaration (a block with an
     * await; a block without one is copied as written): a type defined with them has no
     * declaration of its own to stay in. */
    if (moves && vm_typedef && n->parent && n->parent->has_await)
        for (unsigned i = 0; i < n->nkids; i++)
            if (n->kids[i]->kind != CXCursor_TypedefDecl)
                dg_error_node(t, n->kids[i], "a typedef of run-time size cannot define a type too; define it in a "
                                             "declaration of its own, before the typedef");
    if (n->kind == CXCursor_DeclStmt && !(moves && (an_types_only(n) || vm_typedef))) {
        if (an_taken_apart(n))
            for (unsigned i = 0; i < n->nkids; i++) {
                node *k = n->kids[i];
                if (k->var && spells_unnamed(m, k, k->var->in_frame)) {
                    char *name = cx_take(clang_getCursorSpelling(k->cur));
                    dg_error_node(t, k, "the type of '%s' has no name asyncc can write in the frame; give it a tag or a typedef",
                                  name);
                    free(name);
                }
            }
    } else if (clang_isStatement(n->kind) && n->has_await) {
        switch (n->kind) {
        case CXCursor_DeclStmt: /* typedefs of run-time size: lower_vm.c hoists their sizes' awaits */
        case CXCursor_CompoundStmt:
        case CXCursor_CaseStmt:
        case CXCursor_DefaultStmt:
        case CXCursor_LabelStmt:
        case CXCursor_ReturnStmt:
        case CXCursor_IfStmt:
        case CXCursor_WhileStmt:
        case CXCursor_DoStmt:
        case CXCursor_ForStmt:
        case CXCursor_SwitchStmt:
        case CXCursor_GCCAsmStmt:       /* operands that await are hoisted like an expression's, */
        case CXCursor_IndirectGotoStmt: /* and so is the target of a computed goto */
            break;
        case CXCursor_UnexposedStmt: /* attributes on a statement */
            if (n->nkids == 1 && clang_isStatement(n->kids[0]->kind))
                break;
            /* fall through */
        default:
            /* C has no other statement that holds an expression: one asyncc does not know is its
             * own bug, not a limit of the user's code */
            dg_unchecked(t, n, "an await in this kind of statement");
            return;
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        check_statements(m, n->kids[i]);
}

/* The generated code of a function says the file of each of its lines (an #include or the input's
 * own #line inside it: lw_line_at), but it replaces the lines of one file: a function that ends in
 * another file than it starts in (a #line naming another, never undone) cannot be rewritten. */
static void check_line_files(tunit *t, afn *f)
{
    unsigned a = nstart(f->root), b = nend(f->root);
    if (dg_file_at(t, a) != dg_file_at(t, b > a ? b - 1 : b))
        dg_error_node(t, f->root, "a #line directive inside an async function names another file; asyncc cannot rewrite it");
}

/* A local whose cleanup function is async: C calls a cleanup as a plain function at the end of
 * the scope (and the frame's cleanup code calls it so), and an async function is no longer one. */
static void check_cleanups(tunit *t, const node *n)
{
    if (n->kind == CXCursor_VarDecl && clang_Cursor_hasAttrs(n->cur)) {
        char *fn = an_cleanup_of(t, n);
        for (unsigned i = 0; fn && i < t->ncallees; i++) {
            callee *c = t->callees[i];
            if (strcmp(c->name, fn) == 0)
                dg_error_node(t, n,
                              "cleanup function '%s' is async: C calls a cleanup as a plain function at the end of the "
                              "scope, which an async function is not; make it a plain function",
                              fn);
        }
        free(fn);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        check_cleanups(t, n->kids[i]);
}

/* The checks that need every function analyzed: local types meet all of file scope, and the
 * functions before them. */
/* hv_each's job: function i's checks, which read only what analysis found (of every function)
 * and its own tree. */
static void check_function(tunit *t, unsigned i, void *arg)
{
    (void)arg;
    afn *f = t->fns[i];
    check_line_files(t, f);
    if (f->body)
        check_cleanups(t, f->body);
    if (!f->self || !f->body)
        return;
    moving m = {t, f, NULL, 0};
    if (!f->self->never_suspends) {
        check_moved_types(&m, f->body);
        ck_params(t, f);
    }
    check_statements(&m, f->body);
    for (unsigned k = 0; k < m.nunnamed; k++)
        free(m.unnamed[k]);
    free(m.unnamed);
}

void ck_unit(tunit *t)
{
    hv_each(t, check_function, NULL);
}
