/* constants.c: const locals whose value is a constant, declared static where they are instead
 * of living in the frame. */
#include "analyze.h"

#include <string.h>

/*
 * `const int n = 10; for (unsigned i = 0; i < n; i++) await(step(i));` In the source the
 * compilers fold n's value where they warn (clang's -Wsign-compare, -Wtautological-constant-
 * compare, -Wconstant-conversion; gcc's at -O2), and gcc reads `const char fmt[] = "%s\n";` as
 * the format of printf(fmt, ...) (-Wformat, -Wformat-nonliteral). A frame field is neither, so
 * the output warned where the source did not (an error under -Werror), and lost the format
 * checks. A const object with a constant initializer is never written and holds the same value
 * in every activation: declared `static` where the source declares it, it needs no frame field,
 * a resumption that jumps past its declaration finds it initialized, and its name, scope and
 * what the compilers fold are the source's.
 *
 * Only what is surely a constant qualifies: a declaration in a block without a storage class,
 * every declarator of it a const, non-volatile object of arithmetic or enum type, or an array
 * of them, without attributes, whose initializer is made of literals, operators without side
 * effects, casts, sizeof and enumerators declared outside the function (and clang folds a
 * scalar's). A scalar's address is not taken; an array's is whenever it is used, so none of
 * its uses compares it: a static has one address in every activation, where each one's
 * automatic array had its own.
 */

static int outside(const afn *f, CXCursor decl)
{
    unsigned at = an_offset(clang_getCursorLocation(decl));
    return at < nstart(f->root) || at >= nend(f->root);
}

/* Whether expression n has a value the compiler knows and no side effects, reading nothing of
 * f: an arithmetic constant expression, or a string literal or initializer list of them. */
static int pure_constant(const tunit *t, const afn *f, const node *n)
{
    static const char *const not_pure[] = {"&", "*", "__extension__", "__real__", "__imag__", NULL};
    switch (n->kind) {
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_InitListExpr:
    case CXCursor_ParenExpr:
    case CXCursor_ConditionalOperator:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_UnaryExpr: /* sizeof, _Alignof */
        break;
    case CXCursor_UnaryOperator:
        if (an_is_inc_dec(t, n))
            return 0;
        for (const char *const *w = not_pure; *w; w++)
            if (an_text_starts(t, n, *w))
                return 0;
        break;
    case CXCursor_BinaryOperator: {
        const char *op = an_binop(t, n);
        if (an_is_assign(t, n) || !op || strcmp(op, ",") == 0) /* (no comma in a constant) */
            return 0;
        break;
    }
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

/* Words that rule a declaration out: a storage class of its own (static could not be added), or
 * `typeof`, which may name a local that libclang shows no cursor of. */
static int has_word(const tunit *t, const node *d)
{
    static const char *const words[] = {"register", "auto", "static", "extern", "_Thread_local", "__thread",
                                        "typedef", "typeof", "__typeof__", "__typeof", NULL};
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_at(ts, nstart(d)); i < ts->n && ts->v[i].start < nend(d); i++)
        for (const char *const *w = words; *w; w++)
            if (tk_is(ts, i, *w))
                return 1;
    return 0;
}

static int arithmetic(CXType c)
{
    return c.kind == CXType_Enum || (c.kind >= CXType_Bool && c.kind <= CXType_LongDouble);
}

/* Whether a use of array v compares its address (`p == fmt`). */
static int address_compared(const tunit *t, const var *v)
{
    static const char *const compare[] = {"==", "!=", "<", ">", "<=", ">=", NULL};
    for (unsigned r = 0; r < v->nrefs; r++) {
        const node *p = v->refs[r]->parent;
        while (p && (p->kind == CXCursor_UnexposedExpr || p->kind == CXCursor_ParenExpr || p->kind == CXCursor_CStyleCastExpr))
            p = p->parent;
        if (!p || p->kind != CXCursor_BinaryOperator)
            continue;
        const char *op = an_binop(t, p);
        for (const char *const *c = compare; op && *c; c++)
            if (strcmp(op, *c) == 0)
                return 1;
    }
    return 0;
}

static int constant_declarator(const tunit *t, const afn *f, node *k)
{
    var *v = k->var;
    if (!v || v->is_static || v->is_param || k->has_await || clang_Cursor_hasAttrs(k->cur) || !an_var_init(k))
        return 0;
    /* (clang's canonical `const int[5]` is a const array of int: a qualifier may be on any level) */
    CXType c = clang_getCanonicalType(clang_getCursorType(k->cur));
    int array = 0, is_const = clang_isConstQualifiedType(c), is_volatile = clang_isVolatileQualifiedType(c);
    while (c.kind == CXType_ConstantArray) {
        array = 1;
        c = clang_getCanonicalType(clang_getArrayElementType(c));
        is_const |= clang_isConstQualifiedType(c);
        is_volatile |= clang_isVolatileQualifiedType(c);
    }
    if (!arithmetic(c) || !is_const || is_volatile || (array ? address_compared(t, v) : v->addr_taken))
        return 0;
    for (unsigned i = 0; i < k->nkids; i++)
        if (!pure_constant(t, f, k->kids[i]))
            return 0;
    if (array) /* (clang evaluates no array) */
        return 1;
    CXEvalResult r = clang_Cursor_Evaluate(k->cur);
    if (!r)
        return 0;
    CXEvalResultKind rk = clang_EvalResult_getKind(r);
    clang_EvalResult_dispose(r);
    return rk == CXEval_Int || rk == CXEval_Float;
}

int an_constant_decl(scan *s, node *d)
{
    if (d->kind != CXCursor_DeclStmt || !d->parent || d->parent->kind != CXCursor_CompoundStmt || !d->nkids)
        return 0;
    for (unsigned i = 0; i < d->nkids; i++)
        if (!constant_declarator(s->t, s->f, d->kids[i]))
            return 0;
    return !has_word(s->t, d); /* last: most declarations are not const, and it reads every token */
}
