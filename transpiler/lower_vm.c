/* lower_vm.c: variably modified types in async functions (variable-length arrays, pointers to
 * them, parameters like `int m[r][c]`, block typedefs of run-time size). A frame field cannot have
 * such a type and a resumption may not jump into the scope of one, so their sizes are captured in
 * frame fields when the declaration runs, a variable's field is a plain pointer (to the storage
 * allocated then, for an array), and each use sees it through its type written again from the
 * declaration's own text, with the captured sizes. */
#include "lower.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

int vm_type(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    switch (c.kind) {
    case CXType_VariableArray:
        return 1;
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
        return vm_type(clang_getArrayElementType(c));
    case CXType_Pointer:
        return vm_type(clang_getPointeeType(c));
    case CXType_FunctionProto:
    case CXType_FunctionNoProto:
        return vm_type(clang_getResultType(c));
    default:
        return 0;
    }
}

int ty_fixed_array(CXType ty)
{
    enum CXTypeKind k = clang_getCanonicalType(ty).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray;
}

int ty_array(CXType ty)
{
    enum CXTypeKind k = clang_getCanonicalType(ty).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray ||
           k == CXType_DependentSizedArray;
}

int vm_param_type(CXType ty)
{
    return ty_array(ty) ? vm_type(clang_getArrayElementType(clang_getCanonicalType(ty))) : vm_type(ty);
}

/* A piece of a declaration's text replaced by other text in a type written from it. */
typedef struct splice {
    unsigned a, b;
    const char *text;
} splice;

typedef struct splices {
    splice *v;
    unsigned n;
} splices;

static void cut(splices *s, unsigned a, unsigned b, const char *text)
{
    s->v = xrealloc(s->v, sizeof *s->v * (s->n + 1));
    s->v[s->n++] = (splice){a, b, text};
}

static int splice_cmp(const void *x, const void *y)
{
    const splice *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* Text [a, b) with the rewrites of owner's subtree and the splices. */
static void put_spliced(lw *L, sb *out, node *owner, unsigned a, unsigned b, splices *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, splice_cmp);
    unsigned pos = a;
    for (unsigned i = 0; i < s->n; i++) {
        if (s->v[i].a < pos || s->v[i].b > b)
            continue;
        char *t = lw_emit_range(L, owner, pos, s->v[i].a);
        sb_puts(out, t);
        sb_puts(out, s->v[i].text);
        free(t);
        pos = s->v[i].b;
    }
    char *t = lw_emit_range(L, owner, pos, b);
    sb_puts(out, t);
    free(t);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static unsigned name_token_of(const tk_stream *ts, const node *k)
{
    unsigned off;
    clang_getSpellingLocation(clang_getCursorLocation(k->cur), NULL, NULL, NULL, &off);
    return tk_at(ts, off);
}

static unsigned name_token(lw *L, node *k)
{
    return name_token_of(&L->t->toks, k);
}

int vm_param_unreadable(const tunit *t, const node *p)
{
    const tk_stream *ts = &t->toks;
    if (!ty_array(clang_getCursorType(p->cur)))
        return 0;
    unsigned open = tk_next(ts, name_token_of(ts, p) + 1);
    return !tk_is(ts, open, "[") || tk_match(ts, open) >= ts->n;
}

static int is_qualifier(const tk_stream *ts, unsigned i)
{
    static const char *const q[] = {"const", "volatile", "restrict", "__restrict", "__restrict__", "__const",
                                    "__const__", "__volatile", "__volatile__", "_Nonnull", "_Nullable"};
    for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
        if (tk_is(ts, i, q[k]))
            return 1;
    return 0;
}

/* The first token of the declarator whose name is token `name`: the `*`s with their qualifiers
 * and the parentheses before it (`(*const p)[n]`), not the declaration's specifiers. */
static unsigned declarator_start(const tk_stream *ts, unsigned name)
{
    unsigned start = name, i = tk_prev(ts, name);
    while (i < ts->n) {
        if (tk_is(ts, i, "*") || tk_is(ts, i, "(")) {
            start = i;
            i = tk_prev(ts, i);
            continue;
        }
        unsigned j = i;
        while (j < ts->n && is_qualifier(ts, j))
            j = tk_prev(ts, j);
        if (j == i || j >= ts->n || !tk_is(ts, j, "*"))
            break;
        start = j;
        i = tk_prev(ts, j);
    }
    return start;
}

static node *first_declarator(const node *d)
{
    for (unsigned i = 0; i < d->nkids; i++)
        if (d->kids[i]->kind == CXCursor_VarDecl || d->kids[i]->kind == CXCursor_TypedefDecl)
            return d->kids[i];
    return NULL;
}

unsigned vm_declarator_start(const tunit *t, const node *k)
{
    const tk_stream *ts = &t->toks;
    return ts->v[declarator_start(ts, name_token_of(ts, k))].start;
}

unsigned vm_specifiers_end(const tunit *t, const node *d)
{
    const node *first = first_declarator(d);
    return first ? vm_declarator_start(t, first) : nstart(d);
}

static node *initializer(node *k)
{
    if (k->kind != CXCursor_VarDecl)
        return NULL;
    CXCursor init = clang_Cursor_getVarDeclInitializer(k->cur);
    for (unsigned i = 0; !clang_Cursor_isNull(init) && i < k->nkids; i++)
        if (clang_equalCursors(k->kids[i]->cur, init))
            return k->kids[i];
    return NULL;
}

/* Where declarator k ends: before `= initializer`. */
static unsigned declarator_end(lw *L, node *k)
{
    node *init = initializer(k);
    if (!init)
        return nend(k);
    const tk_stream *ts = &L->t->toks;
    unsigned eq = tk_prev(ts, tk_at(ts, nstart(init)));
    return eq < ts->n && tk_is(ts, eq, "=") ? ts->v[eq].start : nstart(init);
}

/* The specifiers k shares with the other declarators of d, as [*a, *b): k's own extent starts
 * with them when k is the first, else its extent starts at its name. */
static void specifiers(lw *L, node *d, node *k, unsigned *a, unsigned *b)
{
    const tk_stream *ts = &L->t->toks;
    node *first = first_declarator(d);
    *a = nstart(d);
    *b = ts->v[declarator_start(ts, name_token(L, first ? first : k))].start;
}

/* Storage classes, _Alignas and attributes of [a, b): not part of a type name. */
static void cut_non_type(lw *L, unsigned a, unsigned b, splices *s)
{
    static const char *const storage[] = {"typedef", "static", "extern", "register", "auto", "_Thread_local", "__thread"};
    const tk_stream *ts = &L->t->toks;
    for (unsigned i = tk_next(ts, tk_at(ts, a)); i < ts->n && ts->v[i].end <= b; i = tk_next(ts, i + 1)) {
        for (size_t k = 0; k < sizeof storage / sizeof storage[0]; k++)
            if (tk_is(ts, i, storage[k]))
                cut(s, ts->v[i].start, ts->v[i].end, "");
        if (tk_is(ts, i, "_Alignas") || tk_is(ts, i, "alignas") || tk_is(ts, i, "__attribute__") ||
            tk_is(ts, i, "__attribute")) {
            unsigned open = tk_next(ts, i + 1);
            unsigned close = tk_is(ts, open, "(") ? tk_match(ts, open) : ts->n;
            if (close < ts->n && ts->v[close].end <= b) {
                cut(s, ts->v[i].start, ts->v[close].end, "");
                i = close;
            }
        }
    }
}

/* The type of declarator k of declaration d (a DeclStmt, or the ParmDecl itself) as a type name,
 * `__typeof__(...)`, from its own text with its rewrites (captured sizes, typedefs of run-time
 * size, frame locals). A parameter's array type is adjusted to a pointer, as C does; NULL for a
 * parameter whose array declarator has no `[` after its name. */
static char *declared_type(lw *L, node *d, node *k)
{
    const tk_stream *ts = &L->t->toks;
    unsigned name = name_token(L, k), start = ts->v[declarator_start(ts, name)].start, end = declarator_end(L, k);
    splices s = {0};
    sb out = {0};
    sb_puts(&out, "__typeof__(");
    /* A variable's extent starts at its name unless it is the first; a typedef's starts at the
     * declaration's specifiers whichever it is (`typedef int A[n], B[n][2];`). */
    if (d != k && (nstart(k) >= start || k != first_declarator(d))) {
        unsigned sa, sbe;
        specifiers(L, d, k, &sa, &sbe);
        cut_non_type(L, sa, sbe, &s);
        put_spliced(L, &out, d, sa, sbe, &s);
        sb_putc(&out, ' ');
    } else {
        start = d == k ? nstart(k) : nstart(d);
    }
    cut_non_type(L, start, ts->v[name].start, &s);
    if (k->kind == CXCursor_ParmDecl && ty_array(clang_getCursorType(k->cur))) {
        if (vm_param_unreadable(L->t, k)) { /* check.c refused it */
            free(s.v);
            sb_free(&out);
            return NULL;
        }
        unsigned close = tk_match(ts, tk_next(ts, name + 1));
        cut(&s, ts->v[name].start, ts->v[close].end, "(*)");
    } else {
        cut(&s, ts->v[name].start, ts->v[name].end, "");
    }
    put_spliced(L, &out, d, start, end, &s);
    sb_putc(&out, ')');
    return sb_take(&out);
}

/* ---------------------------------------------------------------- captured sizes */

/* Whether e's value is known only at run time: it names a variable, calls, awaits, or names a
 * local typedef of run-time size (whose sizes lw_vm_typedefs captured). */
static int runtime_value(node *e)
{
    if (e->kind == CXCursor_DeclRefExpr &&
        clang_getCursorKind(clang_getCursorReferenced(e->cur)) != CXCursor_EnumConstantDecl)
        return 1;
    if (e->kind == CXCursor_CallExpr || e->mk)
        return 1;
    if (e->kind == CXCursor_TypeRef) {
        CXCursor d = clang_getCursorReferenced(e->cur);
        if (clang_getCursorKind(d) == CXCursor_TypedefDecl && vm_type(clang_getTypedefDeclUnderlyingType(d)))
            return 1;
    }
    for (unsigned i = 0; i < e->nkids; i++)
        if (runtime_value(e->kids[i]))
            return 1;
    return 0;
}

int vm_array_size(const tunit *t, node *k, node *e)
{
    if (!clang_isExpression(e->kind) || e == initializer(k))
        return 0;
    const tk_stream *ts = &t->toks;
    unsigned i = tk_prev(ts, tk_at(ts, nstart(e)));
    while (i < ts->n && (is_qualifier(ts, i) || tk_is(ts, i, "static")))
        i = tk_prev(ts, i);
    return i < ts->n && tk_is(ts, i, "[");
}

int vm_size_captured(const tunit *t, node *k, node *e)
{
    return vm_array_size(t, k, e) && runtime_value(e);
}

int vm_param_size_captured(const tunit *t, node *e)
{
    const tk_stream *ts = &t->toks;
    node *p = e->parent;
    if (!p || p->kind != CXCursor_ParmDecl || !vm_param_type(clang_getCursorType(p->cur)))
        return 0;
    /* the size right after the name is adjusted away; the others are the pointer's type */
    unsigned before = tk_prev(ts, tk_at(ts, nstart(e)));
    while (before < ts->n && (is_qualifier(ts, before) || tk_is(ts, before, "static")))
        before = tk_prev(ts, before);
    return before != tk_next(ts, name_token_of(ts, p) + 1);
}

/* Evaluates size expression e once, now, into the frame member the plan gave it (plan_walk.c),
 * which e then stands for. */
static void capture(lw *L, node *e)
{
    lw_hoist(L, e);
    const pl_slot *slot = pl_slot_of(L->f, e, PR_SIZE);
    if (!slot) {
        dg_unchecked(L->t, e, "a size of a variably modified type the plan did not capture");
        return;
    }
    char *text = lw_emit_text(L, e);
    lw_gline(L, lw_node_line(L, e), "ac__fr->%s = (__SIZE_TYPE__)(%s);", slot->name, text);
    free(text);
    e->repl = xasprintf("ac__fr->%s", slot->name);
}

static void capture_sizes(lw *L, node *k)
{
    /* libclang lists the sizes innermost first; C evaluates them in no set order */
    for (unsigned i = k->nkids; i-- > 0;)
        if (vm_size_captured(L->t, k, k->kids[i]))
            capture(L, k->kids[i]);
}

static void remember(lw *L, node *k, char *type)
{
    L->vm_decls = xrealloc(L->vm_decls, sizeof *L->vm_decls * (L->nvm + 1));
    L->vm_types = xrealloc(L->vm_types, sizeof *L->vm_types * (L->nvm + 1));
    L->vm_decls[L->nvm] = k;
    L->vm_types[L->nvm++] = type;
}

static const char *remembered(lw *L, CXCursor decl)
{
    for (unsigned i = 0; i < L->nvm; i++)
        if (clang_equalCursors(L->vm_decls[i]->cur, decl))
            return L->vm_types[i];
    return NULL;
}

/* ---------------------------------------------------------------- what the lowering asks */

/* The end of AC__VM's quiet region (future.h), written at the use. */
#define VM_POP "_Pragma(\"GCC diagnostic pop\")"

const char *lw_vm_typedef(lw *L, node *n)
{
    if (n->kind != CXCursor_TypeRef || !L->nvm)
        return NULL;
    return remembered(L, clang_getCursorReferenced(n->cur));
}

/* A variable's field holds its value, or for an array of variably modified type (var.heap_vm)
 * the address of its storage. */
char *lw_frame_address(lw *L, var *v)
{
    const char *type = L->nvm ? remembered(L, v->decl->cur) : NULL;
    return type ? xasprintf("AC__VM((%s *)%sac__fr->%s, " VM_POP ")", type, v->heap_vm ? "" : "&", v->field)
                : xasprintf("&ac__fr->%s", v->field);
}

char *lw_vm_use(lw *L, node *ref)
{
    if (!remembered(L, ref->var->decl->cur))
        return NULL;
    char *address = lw_frame_address(L, ref->var), *use = xasprintf("(*%s)", address);
    free(address);
    return use;
}

int lw_vm_typedefs(lw *L, node *d)
{
    int any = 0;
    for (unsigned i = 0; i < d->nkids; i++)
        any |= an_is_vm_typedef(d->kids[i]);
    if (!any || L->twin || !L->f->self)
        return 0;
    for (unsigned i = 0; i < d->nkids; i++) {
        node *k = d->kids[i];
        if (k->kind != CXCursor_TypedefDecl) {
            dg_unchecked(L->t, k, "a typedef of run-time size defining a type");
            continue;
        }
        capture_sizes(L, k);
        char *type = declared_type(L, d, k);
        /* its -Wvla, at its line, as for the source; none at its uses (AC__VM) */
        lw_gline(L, lw_node_line(L, k), "(void)sizeof(%s);", type);
        remember(L, k, xasprintf("__typeof__(*AC__VM((%s *)0, " VM_POP "))", type));
        free(type);
    }
    return 1;
}

void lw_vm_hoist_sizes(lw *L, node *k)
{
    /* in the order the declaration lists them, as lw_hoist of the whole declaration would */
    for (unsigned i = 0; i < k->nkids; i++)
        if (vm_array_size(L->t, k, k->kids[i]))
            lw_hoist(L, k->kids[i]);
}

void lw_vm_local(lw *L, node *d, var *v, node *init)
{
    capture_sizes(L, v->decl);
    char *type = declared_type(L, d, v->decl);
    remember(L, v->decl, type);
    if (v->heap_vm)
        lw_gline(L, lw_node_line(L, v->decl), "ac__fr->%s = ac__vla_alloc(sizeof(%s));", v->field, type);
    if (init) {
        lw_hoist(L, init);
        char *it = lw_emit_text(L, init);
        /* through the unqualified type: a const pointer is initialized, not assigned */
        lw_gline(L, lw_node_line(L, v->decl),
                 "_Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic ignored \\\"-Wstrict-aliasing\\\"\") "
                 "(*(__typeof__((%s)0) *)&ac__fr->%s) = %s; " VM_POP,
                 type, v->field, it);
        free(it);
    } else if (!v->heap_vm) { /* `int (*p)[n];`: its -Wvla, at its line */
        lw_gline(L, lw_node_line(L, v->decl), "(void)sizeof(%s);", type);
    }
}

char *lw_vm_stack_decl(lw *L, node *d, node *k)
{
    const tk_stream *ts = &L->t->toks;
    unsigned start = ts->v[declarator_start(ts, name_token(L, k))].start;
    if (nstart(k) < start)
        return lw_emit_range(L, d, nstart(d), nend(k));
    unsigned sa, sbe;
    specifiers(L, d, k, &sa, &sbe);
    char *spec = lw_emit_range(L, d, sa, sbe), *decl = lw_emit_range(L, d, start, nend(k));
    char *s = xasprintf("%s %s", spec, decl);
    free(spec);
    free(decl);
    return s;
}

void lw_vm_params(lw *L)
{
    afn *f = L->f;
    for (unsigned i = 0; i < f->nparam_sizes; i++) {
        node *e = f->param_sizes[i], *p = e->parent;
        int vm = p && p->kind == CXCursor_ParmDecl && vm_param_type(clang_getCursorType(p->cur));
        if (vm && L->twin)
            continue; /* a parameter of the twin: C evaluates its sizes */
        if (!L->twin && vm_param_size_captured(L->t, e)) {
            capture(L, e);
            continue;
        }
        char *text = lw_emit_text(L, e);
        lw_gline(L, lw_node_line(L, e), "(void)(%s);", text);
        free(text);
    }
    for (unsigned i = 0; !L->twin && i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param || !vm_param_type(clang_getCursorType(v->decl->cur)))
            continue;
        char *type = declared_type(L, v->decl, v->decl);
        if (!type)
            dg_unchecked(L->t, v->decl, "a parameter declarator asyncc cannot read");
        else
            remember(L, v->decl, type);
    }
}
