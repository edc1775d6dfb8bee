/* align.c: the alignment a declaration asks for with _Alignas or __attribute__((aligned)), which
 * libclang does not expose: its argument is evaluated from the tokens (constants, types, sizeof). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct eval {
    tunit *t;
    const tk_stream *s;
    unsigned i, end; /* the next token, and the index where the argument stops */
    int failed;
} eval;

static unsigned peek(eval *e)
{
    e->i = tk_next(e->s, e->i);
    return e->i < e->end ? e->i : e->s->n;
}

static int accept(eval *e, const char *spelling)
{
    if (!tk_is(e->s, peek(e), spelling))
        return 0;
    e->i++;
    return 1;
}

/* Size and alignment of the builtin type named by the keywords at e->i, or 0 when there are none. */
static int builtin_type(eval *e, unsigned long long *size, unsigned long long *align)
{
    int longs = 0, chars = 0, shorts = 0, ints = 0, floats = 0, doubles = 0, bools = 0, voids = 0, words = 0;
    for (;; words++) {
        if (accept(e, "long"))
            longs++;
        else if (accept(e, "char"))
            chars++;
        else if (accept(e, "short"))
            shorts++;
        else if (accept(e, "int"))
            ints++;
        else if (accept(e, "float"))
            floats++;
        else if (accept(e, "double"))
            doubles++;
        else if (accept(e, "_Bool"))
            bools++;
        else if (accept(e, "void"))
            voids++;
        else if (!accept(e, "unsigned") && !accept(e, "signed") && !accept(e, "const") && !accept(e, "volatile"))
            break;
    }
    if (!words)
        return 0;
    (void)ints;
    unsigned long long n = chars || bools ? 1 : shorts ? 2 : floats ? 4 : doubles ? (longs ? 16 : 8) : longs ? 8 : voids ? 1 : 4;
    *size = *align = n;
    return 1;
}

/* A type name declared at file scope (a typedef, or `struct x`): its size and alignment. */
typedef struct lookup {
    const char *name;
    int tag;
    CXType type;
    int found;
} lookup;

static enum CXChildVisitResult find_type(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lookup *l = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    int want = l->tag ? (k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl) : k == CXCursor_TypedefDecl;
    if (!want)
        return CXChildVisit_Continue;
    char *name = cx_take(clang_getCursorSpelling(c));
    if (strcmp(name, l->name) == 0 && clang_Type_getSizeOf(clang_getCursorType(c)) > 0) {
        l->type = clang_getCursorType(c);
        l->found = 1;
    }
    free(name);
    return CXChildVisit_Continue;
}

static int named_type(eval *e, unsigned long long *size, unsigned long long *align)
{
    unsigned i = peek(e);
    int tag = tk_is(e->s, i, "struct") || tk_is(e->s, i, "union") || tk_is(e->s, i, "enum");
    if (tag)
        e->i++, i = peek(e);
    if (i >= e->s->n || e->s->v[i].kind != TK_IDENT)
        return 0;
    char *name = xstrndup(e->t->text + e->s->v[i].start, e->s->v[i].end - e->s->v[i].start);
    lookup l = {name, tag, {0}, 0};
    clang_visitChildren(clang_getTranslationUnitCursor(e->t->tu), find_type, &l);
    free(name);
    if (!l.found)
        return 0;
    e->i = i + 1;
    *size = (unsigned long long)clang_Type_getSizeOf(l.type);
    *align = (unsigned long long)clang_Type_getAlignOf(l.type);
    return 1;
}

static unsigned long long expr(eval *e);

/* A type name: size and alignment; pointers are 8 bytes; an array's (`int[4][2]`) is its elements'
 * times its lengths. */
static int type_name(eval *e, unsigned long long *size, unsigned long long *align)
{
    unsigned start = e->i;
    if (!builtin_type(e, size, align) && !named_type(e, size, align)) {
        e->i = start;
        return 0;
    }
    while (accept(e, "*") || accept(e, "const") || accept(e, "volatile"))
        *size = *align = 8;
    while (accept(e, "[")) {
        *size *= expr(e);
        e->failed |= !accept(e, "]");
    }
    return 1;
}

static unsigned long long primary(eval *e)
{
    unsigned long long size, align;
    if (accept(e, "(")) {
        unsigned long long v = expr(e);
        e->failed |= !accept(e, ")");
        return v;
    }
    int is_sizeof = accept(e, "sizeof");
    if (is_sizeof || accept(e, "_Alignof") || accept(e, "__alignof__") || accept(e, "__alignof") || accept(e, "alignof")) {
        e->failed |= !accept(e, "(") || !type_name(e, &size, &align) || !accept(e, ")");
        return is_sizeof ? size : align;
    }
    unsigned i = peek(e);
    if (i < e->s->n && e->s->v[i].kind == TK_NUMBER) {
        char *end;
        unsigned long long v = strtoull(e->t->text + e->s->v[i].start, &end, 0);
        while (end < e->t->text + e->s->v[i].end && strchr("uUlL", *end))
            end++;
        e->failed |= end != e->t->text + e->s->v[i].end;
        e->i = i + 1;
        return v;
    }
    e->failed = 1;
    return 0;
}

static unsigned long long term(eval *e)
{
    unsigned long long v = primary(e);
    for (;;) {
        if (accept(e, "*")) {
            v *= primary(e);
        } else if (accept(e, "/")) {
            unsigned long long d = primary(e);
            e->failed |= d == 0;
            v = d ? v / d : 0;
        } else {
            return v;
        }
    }
}

static unsigned long long expr(eval *e)
{
    unsigned long long v = term(e);
    for (;;) {
        if (accept(e, "+"))
            v += term(e);
        else if (accept(e, "-"))
            v -= term(e);
        else if (accept(e, "<<"))
            v <<= term(e);
        else
            return v;
    }
}

int al_alignment(tunit *t, const node *attr, unsigned long long *align)
{
    const tk_stream *s = &t->toks;
    unsigned i = tk_next(s, tk_at(s, nstart(attr)));
    i = tk_next(s, i + 1); /* past _Alignas, aligned or __aligned__ */
    if (!tk_is(s, i, "(")) {
        /* bare `aligned`: the target's largest alignment, __BIGGEST_ALIGNMENT__ of x86-64 */
        *align = 16;
        return 0;
    }
    eval e = {t, s, i + 1, tk_match(s, i), 0};
    unsigned long long size, a;
    unsigned start = e.i;
    if (type_name(&e, &size, &a) && peek(&e) == s->n) {
        *align = a; /* _Alignas(type) */
        return 0;
    }
    e.i = start;
    e.failed = 0;
    *align = expr(&e);
    return e.failed || peek(&e) != s->n || *align == 0 || (*align & (*align - 1)) ? -1 : 0;
}
