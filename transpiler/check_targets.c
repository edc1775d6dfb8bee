/* check_targets.c: `async` written on something that is not a function (a variable, a member, a
 * parameter, a typedef, a tag), anywhere in the input: refused at that declaration. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

static const char annotation[] = "\"asyncc_async\"";

/* Whether c's text holds an `async` (the attribute it expands to): only there is one to find. */
int ck_async_written(const tunit *t, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    unsigned a = an_offset(clang_getRangeStart(r)), b = an_offset(clang_getRangeEnd(r));
    return a < b && b <= t->text_len && memmem(t->text + a, b - a, annotation, sizeof annotation - 1);
}

static const char *what_it_is(CXCursor d)
{
    switch (clang_getCursorKind(d)) {
    case CXCursor_VarDecl:
        return "a variable";
    case CXCursor_FieldDecl:
        return "a member";
    case CXCursor_ParmDecl:
        return "a parameter";
    case CXCursor_TypedefDecl:
        return "a typedef";
    case CXCursor_StructDecl:
        return "a struct";
    case CXCursor_UnionDecl:
        return "a union";
    case CXCursor_EnumDecl:
        return "an enum";
    case CXCursor_EnumConstantDecl:
        return "an enumerator";
    default:
        return "not a function";
    }
}

typedef struct targets {
    tunit *t;
    CXCursor top; /* the file-scope declaration */
} targets;

static void refuse(const targets *g, CXCursor d)
{
    tunit *t = g->t;
    char *name = cx_take(clang_getCursorSpelling(d));
    /* a variable declared with an async function (`async int f(int), n;`) takes its async too */
    int beside = clang_getCursorKind(d) == CXCursor_VarDecl && clang_equalCursors(d, g->top);
    if (beside)
        dg_error(t, clang_getCursorLocation(d),
                 "'%s' is a variable: async applies to functions; declare it apart from the async function", name);
    else
        dg_error(t, clang_getCursorLocation(d), "'%s' is %s: async applies to functions", name, what_it_is(d));
    free(name);
}

static enum CXChildVisitResult target_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    const targets *g = data;
    if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
        char *s = cx_take(clang_getCursorSpelling(c));
        if (strcmp(s, "asyncc_async") == 0 && clang_getCursorKind(parent) != CXCursor_FunctionDecl)
            refuse(g, parent);
        free(s);
        return CXChildVisit_Continue;
    }
    return ck_async_written(g->t, c) ? CXChildVisit_Recurse : CXChildVisit_Continue;
}

/* c: a file-scope declaration with an async in its text (ck_async_written), a function definition
 * with its body (see parse.c's halves). */
void ck_async_targets(tunit *t, CXCursor c)
{
    targets g = {t, c};
    clang_visitChildren(c, target_visit, &g);
}
