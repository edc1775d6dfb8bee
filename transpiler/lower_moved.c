/* lower_moved.c: local types of an async function moved to file scope, where the frame struct
 * can use them; one whose name file scope already has moves under a new name (check.c has
 * rejected the types that cannot move). */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

/* Moving the local types of one function (lw_collect_moved): its tables are in the afn. */
typedef struct mover {
    tunit *t;
    afn *f;
} mover;

static int scope_name_taken(const tunit *t, const char *name);

/* Whether f has a local called name that stays a C local (frame locals are renamed): inside its
 * scope it would hide an enumerator moved to file scope, where C's scopes had it the other way. */
static int stack_local_named(const afn *f, const char *name)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (!f->vars[i]->in_frame && strcmp(f->vars[i]->name, name) == 0)
            return 1;
    return 0;
}

/* The new name of a moved declaration whose own name file scope has, or a local would hide:
 * ac__NAME_FUNCTION_N, reserved to asyncc, so nothing of the user's can meet it. */
static void rename_decl(mover *M, CXCursor c)
{
    afn *f = M->f;
    char *name = cx_take(clang_getCursorSpelling(c));
    f->renamed = xrealloc(f->renamed, sizeof *f->renamed * (f->nrenamed + 1));
    f->renamed_to = xrealloc(f->renamed_to, sizeof *f->renamed_to * (f->nrenamed + 1));
    f->renamed[f->nrenamed] = clang_getCanonicalCursor(c);
    f->renamed_to[f->nrenamed] = xasprintf("ac__%s_%s_%u", name, f->name, f->nrenamed + 1);
    f->nrenamed++;
    free(name);
}

/* The new name of the declaration c, or NULL when it keeps its own. */
static const char *new_name(const afn *f, CXCursor c)
{
    if (clang_Cursor_isNull(c))
        return NULL;
    c = clang_getCanonicalCursor(c);
    for (unsigned i = 0; i < f->nrenamed; i++)
        if (clang_equalCursors(f->renamed[i], c))
            return f->renamed_to[i];
    return NULL;
}

static enum CXChildVisitResult enum_constants_taken(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    mover *M = data;
    if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) {
        char *name = cx_take(clang_getCursorSpelling(c));
        /* A local variable of this function that stays a C local would hide it inside its scope,
         * where C's scopes had it the other way. */
        if (scope_name_taken(M->t, name) || stack_local_named(M->f, name))
            rename_decl(M, c);
        else
            names_put(&M->t->scope_names, name, NULL);
        free(name);
    }
    return CXChildVisit_Continue;
}

static int scope_name_taken(const tunit *t, const char *name)
{
    int found;
    names_get(&t->scope_names, name, &found);
    return found;
}

typedef struct rename_edit {
    unsigned start, end;
    const char *to;
    char *owned; /* to, when the edit made it */
} rename_edit;

/* Whether n names a local variable anywhere inside, or holds a statement expression (which file
 * scope cannot have). */
static int names_local(const node *n)
{
    if ((n->kind == CXCursor_DeclRefExpr && n->var) || n->kind == CXCursor_StmtExpr)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (names_local(n->kids[i]))
            return 1;
    return 0;
}

/* Whether n lies in the declaration of a parameter (of a function type). */
static int in_parameter(const node *n)
{
    for (const node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_ParmDecl)
            return 1;
    return 0;
}

static void add_rename_edits(const tunit *t, const afn *f, const node *n, rename_edit **v, unsigned *nv)
{
    const char *to = NULL;
    char *owned = NULL;
    unsigned start = 0, end = 0;
    unsigned long long size;
    if (n->repl) { /* (an await in typeof: never run) */
        to = n->repl;
        start = nstart(n), end = nend(n);
    } else if (an_size_value(n, &size) && names_local(n)) {
        /* `sizeof buf` of a local buf, which file scope does not see: its value, of its type */
        owned = xasprintf("((__SIZE_TYPE__)%lluULL)", size);
        to = owned;
        start = nstart(n), end = nend(n);
    } else if (an_typeof_operand(t, n) && names_local(n)) {
        /* `__typeof__(x)` of a local x, which file scope does not see: x's type, or the shape
         * of an expression over a bit-field (`__typeof__(e.off + 0)`), which gcc types by the
         * field's width where clang's spelling is the declared type's (not in a parameter's
         * type, where gcc says of the shape's struct "declared inside parameter list") */
        CXType ty = clang_getCursorType(n->cur);
        owned = in_parameter(n) ? NULL : lw_bit_field_value_type(t, f, n);
        if (!owned)
            owned = lw_name_unnamed(lw_rename_types(f, ty, lw_type_spelling(ty)), f->anon_from, f->anon_to, f->nanon);
        to = owned;
        start = nstart(n), end = nend(n);
    } else if ((owned = lw_func_name_use(t, f, n))) {
        /* `sizeof __func__`, which file scope has not: the function's name in an array there */
        to = owned;
        start = nstart(n), end = nend(n);
    } else if (n->kind == CXCursor_TypeRef || n->kind == CXCursor_DeclRefExpr) {
        to = new_name(f, clang_getCursorReferenced(n->cur));
        start = nstart(n), end = nend(n);
    } else if (an_is_tag_decl(n) || n->kind == CXCursor_EnumConstantDecl) {
        /* the declared name itself */
        to = new_name(f, n->cur);
        unsigned off;
        clang_getSpellingLocation(clang_getCursorLocation(n->cur), NULL, NULL, NULL, &off);
        char *name = cx_take(clang_getCursorSpelling(n->cur));
        start = off, end = off + (unsigned)strlen(name);
        free(name);
    }
    if (to && start < end && (!*nv || (*v)[*nv - 1].start != start)) {
        *v = xrealloc(*v, sizeof **v * (*nv + 1));
        (*v)[(*nv)++] = (rename_edit){start, end, to, owned};
    } else
        free(owned);
    if (n->repl || owned)
        return;
    for (unsigned i = 0; i < n->nkids; i++)
        add_rename_edits(t, f, n->kids[i], v, nv);
}

static int edit_cmp(const void *a, const void *b)
{
    const rename_edit *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The text [a, b) of declaration n with the moved names renamed. */
static char *renamed_text(const mover *M, const node *n, unsigned a, unsigned b)
{
    rename_edit *v = NULL;
    unsigned nv = 0;
    add_rename_edits(M->t, M->f, n, &v, &nv);
    if (nv) /* qsort's pointer must not be null, even for no elements */
        qsort(v, nv, sizeof *v, edit_cmp);
    sb out = {0};
    unsigned pos = a;
    for (unsigned i = 0; i < nv; i++) {
        if (v[i].start < pos || v[i].end > b)
            continue; /* the same name seen twice (a tag under its variable too) */
        sb_putn(&out, M->t->text + pos, v[i].start - pos);
        sb_puts(&out, v[i].to);
        pos = v[i].end;
    }
    sb_putn(&out, M->t->text + pos, b - pos);
    for (unsigned i = 0; i < nv; i++)
        free(v[i].owned);
    free(v);
    return out.data ? sb_take(&out) : xstrdup("");
}

/* Uses of renamed declarations in the body say the new names. */
static void rename_uses(const afn *f, node *n)
{
    if ((n->kind == CXCursor_TypeRef || n->kind == CXCursor_DeclRefExpr) && !n->repl && !n->var) {
        const char *to = new_name(f, clang_getCursorReferenced(n->cur));
        if (to)
            n->repl = to;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        rename_uses(f, n->kids[i]);
}

static void move_text(mover *M, node *n, const char *text)
{
    char *file = c_string_body(dg_file_at(M->t, nstart(n))); /* (an #include in the body: its own) */
    char *where = M->t->lines ? xasprintf("#line %u \"%s\"\n", dg_line_at(M->t, nstart(n)), file) : xstrdup("");
    free(file);
    /* Moved before the function, where the pragmas of the body's own lines are not in effect:
     * the type says those of its definition, the layout (`#pragma pack`) and the warnings (`GCC
     * diagnostic ignored "-Wpadded"`). */
    pg_layout outer = pg_layout_at(M->t, nstart(M->f->root)), here = pg_layout_at(M->t, nstart(n));
    char *set = pg_layout_change(outer, here, 1), *back = pg_layout_change(outer, here, 0);
    char *quiet = pg_diagnostics_between(M->t, nstart(M->f->body), nstart(n));
    VEC_PUSH(M->f->moved_decls, M->f->nmoved,
             xasprintf("%s%s%s%s%s %s%s", quiet ? "#pragma GCC diagnostic push\n" : "", quiet ? quiet : "", where, set,
                       text, back, quiet ? " _Pragma(\"GCC diagnostic pop\")" : ""));
    free(quiet);
    free(set);
    free(back);
    free(where);
}

/* A local type's name goes to file scope, or a new one when file scope has it already (the
 * move would change what either name refers to); so do a local enum's enumerators. */
static void claim_name(mover *M, node *k)
{
    char *name = an_scope_name(k->cur);
    if (*name && scope_name_taken(M->t, name))
        rename_decl(M, k->cur);
    else if (*name)
        names_put(&M->t->scope_names, name, NULL);
    if (k->kind == CXCursor_EnumDecl)
        clang_visitChildren(k->cur, enum_constants_taken, M);
    free(name);
}

/* The end of the definition of tag k with the attribute specifiers right after its closing brace
 * (`struct s { ... } __attribute__((packed)) v;`): they are the type's, not the variables'. */
static unsigned tag_end(const tunit *t, const node *k)
{
    const tk_stream *ts = &t->toks;
    unsigned end = nend(k);
    for (unsigned i = tk_next(ts, tk_at(ts, end)); i < ts->n && (tk_is(ts, i, "__attribute__") || tk_is(ts, i, "__attribute"));) {
        unsigned open = tk_next(ts, i + 1), close = open < ts->n && tk_is(ts, open, "(") ? tk_match(ts, open) : ts->n;
        if (close >= ts->n)
            break;
        end = ts->v[close].end;
        i = tk_next(ts, close + 1);
    }
    return end;
}

/* The definition of unnamed tag k (keyword kw) under the name `tag`, which goes right before its
 * brace, after the attributes of `struct ATTRS {`. */
static char *unnamed_definition(mover *M, node *k, const char *kw, const char *tag)
{
    const tk_stream *ts = &M->t->toks;
    unsigned brace = tk_at(ts, nstart(k));
    while (brace < ts->n && ts->v[brace].end <= nend(k) && !tk_is(ts, brace, "{"))
        brace = tk_next(ts, brace + 1);
    unsigned at = brace < ts->n ? ts->v[brace].start : nend(k);
    char *head = renamed_text(M, k, nstart(k) + (unsigned)strlen(kw), at), *body = renamed_text(M, k, at, tag_end(M->t, k));
    size_t n = strlen(head);
    while (n && (head[n - 1] == ' ' || head[n - 1] == '\t' || head[n - 1] == '\n'))
        head[--n] = 0;
    char *def = xasprintf("%s%s %s %s;", kw, head, tag, body);
    free(head);
    free(body);
    return def;
}

/* Whether tag declaration k, beside variables, only names a type declared before it: clang makes
 * one of `struct ATTRS tag v;` (a redeclaration that defines nothing), where C sees `struct tag`. */
static int tag_reference(const node *k)
{
    if (k->kind != CXCursor_StructDecl && k->kind != CXCursor_UnionDecl && k->kind != CXCursor_EnumDecl)
        return 0;
    return !clang_isCursorDefinition(k->cur) && !clang_equalCursors(clang_getCanonicalCursor(k->cur), k->cur);
}

/* Tag declaration k stands for its type by name, its new one if it moved under one. */
static void by_name(mover *M, node *k)
{
    char *name = cx_take(clang_getCursorSpelling(k->cur));
    const char *to = new_name(M->f, k->cur);
    k->repl = xasprintf("%s %s", an_tag_keyword(k->kind), to ? to : name);
    free(name);
}

static void collect(mover *M, node *n)
{
    if (an_types_only(n)) {
        for (unsigned i = 0; i < n->nkids; i++)
            claim_name(M, n->kids[i]);
        if (an_refers_to_local(M->t, n))
            dg_unchecked(M->t, n, "a local type referring to a local variable");
        /* Types are constant expressions: nothing in them refers to the frame. An await in
         * typeof is never run and already has its replacement, which the text takes. */
        char *text = renamed_text(M, n, nstart(n), nend(n));
        move_text(M, n, text);
        free(text);
        return;
    }
    if (n->kind == CXCursor_DeclStmt) {
        /* A tag defined or first declared together with variables (`struct p { int x; } a, b;`,
         * `struct q *a;`) moves alone, and the variables are declared with its name (lower_stmt.c:
         * gen_decl); an unnamed one gets a name when a variable of it lives in the frame, or
         * the declaration awaits. */
        int frame = an_taken_apart(n);
        for (unsigned i = 0; i < n->nkids; i++) {
            node *k = n->kids[i];
            if (!an_is_unnamed_tag(k)) {
                if (tag_reference(k)) {
                    /* `struct __attribute__((unused)) pt v;` names a type declared before (here or at
                     * file scope): nothing moves, and its variables say the type's (new) name */
                    by_name(M, k);
                } else if (k->kind == CXCursor_TypedefDecl && !an_is_vm_typedef(k)) {
                    /* beside typedefs of run-time size, which stay (lower_vm.c), in `typedef int
                     * A[n], I;`: it moves alone, with the specifiers the declarators share, since
                     * a frame local may be of it */
                    claim_name(M, k);
                    unsigned spec = vm_specifiers_end(M->t, n);
                    char *s = renamed_text(M, n, nstart(n), spec), *d = renamed_text(M, k, vm_declarator_start(M->t, k), nend(k));
                    char *def = xasprintf("%s %s;", s, d);
                    move_text(M, k, def);
                    free(def);
                    free(s);
                    free(d);
                } else if (an_is_tag_decl(k) && k->kind != CXCursor_TypedefDecl && n->nkids > 1) {
                    claim_name(M, k);
                    char *text = renamed_text(M, k, nstart(k), tag_end(M->t, k)), *def = xasprintf("%s;", text);
                    move_text(M, k, def);
                    free(def);
                    free(text);
                    /* defined at file scope now: where the declaration is copied as written (no
                     * await in its block), its variables are of the type by name; the attributes
                     * after its brace went with it (on a variable, gcc ignores `packed`) */
                    by_name(M, k);
                    k->xend = tag_end(M->t, k);
                }
                continue;
            }
            if (!frame)
                continue;
            const char *kw = an_tag_keyword(k->kind);
            afn *f = M->f;
            char *name = xasprintf("%s ac__anon_%s_%u", kw, f->name, f->nanon + 1);
            if (k->kind == CXCursor_EnumDecl)
                clang_visitChildren(k->cur, enum_constants_taken, M);
            char *def = unnamed_definition(M, k, kw, name + strlen(kw) + 1);
            move_text(M, k, def);
            free(def);
            f->anon_from = xrealloc(f->anon_from, sizeof *f->anon_from * (f->nanon + 1));
            f->anon_to = xrealloc(f->anon_to, sizeof *f->anon_to * (f->nanon + 1));
            f->anon_from[f->nanon] = lw_unnamed_key(clang_getCursorType(k->cur));
            f->anon_to[f->nanon++] = name;
            k->repl = name; /* defined at file scope now, under this name, with its attributes */
            k->xend = tag_end(M->t, k);
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        collect(M, n->kids[i]);
}

/* Local types move to file scope, where the frame struct can use them: declarations of types
 * only, types defined together with variables, and unnamed types of locals that live in the
 * frame (which get a name). */
void lw_collect_moved(tunit *t, afn *f)
{
    mover M = {t, f};
    collect(&M, f->body);
    if (f->nrenamed)
        rename_uses(f, f->body);
}

/* Adds to v the declarations that the spelling of type ty names: tags and typedefs, through
 * pointers, arrays, functions and qualifiers. */
static void named_decls(CXType ty, CXCursor **v, unsigned *n, int depth)
{
    if (depth > 32)
        return;
    switch (ty.kind) {
    case CXType_Pointer:
    case CXType_BlockPointer:
        named_decls(clang_getPointeeType(ty), v, n, depth + 1);
        return;
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray:
        named_decls(clang_getArrayElementType(ty), v, n, depth + 1);
        return;
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: {
        named_decls(clang_getResultType(ty), v, n, depth + 1);
        int args = clang_getNumArgTypes(ty);
        for (int i = 0; i < args; i++)
            named_decls(clang_getArgType(ty, (unsigned)i), v, n, depth + 1);
        return;
    }
    case CXType_Elaborated:
        named_decls(clang_Type_getNamedType(ty), v, n, depth + 1);
        return;
    case CXType_Attributed:
        named_decls(clang_Type_getModifiedType(ty), v, n, depth + 1);
        return;
    case CXType_Record:
    case CXType_Enum:
    case CXType_Typedef:
        *v = xrealloc(*v, sizeof **v * (*n + 1));
        (*v)[(*n)++] = clang_getTypeDeclaration(ty);
        return;
    default:
        return;
    }
}

char *lw_rename_types(const afn *f, CXType ty, char *s)
{
    if (!f->nrenamed)
        return s;
    CXCursor *decls = NULL;
    unsigned n = 0;
    named_decls(ty, &decls, &n, 0);
    named_decls(clang_getCanonicalType(ty), &decls, &n, 0); /* what lw_type_spelling may spell */
    tk_stream ts;
    tk_lex(&ts, s, (unsigned)strlen(s));
    sb out = {0};
    unsigned pos = 0;
    for (unsigned i = 0; i < ts.n; i++) {
        if (ts.v[i].kind != TK_IDENT)
            continue;
        int tag = i > 0 && (tk_is(&ts, i - 1, "struct") || tk_is(&ts, i - 1, "union") || tk_is(&ts, i - 1, "enum"));
        for (unsigned k = 0; k < n; k++) {
            const char *to = new_name(f, decls[k]);
            int is_tag = clang_getCursorKind(decls[k]) != CXCursor_TypedefDecl;
            if (!to || is_tag != tag)
                continue;
            char *name = cx_take(clang_getCursorSpelling(decls[k]));
            int same = strlen(name) == ts.v[i].end - ts.v[i].start && memcmp(name, s + ts.v[i].start, strlen(name)) == 0;
            free(name);
            if (same) {
                sb_putn(&out, s + pos, ts.v[i].start - pos);
                sb_puts(&out, to);
                pos = ts.v[i].end;
                break;
            }
        }
    }
    tk_free(&ts);
    free(decls);
    if (!pos)
        return s;
    sb_puts(&out, s + pos);
    free(s);
    return sb_take(&out);
}

static void moved_uses(lw *L, const node *d, node *n, sb *out, const var ***seen, unsigned *nseen)
{
    var *v = n->kind == CXCursor_DeclRefExpr ? n->var : NULL;
    /* (not one declared in the type itself, in a statement expression under typeof) */
    if (v && (!v->in_frame || v->as_local) && (nstart(v->decl) < nstart(d) || nstart(v->decl) >= nend(d))) {
        for (unsigned i = 0; i < *nseen; i++)
            if ((*seen)[i] == v)
                return;
        *seen = xrealloc(*seen, sizeof **seen * (*nseen + 1));
        (*seen)[(*nseen)++] = v;
        char *ref = lw_emit_text(L, n);
        sb_printf(out, "(void)sizeof(%s);", ref);
        free(ref);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        moved_uses(L, d, n->kids[i], out, seen, nseen);
}

char *lw_moved_decl_uses(lw *L, node *d)
{
    sb out = {0};
    const var **seen = NULL;
    unsigned nseen = 0;
    if (lw_is_moved_decl(L, d)) {
        moved_uses(L, d, d, &out, &seen, &nseen);
    } else if (d->kind == CXCursor_DeclStmt && L->f->self && !L->twin) {
        for (unsigned i = 0; i < d->nkids; i++) /* a tag that moved alone (lower_moved.c) */
            if (!d->kids[i]->var && d->kids[i]->repl && an_is_tag_decl(d->kids[i]))
                moved_uses(L, d->kids[i], d->kids[i], &out, &seen, &nseen);
    }
    free(seen);
    if (out.len)
        sb_putc(&out, ' ');
    return out.len ? sb_take(&out) : xstrdup("");
}
