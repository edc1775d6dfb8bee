/* analyze.c: the analysis driver: walks the file-scope declarations of the input (both halves of
 * a split parse), and for each function to rewrite builds its tree, scans it, places its locals
 * and runs the checks (tree.c, awaits.c, liveness.c, check.c). */
#include "analyze.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether every await of f is of a function defined earlier in this file that never suspends:
 * then f completes in its first poll too. Those awaits become direct calls (in any caller) and
 * leave s->awaits, which then holds only the awaits that can suspend. Functions defined later
 * (recursion among them) are not looked into: their frames are allocated as before. */
/* Whether await aw is in the operand that a GNU `a ?: b` evaluates second, or in an operand a
 * _Generic or __builtin_choose_expr chooses: the lowering reads its value after the branch that
 * computes it, which a plain C twin's locals, declared in the branch, do not survive. */
static int read_after_branch(const tunit *t, const node *aw)
{
    for (const node *p = aw; p->parent; p = p->parent) {
        const node *q = p->parent;
        if ((q->elvis && q->nkids > 1 && q->kids[1] == p) ||
            ((q->kind == CXCursor_GenericSelectionExpr || an_is_choose_expr(t, q)) && q->kids[0] != p))
            return 1;
    }
    return 0;
}

static void never_suspending(tunit *t, afn *f, scan *s)
{
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
        all_direct &= aw->direct && !read_after_branch(t, aw);
    }
    s->nawaits = kept;
    if (f->self && all_direct && !f->is_main && !f->self->variadic && !f->unnamed_local_type)
        f->self->never_suspends = 1;
}

/* Points the names of parameters in n at their variables (n is outside the body, which
 * an_scan resolves). */
static void name_params(afn *f, node *n)
{
    if (n->kind == CXCursor_DeclRefExpr && (n->var = an_var_of(f, clang_getCursorReferenced(n->cur))))
        n->var->in_param_size = 1;
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

/* tree: c's, when it was built already (an_prebuild), or NULL. */
static void analyze_function(tunit *t, CXCursor c, callee *self, node *tree)
{
    afn *f = xcalloc(1, sizeof *f);
    f->root = tree ? tree : an_build_tree(c);
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
            v->is_const = an_is_const_type(clang_getCursorType(k->cur));
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
                an_is_array_bound(t, k->kids[j])) {
                name_params(f, k->kids[j]);
                VEC_PUSH(f->param_sizes, f->nparam_sizes, k->kids[j]);
            }
    }
    if (self) {
        self->defined_here = 1;
        self->def = f;
        self->def_start = nstart(f->root);
    }
    ck_function_decl(t, f);
    scan s = {t, f, NULL, 0, 0, NULL, 0};
    if (f->body) {
        an_scan(&s, f->body);
        ck_tree(t, f, f->body);
    }
    jp_find(f);
    never_suspending(t, f, &s);
    an_place_vars(&s);
    ck_frame(t, f);
    an_place_literals(&s);
    free(s.literals);
    free(s.awaits);
    VEC_PUSH(t->fns, t->nfns, f);
}

/* Whether an identifier of text [a, b) is one that match accepts (given ctx, its text and length). */
int an_range_has_ident(const tunit *t, unsigned a, unsigned b, an_ident_match match, const void *ctx)
{
    if (b > t->text_len || a >= b)
        return 0;
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_at(ts, a); i < ts->n && ts->v[i].start < b; i++)
        if (ts->v[i].kind == TK_IDENT && match(ctx, t->text + ts->v[i].start, ts->v[i].end - ts->v[i].start))
            return 1;
    return 0;
}

/* The same over the extent of c. */
int an_extent_has_ident(const tunit *t, CXCursor c, an_ident_match match, const void *ctx)
{
    CXSourceRange r = clang_getCursorExtent(c);
    return an_range_has_ident(t, an_offset(clang_getRangeStart(r)), an_offset(clang_getRangeEnd(r)), match, ctx);
}

/* Whether identifier s (len bytes) is an await or combinator marker (ctx unused). */
int an_is_marker_word(const void *ctx, const char *s, unsigned len)
{
    (void)ctx;
    return len > 9 && memcmp(s, "__asyncc_", 9) == 0;
}

/* Whether the extent of c holds an await or combinator marker. */
int an_mentions_marker(const tunit *t, CXCursor c)
{
    return an_extent_has_ident(t, c, an_is_marker_word, NULL);
}

int an_in_input(tunit *t, CXSourceLocation loc)
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

/* A function definition of the second half's translation unit (see parse.c), with its tree. */
typedef struct twin {
    unsigned at; /* the offset of its name */
    CXCursor cur;
    node *tree;
} twin;

/* The definitions whose bodies only the second half has, in order, and their trees: collected by
 * the thread that parsed it, right after its parse, while this one analyzes the first half's
 * functions (an_prebuild); read once that thread is joined (ps_second). */
static twin *prebuilt;
static unsigned nprebuilt;

typedef struct top {
    tunit *t;
    twin *twins; /* the definitions whose bodies only the second half has, in order */
    unsigned ntwins, next;
    int second_ready; /* the second half is parsed and its definitions collected */
    int restart;      /* the second half has errors: see AN_RESTART */
    /* plain definitions that name no function declared async before them: checked again once
     * every async function is known (one defined later, declared in a block of theirs), if any
     * was declared after them (plain_known: how many async names there were then) */
    CXCursor *plain;
    unsigned *plain_known;
    unsigned nplain, nplain_known;
} top;

static unsigned end_offset(CXCursor c)
{
    return an_offset(clang_getRangeEnd(clang_getCursorExtent(c)));
}

static enum CXChildVisitResult twin_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    unsigned split = *(unsigned *)data;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) && end_offset(c) > split) {
        twin w = {an_offset(clang_getCursorLocation(c)), c, an_build_tree(c)};
        VEC_PUSH(prebuilt, nprebuilt, w);
    }
    return CXChildVisit_Continue;
}

void an_prebuild(CXTranslationUnit tu2, unsigned split)
{
    clang_visitChildren(clang_getTranslationUnitCursor(tu2), twin_visit, &split);
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
    ov_collect(d->t, d->t->tu2, d->t->ifile2);
    d->twins = prebuilt;
    d->ntwins = nprebuilt;
    return 1;
}

/* The cursor of definition c, from the translation unit that has c's body, and when tree is not
 * NULL, its tree if the second half's thread built it (else *tree is NULL). */
static CXCursor with_body(top *d, CXCursor c, node **tree)
{
    if (tree)
        *tree = NULL;
    if (!d->t->split || end_offset(c) <= d->t->split || !second_half(d))
        return c;
    unsigned at = an_offset(clang_getCursorLocation(c));
    for (unsigned i = 0; i < d->ntwins; i++) {
        unsigned k = (d->next + i) % d->ntwins;
        if (d->twins[k].at == at) {
            d->next = k + 1;
            if (tree)
                *tree = d->twins[k].tree;
            return d->twins[k].cur;
        }
    }
    return c; /* not there: its body was never blanked in the first half either */
}

/* "tag x" for a struct, union or enum tag x, the bare name for typedefs and enum constants: the
 * names a local type moved to file scope could collide with. C's tags share one name space, so
 * a local `union node` moved beside a `struct node` (of file scope, or another block's, moved
 * before it) is the same name: "'node' defined as wrong kind of tag". */
char *an_scope_name(CXCursor c)
{
    char *name = cx_take(clang_getCursorSpelling(c));
    enum CXCursorKind k = clang_getCursorKind(c);
    if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl) && *name) {
        char *full = xasprintf("tag %s", name);
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
            names_put(&t->frame_bounds, name + 15, (void *)(uintptr_t)clang_getEnumConstantDeclValue(c)); /* its size */
        free(name);
    }
    return CXChildVisit_Continue;
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    tunit *t = ((top *)data)->t;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (ck_async_written(t, c) && an_in_input(t, clang_getCursorLocation(c))) {
        CXCursor full = k == CXCursor_FunctionDecl && clang_isCursorDefinition(c) ? with_body(data, c, NULL) : c;
        if (((top *)data)->restart)
            return CXChildVisit_Break;
        ck_async_targets(t, full);
    }
    if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl || k == CXCursor_TypedefDecl) {
        ck_type_declaration(t, c);
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
    int here = an_in_input(t, clang_getCursorLocation(c));
    ck_declaration(t, c, here);
    if (k == CXCursor_VarDecl || !here)
        return CXChildVisit_Continue;
    int is_def = clang_isCursorDefinition(c);
    callee *self = clang_Cursor_hasAttrs(c) ? an_callee_of(t, c) : NULL;
    if (self)
        fa_collect(t, self, c);
    if (is_def && (self || an_mentions_marker(t, c))) {
        node *tree;
        CXCursor body = with_body((top *)data, c, &tree);
        if (((top *)data)->restart)
            return CXChildVisit_Break;
        analyze_function(t, body, self, tree);
    }
    else if (!is_def && self) {
        node *proto = an_build_tree(c);
        VEC_PUSH(t->protos, t->nprotos, proto);
    } else if (is_def && ck_names_async_function(t, c)) {
        ck_plain_function(t, with_body((top *)data, c, NULL));
        if (((top *)data)->restart)
            return CXChildVisit_Break;
    } else if (is_def) {
        top *d = data;
        VEC_PUSH(d->plain, d->nplain, c);
        VEC_PUSH(d->plain_known, d->nplain_known, t->async_names.count);
    }
    return CXChildVisit_Continue;
}

/* Returns the number of errors reported. */
int an_analyze(tunit *t)
{
    top d = {t, NULL, 0, 0, 0, 0, NULL, NULL, 0, 0};
    an_extent_tokens(&t->toks);
    ov_collect(t, t->tu, t->ifile);
    if (t->split)
        dg_hold(); /* until the second half is known to have no errors */
    clang_visitChildren(clang_getTranslationUnitCursor(t->tu), top_visit, &d);
    if (t->split && !d.restart)
        second_half(&d);
    for (unsigned i = 0; i < d.nplain && !d.restart; i++)
        if (d.plain_known[i] < t->async_names.count && ck_names_async_function(t, d.plain[i]))
            ck_plain_function(t, with_body(&d, d.plain[i], NULL));
    free(d.plain);
    free(d.plain_known);
    if (!d.restart)
        ck_unit(t);
    free(prebuilt);
    prebuilt = NULL;
    nprebuilt = 0;
    return d.restart ? AN_RESTART : t->errors;
}

/* Forgets what an_analyze found, before it runs again on a new parse. */
void an_reset(tunit *t)
{
    t->callees = NULL;
    t->ncallees = 0;
    t->callee_names = (names){0};
    t->callee_slots = NULL; /* its cursors were the old parse's */
    t->ncallee_slots = t->callee_slots_cap = 0;
    t->async_names = (names){0};
    t->fns = NULL;
    t->nfns = 0;
    t->frame_bounds = (names){0};
    t->scope_names = (names){0};
    t->protos = NULL;
    t->nprotos = 0;
    t->errors = 0;
    t->overrides = NULL;
    t->noverrides = 0;
}
