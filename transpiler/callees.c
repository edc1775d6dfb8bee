/* callees.c: async functions as callers see them: which declarations are async, and the types
 * of their ABI (parameters as C adjusts or promotes them, results without a top-level const). */
#include "analyze.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static enum CXChildVisitResult attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
        char *s = cx_take(clang_getCursorSpelling(c));
        int match = strcmp(s, "asyncc_async") == 0;
        free(s);
        if (match) {
            *(int *)data = 1;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Continue;
}

/* Whether the declaration c itself is written with `async`. */
int an_own_async_attr(CXCursor c)
{
    int found = 0;
    if (!clang_Cursor_isNull(c) && clang_Cursor_hasAttrs(c))
        clang_visitChildren(c, attr_visit, &found);
    return found;
}

/* Whether any declaration of fn carries `async` (clang keeps the attribute on the one written). */
int an_has_async_attr(CXCursor fn)
{
    return an_own_async_attr(fn) || an_own_async_attr(clang_getCanonicalCursor(fn)) ||
           an_own_async_attr(clang_getCursorDefinition(fn));
}

static void add_callee(tunit *t, callee *c)
{
    VEC_PUSH(t->callees, t->ncallees, c);
    names_put(&t->callee_names, c->name, c);
}

/* The type the default argument promotions make of type ty ("int", or "double" of a float), or
 * NULL when they leave it as it is. */
const char *an_promoted(CXType ty)
{
    switch (clang_getCanonicalType(ty).kind) {
    case CXType_Bool:
    case CXType_Char_S:
    case CXType_Char_U:
    case CXType_SChar:
    case CXType_UChar:
    case CXType_Short:
    case CXType_UShort:
        return "int";
    case CXType_Float:
        return "double";
    default:
        return NULL;
    }
}

/* A K&R parameter's type as callers pass it: the default argument promotions. */
static char *promoted_param_type(CXType ty)
{
    const char *promoted = an_promoted(ty);
    return promoted ? xstrdup(promoted) : an_param_type(ty);
}

/* Removes the top-level const of a result type's spelling (`const int`, `int *const`): the
 * result slot and temporaries of the type are assigned, and a call's value is unqualified in C
 * anyway. The spelling is the canonical one, so a pointer's own qualifiers follow its last `*`,
 * unless the pointer's declarator has parentheses (`int (*const)(char *)`, `int (**const)[2]`),
 * whose last `*` may be a parameter's: such a type is written as the type of a cast to it,
 * which C defines to be unqualified. */
static char *drop_top_const(char *type, int is_pointer)
{
    if (is_pointer && strchr(type, '(') && !strstr(type, "_Atomic")) {
        char *cast = xasprintf("__typeof__((%s)0)", type);
        free(type);
        return cast;
    }
    char *at = is_pointer ? strrchr(type, '*') : type;
    if (!at)
        return type;
    char *c = strstr(at, "const");
    if (!c || (c > type && (isalnum((unsigned char)c[-1]) || c[-1] == '_')) ||
        isalnum((unsigned char)c[5]) || c[5] == '_')
        return type;
    size_t n = 5;
    while (c[n] == ' ')
        n++;
    memmove(c, c + n, strlen(c + n) + 1);
    for (size_t len = strlen(type); len && type[len - 1] == ' ';) /* `int *const` -> `int *` */
        type[--len] = 0;
    return type;
}

/* Whether decls[k] is one of decls[0..k): a function declared once is its own canonical
 * declaration and definition, which need not be read three times. */
static int seen_before(const CXCursor *decls, unsigned k)
{
    for (unsigned i = 0; i < k; i++)
        if (clang_equalCursors(decls[i], decls[k]))
            return 1;
    return 0;
}

/* Whether fn is declared noreturn: `__attribute__((noreturn))` shows in its type (libclang merges
 * it into every redeclaration), C11's `_Noreturn` and C2x's `[[noreturn]]` only as words before
 * the name of a declaration in the input. */
static int declared_noreturn(tunit *t, CXCursor fn)
{
    char *spelling = cx_take(clang_getTypeSpelling(clang_getCursorType(fn)));
    int found = strstr(spelling, "__attribute__((noreturn))") != NULL;
    free(spelling);
    CXCursor decls[3] = {fn, clang_getCanonicalCursor(fn), clang_getCursorDefinition(fn)};
    for (unsigned k = 0; k < 3 && !found; k++) {
        if (clang_Cursor_isNull(decls[k]) || seen_before(decls, k))
            continue;
        CXSourceRange r = clang_getCursorExtent(decls[k]);
        if (!an_in_input(t, clang_getRangeStart(r)))
            continue;
        const tk_stream *s = &t->toks;
        unsigned name = an_offset(clang_getCursorLocation(decls[k]));
        for (unsigned i = tk_at(s, an_offset(clang_getRangeStart(r))); i < s->n && s->v[i].start < name; i++)
            found |= tk_is(s, i, "_Noreturn") || tk_is(s, i, "noreturn") || tk_is(s, i, "__noreturn__");
    }
    return found;
}

CXCursor an_call_target(const node *call)
{
    CXCursor fn = an_referenced(call);
    if (clang_getCursorKind(fn) == CXCursor_FunctionDecl || !call->nkids)
        return fn;
    /* libclang names no callee when parentheses surround it, which C still calls directly */
    node *k = an_unparen(call->kids[0]);
    return k && k->kind == CXCursor_DeclRefExpr ? an_referenced(k) : fn;
}

/* The declaration of a tag that the result type rt of the function first declared at fn names
 * (through pointers, arrays and function types) when that tag is first declared in fn's
 * declaration specifiers (before its name): `struct config;` for a mention, the definition's
 * text for `struct pt { int x, y; } mk(void)` or an enum defined there. NULL otherwise. */
static char *tag_first_declared_by(tunit *t, CXType rt, CXCursor fn)
{
    CXType ty = clang_getCanonicalType(rt);
    for (;;) {
        if (ty.kind == CXType_Pointer)
            ty = clang_getCanonicalType(clang_getPointeeType(ty));
        else if (ty_array(ty))
            ty = clang_getCanonicalType(clang_getArrayElementType(ty));
        else if (ty.kind == CXType_FunctionProto || ty.kind == CXType_FunctionNoProto)
            ty = clang_getCanonicalType(clang_getResultType(ty));
        else
            break;
    }
    if (ty.kind != CXType_Record && ty.kind != CXType_Enum)
        return NULL;
    CXCursor tag = clang_getCanonicalCursor(clang_getTypeDeclaration(ty));
    if (clang_Cursor_isAnonymous(tag))
        return NULL;
    unsigned at = an_offset(clang_getCursorLocation(tag));
    if (!an_in_input(t, clang_getCursorLocation(tag)) || !an_in_input(t, clang_getCursorLocation(fn)) ||
        at < an_offset(clang_getRangeStart(clang_getCursorExtent(fn))) || at >= an_offset(clang_getCursorLocation(fn)))
        return NULL;
    if (clang_isCursorDefinition(tag)) {
        CXSourceRange r = clang_getCursorExtent(tag);
        unsigned a = an_offset(clang_getRangeStart(r)), b = an_offset(clang_getRangeEnd(r));
        return xasprintf("%.*s;", (int)(b - a), t->text + a);
    }
    char *name = cx_take(clang_getCursorSpelling(tag));
    char *spelled = xasprintf("%s %s;", an_tag_keyword(clang_getCursorKind(tag)), name); /* (GNU: enum too) */
    free(name);
    return spelled;
}

/* A declaration already looked up, and its answer: most are called many times, and the
 * spelling of a cursor is dearer than its hash. */
struct callee_slot {
    CXCursor fn;
    callee *c;
    int used;
};

static struct callee_slot *callee_slot(tunit *t, CXCursor fn)
{
    unsigned mask = t->callee_slots_cap - 1, k = clang_hashCursor(fn) & mask;
    while (t->callee_slots[k].used && !clang_equalCursors(t->callee_slots[k].fn, fn))
        k = (k + 1) & mask;
    return &t->callee_slots[k];
}

static callee *by_name(tunit *t, CXCursor fn);

/* The async function fn (a FunctionDecl cursor), or NULL when it is not async. Each name is
 * looked at once: the answer, async or not, is remembered (by cursor too). */
callee *an_callee_of(tunit *t, CXCursor fn)
{
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return NULL;
    if (2 * (t->ncallee_slots + 1) > t->callee_slots_cap) {
        struct callee_slot *old = t->callee_slots;
        unsigned n = t->callee_slots_cap;
        t->callee_slots_cap = n ? 2 * n : 256;
        t->callee_slots = xcalloc(t->callee_slots_cap, sizeof *t->callee_slots);
        for (unsigned i = 0; i < n; i++)
            if (old[i].used)
                *callee_slot(t, old[i].fn) = old[i];
        free(old);
    }
    struct callee_slot *at = callee_slot(t, fn);
    if (!at->used) {
        callee *c = by_name(t, fn);
        at = callee_slot(t, fn); /* again: the table may have grown meanwhile */
        *at = (struct callee_slot){fn, c, 1};
        t->ncallee_slots++;
    }
    return at->c;
}

static callee *by_name(tunit *t, CXCursor fn)
{
    char *name = cx_take(clang_getCursorSpelling(fn));
    int known;
    callee *c = names_get(&t->callee_names, name, &known);
    if (known || !an_has_async_attr(fn)) {
        if (!known)
            names_put(&t->callee_names, name, NULL);
        free(name);
        return c;
    }
    c = xcalloc(1, sizeof *c);
    c->name = name;
    c->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
    c->noreturn = declared_noreturn(t, fn);
    CXType ft = clang_getCursorType(fn);
    CXType rt = clang_getResultType(ft);
    if (rt.kind != CXType_Void)
        c->ret_type = cx_take(clang_getTypeSpelling(clang_isConstQualifiedType(clang_getCanonicalType(rt)) ? clang_getCanonicalType(rt) : rt));
    if (c->ret_type && clang_isConstQualifiedType(clang_getCanonicalType(rt)))
        c->ret_type = drop_top_const(c->ret_type, clang_getCanonicalType(rt).kind == CXType_Pointer);
    c->ret_tag = tag_first_declared_by(t, rt, clang_getCanonicalCursor(fn));
    /* `int f()` declares no prototype (libclang calls that variadic): its parameters are those
     * of its definition, passed as a call without a prototype passes them, promoted. */
    c->variadic = ft.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ft);
    CXCursor def = clang_getCursorDefinition(fn);
    c->kr_params = ft.kind == CXType_FunctionNoProto && !clang_Cursor_isNull(def);
    if (!clang_Cursor_isNull(def) && clang_Cursor_getNumArguments(def) > 0 &&
        an_in_input(t, clang_getCursorLocation(def))) {
        /* A K&R definition (`f(a, b) int a; char b; {`), which libclang types as a prototype:
         * its parameters are declared after the `)` that follows the name. */
        const tk_stream *s = &t->toks;
        unsigned open = tk_next(s, tk_at(s, an_offset(clang_getCursorLocation(def))) + 1);
        unsigned close = tk_is(s, open, "(") ? tk_match(s, open) : s->n;
        CXCursor first = clang_Cursor_getArgument(def, 0);
        unsigned at = an_offset(clang_getCursorLocation(first));
        char *pname = cx_take(clang_getCursorSpelling(first));
        /* or not declared at all (`f(n) {`: an int), when the extent is the name alone */
        c->kr_written = (close < s->n && at > s->v[close].start) ||
                        (*pname && an_offset(clang_getRangeStart(clang_getCursorExtent(first))) == at);
        c->kr_params |= c->kr_written;
        free(pname);
    }
    if (ft.kind == CXType_FunctionNoProto && !clang_Cursor_isNull(def) && clang_getCursorType(def).kind == CXType_FunctionProto)
        ft = clang_getCursorType(def);
    if (ft.kind == CXType_FunctionProto) {
        int n = clang_getNumArgTypes(ft);
        for (int i = 0; i < n; i++)
            VEC_PUSH(c->param_types, c->nparams, an_param_type(clang_getArgType(ft, (unsigned)i)));
    } else if (!clang_Cursor_isNull(def)) {
        int n = clang_Cursor_getNumArguments(def);
        for (int i = 0; i < n; i++)
            VEC_PUSH(c->param_types, c->nparams, promoted_param_type(clang_getCursorType(clang_Cursor_getArgument(def, (unsigned)i))));
    } else {
        c->unknown_params = 1;
    }
    if (c->kr_params) {
        c->ptr_params = xcalloc(c->nparams ? c->nparams : 1, 1);
        for (unsigned i = 0; i < c->nparams && (int)i < clang_Cursor_getNumArguments(def); i++) {
            CXType ty = clang_getCursorType(clang_Cursor_getArgument(def, i));
            enum CXTypeKind k = clang_getCanonicalType(ty).kind;
            c->ptr_params[i] = k == CXType_Pointer || ty_fixed_array(ty) || k == CXType_FunctionProto ||
                               k == CXType_FunctionNoProto;
        }
    }
    CXCursor decls[3] = {fn, clang_getCanonicalCursor(fn), def};
    for (unsigned k = 0; k < 3; k++)
        if (!clang_Cursor_isNull(decls[k]) && !seen_before(decls, k))
            fa_collect(t, c, decls[k]);
    add_callee(t, c);
    return c;
}

/* ac_timeout races its future against the runtime's ac_sleep_ms. */
callee *an_sleep_callee(tunit *t)
{
    int known;
    callee *c = names_get(&t->callee_names, "ac_sleep_ms", &known);
    if (c)
        return c;
    c = xcalloc(1, sizeof *c);
    c->name = xstrdup("ac_sleep_ms");
    VEC_PUSH(c->param_types, c->nparams, xstrdup("unsigned long"));
    add_callee(t, c);
    return c;
}

/* Whether t is a type the compiler declares itself, which the program cannot spell: the element
 * of va_list (`struct __va_list_tag`, x86-64's), whose spelling in a prototype would declare a
 * new struct there. */
static int implicit_type(CXType t)
{
    CXCursor d = clang_getTypeDeclaration(clang_getCanonicalType(t));
    if (clang_Cursor_isNull(d) || clang_getCursorKind(d) == CXCursor_NoDeclFound)
        return 0;
    CXFile file = NULL;
    clang_getSpellingLocation(clang_getCursorLocation(d), &file, NULL, NULL, NULL);
    return file == NULL;
}

/* A parameter's type as C adjusts it: arrays (also VLAs) and functions become pointers.
 * libclang reports the type as written. */
char *an_param_type(CXType ty)
{
    /* A pointer to an array of run-time size (`int m[r][c]`) cannot be written outside the
     * function: the ABI passes a plain pointer, which uses see through its type (lower_vm.c). */
    if (vm_param_type(ty))
        return xstrdup("void *");
    /* through a typedef too: `typedef int (*table[4])(int);` makes a parameter a pointer */
    CXType canon = clang_getCanonicalType(ty);
    /* `va_list ap`: a pointer to the element of the type as written, which names it (the
     * element's own name would declare a new struct, and va_arg would refuse the pointer) */
    if (canon.kind == CXType_ConstantArray && implicit_type(clang_getArrayElementType(canon))) {
        char *w = cx_take(clang_getTypeSpelling(ty));
        char *s = xasprintf("__typeof__(&(*(__typeof__(%s) *)0)[0])", w);
        free(w);
        return s;
    }
    switch (canon.kind) {
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_FunctionProto:
    case CXType_FunctionNoProto:
        if (ty.kind != canon.kind)
            ty = canon;
        break;
    default:
        break;
    }
    switch (ty.kind) {
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray: {
        /* an array typedef's const stays on the array, not on its element type as libclang
         * gives it */
        CXType e = clang_getArrayElementType(ty);
        int add_const = clang_isConstQualifiedType(ty) && !clang_isConstQualifiedType(e);
        char *elem = cx_take(clang_getTypeSpelling(e));
        char *s = xasprintf("__typeof__(%s)%s *", elem, add_const ? " const" : "");
        free(elem);
        return s;
    }
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: {
        char *fn = cx_take(clang_getTypeSpelling(ty));
        char *s = xasprintf("__typeof__(%s) *", fn);
        free(fn);
        return s;
    }
    default:
        return cx_take(clang_getTypeSpelling(ty));
    }
}
