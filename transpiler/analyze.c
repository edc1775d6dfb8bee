/* analyze.c: finds what the input asks of asyncc: async functions, await sites, combinators and
 * the locals that must live in a frame, and rejects what cannot be transformed correctly. */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- syntax tree */

/* A tree under construction. libclang walks it depth first, so the nodes still open form a path
 * from the root, and the children found so far of each open node lie at the top of `kids`. */
typedef struct build {
    node **open;
    unsigned *base; /* open[i]'s children start at kids[base[i]] */
    unsigned nopen, cap;
    node **kids;
    unsigned nkids, kcap;
} build;

static unsigned offset_of(CXSourceLocation loc)
{
    unsigned off;
    clang_getSpellingLocation(loc, NULL, NULL, NULL, &off);
    return off;
}

static node *new_node(CXCursor c, node *parent)
{
    node *n = xarena(sizeof *n);
    n->kind = clang_getCursorKind(c);
    n->cur = c;
    n->parent = parent;
    return n;
}

void an_extent(node *n)
{
    CXSourceRange r = clang_getCursorExtent(n->cur);
    n->xstart = offset_of(clang_getRangeStart(r));
    n->xend = offset_of(clang_getRangeEnd(r));
    n->has_extent = 1;
}

static void open_node(build *b, node *n)
{
    if (b->nopen == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->open = xrealloc(b->open, sizeof *b->open * b->cap);
        b->base = xrealloc(b->base, sizeof *b->base * b->cap);
    }
    b->open[b->nopen] = n;
    b->base[b->nopen++] = b->nkids;
}

/* The innermost open node has all its children: they move to an array of its own. */
static void close_node(build *b)
{
    node *n = b->open[--b->nopen];
    unsigned first = b->base[b->nopen];
    n->nkids = b->nkids - first;
    if (n->nkids) {
        n->kids = xarena(sizeof *n->kids * n->nkids);
        memcpy(n->kids, b->kids + first, sizeof *n->kids * n->nkids);
    }
    b->nkids = first;
}

/* One recursive walk (a nested clang_visitChildren per node would cost a libclang visitor each). */
static enum CXChildVisitResult build_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    build *b = data;
    while (b->nopen > 1 && !clang_equalCursors(b->open[b->nopen - 1]->cur, parent))
        close_node(b);
    node *n = new_node(c, b->open[b->nopen - 1]);
    if (b->nkids == b->kcap) {
        b->kcap = b->kcap ? 2 * b->kcap : 256;
        b->kids = xrealloc(b->kids, sizeof *b->kids * b->kcap);
    }
    b->kids[b->nkids++] = n;
    open_node(b, n);
    return CXChildVisit_Recurse;
}

static node *build_tree(tunit *t, CXCursor c)
{
    (void)t;
    static build b; /* its arrays are reused by every tree */
    node *root = new_node(c, NULL);
    open_node(&b, root);
    clang_visitChildren(c, build_visit, &b);
    while (b.nopen)
        close_node(&b);
    return root;
}

/* The operator of a binary operator node: the first token between its operands (libclang 14
 * does not expose it). Returns a static string such as "&&", "," or "+=". */
const char *an_binop(const tunit *t, const node *n)
{
    static char op[4];
    op[0] = 0;
    if (n->nkids != 2)
        return op;
    const tk_stream *s = &t->toks;
    unsigned i = tk_next(s, tk_at(s, nend(n->kids[0])));
    if (i < s->n && s->v[i].kind == TK_PUNCT && s->v[i].end <= nstart(n->kids[1]) &&
        s->v[i].end - s->v[i].start < sizeof op) {
        memcpy(op, t->text + s->v[i].start, s->v[i].end - s->v[i].start);
        op[s->v[i].end - s->v[i].start] = 0;
    }
    return op;
}

node *an_unparen(node *n)
{
    while (n && (n->kind == CXCursor_ParenExpr || n->kind == CXCursor_UnexposedExpr) && n->nkids == 1 &&
           !n->mk)
        n = n->kids[0];
    return n;
}

static int is_comma(const tunit *t, const node *n)
{
    return n->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, n), ",") == 0;
}

static const struct {
    const char *name;
    marker mk;
    int sentinel; /* the macro appends a value after the user's operands */
} markers[] = {
    {"__asyncc_await", MK_AWAIT, 0},       {"__asyncc_spawn", MK_SPAWN, 1},
    {"__asyncc_spawn_local", MK_SPAWN_LOCAL, 1}, {"__asyncc_block_on", MK_BLOCK_ON, 0},
    {"__asyncc_join", MK_JOIN, 1},         {"__asyncc_try_join", MK_TRY_JOIN, 1},
    {"__asyncc_select", MK_SELECT, 1},     {"__asyncc_timeout", MK_TIMEOUT, 1},
};

/* Recognizes `(__asyncc_X, a, b, ...)`, the expansion of await and the combinators. */
static void find_marker(tunit *t, node *paren)
{
    if (paren->mk)
        return;
    if (paren->kind != CXCursor_ParenExpr || paren->nkids != 1 || !is_comma(t, paren->kids[0]))
        return;
    node *chain[64];
    unsigned n = 0;
    node *c = paren->kids[0];
    while (is_comma(t, c) && n < 64) {
        chain[n++] = c->kids[1];
        c = c->kids[0];
    }
    node *leaf = c;
    while (leaf->kind == CXCursor_UnexposedExpr && leaf->nkids == 1)
        leaf = leaf->kids[0];
    if (leaf->kind != CXCursor_DeclRefExpr)
        return;
    char *name = cx_take(clang_getCursorSpelling(leaf->cur));
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        if (strcmp(name, markers[i].name) != 0)
            continue;
        paren->mk = markers[i].mk;
        unsigned first = markers[i].sentinel ? 1 : 0;
        for (unsigned k = n; k-- > first;) {
            node *op = chain[k];
            while (op->kind == CXCursor_ParenExpr && op->nkids == 1) {
                find_marker(t, op); /* a combinator inside await is a marker too */
                if (op->mk)
                    break;
                op = op->kids[0];
            }
            VEC_PUSH(paren->ops, paren->nops, op);
        }
    }
    free(name);
}

/* ---------------------------------------------------------------- async functions */

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
static int own_async_attr(CXCursor c)
{
    int found = 0;
    if (!clang_Cursor_isNull(c) && clang_Cursor_hasAttrs(c))
        clang_visitChildren(c, attr_visit, &found);
    return found;
}

/* Whether any declaration of fn carries `async` (clang keeps the attribute on the one written). */
static int has_async_attr(CXCursor fn)
{
    return own_async_attr(fn) || own_async_attr(clang_getCanonicalCursor(fn)) ||
           own_async_attr(clang_getCursorDefinition(fn));
}

static void add_callee(tunit *t, callee *c)
{
    VEC_PUSH(t->callees, t->ncallees, c);
    names_put(&t->callee_names, c->name, c);
}

static int in_input(tunit *t, CXSourceLocation loc);

/* A K&R parameter's type as callers pass it: the default argument promotions. */
static char *promoted_param_type(CXType ty)
{
    CXType canon = clang_getCanonicalType(ty);
    switch (canon.kind) {
    case CXType_Bool:
    case CXType_Char_S:
    case CXType_Char_U:
    case CXType_SChar:
    case CXType_UChar:
    case CXType_Short:
    case CXType_UShort:
        return xstrdup("int");
    case CXType_Float:
        return xstrdup("double");
    default:
        return an_param_type(ty);
    }
}

/* A call with arguments of an async function whose parameters this file never sees (declared
 * `int f();`, defined elsewhere): its frame's init function has the parameters of the
 * definition, which a call without a prototype cannot be checked against. */
static void check_arguments(tunit *t, node *call, const callee *c)
{
    int n = clang_Cursor_getNumArguments(call->cur);
    if (c->unknown_params && n > 0)
        dg_error_node(t, call,
                      "async function '%s' is declared without a prototype and defined in another file: declare its "
                      "parameters, as in 'async int %s(int x);'",
                      c->name, c->name);
    /* Nothing checks such a call in C (its behaviour is undefined); init has the parameters. */
    else if (c->kr_params && n >= 0 && (unsigned)n != c->nparams)
        dg_error_node(t, call,
                      "call of '%s' with %d arguments, but its definition without a prototype has %u parameters: "
                      "C leaves this undefined and asyncc cannot pass them; declare the parameters",
                      c->name, n, c->nparams);
}

/* Removes the top-level const of a result type's spelling (`const int`, `int *const`): the
 * result slot and temporaries of the type are assigned, and a call's value is unqualified in C
 * anyway. The spelling is the canonical one, so a pointer's own qualifiers follow its last `*`. */
static void drop_top_const(char *type, int is_pointer)
{
    char *at = is_pointer ? strrchr(type, '*') : type;
    if (!at)
        return;
    char *c = strstr(at, "const");
    if (!c || (c > type && (isalnum((unsigned char)c[-1]) || c[-1] == '_')) ||
        isalnum((unsigned char)c[5]) || c[5] == '_')
        return;
    size_t n = 5;
    while (c[n] == ' ')
        n++;
    memmove(c, c + n, strlen(c + n) + 1);
    for (size_t len = strlen(type); len && type[len - 1] == ' ';) /* `int *const` -> `int *` */
        type[--len] = 0;
}

/* The async function fn (a FunctionDecl cursor), or NULL when it is not async. Each name is
 * looked at once: the answer, async or not, is remembered. */
static callee *callee_of(tunit *t, CXCursor fn)
{
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return NULL;
    char *name = cx_take(clang_getCursorSpelling(fn));
    int known;
    callee *c = names_get(&t->callee_names, name, &known);
    if (known || !has_async_attr(fn)) {
        if (!known)
            names_put(&t->callee_names, name, NULL);
        free(name);
        return c;
    }
    c = xcalloc(1, sizeof *c);
    c->name = name;
    c->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
    CXType ft = clang_getCursorType(fn);
    CXType rt = clang_getResultType(ft);
    if (rt.kind != CXType_Void)
        c->ret_type = cx_take(clang_getTypeSpelling(clang_isConstQualifiedType(clang_getCanonicalType(rt)) ? clang_getCanonicalType(rt) : rt));
    if (c->ret_type && clang_isConstQualifiedType(clang_getCanonicalType(rt)))
        drop_top_const(c->ret_type, clang_getCanonicalType(rt).kind == CXType_Pointer);
    /* `int f()` declares no prototype (libclang calls that variadic): its parameters are those
     * of its definition, passed as a call without a prototype passes them, promoted. */
    c->variadic = ft.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ft);
    CXCursor def = clang_getCursorDefinition(fn);
    c->kr_params = ft.kind == CXType_FunctionNoProto && !clang_Cursor_isNull(def);
    if (!clang_Cursor_isNull(def) && clang_Cursor_getNumArguments(def) > 0 &&
        in_input(t, clang_getCursorLocation(def))) {
        /* A K&R definition (`f(a, b) int a; char b; {`), which libclang types as a prototype:
         * its parameters are declared after the `)` that follows the name. */
        const tk_stream *s = &t->toks;
        unsigned open = tk_next(s, tk_at(s, offset_of(clang_getCursorLocation(def))) + 1);
        unsigned close = tk_is(s, open, "(") ? tk_match(s, open) : s->n;
        c->kr_params |= close < s->n &&
                        offset_of(clang_getCursorLocation(clang_Cursor_getArgument(def, 0))) > s->v[close].start;
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

/* ---------------------------------------------------------------- per-function analysis */

typedef struct scan {
    tunit *t;
    afn *f;
    node **awaits;
    unsigned nawaits;
    int in_unevaluated;
    node **literals; /* compound literals that may be pointed to */
    unsigned nliterals;
} scan;

/* Whether n's first token is spelled `word`. */
static int text_starts(const tunit *t, const node *n, const char *word)
{
    return tk_is(&t->toks, tk_at(&t->toks, nstart(n)), word);
}

static node *enclosing_scope(node *n)
{
    for (node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_CompoundStmt || p->kind == CXCursor_ForStmt)
            return p;
    return NULL;
}

static var *var_of(afn *f, CXCursor decl)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (clang_equalCursors(f->vars[i]->decl->cur, decl))
            return f->vars[i];
    return NULL;
}

/* Whether the async call n is an operand of await or of a combinator, possibly as `v = f(x)`. */
static int is_marker_operand(node *n)
{
    for (node *q = n->parent; q; q = q->parent) {
        if (q->mk) {
            for (unsigned i = 0; i < q->nops; i++) {
                node *op = q->ops[i];
                if (an_unparen(op) == n)
                    return 1;
                if (q->mk != MK_AWAIT && op->kind == CXCursor_BinaryOperator && op->nkids == 2 &&
                    an_unparen(op->kids[1]) == n)
                    return 1;
            }
            return 0;
        }
        if (q->kind != CXCursor_BinaryOperator && q->kind != CXCursor_ParenExpr && q->kind != CXCursor_UnexposedExpr)
            return 0;
    }
    return 0;
}

static const char *combinator_name(marker mk)
{
    return mk == MK_JOIN ? "ac_join" : mk == MK_TRY_JOIN ? "ac_try_join" : mk == MK_SELECT ? "ac_select" : "ac_timeout";
}

/* A combinator must be awaited directly, and each of its futures is `f(x)` or `lvalue = f(x)`. */
static void check_combinator(tunit *t, node *n)
{
    const char *name = combinator_name(n->mk);
    node *p = n->parent;
    while (p && !p->mk && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                           p->kind == CXCursor_BinaryOperator))
        p = p->parent;
    if (!p || p->mk != MK_AWAIT || an_unparen(p->ops[0]) != n) {
        dg_error_node(t, n, "%s(...) is a future: await it, as in await(%s(...))", name, name);
        return;
    }
    if (n->mk == MK_TIMEOUT)
        n->fn = an_sleep_callee(t);
    unsigned first = n->mk == MK_TIMEOUT ? 1 : 0;
    if (n->nops <= first) {
        dg_error_node(t, n, "%s needs at least one future", name);
        return;
    }
    if (n->mk == MK_TIMEOUT && n->nops != 2) {
        dg_error_node(t, n, "ac_timeout takes a duration in milliseconds and one future");
        return;
    }
    if (n->nops - first > 32) { /* one bit per future in a 32-bit mask */
        dg_error_node(t, n, "%s takes at most 32 futures", name);
        return;
    }
    for (unsigned i = first; i < n->nops; i++) {
        node *op = an_unparen(n->ops[i]), *call = op;
        if (op->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, op), "=") == 0) {
            call = an_unparen(op->kids[1]);
            if (op->kids[0]->has_await)
                dg_error_node(t, op->kids[0], "the target of a %s result cannot await", name);
        }
        callee *c = call->kind == CXCursor_CallExpr ? callee_of(t, clang_getCursorReferenced(call->cur)) : NULL;
        if (!c) {
            dg_error_node(t, op, "each future of %s must be a call of an async function, optionally assigned: v = f(x)",
                          name);
            continue;
        }
        call->fn = c;
        if (n->mk == MK_TRY_JOIN) {
            CXType rt = clang_getCanonicalType(clang_getCursorType(call->cur));
            if (rt.kind < CXType_Char_S || rt.kind > CXType_LongLong)
                dg_error_node(t, call, "ac_try_join needs futures returning a signed integer (negative means error)");
        }
    }
}

/* Expressions that C evaluates partly or not at all, where hoisting an await out would run it
 * when the original would not: rejected rather than miscompiled. */
static void check_await_context(tunit *t, node *n)
{
    if (n->kind == CXCursor_GenericSelectionExpr) {
        dg_error_node(t, n, "'await' inside _Generic: only the selected association runs; await before and select on the value");
        return;
    }
    if (n->kind == CXCursor_UnexposedExpr && text_starts(t, n, "__builtin_choose_expr")) {
        dg_error_node(t, n, "'await' inside __builtin_choose_expr: only one branch runs; await in an if/else instead");
        return;
    }
    /* GNU `a ?: b` shows its condition more than once (as opaque values) */
    if (n->kind == CXCursor_UnexposedExpr && n->nkids >= 2)
        for (unsigned i = 0; i + 1 < n->nkids; i++)
            if (nstart(n->kids[i]) == nstart(n->kids[i + 1]) && nend(n->kids[i]) == nend(n->kids[i + 1])) {
                dg_error_node(t, n, "'await' inside `a ?: b`: write the full conditional, `a ? a : b`, with a variable");
                return;
            }
}

/* Whether a variable of type ty is const itself (through a typedef or typeof too); arrays are
 * not: their elements are, and so stay in the frame. */
static unsigned is_const_type(CXType ty)
{
    CXType canon = clang_getCanonicalType(ty);
    if (canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray || canon.kind == CXType_VariableArray)
        return 0;
    return clang_isConstQualifiedType(ty) || clang_isConstQualifiedType(canon);
}

/* libclang shows the size expression of a VLA type in sizeof twice: one node stands for both. */
static void drop_repeated_kids(node *n)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n->nkids; i++)
        if (!k || !clang_equalCursors(n->kids[k - 1]->cur, n->kids[i]->cur))
            n->kids[k++] = n->kids[i];
    n->nkids = k;
}

/* Whether expression e is the size of an array type: `[e]`. In a type name (sizeof, a cast, a
 * compound literal, a declaration) that is the only part C evaluates, when it is not constant. */
static int is_array_bound(const tunit *t, const node *e)
{
    const tk_stream *ts = &t->toks;
    unsigned first = tk_at(ts, nstart(e)), after = tk_next(ts, tk_at(ts, nend(e)));
    return tk_is(ts, tk_prev(ts, first), "[") && tk_is(ts, after, "]");
}

static int holds_marker(const node *n)
{
    if (n->mk)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (holds_marker(n->kids[i]))
            return 1;
    return 0;
}

static int calls_builtin(const node *n, const char *name)
{
    if (n->kind != CXCursor_CallExpr)
        return 0;
    char *s = cx_take(clang_getCursorSpelling(n->cur));
    int same = strcmp(s, name) == 0;
    free(s);
    return same;
}

/* Whether C leaves kid i of n unevaluated: the operand of sizeof (but not the sizes of a
 * variably modified type named there) and of _Alignof; the type names of declarations,
 * typedefs, casts and compound literals (typeof in them), except array sizes; the operands of
 * __builtin_types_compatible_p and __builtin_constant_p. An await there is never run. */
static int unevaluated_kid(const tunit *t, const node *n, unsigned i)
{
    const node *k = n->kids[i];
    if (!clang_isExpression(k->kind))
        return 0;
    switch (n->kind) {
    case CXCursor_UnaryExpr:
        if (text_starts(t, n, "sizeof"))
            return !is_array_bound(t, k);
        return text_starts(t, n, "_Alignof") || text_starts(t, n, "__alignof") || text_starts(t, n, "__alignof__") ||
               text_starts(t, n, "alignof");
    case CXCursor_VarDecl: {
        CXCursor init = clang_Cursor_getVarDeclInitializer(n->cur);
        if (!clang_Cursor_isNull(init) && clang_equalCursors(init, k->cur))
            return 0;
        return !is_array_bound(t, k);
    }
    case CXCursor_TypedefDecl:
        return !is_array_bound(t, k);
    case CXCursor_FieldDecl: /* members and enumerators: constant expressions only */
    case CXCursor_EnumConstantDecl:
        return 1;
    case CXCursor_CStyleCastExpr:
        return i + 1 < n->nkids && !is_array_bound(t, k);
    case CXCursor_CompoundLiteralExpr:
        return k->kind != CXCursor_InitListExpr && !is_array_bound(t, k);
    case CXCursor_UnexposedExpr:
        return text_starts(t, n, "__builtin_types_compatible_p");
    case CXCursor_CallExpr:
        return i > 0 && calls_builtin(n, "__builtin_constant_p");
    default:
        return 0;
    }
}

static void scan_node(scan *s, node *n)
{
    tunit *t = s->t;
    afn *f = s->f;
    find_marker(t, n);
    if (n->kind == CXCursor_LabelStmt)
        f->has_labels = 1;
    if ((n->kind == CXCursor_StructDecl || n->kind == CXCursor_UnionDecl || n->kind == CXCursor_EnumDecl) &&
        clang_Cursor_isAnonymous(n->cur))
        f->unnamed_local_type = 1;
    if (n->kind == CXCursor_VarDecl && f->self) {
        var *v = xcalloc(1, sizeof *v);
        v->decl = n;
        v->scope = enclosing_scope(n);
        v->name = cx_take(clang_getCursorSpelling(n->cur));
        v->type = cx_take(clang_getTypeSpelling(clang_getCursorType(n->cur)));
        enum CX_StorageClass sc = clang_Cursor_getStorageClass(n->cur);
        v->is_static = sc == CX_SC_Static || sc == CX_SC_Extern;
        v->is_const = is_const_type(clang_getCursorType(n->cur));
        n->var = v;
        VEC_PUSH(f->vars, f->nvars, v);
    }
    if (n->kind == CXCursor_UnaryExpr)
        drop_repeated_kids(n);
    for (unsigned i = 0; i < n->nkids; i++) {
        int skip = unevaluated_kid(t, n, i);
        s->in_unevaluated += skip;
        scan_node(s, n->kids[i]);
        s->in_unevaluated -= skip;
    }

    for (unsigned i = 0; i < n->nkids; i++)
        n->has_await |= n->kids[i]->has_await;
    /* An await is never constant, and its replacement must not be read even in words clang
     * warns about (a null dereference): the whole question has its answer. */
    if (calls_builtin(n, "__builtin_constant_p") && holds_marker(n))
        n->repl = "0";
    if (n->has_await)
        check_await_context(t, n);

    if (n->mk == MK_AWAIT) {
        /* In sizeof or typeof an await is never run: only its type counts (see below). */
        n->has_await = !s->in_unevaluated;
        if (n->has_await)
            VEC_PUSH(s->awaits, s->nawaits, n);
        if (!f->self)
            dg_error_node(t, n, "'await' outside an async function; mark the enclosing function 'async'");
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        if (call && (call->mk == MK_JOIN || call->mk == MK_TRY_JOIN || call->mk == MK_SELECT || call->mk == MK_TIMEOUT ||
                     call->mk == MK_BLOCK_ON)) {
            /* checked where the marker itself is scanned */
        } else if (call && (call->mk == MK_SPAWN || call->mk == MK_SPAWN_LOCAL)) {
            dg_error_node(t, n, "ac_spawn returns a join handle, not a future: await(ac_task_join(handle, &result))");
        } else if (!call || call->kind != CXCursor_CallExpr) {
            dg_error_node(t, n, "'await' needs a call of an async function, like await(f(x))");
        } else {
            CXCursor fn = clang_getCursorReferenced(call->cur);
            callee *c = callee_of(t, fn);
            if (!c) {
                char *name = cx_take(clang_getCursorSpelling(fn));
                if (*name && clang_getCursorKind(fn) == CXCursor_FunctionDecl)
                    dg_error_node(t, call, "'await' of '%s', which is not an async function; declare it 'async'", name);
                else
                    dg_error_node(t, call, "'await' needs a direct call of an async function, not a function pointer");
                free(name);
            } else {
                call->fn = c;
                check_arguments(t, call, c);
                if (s->in_unevaluated)
                    n->repl = c->ret_type ? xasprintf("(*(__typeof__(%s) *)0)", c->ret_type) : "((void)0)";
            }
        }
        if (s->in_unevaluated && call && call->mk)
            dg_error_node(t, n, "combinators inside sizeof or typeof are never run; await them in a statement");
    } else if (n->mk == MK_BLOCK_ON || n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL) {
        if (n->mk == MK_BLOCK_ON && f->self)
            dg_error_node(t, n, "ac_block_on inside an async function would block its worker; use await");
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        callee *c = call && call->kind == CXCursor_CallExpr ? callee_of(t, clang_getCursorReferenced(call->cur)) : NULL;
        if (!c)
            dg_error_node(t, n, "%s needs a call of an async function", n->mk == MK_BLOCK_ON ? "ac_block_on" : "ac_spawn");
        else
            call->fn = c;
        if (c)
            check_arguments(t, call, c);
    } else if (n->mk) {
        check_combinator(t, n);
    } else if (n->kind == CXCursor_CallExpr && !n->fn) {
        CXCursor fn = clang_getCursorReferenced(n->cur);
        callee *c = callee_of(t, fn);
        if (c && !is_marker_operand(n)) {
            dg_error_node(t, n,
                          "call of async function '%s' without await: its future would never run; write await(%s(...))",
                          c->name, c->name);
        } else if (!c && f->self) {
            char *name = cx_take(clang_getCursorSpelling(fn));
            static const struct {
                const char *name;
                int is_jump;
            } banned[] = {{"alloca", 0}, {"__builtin_alloca", 0}, {"__builtin_alloca_with_align", 0},
                          {"__builtin_alloca_with_align_and_max", 0}, {"setjmp", 1}, {"_setjmp", 1},
                          {"__sigsetjmp", 1}, {"sigsetjmp", 1}, {"__builtin_setjmp", 1}, {"longjmp", 1},
                          {"_longjmp", 1}, {"siglongjmp", 1}, {"__builtin_longjmp", 1}};
            for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
                if (strcmp(name, banned[i].name) == 0)
                    dg_error_node(t, n, "'%s' cannot be used in an async function: %s", name,
                                  banned[i].is_jump
                                      ? "a jump across a suspended frame cannot be resumed; return an error code instead"
                                      : "its memory would not survive a suspension; use malloc or a fixed-size array");
            free(name);
        }
    } else if (n->kind == CXCursor_CompoundLiteralExpr && f->self) {
        /* Block-scoped storage on the poll function's stack: if a pointer to it can be kept
         * (an array, or its address taken) and an await follows, it must live in the frame. */
        enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(n->cur)).kind;
        int addressed = k == CXType_ConstantArray || k == CXType_IncompleteArray;
        /* through members too: &(struct s){...}.y, and (struct s){...}.array, which decays */
        node *p = n->parent;
        for (; p && !addressed; p = p->parent) {
            enum CXTypeKind pk = clang_getCanonicalType(clang_getCursorType(p->cur)).kind;
            if (p->kind == CXCursor_MemberRefExpr && (pk == CXType_ConstantArray || pk == CXType_IncompleteArray))
                addressed = 1;
            else if (p->kind != CXCursor_ParenExpr && p->kind != CXCursor_UnexposedExpr && p->kind != CXCursor_MemberRefExpr)
                break;
        }
        addressed |= p && p->kind == CXCursor_UnaryOperator && text_starts(t, p, "&");
        if (addressed && enclosing_scope(n))
            VEC_PUSH(s->literals, s->nliterals, n); /* decided once every await is known */
    } else if (n->kind == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(n->cur);
        if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
            node *p = n->parent;
            while (p && p->kind == CXCursor_UnexposedExpr)
                p = p->parent;
            int is_callee = p && p->kind == CXCursor_CallExpr && p->nkids && an_unparen(p->kids[0]) == an_unparen(n);
            if (!is_callee && callee_of(t, ref)) {
                char *name = cx_take(clang_getCursorSpelling(ref));
                dg_error_node(t, n, "taking the address of async function '%s' is not supported; call it with await", name);
                free(name);
            }
        } else if (f->self) {
            n->var = var_of(f, ref);
            if (n->var) {
                VEC_PUSH(n->var->refs, n->var->nrefs, n);
                for (node *p = n->parent; p; p = p->parent) {
                    enum CXTypeKind pk = clang_getCanonicalType(clang_getCursorType(p->cur)).kind;
                    /* &x, &x.m, and x.m of array type, which decays to a pointer into x */
                    if ((p->kind == CXCursor_UnaryOperator && text_starts(t, p, "&")) ||
                        (p->kind == CXCursor_MemberRefExpr && (pk == CXType_ConstantArray || pk == CXType_IncompleteArray))) {
                        n->var->addr_taken = 1;
                        break;
                    }
                    if (p->kind != CXCursor_ParenExpr && p->kind != CXCursor_UnexposedExpr &&
                        p->kind != CXCursor_MemberRefExpr && p->kind != CXCursor_ArraySubscriptExpr)
                        break;
                }
            }
        }
    }
}

/* Whether an await that can suspend ends in (from, to]: one after offset from, or one holding
 * it (a compound literal in the arguments of the call it awaits). */
static int await_ends_within(scan *s, unsigned from, unsigned to)
{
    for (unsigned i = 0; i < s->nawaits; i++)
        if (nend(s->awaits[i]) > from && nend(s->awaits[i]) <= to)
            return 1;
    return 0;
}

static int await_within(scan *s, unsigned from, unsigned to)
{
    for (unsigned i = 0; i < s->nawaits; i++)
        if (nstart(s->awaits[i]) > from && nend(s->awaits[i]) <= to)
            return 1;
    return 0;
}

/* The function named by a cleanup attribute of the declaration, or NULL. libclang shows the
 * attribute as an unexposed one: its tokens say which (`cleanup (fn)` or `__cleanup__(fn)`). */
static char *cleanup_of(const tunit *t, const node *decl)
{
    const tk_stream *ts = &t->toks;
    for (unsigned k = 0; k < decl->nkids; k++) {
        const node *a = decl->kids[k];
        if (a->kind != CXCursor_UnexposedAttr)
            continue;
        unsigned i = tk_next(ts, tk_at(ts, nstart(a)));
        if (!tk_is(ts, i, "cleanup") && !tk_is(ts, i, "__cleanup__"))
            continue;
        i = tk_next(ts, i + 1);
        if (!tk_is(ts, i, "("))
            continue;
        i = tk_next(ts, i + 1);
        if (i < ts->n && ts->v[i].kind == TK_IDENT)
            return xstrndup(t->text + ts->v[i].start, ts->v[i].end - ts->v[i].start);
    }
    return NULL;
}

/* Whether an await in [lo, at) can be reached again after offset at without leaving [lo, hi)
 * (a goto back over at): what is declared or made at `at`, in scope [lo, hi), may then hold a
 * value there (a goto forward past a declaration reads it without running the initializer
 * again; a pointer to a compound literal made at `at` is still valid). */
static int await_back_over(scan *s, unsigned lo, unsigned hi, unsigned at)
{
    for (unsigned a = 0; a < s->nawaits; a++) {
        node *aw = s->awaits[a];
        span back;
        if (nstart(aw) >= lo && nend(aw) <= at && jp_span_at(s->f, lo, hi, nstart(aw), &back) && back.hi > at)
            return 1;
    }
    return 0;
}

/* Whether v's value must survive some await: an await after its declaration, and then a use
 * after that await, or a use that control can come back to from the await (a loop or a goto
 * back, inside v's scope: jumps.c). Locals whose address is taken, arrays, and locals with a
 * cleanup are kept whenever an await follows the declaration. */
static int lives_across(scan *s, var *v)
{
    CXType ty = clang_getCanonicalType(clang_getCursorType(v->decl->cur));
    unsigned lo = nstart(v->scope), hi = nend(v->scope);
    /* Not for a VLA: a jump to before its declaration ends its lifetime. */
    v->early_await = ty.kind != CXType_VariableArray && await_back_over(s, lo, hi, nstart(v->decl));
    if (!await_within(s, nend(v->decl), hi))
        return v->early_await;
    /* A resumption may not jump into the scope of a variably modified type (C11 6.8.6.1): a
     * pointer to a variable-length array followed by an await in its scope lives in the frame. */
    if (v->early_await || v->addr_taken || v->cleanup || ty.kind == CXType_ConstantArray ||
        ty.kind == CXType_IncompleteArray || ty.kind == CXType_VariableArray || vm_type(ty))
        return 1;
    for (unsigned a = 0; a < s->nawaits; a++) {
        node *aw = s->awaits[a];
        if (nstart(aw) <= nend(v->decl) || nend(aw) > hi)
            continue;
        const node *stmt = jp_resumed_stmt(aw);
        span back;
        int again = jp_span_at(s->f, lo, hi, nstart(aw), &back);
        for (unsigned r = 0; r < v->nrefs; r++) {
            node *ref = v->refs[r];
            if (nstart(ref) >= nend(aw))
                return 1;
            if (nstart(ref) >= nstart(stmt) && nend(ref) <= nend(stmt) && nstart(ref) >= nend(v->decl))
                return 1;
            /* A loop around the await inside v's scope, however far out, or a goto back, runs
             * the use again after the await. */
            if (again && nstart(ref) >= back.lo && nend(ref) <= back.hi)
                return 1;
        }
    }
    return 0;
}

/* Whether a local with a cleanup declared before f->vars[i], in a scope that holds it, lives in
 * the frame: then vars[i] must too. The generated code runs frame locals' cleanups itself, at
 * the end of their scope or at a jump out, while the compiler runs a stack local's when C's own
 * scope ends, after them: cleanups must run in reverse order of declaration. */
static int after_frame_cleanup(afn *f, unsigned i)
{
    unsigned at = nstart(f->vars[i]->decl);
    for (unsigned j = 0; j < i; j++) {
        var *w = f->vars[j];
        if (w->cleanup && w->in_frame && w->scope && at >= nstart(w->scope) && at < nend(w->scope))
            return 1;
    }
    return 0;
}

/* Decides which locals live across an await and gives them unique field names. */
static void place_vars(scan *s)
{
    afn *f = s->f;
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param && !v->is_static && v->scope)
            v->cleanup = clang_Cursor_hasAttrs(v->decl->cur) ? cleanup_of(s->t, v->decl) : NULL;
        if (v->is_param)
            v->in_frame = 1;
        else if (!v->is_static && v->scope) {
            v->in_frame = lives_across(s, v);
            if (!v->in_frame && v->cleanup && after_frame_cleanup(f, i)) {
                v->in_frame = 1;
                /* the statements around it are lowered, which a frame local's declaration needs */
                for (node *p = v->decl; p && p != f->body; p = p->parent)
                    p->has_await = 1;
            }
        }
        if (!v->in_frame) {
            free(v->cleanup);
            v->cleanup = NULL; /* an ordinary C local: the compiler runs its cleanup */
            continue;
        }
        CXType ty = clang_getCursorType(v->decl->cur);
        unsigned long long align = 0; /* _Alignas(N) and __attribute__((aligned(N))) */
        int unknown = 0;
        for (unsigned k = 0; k < v->decl->nkids; k++) {
            unsigned long long a;
            if (v->decl->kids[k]->kind != CXCursor_AlignedAttr)
                continue;
            if (al_alignment(s->t, v->decl->kids[k], &a) < 0)
                unknown = 1;
            else if (a > align)
                align = a;
        }
        v->align = align <= 16 ? (unsigned)align : 0;
        if (unknown)
            dg_error_node(s->t, v->decl,
                          "asyncc cannot tell the alignment that '%s' asks for, and it lives across an await; write the "
                          "alignment as an integer constant or a type",
                          v->name);
        else if (clang_Type_getAlignOf(ty) > 16 || align > 16)
            dg_error_node(s->t, v->decl,
                          "'%s' asks for an alignment that a frame does not guarantee (frames are 16-byte aligned) and lives "
                          "across an await; keep it in memory you allocate",
                          v->name);
        else if (clang_getCanonicalType(ty).kind == CXType_VariableArray && !v->is_param)
            dg_error_node(s->t, v->decl, "variable-length array '%s' cannot live across an await; give it a constant size or allocate it",
                          v->name);
        else if (vm_type(ty) && !v->is_param && clang_getCanonicalType(ty).kind != CXType_Pointer)
            dg_error_node(s->t, v->decl,
                          "'%s', an array of pointers to variable-length arrays, cannot live across an await; keep one "
                          "pointer per variable",
                          v->name);
        /* A unique member name: the user's when free, else name_2, name_3... A name in asyncc's
         * own space (ac__state, ac__result, ac__t1...) gets a prefix that takes it out of it. */
        const char *base = v->name[0] ? v->name : "ac__param"; /* an unnamed parameter */
        char *own = v->name[0] && strncmp(base, "ac__", 4) == 0 ? xasprintf("u_%s", base) : NULL;
        if (own)
            base = own;
        char *field = xstrdup(base);
        for (unsigned k = 2;; k++) {
            int clash = 0;
            for (unsigned j = 0; j < i && !clash; j++)
                clash = f->vars[j]->in_frame && strcmp(f->vars[j]->field, field) == 0;
            if (!clash)
                break;
            free(field);
            field = xasprintf("%s_%u", base, k);
        }
        free(own);
        v->field = field;
    }
}

/* Whether text [a, b) is covered by one of n's children (its expressions). */
static int in_kid(const node *n, unsigned a, unsigned b)
{
    for (unsigned i = 0; i < n->nkids; i++)
        if (a >= nstart(n->kids[i]) && b <= nend(n->kids[i]))
            return 1;
    return 0;
}

/* The type names of a _Generic's associations are not in the syntax tree libclang shows, so
 * a frame local named there (`__typeof__(x) *: ...`) could not be renamed: rejected. An
 * identifier there that is a frame local in scope is a use of it (a local hides typedefs of
 * its name; tags follow struct/union/enum and members follow . or ->). */
static void check_generic_types(scan *s, node *n)
{
    for (unsigned i = 0; i < n->nkids; i++)
        check_generic_types(s, n->kids[i]);
    if (n->kind != CXCursor_GenericSelectionExpr)
        return;
    const tk_stream *ts = &s->t->toks;
    for (unsigned i = tk_at(ts, nstart(n)); i < ts->n && ts->v[i].start < nend(n); i++) {
        unsigned a = ts->v[i].start, b = ts->v[i].end, p = tk_prev(ts, i);
        if (ts->v[i].kind != TK_IDENT || in_kid(n, a, b))
            continue;
        int after = p < ts->n && ts->v[p].start >= nstart(n);
        if (after && (tk_is(ts, p, ".") || tk_is(ts, p, "->") || tk_is(ts, p, "struct") || tk_is(ts, p, "union") ||
                      tk_is(ts, p, "enum")))
            continue; /* a member or a tag */
        for (unsigned k = 0; k < s->f->nvars; k++) {
            var *v = s->f->vars[k];
            if (v->in_frame && strlen(v->name) == b - a && memcmp(v->name, s->t->text + a, b - a) == 0 &&
                (!v->scope || (nstart(n) >= nend(v->decl) && nend(n) <= nend(v->scope)))) {
                dg_error_node(s->t, n, "'%s' lives across an await and cannot be named in the type of a _Generic "
                              "association; write its type out", v->name);
                return;
            }
        }
    }
}

/* Whether every await of f is of a function defined earlier in this file that never suspends:
 * then f completes in its first poll too. Those awaits become direct calls (in any caller) and
 * leave s->awaits, which then holds only the awaits that can suspend. Functions defined later
 * (recursion among them) are not looked into: their frames are allocated as before. */
static void never_suspending(tunit *t, afn *f, scan *s)
{
    (void)t;
    int all_direct = 1;
    unsigned kept = 0;
    for (unsigned i = 0; i < s->nawaits; i++) {
        node *aw = s->awaits[i];
        node *call = aw->nops == 1 ? an_unparen(aw->ops[0]) : NULL;
        callee *c = call && !call->mk ? call->fn : NULL;
        aw->direct = c && c->never_suspends && c->def && c->def_start < nstart(f->root);
        if (aw->direct)
            VEC_PUSH(f->direct, f->ndirect, aw);
        else
            s->awaits[kept++] = aw;
        all_direct &= aw->direct;
    }
    s->nawaits = kept;
    if (f->self && all_direct && !f->is_main && !f->self->variadic && !f->unnamed_local_type)
        f->self->never_suspends = 1;
}

/* Points the names of parameters in n at their variables (n is outside the body, which
 * scan_node resolves). */
static void name_params(afn *f, node *n)
{
    if (n->kind == CXCursor_DeclRefExpr)
        n->var = var_of(f, clang_getCursorReferenced(n->cur));
    for (unsigned i = 0; i < n->nkids; i++)
        name_params(f, n->kids[i]);
}

/* Whether p, a ParmDecl under the function fn, is one of fn's own parameters: libclang also
 * shows those of a function type in the result (`int (*pick(int w))(int, int)`). */
static int own_param(CXCursor fn, const node *p)
{
    if (p->kind != CXCursor_ParmDecl)
        return 0;
    int n = clang_Cursor_getNumArguments(fn);
    for (int i = 0; i < n; i++)
        if (clang_equalCursors(clang_Cursor_getArgument(fn, (unsigned)i), p->cur))
            return 1;
    return 0;
}

static void analyze_function(tunit *t, CXCursor c, callee *self)
{
    afn *f = xcalloc(1, sizeof *f);
    f->root = build_tree(t, c);
    f->self = self;
    f->name = cx_take(clang_getCursorSpelling(c));
    f->is_main = self && strcmp(f->name, "main") == 0;
    CXSourceRange r = clang_getCursorExtent(c);
    dg_presumed(clang_getRangeStart(r), NULL, &f->line, NULL);
    dg_presumed(clang_getRangeEnd(r), NULL, &f->end_line, NULL);
    for (unsigned i = 0; i < f->root->nkids; i++) {
        node *k = f->root->kids[i];
        if (k->kind == CXCursor_CompoundStmt)
            f->body = k;
        if (self && own_param(c, k)) {
            var *v = xcalloc(1, sizeof *v);
            v->decl = k;
            v->name = cx_take(clang_getCursorSpelling(k->cur));
            v->type = cx_take(clang_getTypeSpelling(clang_getCursorType(k->cur)));
            v->is_param = 1;
            v->is_const = is_const_type(clang_getCursorType(k->cur));
            k->var = v;
            VEC_PUSH(f->vars, f->nvars, v);
        }
    }
    /* The size expressions of array parameters (`int a[i++]`) run when the function is entered
     * (C11 6.9.1p10): the lowering evaluates them first thing in the body. */
    for (unsigned i = 0; self && i < f->root->nkids; i++) {
        node *k = f->root->kids[i];
        for (unsigned j = 0; own_param(c, k) && j < k->nkids; j++)
            if (clang_isExpression(k->kids[j]->kind) && k->kids[j]->kind != CXCursor_IntegerLiteral &&
                is_array_bound(t, k->kids[j])) {
                name_params(f, k->kids[j]);
                VEC_PUSH(f->param_sizes, f->nparam_sizes, k->kids[j]);
            }
    }
    if (self) {
        self->defined_here = 1;
        self->def = f;
        self->def_start = nstart(f->root);
        if (self->variadic)
            dg_error_node(t, f->root, "async function '%s' cannot be variadic: its arguments would not survive a suspension",
                          f->name);
    }
    scan s = {t, f, NULL, 0, 0, NULL, 0};
    if (f->body)
        scan_node(&s, f->body);
    jp_find(f);
    never_suspending(t, f, &s);
    place_vars(&s);
    if (f->body)
        check_generic_types(&s, f->body);
    for (unsigned i = 0; i < s.nliterals; i++) {
        node *lit = s.literals[i], *scope = enclosing_scope(lit);
        lit->frame_literal = await_ends_within(&s, nend(lit), nend(scope)) ||
                             await_back_over(&s, nstart(scope), nend(scope), nstart(lit));
    }
    free(s.literals);
    free(s.awaits);
    VEC_PUSH(t->fns, t->nfns, f);
}

static int mentions_marker(const tunit *t, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    unsigned a = offset_of(clang_getRangeStart(r)), b = offset_of(clang_getRangeEnd(r));
    if (b > t->text_len || a >= b)
        return 0;
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_at(ts, a); i < ts->n && ts->v[i].start < b; i++)
        if (ts->v[i].kind == TK_IDENT && ts->v[i].end - ts->v[i].start > 9 && memcmp(t->text + ts->v[i].start, "__asyncc_", 9) == 0)
            return 1;
    return 0;
}

/* A file-scope initializer naming an async function (a dispatch table): the function becomes a
 * state machine, and no function of that name is left to point to. */
static enum CXChildVisitResult async_address_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    tunit *t = data;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor ref = clang_getCursorReferenced(c);
    callee *fn = clang_getCursorKind(ref) == CXCursor_FunctionDecl ? callee_of(t, ref) : NULL;
    if (fn)
        dg_error(t, clang_getCursorLocation(c), "taking the address of async function '%s' is not supported; call it with await",
                 fn->name);
    return CXChildVisit_Continue;
}

/* A function declared implicitly by a call before any declaration (C89): its extent is only its
 * name, where a written declaration starts with its type. */
static int is_implicit(CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    return clang_equalLocations(clang_getRangeStart(r), clang_getCursorLocation(c));
}

/* Whether loc is in the input file itself rather than in a header it includes. */
static int in_input(tunit *t, CXSourceLocation loc)
{
    CXFile file;
    unsigned off;
    clang_getSpellingLocation(loc, &file, NULL, NULL, &off);
    if ((clang_File_isEqual(file, t->ifile) || (t->tu2 && clang_File_isEqual(file, t->ifile2))) && off < t->text_len) {
        return dg_in_input(t, off);
    }
    char *name;
    dg_presumed(loc, &name, NULL, NULL);
    int here = strcmp(name, t->input) == 0;
    free(name);
    return here;
}

/* A function definition of the second half's translation unit (see parse.c). */
typedef struct twin {
    unsigned at; /* the offset of its name */
    CXCursor cur;
} twin;

typedef struct top {
    tunit *t;
    twin *twins; /* the definitions whose bodies only the second half has, in order */
    unsigned ntwins, next;
    int second_ready; /* the second half is parsed and its definitions collected */
    int restart;      /* the second half has errors: see AN_RESTART */
} top;

static unsigned end_offset(CXCursor c)
{
    return offset_of(clang_getRangeEnd(clang_getCursorExtent(c)));
}

static enum CXChildVisitResult twin_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    top *d = data;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) && end_offset(c) > d->t->split) {
        twin w = {offset_of(clang_getCursorLocation(c)), c};
        VEC_PUSH(d->twins, d->ntwins, w);
    }
    return CXChildVisit_Continue;
}

/* Waits for the second half of a split parse (analysis of the first half's functions ran
 * meanwhile, its diagnostics held back) and collects its definitions. Returns 0 when the second
 * half has errors. */
static int second_half(top *d)
{
    if (d->second_ready)
        return 1;
    d->second_ready = 1;
    if (!ps_second(d->t)) {
        dg_release(0);
        d->restart = 1;
        return 0;
    }
    dg_release(1);
    if (d->t->tu2)
        clang_visitChildren(clang_getTranslationUnitCursor(d->t->tu2), twin_visit, d);
    return 1;
}

/* The cursor of definition c, from the translation unit that has c's body. */
static CXCursor with_body(top *d, CXCursor c)
{
    if (!d->t->split || end_offset(c) <= d->t->split || !second_half(d))
        return c;
    unsigned at = offset_of(clang_getCursorLocation(c));
    for (unsigned i = 0; i < d->ntwins; i++) {
        unsigned k = (d->next + i) % d->ntwins;
        if (d->twins[k].at == at) {
            d->next = k + 1;
            return d->twins[k].cur;
        }
    }
    return c; /* not there: its body was never blanked in the first half either */
}

/* "struct x", "union x", "enum x" for tags, the bare name for typedefs and enum constants: the
 * names a local type moved to file scope could collide with. */
char *an_scope_name(CXCursor c)
{
    char *name = cx_take(clang_getCursorSpelling(c));
    const char *kw = NULL;
    switch (clang_getCursorKind(c)) {
    case CXCursor_StructDecl:
        kw = "struct";
        break;
    case CXCursor_UnionDecl:
        kw = "union";
        break;
    case CXCursor_EnumDecl:
        kw = "enum";
        break;
    default:
        break;
    }
    if (kw && *name) {
        char *full = xasprintf("%s %s", kw, name);
        free(name);
        return full;
    }
    return name;
}

static enum CXChildVisitResult enum_constants(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    tunit *t = data;
    if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) {
        char *name = an_scope_name(c);
        names_put(&t->scope_names, name, NULL);
        if (strncmp(name, "ac__frame_size_", 15) == 0)
            names_put(&t->frame_bounds, name + 15, NULL);
        free(name);
    }
    return CXChildVisit_Continue;
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    tunit *t = ((top *)data)->t;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl || k == CXCursor_TypedefDecl) {
        if (mentions_marker(t, c) && in_input(t, clang_getCursorLocation(c)))
            dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
        char *name = an_scope_name(c);
        if (*name)
            names_put(&t->scope_names, name, NULL);
        free(name);
        if (k == CXCursor_EnumDecl)
            clang_visitChildren(c, enum_constants, t);
        return CXChildVisit_Continue;
    }
    if (k != CXCursor_FunctionDecl && k != CXCursor_VarDecl)
        return CXChildVisit_Continue;
    {
        /* a local enumerator or typedef moved to file scope must not meet these either */
        char *name = cx_take(clang_getCursorSpelling(c));
        names_put(&t->scope_names, name, NULL);
        free(name);
    }
    int here = in_input(t, clang_getCursorLocation(c));
    if (k == CXCursor_VarDecl) {
        if (here && own_async_attr(c)) {
            char *name = cx_take(clang_getCursorSpelling(c));
            dg_error(t, clang_getCursorLocation(c),
                     "'%s' is a variable: async applies to functions; declare it apart from the async function", name);
            free(name);
        } else if (here && mentions_marker(t, c))
            dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
        else if (here)
            clang_visitChildren(c, async_address_visit, t);
        return CXChildVisit_Continue;
    }
    int is_def = clang_isCursorDefinition(c);
    if (!is_def && here && mentions_marker(t, c))
        dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
    if (!is_def && !own_async_attr(c) && !is_implicit(c) && has_async_attr(c)) {
        char *name = cx_take(clang_getCursorSpelling(c));
        dg_error(t, clang_getCursorLocation(c),
                 "'%s' is declared here without async but defined async; write async on this declaration too (a "
                 "caller that sees only this one would call a function that no longer exists)",
                 name);
        free(name);
    }
    if (!here) {
        if (is_def && clang_Cursor_hasAttrs(c) && has_async_attr(c))
            dg_error(t, clang_getCursorLocation(c),
                     "async function defined in an included file; define it in a .c file and declare it in the header");
        return CXChildVisit_Continue;
    }
    callee *self = clang_Cursor_hasAttrs(c) ? callee_of(t, c) : NULL;
    if (is_def && (self || mentions_marker(t, c))) {
        CXCursor body = with_body((top *)data, c);
        if (((top *)data)->restart)
            return CXChildVisit_Break;
        analyze_function(t, body, self);
    }
    else if (!is_def && self) {
        node *proto = build_tree(t, c);
        VEC_PUSH(t->protos, t->nprotos, proto);
    }
    return CXChildVisit_Continue;
}

/* Returns the number of errors reported. */
int an_analyze(tunit *t)
{
    top d = {t, NULL, 0, 0, 0, 0};
    if (t->split)
        dg_hold(); /* until the second half is known to have no errors */
    clang_visitChildren(clang_getTranslationUnitCursor(t->tu), top_visit, &d);
    if (t->split && !d.restart)
        second_half(&d);
    free(d.twins);
    return d.restart ? AN_RESTART : t->errors;
}

/* Forgets what an_analyze found, before it runs again on a new parse. */
void an_reset(tunit *t)
{
    t->callees = NULL;
    t->ncallees = 0;
    t->callee_names = (names){0};
    t->fns = NULL;
    t->nfns = 0;
    t->frame_bounds = (names){0};
    t->scope_names = (names){0};
    t->protos = NULL;
    t->nprotos = 0;
    t->errors = 0;
}

