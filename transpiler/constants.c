/* constants.c: const locals whose value is a constant: declared once at the top of the run
 * function, under their own names, instead of living in the frame. */
#include "analyze.h"

#include <string.h>

/*
 * `const int n = 10; for (unsigned i = 0; i < n; i++) await(step(i));` In the source the
 * compilers fold n's value where they warn (clang's -Wsign-compare, -Wtautological-constant-
 * compare, -Wconstant-conversion; gcc's at -O2): an unsigned i against a non-negative constant
 * does not warn. A frame field is not a constant, so the output warned where the source did not,
 * an error under -Werror. A const local is never written, and a constant initializer reads
 * nothing that can change: its declaration can run at the top of every poll, before the
 * dispatch, and then hold the same value wherever the source reads it.
 *
 * Only what is surely a constant qualifies: a declaration in a block, every declarator of it a
 * const, non-volatile arithmetic or enum local without attributes, whose initializer clang
 * folds and is made of literals, operators without side effects, casts, sizeof and enumerators
 * declared outside the function; and no other name in the function is spelled as one of them (it
 * would be hidden where the source saw it).
 */

static int outside(const afn *f, CXCursor decl)
{
    unsigned at = an_offset(clang_getCursorLocation(decl));
    return at < nstart(f->root) || at >= nend(f->root);
}

static int first_token_is(const tunit *t, const node *n, const char *const *words)
{
    const tk_stream *ts = &t->toks;
    unsigned i = tk_next(ts, tk_at(ts, nstart(n)));
    for (; *words; words++)
        if (tk_is(ts, i, *words))
            return 1;
    return 0;
}

/* Whether expression n has a value the compiler knows and no side effects, reading nothing of f. */
static int pure_constant(const tunit *t, const afn *f, const node *n)
{
    static const char *const not_pure[] = {"&", "*", "++", "--", "__extension__", "__real__", "__imag__", NULL};
    switch (n->kind) {
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_ParenExpr:
    case CXCursor_ConditionalOperator:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_UnaryExpr: /* sizeof, _Alignof */
        break;
    case CXCursor_UnaryOperator:
        if (first_token_is(t, n, not_pure) || an_is_inc_dec(t, n))
            return 0;
        break;
    case CXCursor_BinaryOperator:
        if (an_is_assign(t, n))
            return 0;
        break;
    case CXCursor_TypeRef:
        return outside(f, clang_getCursorReferenced(n->cur));
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(n->cur);
        return clang_getCursorKind(d) == CXCursor_EnumConstantDecl && outside(f, d);
    }
    default:
        return 0;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (!pure_constant(t, f, n->kids[i]))
            return 0;
    return 1;
}

/* `typeof` may name a local that libclang shows no cursor of. */
static int typeof_inside(const tunit *t, const node *k)
{
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_at(ts, nstart(k)); i < ts->n && ts->v[i].start < nend(k); i++)
        if (tk_is(ts, i, "typeof") || tk_is(ts, i, "__typeof__") || tk_is(ts, i, "__typeof"))
            return 1;
    return 0;
}

static int constant_declarator(const tunit *t, const afn *f, node *k)
{
    var *v = k->var;
    if (!v || v->is_static || v->is_param || !v->is_const || !v->name[0] ||
        strncmp(v->name, "ac__", 4) == 0 || k->has_await || clang_Cursor_hasAttrs(k->cur))
        return 0;
    CXType c = clang_getCanonicalType(clang_getCursorType(k->cur));
    if (clang_isVolatileQualifiedType(c) || !(c.kind == CXType_Enum || (c.kind >= CXType_Bool && c.kind <= CXType_LongDouble)))
        return 0;
    if (!an_var_init(k) || typeof_inside(t, k))
        return 0;
    for (unsigned i = 0; i < k->nkids; i++)
        if (!pure_constant(t, f, k->kids[i]))
            return 0;
    CXEvalResult r = clang_Cursor_Evaluate(k->cur);
    if (!r)
        return 0;
    CXEvalResultKind rk = clang_EvalResult_getKind(r);
    clang_EvalResult_dispose(r);
    return rk == CXEval_Int || rk == CXEval_Float;
}

/* Whether a name or type name spelled `name` in n means anything but v. */
static int names_other(const tunit *t, const node *n, const var *v, const char *name)
{
    const tk_stream *ts = &t->toks;
    if ((n->kind == CXCursor_DeclRefExpr && n->var != v) || n->kind == CXCursor_TypeRef) {
        unsigned i = tk_next(ts, tk_at(ts, nstart(n)));
        if (tk_is(ts, i, name))
            return 1;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (names_other(t, n->kids[i], v, name))
            return 1;
    return 0;
}

static int name_unique(const tunit *t, const afn *f, const var *v)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i] != v && strcmp(f->vars[i]->name, v->name) == 0)
            return 0;
    return !names_other(t, f->body, v, v->name);
}

int an_constant_decl(scan *s, node *d)
{
    if (d->kind != CXCursor_DeclStmt || !d->parent || d->parent->kind != CXCursor_CompoundStmt || !d->nkids)
        return 0;
    for (unsigned i = 0; i < d->nkids; i++)
        if (!constant_declarator(s->t, s->f, d->kids[i]) || !name_unique(s->t, s->f, d->kids[i]->var))
            return 0;
    return 1;
}
