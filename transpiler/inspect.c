/* inspect.c: explains the state machines. --emit=dot draws the plan's states (plan.c) without
 * lowering; --emit=frames lists each frame's fields with offsets and sizes, read through libclang
 * from the generated code (the frame layout is still decided while lowering), and the states. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *lower_all(tunit *t)
{
    int saved = t->lines;
    t->lines = 0;
    char *c = out_compose(t);
    t->lines = saved;
    return c;
}

typedef struct find {
    const char *name;
    CXCursor found;
} find;

static enum CXChildVisitResult find_struct(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    find *f = data;
    if (clang_getCursorKind(c) == CXCursor_StructDecl && clang_isCursorDefinition(c)) {
        char *s = cx_take(clang_getCursorSpelling(c));
        if (strcmp(s, f->name) == 0)
            f->found = c;
        free(s);
    }
    return CXChildVisit_Continue;
}

typedef struct walk {
    sb *out;
    CXType frame; /* offsets are asked of the frame type, through anonymous members */
    int depth;
    afn *fn;
} walk;

static const char *describe(afn *f, const char *field)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->in_frame && strcmp(f->vars[i]->field, field) == 0)
            return f->vars[i]->is_param ? "parameter" : "local, lives across an await";
    for (unsigned i = 0; i < f->nsites; i++)
        for (unsigned k = 0; k < f->sites[i]->nkids; k++)
            if (strcmp(f->sites[i]->kids[k].field, field) == 0)
                return f->sites[i]->kids[k].embedded  ? "child frame, inside this frame"
                       : f->sites[i]->kids[k].bounded ? "child frame, inside this frame (size from its header)"
                                                      : "pointer to a child frame in the task arena";
    if (strcmp(field, "ac__state") == 0)
        return "state: 0 start, k suspended at await k";
    if (strcmp(field, "ac__result") == 0)
        return "result";
    if (strncmp(field, "ac__m", 5) == 0)
        return "combinator: one bit per finished child";
    if (strncmp(field, "ac__t", 5) == 0)
        return "temporary of an expression with awaits";
    return "";
}

static enum CXChildVisitResult walk_fields(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    walk *w = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) && clang_Cursor_isAnonymousRecordDecl(c)) {
        long long size = clang_Type_getSizeOf(clang_getCursorType(c));
        sb_printf(w->out, "  %6s %6lld  %*s%s {%s\n", "", size, w->depth * 2, "", k == CXCursor_UnionDecl ? "union" : "struct",
                  k == CXCursor_UnionDecl ? "  (members share these bytes)" : "");
        walk inner = {w->out, w->frame, w->depth + 1, w->fn};
        clang_visitChildren(c, walk_fields, &inner);
        sb_printf(w->out, "  %6s %6s  %*s}\n", "", "", w->depth * 2, "");
        return CXChildVisit_Continue;
    }
    if (k != CXCursor_FieldDecl)
        return CXChildVisit_Continue;
    char *name = cx_take(clang_getCursorSpelling(c));
    if (*name) {
        CXType ty = clang_getCursorType(c);
        long long off = clang_Type_getOffsetOf(w->frame, name) / 8, size = clang_Type_getSizeOf(ty);
        char *tname = cx_take(clang_getTypeSpelling(ty));
        for (unsigned i = 0; i < w->fn->nvars; i++)
            if (w->fn->vars[i]->in_frame && strcmp(w->fn->vars[i]->field, name) == 0) {
                free(tname); /* the type as the user wrote it, not through __typeof__ */
                tname = xstrdup(w->fn->vars[i]->type);
            }
        int width = 24 - w->depth * 2;
        sb_printf(w->out, "  %6lld %6lld  %*s%-*s %-28s %s\n", off, size, w->depth * 2, "", width > 8 ? width : 8, name,
                  tname, describe(w->fn, name));
        free(tname);
    }
    free(name);
    return CXChildVisit_Continue;
}

char *in_frames(tunit *t, const char *const *flags, int nflags)
{
    char *code = lower_all(t);
    if (!code || t->errors) {
        free(code);
        return NULL;
    }
    char *name = xasprintf("%s.frames.c", t->input);
    struct CXUnsavedFile unsaved = {name, code, (unsigned long)strlen(code)};
    const char **args = xcalloc((size_t)nflags + 2, sizeof *args);
    int n = 0;
    for (int i = 0; i < nflags; i++)
        if (strncmp(flags[i], "-M", 2) != 0)
            args[n++] = flags[i];
    args[n++] = "-w";
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;
    sb b = {0};
    if (clang_parseTranslationUnit2(index, name, args, n, &unsaved, 1, CXTranslationUnit_None, &tu) != CXError_Success) {
        fprintf(stderr, "asyncc: cannot parse the generated code to measure frames\n");
        t->errors++;
    } else {
        for (unsigned i = 0; i < t->nfns; i++) {
            afn *f = t->fns[i];
            if (!f->self)
                continue;
            find fd = {xasprintf("ac__frame_%s", f->name), clang_getNullCursor()};
            clang_visitChildren(clang_getTranslationUnitCursor(tu), find_struct, &fd);
            CXType ty = clang_getCursorType(fd.found);
            sb_printf(&b, "async %s %s  (%s:%u)\n", f->self->ret_type ? f->self->ret_type : "void", f->name, t->input,
                      f->line);
            sb_printf(&b, "  frame struct %s: %lld bytes, align %lld\n", fd.name, clang_Type_getSizeOf(ty),
                      clang_Type_getAlignOf(ty));
            sb_printf(&b, "  %6s %6s  field\n", "offset", "size");
            walk w = {&b, ty, 0, f};
            clang_visitChildren(fd.found, walk_fields, &w);
            sb_printf(&b, "  states:\n    0  start\n");
            for (unsigned k = 0; k < f->nsites; k++) {
                site *s = f->sites[k];
                sb_printf(&b, "    %u  %s:%u  await %s(", s->index, t->input, s->line, s->what);
                for (unsigned j = 0; j < s->nkids && s->kind != MK_AWAIT; j++)
                    sb_printf(&b, "%s%s()", j ? ", " : "", s->kids[j].fn->name);
                sb_puts(&b, ")\n");
            }
            sb_puts(&b, "    ready  result stored, state AC_STATE_DONE\n");
            if (f->self->never_suspends)
                sb_printf(&b, "  never suspends: its body is the plain C function ac__now_%s; poll calls it, and so\n"
                              "  do the awaits of %s in functions defined after it in this file\n",
                          f->name, f->name);
            if (f->ndirect)
                sb_puts(&b, "  direct calls (callees that never suspend: no state, no child frame):\n");
            for (unsigned k = 0; k < f->ndirect; k++) {
                node *aw = f->direct[k];
                node *call = an_unparen(aw->ops[0]);
                sb_printf(&b, "       %s:%u  await %s()  ->  ac__now_%s()\n", t->input,
                          dg_line_at(t, nstart(aw)), call->fn->name, call->fn->name);
            }
            sb_putc(&b, '\n');
            free((char *)fd.name);
        }
        clang_disposeTranslationUnit(tu);
    }
    clang_disposeIndex(index);
    free(args);
    free(name);
    free(code);
    return t->errors ? (sb_free(&b), NULL) : sb_take(&b);
}

/* The state graph: from each state, the awaits that can come next. A state's successors are the
 * sites lexically after it in the same function plus, inside a loop, the sites of that loop. */
static int in_loop(const node *n, const node **loop)
{
    for (const node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_ForStmt || p->kind == CXCursor_WhileStmt || p->kind == CXCursor_DoStmt) {
            *loop = p;
            return 1;
        }
    return 0;
}

/* The plan's states (plan.c), drawn without lowering anything. */
char *in_dot(tunit *t)
{
    sb b = {0};
    sb_puts(&b, "digraph asyncc {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"monospace\"];\n");
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (!f->self)
            continue;
        const char *n = f->name;
        sb_printf(&b, "  subgraph cluster_%s {\n    label=\"async %s  (%s:%u)\";\n", n, n, t->input, f->line);
        sb_printf(&b, "    %s_start [label=\"start\", shape=circle];\n    %s_ready [label=\"ready\", shape=doublecircle];\n",
                  n, n);
        for (unsigned k = 0; k < f->nsites; k++)
            sb_printf(&b, "    %s_%u [label=\"state %u\\n%s:%u\\nawait %s()\"];\n", n, k + 1, k + 1, t->input,
                      f->sites[k]->line, f->sites[k]->what);
        /* start -> first await; each await -> the next one; the last -> ready; loops go back. */
        if (f->nsites == 0)
            sb_printf(&b, "    %s_start -> %s_ready;\n", n, n);
        else
            sb_printf(&b, "    %s_start -> %s_1;\n", n, n);
        for (unsigned k = 0; k < f->nsites; k++) {
            site *s = f->sites[k];
            if (k + 1 < f->nsites)
                sb_printf(&b, "    %s_%u -> %s_%u [label=\"resume\"];\n", n, k + 1, n, k + 2);
            else
                sb_printf(&b, "    %s_%u -> %s_ready [label=\"resume\"];\n", n, k + 1, n);
            sb_printf(&b, "    %s_%u -> %s_%u [label=\"pending\", style=dashed];\n", n, k + 1, n, k + 1);
            const node *loop;
            if (in_loop(s->await, &loop)) {
                for (unsigned j = 0; j <= k; j++) {
                    const node *aw = f->sites[j]->await;
                    if (nstart(aw) >= nstart(loop) && nend(aw) <= nend(loop)) {
                        if (k + 1 == f->nsites || nstart(f->sites[k + 1]->await) >= nend(loop))
                            sb_printf(&b, "    %s_%u -> %s_%u [label=\"loop\", style=dotted];\n", n, k + 1, n, j + 1);
                        break;
                    }
                }
            }
        }
        sb_puts(&b, "  }\n");
    }
    sb_puts(&b, "}\n");
    return sb_take(&b);
}
