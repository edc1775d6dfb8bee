/* lower.c: rewrites one function into a state machine: frame struct, init, poll, drop.
 * Statements without awaits are copied as written; only what an await touches is restructured. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Frame storage is a tree: a block holds its locals beside a union of its statements, and a
 * statement holds its temporaries and child frames beside a union of its sub-statements, so
 * locals of sibling blocks and temporaries of different statements share space. */
typedef struct region {
    char **fields;
    unsigned nfields;
    struct region **subs;
    unsigned nsubs;
} region;

typedef struct edit {
    unsigned start, end;
    char *text;
} edit;

typedef struct edits {
    edit *v;
    unsigned n;
} edits;

typedef struct lw {
    tunit *t;
    afn *f;
    sb out;
    unsigned cur_line; /* the line the compiler gives the next output line (with #line) */
    char *file;        /* the input's name as a C string literal body */
    region *stmt;      /* receives the temporaries of the statement being lowered */
    region *uni;       /* receives the regions of new statements and blocks */
    unsigned ntemps, nlabels, nspawns;
    unsigned indent;
    int twin;          /* lowering the plain C twin of a function that never suspends */
    char **anon_from, **anon_to; /* unnamed local types moved to file scope: spelling -> name */
    unsigned nanon;
} lw;

static void gen_stmt(lw *L, node *s);
static void hoist(lw *L, node *n);
static void block_end_cleanups(lw *L, node *scope);
static char *type_spelling(CXType ty);
static int declares_frame_var(node *d);
static void gen_labeled(lw *L, node *s);
static int loop_rebuilt(node *s);
static void put_range(lw *L, node *s, unsigned a, unsigned b);

/* ---------------------------------------------------------------- text helpers */

static region *new_region(region *parent)
{
    region *r = xcalloc(1, sizeof *r);
    if (parent)
        VEC_PUSH(parent->subs, parent->nsubs, r);
    return r;
}

static void add_field(region *r, char *decl)
{
    VEC_PUSH(r->fields, r->nfields, decl);
}

static unsigned line_at(lw *L, unsigned off)
{
    return dg_line_at(L->t, off);
}

static unsigned col_at(lw *L, unsigned off)
{
    unsigned col = 1;
    while (off > 0 && L->t->text[off - 1] != '\n') {
        off--;
        col++;
    }
    return col;
}

static void put(lw *L, const char *s)
{
    for (const char *p = s; *p; p++)
        L->cur_line += *p == '\n';
    sb_puts(&L->out, s);
}

static void putn(lw *L, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        L->cur_line += s[i] == '\n';
    sb_putn(&L->out, s, n);
}

static void line_directive(lw *L, unsigned line)
{
    if (!sb_at_line_start(&L->out))
        put(L, "\n");
    if (L->t->lines && L->cur_line != line) {
        sb_printf(&L->out, "#line %u \"%s\"\n", line, L->file);
        L->cur_line = line;
    }
}

static void pad(lw *L, unsigned col)
{
    for (unsigned i = 1; i < col; i++)
        sb_putc(&L->out, ' ');
}

/* Prepares the output for user text starting at off: same line when it is, else a new line
 * carrying off's line number, indented to off's column. */
static void sync(lw *L, unsigned off)
{
    unsigned line = line_at(L, off);
    if (!sb_at_line_start(&L->out)) {
        if (!L->t->lines || line == L->cur_line) {
            put(L, " ");
            return;
        }
    }
    line_directive(L, line);
    L->indent = col_at(L, off);
    pad(L, L->indent);
}

static void vgen(lw *L, unsigned line, int end_line, const char *fmt, va_list ap)
{
    line_directive(L, line);
    pad(L, L->indent ? L->indent : 5);
    sb_vprintf(&L->out, fmt, ap);
    if (end_line)
        put(L, "\n");
}

/* One line of generated code, attributed to the user's line `line`. */
static void gline(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void gline(lw *L, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(L, line, 1, fmt, ap);
    va_end(ap);
}

/* A generated label line, two columns left of the code around it. The indent is the column of
 * the user's statement, which is 1 for one written at column 0: never below that. */
static void glabel(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void glabel(lw *L, unsigned line, const char *fmt, ...)
{
    unsigned indent = L->indent, at = indent ? indent : 5;
    va_list ap;
    va_start(ap, fmt);
    L->indent = at > 3 ? at - 2 : 1;
    vgen(L, line, 1, fmt, ap);
    L->indent = indent;
    va_end(ap);
}

/* Generated text that the following user statement continues on the same line (a loop header
 * before its body, `else` before its branch). */
static void gopen(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void gopen(lw *L, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vgen(L, line, 0, fmt, ap);
    va_end(ap);
}

/* Copies the blank text between two statements up to its last newline (comments included). The
 * #line that resynchronizes the output goes before the comments, not between a comment and the
 * statement it annotates (gcc reads a fallthrough comment only right before the case label). */
static void copy_gap_lines(lw *L, unsigned from, unsigned to, int drop_pragmas);

static void copy_gap(lw *L, unsigned from, unsigned to)
{
    copy_gap_lines(L, from, to, 0);
}

/* The same, leaving out #pragma lines: gcc's loop pragmas (unroll, ivdep) must be followed by
 * the loop itself, and a rebuilt loop starts with a block. They are only hints. */
static void copy_gap_lines(lw *L, unsigned from, unsigned to, int drop_pragmas)
{
    const tk_stream *ts = &L->t->toks;
    for (unsigned i = tk_at(ts, from); drop_pragmas && i < ts->n && ts->v[i].end <= to; i++)
        if (ts->v[i].kind == TK_DIRECTIVE) {
            copy_gap_lines(L, from, ts->v[i].start, 0);
            from = ts->v[i].end;
        }
    unsigned last = from, first_nl = to;
    for (unsigned i = from; i < to; i++)
        if (L->t->text[i] == '\n') {
            last = i + 1;
            if (first_nl == to)
                first_nl = i;
        }
    if (last == from)
        return;
    if (!sb_at_line_start(&L->out) && L->t->text[from] != '\n')
        put(L, " ");
    else if (sb_at_line_start(&L->out) && tk_skip_blank(&L->t->toks, from, first_nl) > from)
        /* A comment that ended the statement's line, after the statement's generated lines: it
         * gets its own line's #line, so none comes between it and what follows (a case label
         * after a fallthrough comment). */
        line_directive(L, line_at(L, from));
    putn(L, L->t->text + from, first_nl + 1 - from);
    if (first_nl + 1 < last) {
        line_directive(L, line_at(L, first_nl + 1));
        putn(L, L->t->text + first_nl + 1, last - first_nl - 1);
    }
}

/* Where a statement really ends: clang's extent leaves out the `;` of expression statements,
 * return, break, continue, goto and do-while. */
static unsigned stmt_end(lw *L, node *s)
{
    switch (s->kind) {
    case CXCursor_CompoundStmt:
    case CXCursor_DeclStmt:
    case CXCursor_NullStmt:
        return nend(s);
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_SwitchStmt:
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        /* These end with a sub-statement, which may be an expression statement. */
        return s->nkids ? stmt_end(L, s->kids[s->nkids - 1]) : nend(s);
    default: {
        const tk_stream *ts = &L->t->toks;
        unsigned i = tk_next(ts, tk_at(ts, nend(s)));
        return tk_is(ts, i, ";") ? ts->v[i].end : nend(s);
    }
    }
}

static int is_tag_decl(const node *n)
{
    return n->kind == CXCursor_StructDecl || n->kind == CXCursor_UnionDecl || n->kind == CXCursor_EnumDecl ||
           n->kind == CXCursor_TypedefDecl;
}

/* A declaration of local types only (struct, union, enum, typedef): moved to file scope in an
 * async function, where frame fields may need the types. */
static int is_moved_decl(lw *L, const node *n)
{
    if (!L->f->self || L->twin || n->kind != CXCursor_DeclStmt || n->nkids == 0)
        return 0;
    for (unsigned i = 0; i < n->nkids; i++)
        if (!is_tag_decl(n->kids[i]))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- expressions */

static char *emit_range(lw *L, node *n, unsigned a, unsigned b);

static char *emit_text(lw *L, node *n)
{
    return emit_range(L, n, nstart(n), nend(n));
}

static char *apply_edits(lw *L, node *n, unsigned a, unsigned b, int own);

/* n's text with the rewrites inside it, but not n's own. */
static char *emit_kids(lw *L, node *n)
{
    return apply_edits(L, n, nstart(n), nend(n), 0);
}

static node *loop_of(node *n)
{
    for (node *p = n->parent; p; p = p->parent)
        if (p->kind == CXCursor_ForStmt || p->kind == CXCursor_WhileStmt || p->kind == CXCursor_DoStmt)
            return p;
    return NULL;
}

static char *call_args(lw *L, node *call)
{
    sb b = {0};
    for (unsigned i = 1; i < call->nkids; i++) {
        char *a = emit_text(L, call->kids[i]);
        sb_printf(&b, ", %s", a);
        free(a);
    }
    return sb_take(&b);
}

/* Whether the handle a spawn returns is thrown away: the spawn is a statement of its own, maybe
 * cast to void. */
static int handle_discarded(const node *m)
{
    const node *e = m, *p = m->parent;
    while (p && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                 (p->kind == CXCursor_CStyleCastExpr && clang_getCursorType(p->cur).kind == CXType_Void))) {
        e = p;
        p = p->parent;
    }
    if (!p)
        return 0;
    switch (p->kind) {
    case CXCursor_CompoundStmt:
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        return 1;
    case CXCursor_IfStmt: /* a branch, not the condition */
    case CXCursor_WhileStmt:
        return p->nkids && p->kids[0] != e;
    case CXCursor_DoStmt:
    case CXCursor_ForStmt: /* the body */
        return p->nkids && p->kids[p->kind == CXCursor_DoStmt ? 0 : p->nkids - 1] == e;
    default:
        return 0; /* a declaration, a return, a condition: the handle is used */
    }
}

/* ac_spawn(f(x)) and ac_block_on(f(x)): a task whose root frame is f's. */
static char *task_expr(lw *L, node *m)
{
    node *call = an_unparen(m->ops[0]);
    callee *c = call->fn;
    unsigned k = ++L->nspawns;
    char *args = call_args(L, call);
    char *s;
    if (m->mk == MK_BLOCK_ON) {
        if (c->ret_type) {
            char *decl = lw_field_decl(c->ret_type, xasprintf("ac__br%u", k));
            s = xasprintf("({ void *ac__bp%u; ac_task *ac__bt%u = ac__task_new(&ac__type_%s, &ac__bp%u); "
                          "ac__init_%s(ac__bp%u%s); %s; ac__block_on(ac__bt%u, &ac__br%u); ac__br%u; })",
                          k, k, c->name, k, c->name, k, args, decl, k, k, k);
            free(decl);
        } else {
            s = xasprintf("({ void *ac__bp%u; ac_task *ac__bt%u = ac__task_new(&ac__type_%s, &ac__bp%u); "
                          "ac__init_%s(ac__bp%u%s); ac__block_on(ac__bt%u, 0); })",
                          k, k, c->name, k, c->name, k, args, k);
        }
    } else {
        s = xasprintf("({ void *ac__sp%u; ac_task *ac__st%u = ac__task_new(&ac__type_%s, &ac__sp%u); "
                      "ac__init_%s(ac__sp%u%s); %s(ac__st%u); })",
                      k, k, c->name, k, c->name, k, args,
                      m->mk == MK_SPAWN_LOCAL ? "ac__task_spawn_local" : "ac__task_spawn", k);
        if (handle_discarded(m)) {
            /* Nobody will join it: let the task free itself when it finishes (Tokio's detach
             * on dropping a JoinHandle). */
            char *d = xasprintf("ac_task_detach(%s)", s);
            free(s);
            s = d;
        }
    }
    free(args);
    return s;
}

/* ---------------------------------------------------------------- cleanups */

static int inside(const node *scope, unsigned off)
{
    return off >= nstart(scope) && off < nend(scope);
}

/* Calls of the cleanups of frame locals alive at offset `at` that `leaves` says are left, innermost
 * first, each as "fn(&ac__fr->x); ". */
static char *cleanups(lw *L, unsigned at, int (*leaves)(const var *, const void *), const void *arg)
{
    sb b = {0};
    afn *f = L->f;
    for (unsigned i = f->nvars; i-- > 0;) {
        var *v = f->vars[i];
        if (v->cleanup && v->scope && nend(v->decl) <= at && inside(v->scope, at) && (!leaves || leaves(v, arg)))
            sb_printf(&b, "%s(&ac__fr->%s); ", v->cleanup, v->field);
    }
    return sb_take(&b);
}

static int leaves_for(const var *v, const void *target)
{
    const node *t = target;
    return !t || !(nstart(t) >= nend(v->decl) && inside(v->scope, nstart(t)));
}

static node *label_named(node *n, const char *name)
{
    if (n->kind == CXCursor_LabelStmt) {
        char *s = cx_take(clang_getCursorSpelling(n->cur));
        int same = strcmp(s, name) == 0;
        free(s);
        if (same)
            return n;
    }
    for (unsigned i = 0; i < n->nkids; i++) {
        node *r = label_named(n->kids[i], name);
        if (r)
            return r;
    }
    return NULL;
}

/* Where a break, continue or goto lands: the loop or switch it leaves, or the label. */
static node *jump_target(lw *L, node *j)
{
    if (j->kind == CXCursor_GotoStmt) {
        char *name = NULL;
        for (unsigned i = 0; i < j->nkids && !name; i++)
            if (j->kids[i]->kind == CXCursor_LabelRef)
                name = cx_take(clang_getCursorSpelling(j->kids[i]->cur));
        node *t = name ? label_named(L->f->body, name) : NULL;
        free(name);
        return t;
    }
    for (node *p = j->parent; p; p = p->parent)
        if (p->kind == CXCursor_ForStmt || p->kind == CXCursor_WhileStmt || p->kind == CXCursor_DoStmt ||
            (j->kind == CXCursor_BreakStmt && p->kind == CXCursor_SwitchStmt))
            return p;
    return NULL;
}

static unsigned stmt_end(lw *L, node *s);

/* A finished frame records AC_STATE_DONE, for dumps and the check against polls after the end,
 * unless its caller embeds it and awaits it (ac__keep == 0): the caller never looks at it again,
 * and neither can anyone else (a caller's state names a child only while the child is pending). */
#define DONE_STATE "ac__keep ? (void)(ac__fr->ac__state = AC_STATE_DONE) : (void)0"

static char *return_text(lw *L, node *r)
{
    node *e = r->nkids ? r->kids[r->nkids - 1] : NULL;
    if (L->twin) {
        char *et = e && clang_isExpression(e->kind) ? emit_text(L, e) : NULL;
        char *s = et ? xasprintf("return %s", et) : xstrdup("return");
        free(et);
        return s;
    }
    /* The value is computed first, then the cleanups of the locals still in scope run. */
    char *c = cleanups(L, nstart(r), NULL, NULL), *calls = xstrdup(c);
    for (char *p = calls; *p; p++)
        if (*p == ';')
            *p = ',';
    free(c);
    char *s;
    if (!e || !clang_isExpression(e->kind))
        s = xasprintf("return (%s" DONE_STATE ", AC_READY)", calls);
    else {
        char *et = emit_text(L, e);
        if (L->f->self->ret_type) {
            char *v = xasprintf("(%s)", et);
            char *set = lw_assign("ac__fr->ac__result", v, clang_getResultType(clang_getCursorType(L->f->root->cur)), 0);
            s = xasprintf("return (%s, %s" DONE_STATE ", AC_READY)", set, calls);
            free(v);
            free(set);
        } else {
            s = xasprintf("return ((void)(%s), %s" DONE_STATE ", AC_READY)", et, calls);
        }
        free(et);
    }
    free(calls);
    return s;
}

static int is_function_name(const tunit *t, const node *n)
{
    static const char *const names_of_function[] = {"__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"};
    for (int i = 0; i < 3; i++) {
        size_t len = strlen(names_of_function[i]);
        if (nend(n) - nstart(n) == len && memcmp(t->text + nstart(n), names_of_function[i], len) == 0)
            return 1;
    }
    return 0;
}

static char *emit_kids(lw *L, node *n);

/* A compound literal that a pointer may reach after an await: its storage moves to the frame
 * (the block's region), filled from the literal when the expression runs. The result is an
 * lvalue of the literal's type, so arrays still decay and & still works. */
static char *frame_literal(lw *L, node *n)
{
    unsigned k = ++L->ntemps;
    char *ty = type_spelling(clang_getCursorType(n->cur));
    node *scope = n->parent;
    while (scope && scope->kind != CXCursor_CompoundStmt && scope->kind != CXCursor_ForStmt)
        scope = scope->parent;
    add_field(scope && scope->region ? scope->region : L->uni, lw_field_decl(ty, xasprintf("ac__lit%u", k)));
    free(ty);
    char *lit = emit_kids(L, n);
    char *s = xasprintf("(*(__builtin_memcpy(&ac__fr->ac__lit%u, &%s, sizeof ac__fr->ac__lit%u), &ac__fr->ac__lit%u))",
                        k, lit, k, k);
    free(lit);
    return s;
}

static void push_edit(edits *e, node *n, char *text)
{
    e->v = xrealloc(e->v, sizeof *e->v * (e->n + 1));
    e->v[e->n++] = (edit){nstart(n), nend(n), text};
}

static void collect(lw *L, node *n, edits *e)
{
    if (n->repl) {
        push_edit(e, n, xstrdup(n->repl));
        return;
    }
    if (n->kind == CXCursor_DeclRefExpr && n->var && n->var->in_frame && !L->twin) {
        /* A const local's field is not const (its initializer is an assignment): its uses see it
         * through a const lvalue, so that typeof, _Generic and assignments still see a const. */
        const char *f = n->var->field;
        push_edit(e, n, n->var->is_const ? xasprintf("(*(const __typeof__(ac__fr->%s) *)&ac__fr->%s)", f, f)
                                         : xasprintf("ac__fr->%s", f));
        return;
    }
    if (n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL || n->mk == MK_BLOCK_ON) {
        push_edit(e, n, task_expr(L, n));
        return;
    }
    if (n->frame_literal) {
        push_edit(e, n, frame_literal(L, n));
        return;
    }
    if (L->f->self && n->kind == CXCursor_StringLiteral && n->nkids == 0 && is_function_name(L->t, n)) {
        /* (libclang shows __func__ as a string literal under the predefined expression) */
        /* in the poll function these would name ac__poll_f */
        push_edit(e, n, xasprintf("\"%s\"", L->f->name));
        return;
    }
    if (n->kind == CXCursor_ReturnStmt && L->f->self && !L->twin) {
        push_edit(e, n, return_text(L, n));
        return;
    }
    if (L->f->self && (n->kind == CXCursor_ContinueStmt || n->kind == CXCursor_BreakStmt || n->kind == CXCursor_GotoStmt)) {
        node *loop = n->kind == CXCursor_ContinueStmt ? loop_of(n) : NULL;
        char *jump = loop && loop->cont_label ? xasprintf("goto ac__cont_%u", loop->cont_label)
                                              : xstrndup(L->t->text + nstart(n), nend(n) - nstart(n));
        node *target = jump_target(L, n);
        char *c = cleanups(L, nstart(n), leaves_for, target);
        if (*c) {
            /* Braces replace the statement and its semicolon, so an `else` after it still binds. */
            e->v = xrealloc(e->v, sizeof *e->v * (e->n + 1));
            e->v[e->n++] = (edit){nstart(n), stmt_end(L, n), xasprintf("{ %s%s; }", c, jump)};
            free(jump);
        } else {
            push_edit(e, n, jump);
        }
        free(c);
        return;
    }
    if (is_moved_decl(L, n)) {
        push_edit(e, n, xstrdup(""));
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        collect(L, n->kids[i], e);
}

static int edit_cmp(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The text [a, b) of n's surroundings with the rewrites inside n applied (n's own rewrite too
 * when `own`). */
static char *apply_edits(lw *L, node *n, unsigned a, unsigned b, int own)
{
    edits e = {0};
    if (own)
        collect(L, n, &e);
    else
        for (unsigned i = 0; i < n->nkids; i++)
            collect(L, n->kids[i], &e);
    if (e.n)
        qsort(e.v, e.n, sizeof *e.v, edit_cmp);
    sb out = {0};
    unsigned pos = a;
    for (unsigned i = 0; i < e.n; i++) {
        if (e.v[i].start >= pos && e.v[i].end <= b) {
            tk_put_code(&L->t->toks, &out, pos, e.v[i].start);
            sb_puts(&out, e.v[i].text);
            pos = e.v[i].end;
        }
        free(e.v[i].text);
    }
    tk_put_code(&L->t->toks, &out, pos, b);
    free(e.v);
    return sb_take(&out);
}

static char *emit_range(lw *L, node *n, unsigned a, unsigned b)
{
    return apply_edits(L, n, a, b, 1);
}

/* ---------------------------------------------------------------- types */

/* clang's spelling of a type, unless it is written with typeof: that spelling repeats an
 * expression (perhaps an await marker) that is not valid where the type is needed again. */
static char *type_spelling(CXType ty)
{
    char *s = cx_take(clang_getTypeSpelling(ty));
    if (strstr(s, "typeof") || strstr(s, "__asyncc_")) {
        free(s);
        s = cx_take(clang_getTypeSpelling(clang_getCanonicalType(ty)));
    }
    return s;
}

/* The type of a frame field: without a top-level const, which would forbid the assignments
 * that replace initializers (uses see the const again, see collect). A pointer's own const is
 * dropped by a cast, which C defines to yield the unqualified type: clang spells `T *const` and
 * `int (*const)(int)` with the const in different places. */
static char *field_type(CXType ty)
{
    CXType canon = clang_getCanonicalType(ty);
    /* Arrays keep their const elements: their initializer is a memcpy. */
    if ((!clang_isConstQualifiedType(ty) && !clang_isConstQualifiedType(canon)) || canon.kind == CXType_ConstantArray ||
        canon.kind == CXType_IncompleteArray)
        return type_spelling(ty);
    char *s = cx_take(clang_getTypeSpelling(canon));
    if (canon.kind == CXType_Pointer && !strstr(s, "_Atomic")) {
        char *r = xasprintf("__typeof__((%s)0)", s);
        free(s);
        return r;
    }
    size_t n = strlen(s);
    if (strncmp(s, "const ", 6) == 0)
        memmove(s, s + 6, n - 5);
    else if (n > 5 && strcmp(s + n - 5, "const") == 0) {
        s[n - 5] = 0;
        while (n > 5 && s[strlen(s) - 1] == ' ')
            s[strlen(s) - 1] = 0;
    }
    return s;
}

/* The type of a parameter's frame field: as C adjusts it, and without a top-level const. */
static char *param_field_type(CXType ty)
{
    if (ty.kind == CXType_ConstantArray || ty.kind == CXType_IncompleteArray || ty.kind == CXType_VariableArray ||
        ty.kind == CXType_DependentSizedArray || ty.kind == CXType_FunctionProto || ty.kind == CXType_FunctionNoProto ||
        (!clang_isConstQualifiedType(ty) && !clang_isConstQualifiedType(clang_getCanonicalType(ty))))
        return an_param_type(ty);
    return field_type(ty);
}

/* The type of a local as the generated code must spell it: unnamed local types carry the name
 * they were given at file scope. Reports types that cannot be spelled. */
static char *local_type(lw *L, node *decl, int for_field)
{
    CXType ty = clang_getCursorType(decl->cur);
    char *s = for_field ? field_type(ty) : type_spelling(ty);
    for (unsigned i = 0; i < L->nanon; i++) {
        char *at = strstr(s, L->anon_from[i]);
        if (!at)
            continue;
        /* Replace from the keyword before "(unnamed" to the location's closing parenthesis. */
        char *open = at;
        while (open > s && *open != '(')
            open--;
        char *kw = open;
        while (kw > s && kw[-1] == ' ')
            kw--;
        while (kw > s && kw[-1] != ' ' && kw[-1] != '(')
            kw--;
        char *r = xasprintf("%.*s%s%s", (int)(kw - s), s, L->anon_to[i], at + strlen(L->anon_from[i]));
        free(s);
        s = r;
    }
    if (strstr(s, "(unnamed") || strstr(s, "(anonymous")) {
        char *name = cx_take(clang_getCursorSpelling(decl->cur));
        dg_error_node(L->t, decl, "the type of '%s' has no name asyncc can write in the frame; give it a tag or a typedef",
                      name);
        free(name);
    }
    return s;
}

static int const_inside(CXType ty);

static enum CXVisitorResult const_field(CXCursor c, CXClientData data)
{
    CXType ty = clang_getCursorType(c);
    if (clang_isConstQualifiedType(clang_getCanonicalType(ty)) || const_inside(ty)) {
        *(int *)data = 1;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

/* Whether a const member (or a const array element) lies anywhere inside an object of type ty:
 * then C forbids assigning the object as a whole, although initializing it is fine. */
static int const_inside(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    switch (c.kind) {
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray: {
        CXType e = clang_getArrayElementType(c);
        return clang_isConstQualifiedType(clang_getCanonicalType(e)) || const_inside(e);
    }
    case CXType_Record: {
        int found = 0;
        clang_Type_visitFields(c, const_field, &found);
        return found;
    }
    default:
        return 0;
    }
}

/* `dst = src` as an expression, for an object of type ty that is not an array; src is an
 * initializer list when init_list. A struct or union with a const member inside cannot be
 * assigned: it is initialized on the stack and copied, which compilers turn into the same stores. */
char *lw_assign(const char *dst, const char *src, CXType ty, int init_list)
{
    if (const_inside(ty))
        return xasprintf("({ __typeof__(%s) ac__v = %s; (void)__builtin_memcpy((void *)&(%s), &ac__v, sizeof ac__v); })",
                         dst, src, dst);
    if (init_list)
        return xasprintf("%s = (__typeof__(%s))%s", dst, dst, src);
    return xasprintf("%s = %s", dst, src);
}

/* A declaration of `name` with the type clang spells as `type`; types that C cannot write before
 * a name (arrays, function pointers) go through __typeof__. Takes ownership of name. */
char *lw_field_decl(const char *type, const char *name)
{
    char *s;
    if (strpbrk(type, "(["))
        s = xasprintf("__typeof__(%s)%s%s", type, *name ? " " : "", name);
    else {
        size_t n = strlen(type);
        s = xasprintf("%s%s%s", type, *name && n && type[n - 1] != '*' ? " " : "", name);
    }
    free((char *)name);
    return s;
}

static char *new_temp(lw *L, const char *type)
{
    unsigned k = ++L->ntemps;
    char *decl = lw_field_decl(type, xasprintf("ac__t%u", k));
    if (L->twin) {
        /* a plain local, declared where the hoisted statements that use it begin */
        if (!sb_at_line_start(&L->out))
            put(L, "\n");
        pad(L, L->indent ? L->indent : 5);
        put(L, decl);
        put(L, ";\n");
        free(decl);
        return xasprintf("ac__t%u", k);
    }
    add_field(L->stmt, decl);
    return xasprintf("ac__fr->ac__t%u", k);
}

/* ---------------------------------------------------------------- awaits */

static unsigned node_line(lw *L, node *n)
{
    return line_at(L, nstart(n));
}

/* ---- one child future: start it, poll it, take its result, drop it */

static void child_init(lw *L, site *st, child *ch, node *call, node *target, callee *c)
{
    ch->fn = c;
    ch->call = call;
    ch->target = target;
    ch->embedded = c->defined_here && c->def_start < nstart(L->f->root);
    int known;
    names_get(&L->t->frame_bounds, c->name, &known);
    ch->bounded = !ch->embedded && known;
    ch->field = st->nkids ? xasprintf("ac__c%u_%u", st->index, st->nkids) : xasprintf("ac__c%u", st->index);
    if (ch->embedded)
        add_field(L->stmt, xasprintf("struct ac__frame_%s %s", c->name, ch->field));
    else if (ch->bounded)
        add_field(L->stmt, xasprintf("_Alignas(16) unsigned char %s[ac__frame_size_%s]", ch->field, c->name));
    else
        add_field(L->stmt, xasprintf("void *%s", ch->field));
}

static void child_start(lw *L, unsigned line, child *ch, const char *args)
{
    if (ch->bounded) {
        gline(L, line, "ac__init_%s(ac__fr->%s%s);", ch->fn->name, ch->field, args);
    } else if (ch->embedded) {
        gline(L, line, "ac__init_%s(&ac__fr->%s%s);", ch->fn->name, ch->field, args);
    } else {
        gline(L, line, "ac__fr->%s = ac_frame_alloc(ac__cx, ac__type_%s.frame_size);", ch->field, ch->fn->name);
        gline(L, line, "ac__init_%s(ac__fr->%s%s);", ch->fn->name, ch->field, args);
    }
}

static char *child_poll(const child *ch)
{
    return ch->embedded ? xasprintf("ac__poll_%s(&ac__fr->%s, ac__cx)", ch->fn->name, ch->field)
                        : xasprintf("ac__type_%s.poll(ac__fr->%s, ac__cx)", ch->fn->name, ch->field);
}

/* The finished child's result as an expression, valid until child_release. */
static char *child_result(const child *ch)
{
    if (ch->embedded)
        return xasprintf("ac__fr->%s.ac__result", ch->field);
    char *ty = lw_field_decl(ch->fn->ret_type, xstrdup(""));
    char *r = xasprintf("*(%s *)((char *)ac__fr->%s + ac__type_%s.result_offset)", ty, ch->field, ch->fn->name);
    free(ty);
    return r;
}

/* Gives back the arena memory of a finished child. */
static void child_release(lw *L, unsigned line, const child *ch)
{
    if (!ch->embedded && !ch->bounded)
        gline(L, line, "ac_frame_free(ac__cx, ac__fr->%s, ac__type_%s.frame_size);", ch->field, ch->fn->name);
}

/* Cancels a child that has not finished (text for generated code, one statement). */
static char *child_drop(const child *ch)
{
    if (ch->embedded)
        return xasprintf("ac__drop_%s(&ac__fr->%s, ac__cx);", ch->fn->name, ch->field);
    if (ch->bounded)
        return xasprintf("ac__type_%s.drop(ac__fr->%s, ac__cx);", ch->fn->name, ch->field);
    return xasprintf("ac__type_%s.drop(ac__fr->%s, ac__cx); ac_frame_free(ac__cx, ac__fr->%s, ac__type_%s.frame_size);",
                     ch->fn->name, ch->field, ch->field, ch->fn->name);
}

static site *new_site(lw *L, node *aw, marker kind, const char *what)
{
    afn *f = L->f;
    site *st = xcalloc(1, sizeof *st);
    st->index = f->nsites + 1;
    st->await = aw;
    st->kind = kind;
    st->what = what;
    st->line = node_line(L, aw);
    VEC_PUSH(f->sites, f->nsites, st);
    return st;
}

/* The label a poll resumes at. The state is stored only when the child is pending: a child that
 * is ready at once costs no store (drop and dumps read the state only between polls). */
static void suspend_point(lw *L, unsigned line, unsigned k)
{
    glabel(L, line, "ac__resume_%u:", k);
}

/* An await of a function that never suspends: a call of its plain C twin, hoisted like any
 * await so that evaluation order is the same. */
static void gen_direct_call(lw *L, node *aw, node *call, callee *c)
{
    unsigned line = node_line(L, aw);
    char *args = call_args(L, call);
    const char *list = *args ? args + 2 : ""; /* past the leading ", " */
    if (c->ret_type && !handle_discarded(aw)) {
        char *tmp = new_temp(L, c->ret_type), *call_text = xasprintf("ac__now_%s(%s)", c->name, list);
        char *set = lw_assign(tmp, call_text, clang_getCursorType(aw->cur), 0);
        gline(L, line, "%s;", set);
        free(call_text);
        free(set);
        aw->repl = tmp;
    } else {
        gline(L, line, "%sac__now_%s(%s);", c->ret_type ? "(void)" : "", c->name, list);
        aw->repl = "((void)0)";
    }
    free(args);
}

static void gen_await(lw *L, node *aw)
{
    node *call = an_unparen(aw->ops[0]);
    callee *c = call->fn;
    if (aw->direct) {
        gen_direct_call(L, aw, call, c);
        return;
    }
    site *st = new_site(L, aw, MK_AWAIT, c->name);
    st->kids = xcalloc(1, sizeof *st->kids);
    child *ch = &st->kids[0];
    child_init(L, st, ch, call, NULL, c);
    st->nkids = 1;

    unsigned line = st->line;
    char *args = call_args(L, call);
    if (ch->embedded) {
        /* The child runs at once from its start: no state to store or read first (the variable
         * ac__from is free once this function's own dispatch is done), and none kept at its end. */
        const char *n = ch->fn->name;
        gline(L, line, "ac__args_%s(&ac__fr->%s%s);", n, ch->field, args);
        gline(L, line, "ac__from = 0;");
        gline(L, line, "if (0) {");
        suspend_point(L, line, st->index);
        gline(L, line, "    ac__from = ac__fr->%s.ac__state;", ch->field);
        gline(L, line, "}");
        gline(L, line, "if (ac__run_%s(&ac__fr->%s, ac__cx, ac__from, 0) == AC_PENDING) { ac__fr->ac__state = %u; return AC_PENDING; }",
              n, ch->field, st->index);
    } else {
        child_start(L, line, ch, args);
        suspend_point(L, line, st->index);
        char *poll = child_poll(ch);
        gline(L, line, "if (%s == AC_PENDING) { ac__fr->ac__state = %u; return AC_PENDING; }", poll, st->index);
        free(poll);
    }
    free(args);
    if (!c->ret_type)
        aw->repl = "((void)0)";
    else if (ch->embedded)
        aw->repl = child_result(ch);
    else {
        char *tmp = new_temp(L, c->ret_type), *r = child_result(ch);
        char *set = lw_assign(tmp, r, clang_getCursorType(aw->cur), 0);
        gline(L, line, "%s;", set);
        free(set);
        free(r);
        aw->repl = tmp;
    }
    child_release(L, line, ch);
}

/* The statements that cancel every child of st except `keep` that has not finished. */
static void drop_others(lw *L, unsigned line, site *st, unsigned keep)
{
    for (unsigned j = 0; j < st->nkids; j++) {
        if (j == keep)
            continue;
        char *d = child_drop(&st->kids[j]);
        if (st->kind == MK_TRY_JOIN)
            gline(L, line, "if (!(ac__fr->%s & %uu)) { %s }", st->mask, 1u << j, d);
        else
            gline(L, line, "%s", d);
        free(d);
    }
}

/* await(ac_join(...)), ac_try_join, ac_select, ac_timeout: one state polling several children. */
static void gen_combinator(lw *L, node *aw, node *comb)
{
    static const char *const combinator[] = {[MK_JOIN] = "ac_join", [MK_TRY_JOIN] = "ac_try_join",
                                             [MK_SELECT] = "ac_select", [MK_TIMEOUT] = "ac_timeout"};
    site *st = new_site(L, aw, comb->mk, combinator[comb->mk]);
    unsigned line = st->line, k = st->index, first = comb->mk == MK_TIMEOUT ? 1 : 0;
    unsigned n = comb->nops - first + (comb->mk == MK_TIMEOUT);
    if (n > 32) {
        dg_error_node(L->t, comb, "%s takes at most 32 futures", st->what);
        return;
    }
    st->kids = xcalloc(n, sizeof *st->kids);
    char **args = xcalloc(n, sizeof *args);
    for (unsigned i = first; i < comb->nops; i++) {
        node *op = an_unparen(comb->ops[i]), *call = op, *target = NULL;
        if (op->kind == CXCursor_BinaryOperator && strcmp(an_binop(L->t, op), "=") == 0) {
            target = op->kids[0];
            call = an_unparen(op->kids[1]);
        }
        for (unsigned a = 1; a < call->nkids; a++)
            hoist(L, call->kids[a]);
        child_init(L, st, &st->kids[st->nkids], call, target, call->fn);
        args[st->nkids++] = call_args(L, call);
    }
    if (comb->mk == MK_TIMEOUT) {
        hoist(L, comb->ops[0]);
        child_init(L, st, &st->kids[st->nkids], NULL, NULL, comb->fn);
        char *ms = emit_text(L, comb->ops[0]);
        args[st->nkids++] = xasprintf(", %s", ms);
        free(ms);
    }
    char *result = comb->mk == MK_JOIN ? NULL : new_temp(L, "int");
    if (comb->mk == MK_JOIN || comb->mk == MK_TRY_JOIN) {
        st->mask = xasprintf("ac__m%u", k);
        add_field(L->stmt, xasprintf("unsigned %s", st->mask));
        gline(L, line, "ac__fr->%s = 0;", st->mask);
    }
    if (comb->mk == MK_TRY_JOIN)
        gline(L, line, "%s = 0;", result);
    for (unsigned i = 0; i < st->nkids; i++) {
        child_start(L, line, &st->kids[i], args[i]);
        free(args[i]);
    }
    free(args);
    suspend_point(L, line, k);
    for (unsigned i = 0; i < st->nkids; i++) {
        child *ch = &st->kids[i];
        char *poll = child_poll(ch);
        if (st->mask)
            gline(L, line, "if (!(ac__fr->%s & %uu) && %s == AC_READY) {", st->mask, 1u << i, poll);
        else
            gline(L, line, "if (%s == AC_READY) {", poll);
        free(poll);
        L->indent += 4;
        if (st->mask)
            gline(L, line, "ac__fr->%s |= %uu;", st->mask, 1u << i);
        if (ch->target) {
            char *tg = emit_text(L, ch->target), *r = child_result(ch);
            gline(L, line, "%s = %s;", tg, r);
            free(tg);
            free(r);
        }
        if (comb->mk == MK_TRY_JOIN) {
            char *r = child_result(ch);
            gline(L, line, "if (%s < 0) %s = (int)(%s);", r, result, r);
            free(r);
        }
        child_release(L, line, ch);
        if (comb->mk == MK_TRY_JOIN) {
            gline(L, line, "if (%s < 0) {", result);
            L->indent += 4;
            drop_others(L, line, st, i);
            gline(L, line, "goto ac__done_%u;", k);
            L->indent -= 4;
            gline(L, line, "}");
        } else if (comb->mk == MK_SELECT || comb->mk == MK_TIMEOUT) {
            drop_others(L, line, st, i);
            if (comb->mk == MK_SELECT)
                gline(L, line, "%s = %u;", result, i);
            else
                gline(L, line, "%s = %s;", result, i == 0 ? "0" : "-ETIMEDOUT");
            gline(L, line, "goto ac__done_%u;", k);
        }
        L->indent -= 4;
        gline(L, line, "}");
    }
    if (st->mask)
        gline(L, line, "if (ac__fr->%s != %uu) { ac__fr->ac__state = %u; return AC_PENDING; }", st->mask,
              st->nkids == 32 ? 0xffffffffu : (1u << st->nkids) - 1, k);
    else
        gline(L, line, "ac__fr->ac__state = %u; return AC_PENDING;", k);
    if (comb->mk != MK_JOIN) {
        glabel(L, line, "ac__done_%u: __attribute__((unused));", k);
    }
    aw->repl = result ? result : "((void)0)";
}

/* A GNU statement expression with awaits: its statements run before the statement that uses it,
 * in a block of their own, and its last expression statement gives the value. */
static void hoist_stmt_expr(lw *L, node *n)
{
    node *body = n->nkids ? n->kids[0] : NULL;
    if (!body || body->kind != CXCursor_CompoundStmt)
        return;
    CXType ty = clang_getCursorType(n->cur);
    char *tmp = NULL;
    if (ty.kind != CXType_Void) {
        char *ts = type_spelling(ty);
        tmp = new_temp(L, ts);
        free(ts);
    }
    region *saved = L->uni, *saved_stmt = L->stmt;
    body->region = new_region(L->uni);
    L->uni = body->region;
    sync(L, nstart(body));
    put(L, "{");
    unsigned pos = nstart(body) + 1, indent = L->indent;
    for (unsigned i = 0; i < body->nkids; i++) {
        node *k = body->kids[i];
        copy_gap(L, pos, nstart(k));
        node *value = k;
        while (value->kind == CXCursor_LabelStmt && value->nkids)
            value = value->kids[value->nkids - 1]; /* `out: t * 10;`, the __label__ idiom */
        if (i + 1 == body->nkids && tmp && clang_isExpression(value->kind)) {
            if (value != k)
                put_range(L, k, nstart(k), nstart(value));
            k = value;
            region *r = new_region(L->uni);
            L->stmt = r;
            L->indent = col_at(L, nstart(k));
            hoist(L, k);
            char *e = emit_text(L, k), *set = lw_assign(tmp, e, ty, 0);
            gline(L, node_line(L, k), "%s;", set);
            free(set);
            free(e);
            L->stmt = saved_stmt;
        } else {
            gen_stmt(L, k);
        }
        pos = stmt_end(L, k);
    }
    L->indent = indent;
    block_end_cleanups(L, body);
    gline(L, node_line(L, n), "}");
    L->uni = saved;
    n->repl = tmp ? tmp : "((void)0)";
}

/* `a, b`: a runs as a statement of its own before b's awaits, and b gives the value. */
static void hoist_comma(lw *L, node *n, unsigned line)
{
    hoist(L, n->kids[0]);
    char *lhs = emit_text(L, n->kids[0]);
    gline(L, line, "(void)(%s);", lhs);
    free(lhs);
    hoist(L, n->kids[1]);
    n->repl = emit_text(L, n->kids[1]);
}

/* Evaluates every await inside expression n, in order, as statements before the one that uses
 * n, and marks each await with the expression that holds its value. &&, || and ?: become if/else
 * so that what C would not evaluate is not awaited. */
static void hoist(lw *L, node *n)
{
    if (!n->has_await)
        return;
    if (n->mk == MK_AWAIT) {
        node *call = an_unparen(n->ops[0]);
        if (call->mk) {
            gen_combinator(L, n, call);
            return;
        }
        for (unsigned i = 1; i < call->nkids; i++)
            hoist(L, call->kids[i]);
        gen_await(L, n);
        return;
    }
    unsigned line = node_line(L, n);
    if (n->kind == CXCursor_StmtExpr) {
        hoist_stmt_expr(L, n);
        return;
    }
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2 && n->kids[1]->has_await) {
        const char *op = an_binop(L->t, n);
        int and = strcmp(op, "&&") == 0, or = strcmp(op, "||") == 0;
        if (and || or) {
            hoist(L, n->kids[0]);
            char *tmp = new_temp(L, "int");
            char *lhs = emit_text(L, n->kids[0]);
            gline(L, line, "%s = !!(%s);", tmp, lhs);
            gline(L, line, "if (%s%s) {", and ? "" : "!", tmp);
            L->indent += 4;
            hoist(L, n->kids[1]);
            char *rhs = emit_text(L, n->kids[1]);
            gline(L, line, "%s = !!(%s);", tmp, rhs);
            L->indent -= 4;
            gline(L, line, "}");
            n->repl = tmp;
            free(lhs);
            free(rhs);
            return;
        }
        if (strcmp(op, ",") == 0) {
            hoist_comma(L, n, line);
            return;
        }
    }
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2 && n->kids[0]->has_await &&
        strcmp(an_binop(L->t, n), ",") == 0) {
        hoist_comma(L, n, line); /* `(await(f()), x)`: the discarded left value is a statement */
        return;
    }
    if (n->kind == CXCursor_ConditionalOperator && n->nkids == 3 && (n->kids[1]->has_await || n->kids[2]->has_await)) {
        hoist(L, n->kids[0]);
        CXType ty = clang_getCursorType(n->cur);
        char *tmp = NULL;
        if (ty.kind != CXType_Void) {
            char *ts = type_spelling(ty);
            tmp = new_temp(L, ts);
            free(ts);
        }
        char *cond = emit_text(L, n->kids[0]);
        gline(L, line, "if (%s) {", cond);
        free(cond);
        for (int branch = 1; branch <= 2; branch++) {
            L->indent += 4;
            hoist(L, n->kids[branch]);
            char *v = emit_text(L, n->kids[branch]);
            if (tmp) {
                char *set = lw_assign(tmp, v, ty, 0);
                gline(L, line, "%s;", set);
                free(set);
            } else
                gline(L, line, "(void)(%s);", v);
            free(v);
            L->indent -= 4;
            gline(L, line, branch == 1 ? "} else {" : "}");
        }
        n->repl = tmp ? tmp : "((void)0)";
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        hoist(L, n->kids[i]);
}

/* ---------------------------------------------------------------- statements */

static node *var_init(node *v)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(v->cur);
    if (clang_Cursor_isNull(init))
        return NULL;
    for (unsigned i = v->nkids; i-- > 0;)
        if (clang_isExpression(v->kids[i]->kind))
            return v->kids[i];
    return NULL;
}

/* The assignment that replaces the initializer of a local that moved into the frame. */
static void init_frame_var(lw *L, var *v, node *init)
{
    unsigned line = node_line(L, v->decl);
    char *it = emit_text(L, init);
    CXType ty = clang_getCursorType(v->decl->cur);
    int array = ty.kind == CXType_ConstantArray || ty.kind == CXType_IncompleteArray;
    if (array)
        gline(L, line, "__builtin_memcpy((void *)&ac__fr->%s, &(__typeof__(ac__fr->%s))%s%s%s, sizeof ac__fr->%s);",
              v->field, v->field, init->kind == CXCursor_InitListExpr ? "" : "{", it,
              init->kind == CXCursor_InitListExpr ? "" : "}", v->field);
    else {
        char *dst = xasprintf("ac__fr->%s", v->field);
        char *set = lw_assign(dst, it, ty, init->kind == CXCursor_InitListExpr);
        gline(L, line, "%s;", set);
        free(dst);
        free(set);
    }
    free(it);
}

static void add_var_field(lw *L, var *v)
{
    region *r = v->scope && v->scope->region ? v->scope->region : L->uni;
    char *ty = local_type(L, v->decl, 1), *decl = lw_field_decl(ty, xstrdup(v->field));
    /* what _Alignas or the aligned attribute asked of the local (analyze.c: al_alignment) */
    add_field(r, v->align ? xasprintf("_Alignas(%u) %s", v->align, decl) : xstrdup(decl));
    free(decl);
    free(ty);
}

static void gen_decl(lw *L, node *d)
{
    int any_frame = 0;
    for (unsigned i = 0; i < d->nkids; i++)
        any_frame |= d->kids[i]->var && d->kids[i]->var->in_frame;
    if (!any_frame && (d->nkids == 1 || !d->has_await)) {
        hoist(L, d);
        sync(L, nstart(d));
        char *s = emit_text(L, d);
        put(L, s);
        free(s);
        return;
    }
    for (unsigned i = 0; i < d->nkids; i++) {
        node *k = d->kids[i];
        var *v = k->var;
        if (!v) {
            if (is_tag_decl(k) && !k->repl)
                dg_error_node(L->t, k, "define this type in a declaration of its own, before the variables");
            continue;
        }
        node *init = var_init(k);
        if (init)
            hoist(L, init);
        if (v->in_frame) {
            add_var_field(L, v);
            if (init)
                init_frame_var(L, v, init);
        } else {
            char *ty = local_type(L, k, 0);
            char *decl = lw_field_decl(ty, xstrdup(v->name));
            char *it = init ? emit_text(L, init) : NULL;
            gline(L, node_line(L, k), "%s%s%s;", decl, it ? " = " : "", it ? it : "");
            free(ty);
            free(decl);
            free(it);
        }
    }
}

/* Falling off the end of a scope runs the cleanups of the frame locals it declared. */
static void block_end_cleanups(lw *L, node *scope)
{
    afn *f = L->f;
    if (!f->self)
        return;
    /* After a final break/continue/return/goto nothing runs: the jump ran the cleanups. */
    if (scope->kind == CXCursor_CompoundStmt && scope->nkids) {
        enum CXCursorKind last = scope->kids[scope->nkids - 1]->kind;
        if (last == CXCursor_BreakStmt || last == CXCursor_ContinueStmt || last == CXCursor_ReturnStmt ||
            last == CXCursor_GotoStmt)
            return;
    }
    for (unsigned i = f->nvars; i-- > 0;)
        if (f->vars[i]->cleanup && f->vars[i]->scope == scope)
            gline(L, line_at(L, nend(scope) - 1), "%s(&ac__fr->%s);", f->vars[i]->cleanup, f->vars[i]->field);
}

static void gen_block(lw *L, node *b)
{
    region *saved = L->uni;
    b->region = new_region(L->uni);
    L->uni = b->region;
    sync(L, nstart(b));
    put(L, "{");
    unsigned pos = nstart(b) + 1, indent = L->indent;
    for (unsigned i = 0; i < b->nkids; i++) {
        node *k = b->kids[i];
        copy_gap_lines(L, pos, nstart(k), loop_rebuilt(k));
        gen_stmt(L, k);
        pos = stmt_end(L, k);
    }
    copy_gap(L, pos, nend(b) - 1);
    L->indent = indent;
    block_end_cleanups(L, b);
    sync(L, nend(b) - 1);
    put(L, "}");
    L->uni = saved;
}

/* Emits user text [a, b) of statement s with its rewrites, starting at a fresh sync point. */
static void put_range(lw *L, node *s, unsigned a, unsigned b)
{
    sync(L, a);
    char *t = emit_range(L, s, a, b);
    put(L, t);
    free(t);
}

/* The parts of a for statement, told apart by the semicolons of its header. */
static void for_parts(lw *L, node *s, node **init, node **cond, node **inc, node **body)
{
    const tk_stream *ts = &L->t->toks;
    unsigned open = tk_next(ts, tk_at(ts, nstart(s)) + 1), close = tk_match(ts, open), semi[2] = {0, 0}, nsemi = 0;
    for (unsigned i = tk_next(ts, open + 1); i < close && nsemi < 2; i = tk_next(ts, i + 1)) {
        if (tk_is(ts, i, ";"))
            semi[nsemi++] = ts->v[i].start;
        else if (tk_match(ts, i) < close)
            i = tk_match(ts, i); /* a statement expression's semicolons are not the header's */
    }
    *init = *cond = *inc = *body = NULL;
    for (unsigned k = 0; k < s->nkids; k++) {
        node *n = s->kids[k];
        if (k == s->nkids - 1)
            *body = n;
        else if (nstart(n) < semi[0])
            *init = n;
        else if (nstart(n) < semi[1])
            *cond = n;
        else
            *inc = n;
    }
}

static int declares_frame_var(node *d)
{
    if (!d || d->kind != CXCursor_DeclStmt)
        return 0;
    for (unsigned i = 0; i < d->nkids; i++)
        if (d->kids[i]->var && d->kids[i]->var->in_frame)
            return 1;
    return 0;
}

static void gen_for(lw *L, node *s)
{
    node *init, *cond, *inc, *body;
    for_parts(L, s, &init, &cond, &inc, &body);
    unsigned line = node_line(L, s);
    int header_awaits = (init && init->has_await) || (cond && cond->has_await) || (inc && inc->has_await);
    if (!header_awaits && !declares_frame_var(init)) {
        put_range(L, s, nstart(s), nstart(body));
        gen_stmt(L, body);
        return;
    }
    sync(L, nstart(s));
    put(L, "{");
    if (!header_awaits) {
        /* Only the loop variable moved into the frame: initialize it, keep the loop. */
        gen_decl(L, init);
        char *ct = cond ? emit_text(L, cond) : xstrdup("");
        char *it = inc ? emit_text(L, inc) : xstrdup("");
        gopen(L, line, "for (; %s; %s)", ct, it);
        free(ct);
        free(it);
        gen_stmt(L, body);
        block_end_cleanups(L, s);
        gline(L, line, "}");
        return;
    }
    if (init) {
        if (init->kind == CXCursor_DeclStmt)
            gen_decl(L, init);
        else {
            hoist(L, init);
            char *it = emit_text(L, init);
            gline(L, line, "(void)(%s);", it);
            free(it);
        }
    }
    gline(L, line, "for (;;) {");
    if (cond) {
        hoist(L, cond);
        char *ct = emit_text(L, cond);
        gline(L, line, "if (!(%s)) break;", ct);
        free(ct);
    }
    if (inc)
        s->cont_label = ++L->nlabels;
    gen_stmt(L, body);
    if (inc) {
        gline(L, line, "ac__cont_%u: __attribute__((unused));", s->cont_label);
        hoist(L, inc);
        char *it = emit_text(L, inc);
        gline(L, line, "(void)(%s);", it); /* the value of an increment goes unused */
        free(it);
    }
    gline(L, line, "}");
    block_end_cleanups(L, s);
    gline(L, line, "}");
}

/* The text of a statement's label part (`case 1:`, `L:`, `default:`) before its sub-statement. */
static void gen_labeled(lw *L, node *s)
{
    node *sub = s->kids[s->nkids - 1];
    put_range(L, s, nstart(s), nstart(sub));
    gen_stmt(L, sub);
}

/* `if (cond)` or `switch (cond)`, after the awaits of cond. */
static void gen_header(lw *L, node *s, const char *keyword, node *cond)
{
    hoist(L, cond);
    char *c = emit_text(L, cond);
    sync(L, nstart(s));
    put(L, keyword);
    put(L, " (");
    put(L, c);
    put(L, ")");
    free(c);
}

/* Whether a loop is rebuilt as `{ ...; for (;;) ... }`, which loop pragmas cannot precede. */
static int loop_rebuilt(node *s)
{
    switch (s->kind) {
    case CXCursor_WhileStmt:
        return s->kids[0]->has_await;
    case CXCursor_DoStmt:
        return s->kids[1]->has_await;
    case CXCursor_ForStmt:
        for (unsigned i = 0; i + 1 < s->nkids; i++)
            if (s->kids[i]->has_await)
                return 1;
        return s->nkids > 1 && declares_frame_var(s->kids[0]);
    default:
        return 0;
    }
}

static void gen_stmt(lw *L, node *s)
{
    if (is_moved_decl(L, s))
        return;
    L->indent = col_at(L, nstart(s));
    if (s->kind == CXCursor_UnexposedStmt && s->nkids == 1 &&
        clang_isStatement(s->kids[0]->kind) && s->has_await) {
        /* `#pragma GCC unroll` and other attributes on a statement: kept, unless the loop they
         * annotate is rebuilt (they are only hints; a block after them is an error) */
        if (loop_rebuilt(s->kids[0]))
            gen_stmt(L, s->kids[0]);
        else
            gen_labeled(L, s);
        return;
    }
    if (s->kind == CXCursor_DeclStmt) {
        gen_decl(L, s);
        return;
    }
    if (!s->has_await) {
        put_range(L, s, nstart(s), stmt_end(L, s));
        return;
    }
    if (s->kind == CXCursor_CompoundStmt) {
        gen_block(L, s);
        return;
    }
    if (s->kind == CXCursor_CaseStmt || s->kind == CXCursor_DefaultStmt || s->kind == CXCursor_LabelStmt) {
        gen_labeled(L, s);
        return;
    }
    region *saved_stmt = L->stmt, *saved_uni = L->uni;
    s->region = new_region(L->uni);
    L->stmt = L->uni = s->region;
    unsigned line = node_line(L, s), indent;
    int wrap = s->parent && s->parent->kind != CXCursor_CompoundStmt;
    if (wrap) {
        sync(L, nstart(s));
        put(L, "{");
    }
    indent = L->indent = col_at(L, nstart(s));
    switch (s->kind) {
    case CXCursor_ReturnStmt: {
        hoist(L, s);
        char *r = return_text(L, s);
        sync(L, nstart(s));
        put(L, r);
        put(L, ";");
        free(r);
        break;
    }
    case CXCursor_IfStmt: {
        gen_header(L, s, "if", s->kids[0]);
        gen_stmt(L, s->kids[1]);
        if (s->nkids > 2) {
            L->indent = indent;
            gopen(L, node_line(L, s->kids[2]), "else");
            gen_stmt(L, s->kids[2]);
        }
        break;
    }
    case CXCursor_WhileStmt:
        if (s->kids[0]->has_await) {
            gline(L, line, "for (;;) {");
            hoist(L, s->kids[0]);
            char *c = emit_text(L, s->kids[0]);
            gline(L, line, "if (!(%s)) break;", c);
            free(c);
            gen_stmt(L, s->kids[1]);
            L->indent = indent;
            gline(L, line, "}");
        } else {
            put_range(L, s, nstart(s), nstart(s->kids[1]));
            gen_stmt(L, s->kids[1]);
        }
        break;
    case CXCursor_DoStmt: {
        node *body = s->kids[0], *cond = s->kids[1];
        if (cond->has_await) {
            gline(L, line, "for (;;) {");
            s->cont_label = ++L->nlabels;
            gen_stmt(L, body);
            L->indent = indent;
            unsigned cl = node_line(L, cond);
            gline(L, cl, "ac__cont_%u: __attribute__((unused));", s->cont_label);
            hoist(L, cond);
            char *c = emit_text(L, cond);
            gline(L, cl, "if (!(%s)) break;", c);
            free(c);
            gline(L, cl, "}");
        } else {
            put_range(L, s, nstart(s), nstart(body));
            gen_stmt(L, body);
            put_range(L, s, stmt_end(L, body), stmt_end(L, s));
        }
        break;
    }
    case CXCursor_ForStmt:
        gen_for(L, s);
        break;
    case CXCursor_SwitchStmt: {
        gen_header(L, s, "switch", s->kids[0]);
        gen_stmt(L, s->kids[s->nkids - 1]);
        break;
    }
    default:
        if (!clang_isExpression(s->kind)) {
            dg_error_node(L->t, s, "asyncc cannot transform an await in this kind of statement");
            break;
        }
        hoist(L, s);
        node *u = an_unparen(s);
        if (u->mk != MK_AWAIT) {
            char *e = emit_text(L, s);
            sync(L, nstart(s));
            put(L, e);
            put(L, ";");
            free(e);
        }
        break;
    }
    if (wrap) {
        L->indent = indent;
        gline(L, line, "}");
    }
    L->stmt = saved_stmt;
    L->uni = saved_uni;
}

/* ---------------------------------------------------------------- the frame and its functions */

static int region_empty(const region *r)
{
    if (r->nfields)
        return 0;
    for (unsigned i = 0; i < r->nsubs; i++)
        if (!region_empty(r->subs[i]))
            return 0;
    return 1;
}

static void render_region(sb *b, const region *r, int depth, int inline_fields)
{
    if (region_empty(r))
        return;
    int ind = depth * 4;
    if (!inline_fields) {
        sb_printf(b, "%*sstruct {\n", ind, "");
        depth++;
    }
    for (unsigned i = 0; i < r->nfields; i++)
        sb_printf(b, "%*s%s;\n", depth * 4, "", r->fields[i]);
    unsigned live = 0;
    for (unsigned i = 0; i < r->nsubs; i++)
        live += !region_empty(r->subs[i]);
    if (live == 1) {
        for (unsigned i = 0; i < r->nsubs; i++)
            render_region(b, r->subs[i], depth, 0);
    } else if (live > 1) {
        sb_printf(b, "%*sunion {\n", depth * 4, "");
        for (unsigned i = 0; i < r->nsubs; i++)
            render_region(b, r->subs[i], depth + 1, 0);
        sb_printf(b, "%*s};\n", depth * 4, "");
    }
    if (!inline_fields)
        sb_printf(b, "%*s};\n", ind, "");
}

static const char *linkage(const callee *c)
{
    return c->is_static ? "static " : "";
}

static char *init_params(afn *f, int with_names, const callee *abi)
{
    sb b = {0};
    for (unsigned i = 0, k = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        /* The ABI's types: a K&R definition's are promoted (analyze.c: callee_of) */
        char *ty = abi && k < abi->nparams ? xstrdup(abi->param_types[k++])
                                            : an_param_type(clang_getCursorType(v->decl->cur));
        char *d = lw_field_decl(ty, xstrdup(with_names ? v->name : ""));
        sb_printf(&b, ", %s", d);
        free(ty);
        free(d);
    }
    return sb_take(&b);
}

/* The declarations a caller needs before it can await, spawn or define c. */
char *lw_abi_decls(tunit *t, callee *c)
{
    (void)t;
    sb b = {0};
    sb_printf(&b, "struct ac__frame_%s;\n", c->name);
    sb_printf(&b, "%sconst ac_future_type ac__type_%s;\n", c->is_static ? "static " : "extern ", c->name);
    sb_printf(&b, "%svoid ac__init_%s(void *ac__p", linkage(c), c->name);
    for (unsigned i = 0; i < c->nparams; i++) {
        char *d = lw_field_decl(c->param_types[i], xstrdup(""));
        sb_printf(&b, ", %s", d);
        free(d);
    }
    sb_puts(&b, ");\n");
    c->forward_declared = 1;
    return sb_take(&b);
}

static void declare_callees(tunit *t, node *n, sb *out)
{
    if (n->fn && !n->fn->forward_declared) {
        char *d = lw_abi_decls(t, n->fn);
        sb_puts(out, d);
        free(d);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        declare_callees(t, n->kids[i], out);
}

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
    char *where = L->t->lines ? xasprintf("#line %u \"%s\"\n", line_at(L, nstart(n)), L->file) : xstrdup("");
    VEC_PUSH(L->f->moved_decls, L->f->nmoved, xasprintf("%s%s", where, text));
    free(where);
}

/* Local types move to file scope, where the frame struct can use them: declarations of types
 * only, and unnamed types of locals that live in the frame (which get a name). A moved name that
 * file scope already has is an error: the move would change what it refers to. */
static void collect_moved(lw *L, node *n)
{
    if (is_moved_decl(L, n)) {
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
        /* Types are constant expressions: nothing in them refers to the frame. */
        char *text = xstrndup(L->t->text + nstart(n), nend(n) - nstart(n));
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
            k->repl = ""; /* defined at file scope now */
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        collect_moved(L, n->kids[i]);
}

static int t_lines(const lw *L)
{
    return L->t->lines;
}

/* Generated code that is not the user's (init, the dispatch, drop, tables) is attributed to the
 * generated file itself, so that a breakpoint on a user's line never lands in it. output.c turns
 * the marker into `#line N "file.async.c"`. */
static void self_lines(lw *L, sb *out)
{
    if (t_lines(L))
        sb_puts(out, ASYNCC_SELF_LINE "\n");
}

/* The statements of init and args that store the parameters in the frame. */
static void put_param_copies(sb *out, afn *f)
{
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        char *dst = xasprintf("ac__fr->%s", v->field);
        char *set = lw_assign(dst, v->name, clang_getCursorType(v->decl->cur), 0);
        sb_printf(out, "    %s;\n", set);
        free(dst);
        free(set);
    }
}

static void emit_async(lw *L, sb *out)
{
    afn *f = L->f;
    callee *c = f->self;
    const char *n = c->name;
    region *root = new_region(NULL);
    L->uni = L->stmt = root;
    f->body->region = NULL;

    /* A function that never suspends keeps its body as a plain C function, its twin, which the
     * poll calls; other functions' local types move to file scope, where the frame struct can
     * use them. */
    int now = c->never_suspends;
    if (!now)
        collect_moved(L, f->body);
    /* The body first: it decides the frame's fields and the await sites. */
    L->indent = 4;
    L->twin = now;
    gen_block(L, f->body);
    L->twin = 0;
    char *body = sb_take(&L->out);

    sb frame = {0};
    if (c->ret_type) {
        char *ty = xstrdup(c->ret_type);
        sb_printf(&frame, "    %s;\n", lw_field_decl(ty, xstrdup("ac__result")));
        free(ty);
    }
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param) {
            char *ty = param_field_type(clang_getCursorType(f->vars[i]->decl->cur));
            char *d = lw_field_decl(ty, xstrdup(f->vars[i]->field));
            sb_printf(&frame, "    %s;\n", d);
            free(ty);
            free(d);
        }
    render_region(&frame, root, 1, 1);
    f->layout = xstrdup(frame.data ? frame.data : "");

    if (now) {
        if (t_lines(L))
            sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
        char *params = init_params(f, 1, NULL);
        char *head = xasprintf("ac__now_%s(%s)", n, *params ? params + 2 : "void");
        char *decl = lw_field_decl(c->ret_type ? c->ret_type : "void", head);
        sb_printf(out, "static %s\n%s\n\n", decl, body);
        free(decl);
        free(params);
    }
    if (t_lines(L))
        sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
    for (unsigned i = 0; i < f->nmoved; i++)
        sb_printf(out, "%s\n", f->moved_decls[i]);
    sb_printf(out, "struct ac__frame_%s {\n    unsigned ac__state;\n%s};\n\n", n, frame.data ? frame.data : "");
    sb_free(&frame);

    /* init */
    self_lines(L, out);
    char *params = init_params(f, 1, c);
    char *params_decl = xstrdup(params);
    /* Same-file awaits set the arguments with ac__args (or call the twin): a static function's
     * init may go unused, and so may its type when it never suspends. */
    const char *unused = now && c->is_static ? "__attribute__((unused)) " : "";
    sb_printf(out, "%s%svoid ac__init_%s(void *ac__p%s)\n{\n    struct ac__frame_%s *ac__fr = ac__p;\n"
                   "    ac__fr->ac__state = 0;\n",
              linkage(c), c->is_static ? "__attribute__((unused)) " : "", n, params, n);
    put_param_copies(out, f);
    sb_puts(out, "}\n\n");
    free(params);

    /* poll */
    self_lines(L, out);
    if (now) {
        sb_printf(out, "static inline int ac__poll_%s(void *ac__p, ac_cx *ac__cx)\n{\n    struct ac__frame_%s *ac__fr = ac__p;\n"
                       "    (void)ac__cx;\n    if (ac__fr->ac__state != 0)\n"
                       "        __builtin_trap(); /* polled after it returned AC_READY */\n    ",
                  n, n);
        sb call = {0};
        sb_printf(&call, "ac__now_%s(", n);
        const char *sep = "";
        for (unsigned i = 0; i < f->nvars; i++)
            if (f->vars[i]->is_param) {
                sb_printf(&call, "%sac__fr->%s", sep, f->vars[i]->field);
                sep = ", ";
            }
        sb_putc(&call, ')');
        char *set = c->ret_type ? lw_assign("ac__fr->ac__result", call.data,
                                            clang_getResultType(clang_getCursorType(f->root->cur)), 0)
                                : xstrdup(call.data);
        sb_printf(out, "%s;\n    return (ac__fr->ac__state = AC_STATE_DONE, AC_READY);\n}\n\n", set);
        free(set);
        sb_free(&call);
        free(body);
        body = NULL;
    } else {
    /* The body runs from state ac__from (the frame's, or 0 when a caller has just set the
     * arguments); ac__keep says whether to record AC_STATE_DONE at the end. */
    sb_printf(out, "__attribute__((unused)) static inline void ac__args_%s(struct ac__frame_%s *ac__fr%s)\n{\n", n, n, params_decl);
    put_param_copies(out, f);
    sb_puts(out, *params_decl ? "}\n\n" : "    (void)ac__fr;\n}\n\n");
    sb_printf(out, "static inline int ac__run_%s(struct ac__frame_%s *ac__fr, ac_cx *ac__cx, unsigned ac__from, int ac__keep)\n{\n"
                   "    (void)ac__cx;\n    (void)ac__keep;\n    switch (ac__from) {\n    case 0:\n        break;\n",
              n, n);
    for (unsigned i = 0; i < f->nsites; i++)
        sb_printf(out, "    case %u:\n        goto ac__resume_%u;\n", i + 1, i + 1);
    sb_puts(out, "    default:\n        __builtin_trap(); /* polled after it returned AC_READY */\n    }\n");
    sb_puts(out, body);
    free(body);
    /* Falling off the end: every line of it is the closing brace's. */
    const char *end_lines[] = {f->is_main ? "    ac__fr->ac__result = 0;\n" : "",
                               "    return (" DONE_STATE ", AC_READY);\n", "}\n"};
    for (int i = 0; i < 3; i++) {
        if (!*end_lines[i])
            continue;
        if (!sb_at_line_start(out))
            sb_putc(out, '\n');
        if (t_lines(L))
            sb_printf(out, "#line %u \"%s\"\n", f->end_line, L->file);
        sb_puts(out, end_lines[i]);
    }
    sb_putc(out, '\n');
    self_lines(L, out);
    sb_printf(out, "static inline int ac__poll_%s(void *ac__p, ac_cx *ac__cx)\n{\n    struct ac__frame_%s *ac__fr = ac__p;\n"
                   "    return ac__run_%s(ac__fr, ac__cx, ac__fr->ac__state, 1);\n}\n\n",
              n, n, n);
    }
    free(params_decl);
    self_lines(L, out);

    /* drop and child */
    sb_printf(out, "static void ac__drop_%s(void *ac__p, ac_cx *ac__cx)\n{\n    struct ac__frame_%s *ac__fr = ac__p;\n"
                   "    (void)ac__cx;\n    switch (ac__fr->ac__state) {\n",
              n, n);
    for (unsigned i = 0; i < f->nsites; i++) {
        site *s = f->sites[i];
        sb_printf(out, "    case %u:\n", s->index);
        for (unsigned j = 0; j < s->nkids; j++) {
            char *d = child_drop(&s->kids[j]);
            if (s->mask)
                sb_printf(out, "        if (!(ac__fr->%s & %uu)) {\n            %s\n        }\n", s->mask, 1u << j, d);
            else
                sb_printf(out, "        %s\n", d);
            free(d);
        }
        char *calls = cleanups(L, nstart(s->await), NULL, NULL);
        if (*calls)
            sb_printf(out, "        %s\n", calls);
        free(calls);
        sb_puts(out, "        break;\n");
    }
    sb_puts(out, "    default:\n        break;\n    }\n}\n\n");

    sb_printf(out, "static void *ac__child_%s(void *ac__p, const ac_future_type **ac__type)\n{\n"
                   "    struct ac__frame_%s *ac__fr = ac__p;\n    switch (ac__fr->ac__state) {\n",
              n, n);
    for (unsigned i = 0; i < f->nsites; i++) {
        site *s = f->sites[i];
        sb_printf(out, "    case %u:\n", s->index);
        for (unsigned j = 0; j < s->nkids; j++) {
            child *ch = &s->kids[j];
            const char *indent = s->mask ? "            " : "        ";
            if (s->mask)
                sb_printf(out, "        if (!(ac__fr->%s & %uu)) {\n", s->mask, 1u << j);
            sb_printf(out, "%s*ac__type = &ac__type_%s;\n%sreturn %sac__fr->%s;\n", indent, ch->fn->name, indent,
                      ch->embedded ? "&" : "", ch->field);
            if (s->mask)
                sb_puts(out, "        }\n");
            if (!s->mask)
                break; /* the first child stands for all of a select */
        }
        if (s->mask)
            sb_puts(out, "        return 0;\n");
    }
    sb_puts(out, "    default:\n        (void)ac__type;\n        return 0;\n    }\n}\n\n");

    if (f->nsites) {
        sb_printf(out, "static const ac_await_site ac__sites_%s[] = {\n", n);
        for (unsigned i = 0; i < f->nsites; i++)
            sb_printf(out, "    {\"%s\", %u, \"%s\"},\n", L->file, f->sites[i]->line, f->sites[i]->what);
        sb_puts(out, "};\n\n");
    }
    char *branches = br_emit(f, out);
    sb_printf(out,
              "%s%sconst ac_future_type ac__type_%s = {\n    \"%s\",\n    sizeof(struct ac__frame_%s),\n"
              "    _Alignof(struct ac__frame_%s),\n    %s,\n    %s,\n    ac__poll_%s,\n    ac__drop_%s,\n"
              "    ac__child_%s,\n    %s,\n    %u,\n    %s,\n};\n",
              c->is_static ? "static " : "", unused, n, n, n, n,
              c->ret_type ? xasprintf("__builtin_offsetof(struct ac__frame_%s, ac__result)", n) : "0",
              c->ret_type ? xasprintf("sizeof(((struct ac__frame_%s *)0)->ac__result)", n) : "0", n, n, n,
              f->nsites ? xasprintf("ac__sites_%s", n) : "0", f->nsites, branches);
    free(branches);

    if (f->is_main) {
        int argc = 0;
        for (unsigned i = 0; i < f->nvars; i++)
            argc += f->vars[i]->is_param;
        sb_printf(out,
                  "\nint main(%s)\n{\n    void *ac__p;\n    ac_task *ac__t = ac__task_new(&ac__type_main, &ac__p);\n"
                  "    ac__init_main(ac__p%s);\n    return ac__main(ac__t);\n}\n",
                  argc ? "int argc, char **argv" : "void", argc ? ", argc, argv" : "");
    }
}

/* Appends f, rewritten, to out: the ABI declarations it needs, then either the state machine
 * (async functions) or the function with its spawns and block_ons expanded (plain functions). */
void lw_function(tunit *t, afn *f, sb *out)
{
    lw L = {0};
    L.t = t;
    L.f = f;
    L.file = c_string_body(t->input);
    if (f->self && !f->self->forward_declared) {
        char *d = lw_abi_decls(t, f->self);
        sb_puts(out, d);
        free(d);
    }
    declare_callees(t, f->root, out);
    if (f->self) {
        emit_async(&L, out);
    } else {
        if (t->lines)
            sb_printf(out, "#line %u \"%s\"\n", f->line, L.file);
        L.cur_line = f->line;
        L.indent = 1;
        char *text = emit_text(&L, f->root);
        sb_puts(out, text);
        sb_putc(out, '\n');
        free(text);
    }
    sb_free(&L.out);
    free(L.file);
}
