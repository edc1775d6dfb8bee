/* lower_moved.c: local types of an async function moved to file scope, where the frame struct
 * can use them; a moved name that file scope already has is an error. */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

static int scope_name_taken(const tunit *t, const char *name);

static int refers_to_local(const node *n)
{
    if (n->kind == CXCursor_DeclRefExpr && n->var)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (refers_to_local(n->kids[i]))
            return 1;
    return 0;
}

/* Whether f has a local called name that stays a C local (frame locals are renamed): inside its
 * scope it would hide an enumerator moved to file scope, where C's scopes had it the other way. */
static int stack_local_named(const afn *f, const char *name)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (!f->vars[i]->in_frame && strcmp(f->vars[i]->name, name) == 0)
            return 1;
    return 0;
}

static enum CXChildVisitResult enum_constants_taken(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    lw *L = data;
    if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) {
        char *name = cx_take(clang_getCursorSpelling(c));
        if (scope_name_taken(L->t, name))
            dg_error(L->t, clang_getCursorLocation(c),
                     "enumerator '%s' of a local enum moves to file scope, where '%s' already exists; rename one", name,
                     name);
        else if (stack_local_named(L->f, name))
            dg_error(L->t, clang_getCursorLocation(c),
                     "enumerator '%s' of a local enum moves to file scope, where a local variable '%s' of this "
                     "function would hide it; rename one",
                     name, name);
        else
            names_put(&L->t->scope_names, name, NULL);
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

static int is_unnamed_tag(const node *n)
{
    if (n->kind != CXCursor_StructDecl && n->kind != CXCursor_UnionDecl && n->kind != CXCursor_EnumDecl)
        return 0;
    char *name = cx_take(clang_getCursorSpelling(n->cur));
    int unnamed = !*name;
    free(name);
    return unnamed;
}

static void move_text(lw *L, node *n, const char *text)
{
    char *where = L->t->lines ? xasprintf("#line %u \"%s\"\n", lw_line_at(L, nstart(n)), L->file) : xstrdup("");
    VEC_PUSH(L->f->moved_decls, L->f->nmoved, xasprintf("%s%s", where, text));
    free(where);
}

/* Local types move to file scope, where the frame struct can use them: declarations of types
 * only, and unnamed types of locals that live in the frame (which get a name). A moved name that
 * file scope already has is an error: the move would change what it refers to. */
void lw_collect_moved(lw *L, node *n)
{
    if (lw_is_moved_decl(L, n)) {
        for (unsigned i = 0; i < n->nkids; i++) {
            char *name = an_scope_name(n->kids[i]->cur);
            if (*name && scope_name_taken(L->t, name))
                dg_error_node(L->t, n->kids[i],
                              "local type '%s' of an async function moves to file scope, where '%s' already exists; rename one",
                              name, name);
            else if (*name)
                names_put(&L->t->scope_names, name, NULL);
            if (n->kids[i]->kind == CXCursor_EnumDecl)
                clang_visitChildren(n->kids[i]->cur, enum_constants_taken, L);
            free(name);
        }
        if (refers_to_local(n))
            dg_error_node(L->t, n,
                          "this local type refers to a local variable (a variable-length array or typeof): it cannot move "
                          "to file scope with the frame; declare it outside the async function");
        /* Types are constant expressions: nothing in them refers to the frame. An await in
         * typeof is never run and already has its replacement, which the text takes. */
        char *text = lw_emit_kids(L, n);
        move_text(L, n, text);
        free(text);
        return;
    }
    if (n->kind == CXCursor_DeclStmt && L->f->self) {
        int frame = 0;
        for (unsigned i = 0; i < n->nkids; i++)
            frame |= n->kids[i]->var && n->kids[i]->var->in_frame;
        for (unsigned i = 0; frame && i < n->nkids; i++) {
            node *k = n->kids[i];
            if (!is_unnamed_tag(k))
                continue;
            const char *kw = k->kind == CXCursor_StructDecl ? "struct" : k->kind == CXCursor_UnionDecl ? "union" : "enum";
            char *name = xasprintf("%s ac__anon_%s_%u", kw, L->f->name, L->nanon + 1);
            if (k->kind == CXCursor_EnumDecl)
                clang_visitChildren(k->cur, enum_constants_taken, L);
            unsigned kwlen = (unsigned)strlen(kw);
            char *def = xasprintf("%s%.*s;", name, (int)(nend(k) - nstart(k) - kwlen), L->t->text + nstart(k) + kwlen);
            move_text(L, k, def);
            free(def);
            L->anon_from = xrealloc(L->anon_from, sizeof *L->anon_from * (L->nanon + 1));
            L->anon_to = xrealloc(L->anon_to, sizeof *L->anon_to * (L->nanon + 1));
            /* clang spells the type "struct (unnamed at f.c:3:5)" here and "struct (unnamed struct
             * at f.c:3:5)" on the variable: the location is what identifies it. */
            char *spelling = cx_take(clang_getTypeSpelling(clang_getCursorType(k->cur)));
            char *at = strstr(spelling, " at ");
            L->anon_from[L->nanon] = xstrdup(at ? at : spelling);
            free(spelling);
            L->anon_to[L->nanon++] = name;
            k->repl = name; /* defined at file scope now, under this name */
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        lw_collect_moved(L, n->kids[i]);
}
