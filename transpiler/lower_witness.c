/* lower_witness.c: the output's witnesses of an async definition's warnings that its rewriting
 * loses (-Wunused-parameter, -Wunused-function, -Wold-style-definition, -Wstrict-prototypes,
 * -Wvla-parameter): functions nothing calls, and declarations. */
#include "analyze.h"
#include "lower.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The rewritten function keeps the user's parameters in its frame, and its generated functions
 * (init, args, run) all use them; its definition written `async int f()` becomes prototyped
 * functions. So the warnings the compiler gives the source there would be lost. Instead of asyncc
 * guessing them from the flags, the output declares what the compiler judges as it judges the
 * source, at the user's lines and columns (#line, and spaces before each part): for the
 * parameters the body never names, a function `ac__params_f` of the same parameters that names
 * only the others; for a definition without a prototype, `ac__kr_f()`, of f's linkage, after a
 * declaration of its own when one of f's came before (gcc's -Wstrict-prototypes and clang's warn
 * only without one; clang not at all for a static function or main, whose witness is static). Both are never called: static and
 * unused, or weak (nothing is emitted for the first; the second is four bytes, once in a
 * program). Each flag, -Wno-..., -Werror and the compiler's own choice of warnings work as for
 * the source. Only in the compiled output (with #line); --emit=c is for reading.
 */

int lw_param_witnessed(const lw *L, const var *v)
{
    return L->t->lines && v->is_param && !v->nrefs && !v->in_param_size && v->name[0] &&
           !lw_marked_unused(L->t, v->decl);
}

/* Where the last whole word `name` starts in declaration d (its declarator's name). */
static size_t name_offset(const char *d, const char *name)
{
    size_t len = strlen(name), at = 0;
    for (const char *p = strstr(d, name); p; p = strstr(p + 1, name))
        if ((p == d || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
            !(isalnum((unsigned char)p[len]) || p[len] == '_'))
            at = (size_t)(p - d);
    return at;
}

/* text on a line of its own at the user's line of c, its byte at `at` at the user's column of c. */
static void put_at(lw *L, sb *out, CXCursor c, const char *text, size_t at)
{
    char *file = NULL;
    unsigned line = 0, col = 1;
    dg_user_location(L->t, clang_getCursorLocation(c), &file, &line, &col);
    free(file);
    if (!sb_at_line_start(out))
        sb_putc(out, '\n');
    sb_printf(out, "#line %u \"%s\"\n", line ? line : L->f->line, L->file);
    for (size_t i = 0; i + 1 + at < col; i++)
        sb_putc(out, ' ');
    sb_printf(out, "%s\n", text);
}

/* Parameter v's declaration as written (its sizes name the parameters before it): not the frame
 * members that its sizes the body captured stand for there (lower_vm.c), which a declaration at
 * file scope cannot name (`int m[n][n]` after a prototype was `int m[n][ac__fr->ac__vs1]`). */
static char *as_written(lw *L, var *v)
{
    afn *f = L->f;
    const char **captured = xcalloc(f->nparam_sizes + 1, sizeof *captured);
    for (unsigned i = 0; i < f->nparam_sizes; i++)
        if (f->param_sizes[i]->parent == v->decl) {
            captured[i] = f->param_sizes[i]->repl;
            f->param_sizes[i]->repl = NULL;
        }
    int twin = L->twin;
    L->twin = 1;
    char *d = lw_emit_text(L, v->decl);
    L->twin = twin;
    for (unsigned i = 0; i < f->nparam_sizes; i++)
        if (f->param_sizes[i]->parent == v->decl)
            f->param_sizes[i]->repl = captured[i];
    free(captured);
    return d;
}

static char *param_decl(lw *L, var *v)
{
    CXType ty = clang_getCursorType(v->decl->cur);
    if (vm_param_type(ty))
        return as_written(L, v);
    char *t = an_param_type(ty);
    char *d = lw_field_decl(t, xstrdup(v->name[0] ? v->name : v->field));
    free(t);
    if (!v->name[0] || lw_marked_unused(L->t, v->decl)) {
        char *named = xasprintf("__attribute__((__unused__)) %s", d);
        free(d);
        d = named;
    }
    return d;
}

static void unused_params(lw *L, sb *out)
{
    afn *f = L->f;
    unsigned last = f->nvars, any = 0;
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param) {
            last = i;
            any |= lw_param_witnessed(L, f->vars[i]);
        }
    if (!any)
        return;
    sb_printf(out, "#line %u \"%s\"\nAC__WITNESS_BEGIN static __inline__ __attribute__((__unused__)) void ac__params_%s(\n",
              f->line, L->file, f->self->name);
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        char *d = param_decl(L, v);
        sb b = {0};
        sb_printf(&b, "%s%s", d, i == last ? ")" : ",");
        if (i == last) {
            sb_puts(&b, " {");
            for (unsigned k = 0; k < f->nvars; k++)
                if (f->vars[k]->is_param && !lw_param_witnessed(L, f->vars[k]))
                    sb_printf(&b, " (void)%s;", f->vars[k]->name[0] ? f->vars[k]->name : f->vars[k]->field);
            sb_puts(&b, " } AC__GEN_END");
        }
        put_at(L, out, v->decl->cur, b.data, strchr(d, '\n') ? 0 : name_offset(d, v->name[0] ? v->name : v->field));
        sb_free(&b);
        free(d);
    }
}

/* The file-scope declarations of a function (canon) around its definition at def_off: whether
 * any came before, one of them a prototype, and, when after is set, whether a declaration after
 * the definition gives it an attribute (`int f(void) __attribute__((noinline));`): clang says
 * "attribute declaration must precede definition" of that one when a witness, a definition of
 * f, comes before it (gcc's pr35264 made async). */
typedef struct before {
    CXCursor canon;
    unsigned def_off;
    int any, proto;
    int after, attributed_after;
} before;

static enum CXChildVisitResult has_attribute(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (!clang_isAttribute(clang_getCursorKind(c)))
        return CXChildVisit_Continue;
    *(int *)data = 1;
    return CXChildVisit_Break;
}

/* The file-scope function declarations of one translation unit, in the order clang_visitChildren
 * gives them, each with its canonical declaration; those of one canonical declaration are chained
 * (next), and a hash table of the canonical cursors finds the first. The witnesses of every
 * function asked for a whole walk of the file's declarations (headers too), each: 540 million
 * instructions, a quarter of asyncc's, for bench/transpiler/gen_large.py's 800 functions. */
typedef struct fn_decl {
    CXCursor c, canon;
    unsigned off, next;
} fn_decl;

struct lw_fn_decls {
    CXTranslationUnit tu;
    fn_decl *v;
    unsigned n, cap;
    unsigned *slots; /* 1 + the index of the first of a canonical declaration, 0 when empty */
    unsigned nslots; /* a power of two */
};

#define NO_DECL UINT32_MAX

static enum CXChildVisitResult collect_decl(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct lw_fn_decls *d = data;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
        return CXChildVisit_Continue;
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 256;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    d->v[d->n++] = (fn_decl){c, clang_getCanonicalCursor(c), an_offset(clang_getCursorLocation(c)), NO_DECL};
    return CXChildVisit_Continue;
}

/* The slot of canon in d's table: the one holding it, or the empty one where it would go. */
static unsigned *slot_of(const struct lw_fn_decls *d, CXCursor canon)
{
    unsigned mask = d->nslots - 1;
    for (unsigned h = clang_hashCursor(canon) & mask;; h = (h + 1) & mask)
        if (!d->slots[h] || clang_equalCursors(d->v[d->slots[h] - 1].canon, canon))
            return &d->slots[h];
}

static struct lw_fn_decls *fn_decls_of(tunit *t, CXTranslationUnit tu)
{
    struct lw_fn_decls **at = &t->fn_decls[tu == t->tu2 && tu != t->tu];
    if (*at && (*at)->tu == tu)
        return *at;
    if (*at) {
        free((*at)->v);
        free((*at)->slots);
        free(*at);
    }
    struct lw_fn_decls *d = *at = xcalloc(1, sizeof *d);
    d->tu = tu;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_decl, d);
    for (d->nslots = 16; d->nslots < 2 * d->n; d->nslots *= 2)
        ;
    d->slots = xcalloc(d->nslots, sizeof *d->slots);
    unsigned *last = xcalloc(d->n ? d->n : 1, sizeof *last); /* per chain head: its last entry */
    for (unsigned i = 0; i < d->n; i++) {
        unsigned *s = slot_of(d, d->v[i].canon);
        if (*s)
            d->v[last[*s - 1]].next = i, last[*s - 1] = i;
        else
            *s = i + 1, last[i] = i;
    }
    free(last);
    return d;
}

static void prior_decls(tunit *t, CXCursor def, before *b)
{
    const struct lw_fn_decls *d = fn_decls_of(t, clang_Cursor_getTranslationUnit(def));
    unsigned first = *slot_of(d, b->canon);
    for (unsigned i = first ? first - 1 : NO_DECL; i != NO_DECL; i = d->v[i].next) {
        CXCursor c = d->v[i].c;
        if (d->v[i].off < b->def_off) {
            b->any = 1;
            b->proto |= clang_getCursorType(c).kind == CXType_FunctionProto;
            continue;
        }
        if (!b->after)
            return;
        if (!clang_isCursorDefinition(c))
            clang_visitChildren(c, has_attribute, &b->attributed_after);
        if (b->attributed_after)
            return;
    }
}

/* `f()`: the definition's type has a prototype when one came before (C's composite type). */
static int empty_parens(const tunit *t, CXCursor def)
{
    const tk_stream *ts = &t->toks;
    unsigned i = tk_at(ts, an_offset(clang_getCursorLocation(def)));
    unsigned open = i < ts->n ? tk_next(ts, i + 1) : ts->n, close = open < ts->n ? tk_next(ts, open + 1) : ts->n;
    return close < ts->n && tk_is(ts, open, "(") && tk_is(ts, close, ")");
}

/* Whether f's definition declares no prototype: `f()` or K&R. */
static int no_prototype(const tunit *t, const afn *f)
{
    CXCursor def = f->root->cur;
    return clang_getCursorType(def).kind == CXType_FunctionNoProto || f->self->kr_written || empty_parens(t, def);
}

static void old_style(lw *L, sb *out)
{
    afn *f = L->f;
    CXCursor def = f->root->cur;
    if (!no_prototype(L->t, f))
        return;
    /* a prototype of f before its definition, in the file or a header it includes */
    before b = {clang_getCanonicalCursor(def), an_offset(clang_getCursorLocation(def)), 0, 0, 0, 0};
    prior_decls(L->t, def, &b);
    const char *n = f->self->name;
    /* main's as a static function's: gcc warns about both, clang about neither */
    int local = f->self->is_static || f->is_main;
    const char *linkage = local ? "static __attribute__((__unused__))" : "__attribute__((__weak__))";
    /* -Wmissing-prototypes would name ac__kr_f; an async function's own is lost (guide) */
    sb_printf(out, "#line %u \"%s\"\nAC__WITNESS_BEGIN _Pragma(\"GCC diagnostic ignored \\\"-Wmissing-prototypes\\\"\")"
                   " _Pragma(\"GCC diagnostic ignored \\\"-Wmissing-declarations\\\"\")", f->line, L->file);
    /* a declaration before, as f has one (what -Wstrict-prototypes asks): its own
     * -Wstrict-prototypes, if any, is the user's declaration's, which stays where it is or is lost */
    if (b.any)
        sb_printf(out, " _Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic ignored \\\"-Wstrict-prototypes\\\"\")"
                       " %s void ac__kr_%s(%s); _Pragma(\"GCC diagnostic pop\")",
                  local ? "static" : "extern", n, b.proto ? "void" : "");
    sb_printf(out, " %s void\n", linkage);
    char *head = xasprintf("ac__kr_%s() {} AC__GEN_END", n);
    put_at(L, out, def, head, 0);
    free(head);
}

/* A parameter of f's witness of a missing prototype: as written; of a K&R definition, promoted
 * (as callers pass it: compatible with a later `f()`). */
static char *witness_param(lw *L, var *v)
{
    const char *promoted = L->f->self->kr_params ? an_promoted(clang_getCursorType(v->decl->cur)) : NULL;
    return promoted ? xasprintf("%s %s", promoted, v->name) : param_decl(L, v);
}

/* Whether first, the first declaration of definition def, is one clang made up: a library
 * function's it knows (`long labs(long)`), which it places at def's name. */
static int implicit(CXCursor first, CXCursor def)
{
    return !clang_equalCursors(first, def) &&
           an_offset(clang_getCursorLocation(first)) == an_offset(clang_getCursorLocation(def));
}

/*
 * -Wmissing-prototypes (and clang's) of a definition of external linkage that no prototype came
 * before: a definition of f itself, of f's type (a later declaration of f in the file agrees
 * with it), weak and never called, returning a zero. Its symbol is another (f's is ac__run_f's,
 * for debuggers), which only a declaration can give it: after f's own declarations (`f()`, which
 * the output keeps), one more of f's type; without any, one in a block of a function nothing
 * calls, which is no prototype of f's, for gcc and clang alike. Inline definitions are exempt,
 * as they are from the warning; for parameters of variably modified type, and after a
 * declaration in a block only, it stays lost (guide), and so it does when a later declaration
 * gives f an attribute (prior_decls). Returns whether it wrote the witness.
 */
static int missing_prototype(lw *L, sb *out)
{
    afn *f = L->f;
    CXCursor def = f->root->cur, first = clang_getCanonicalCursor(def);
    /* (not clang's implicit declaration of a library function it knows, `long labs(long)`, which
     * gcc does not count as a prototype, and clang judges the witness by as it judges f) */
    int clang_knows = implicit(first, def), declared = !clang_equalCursors(first, def) && !clang_knows;
    if (f->self->is_static || f->is_main || clang_Cursor_isFunctionInlined(def) ||
        (declared && clang_getCursorType(first).kind == CXType_FunctionProto))
        return 0;
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param && vm_param_type(clang_getCursorType(f->vars[i]->decl->cur)))
            return 0;
    before b = {first, an_offset(clang_getCursorLocation(def)), 0, 0, 1, 0};
    prior_decls(L->t, def, &b);
    if (b.attributed_after)
        return 0;
    /* declared: all of them `f()` before (a prototype after the first?), at file scope */
    if (declared && (b.proto || !b.any))
        return 0;
    /* `f()` or K&R: so is the witness, which gcc and clang judge as they judge f (gcc's
     * -Wstrict-prototypes, if on, says it instead of -Wmissing-prototypes). A K&R witness has
     * f's parameters, declared as f declares them: gcc knows some names as built-in functions
     * (`int ffs(x) int x;`), and says "number of arguments doesn't match built-in prototype" of
     * a definition `ffs()`, -Wbuiltin-declaration-mismatch of a declaration `ffs()`, which is
     * then the prototype of f's promoted parameters, as callers pass them. */
    int old = no_prototype(L->t, f), kr = f->self->kr_written;
    const char *n = f->self->name;
    char *ret = f->self->ret_type ? xasprintf("__typeof__(%s)", f->self->ret_type) : xstrdup("void");
    sb params = {0}, idents = {0}, kr_decls = {0}, body = {0};
    if (f->self->ret_type) /* before any statement: C90 */
        sb_printf(&body, " static %s ac__zero;", ret);
    for (unsigned i = 0; i < f->nvars && (!old || kr); i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        char *d = witness_param(L, v);
        sb_printf(&params, "%s%s", params.len ? ", " : "", d);
        free(d);
        if (kr) {
            sb_printf(&idents, "%s%s", idents.len ? ", " : "", v->name[0] ? v->name : v->field);
            CXCursor c = v->decl->cur;
            /* one not declared (`f(c) {`) is not in the witness either: gcc's -Wimplicit-int */
            if (an_offset(clang_getRangeStart(clang_getCursorExtent(c))) != an_offset(clang_getCursorLocation(c))) {
                d = param_decl(L, v);
                sb_printf(&kr_decls, " %s;", d);
                free(d);
            }
        }
        if (v->name[0])
            sb_printf(&body, " (void)%s;", v->name);
    }
    const char *ps = params.len ? params.data : old ? "" : "void";
    if (f->self->ret_type)
        sb_puts(&body, " return ac__zero;");
    /* clang counts its own declaration as a prototype and warns nothing, of f or of a witness (its
     * asm label is not that of f's implicit declaration: "definition with same mangled name") */
    if (clang_knows)
        sb_puts(out, sb_at_line_start(out) ? "#if !defined(__clang__)\n" : "\n#if !defined(__clang__)\n");
    if (declared)
        sb_printf(out, "#line %u \"%s\"\nAC__GEN_BEGIN _Pragma(\"GCC diagnostic ignored \\\"-Wredundant-decls\\\"\")"
                       " __typeof__(%s) %s __asm__(\"ac__w_%s\"); AC__GEN_END\n",
                  f->line, L->file, n, n, n);
    else {
        sb_printf(out, "#line %u \"%s\"\nAC__GEN_BEGIN _Pragma(\"GCC diagnostic ignored \\\"-Wnested-externs\\\"\")"
                       " _Pragma(\"GCC diagnostic ignored \\\"-Wstrict-prototypes\\\"\")"
                       " static __inline__ __attribute__((__unused__)) void ac__wp_%s(void) {"
                       " extern %s",
                  f->line, L->file, n, ret);
        /* gcc's -Wold-style-definition of the witness points at this prototype: at f's name */
        char *decl = xasprintf("%s(%s) __asm__(\"ac__w_%s\"); } AC__GEN_END", n, ps, n);
        if (kr)
            put_at(L, out, def, decl, 0);
        else
            sb_printf(out, " %s\n", decl);
        free(decl);
    }
    /* clang's note "declare 'static'" points at the type, on f's line too */
    sb_printf(out, "#line %u \"%s\"\nAC__WITNESS_BEGIN __attribute__((__weak__)) %s\n", f->line, L->file, ret);
    char *head = kr ? xasprintf("%s(%s)%s {%s } AC__GEN_END", n, idents.data, kr_decls.data ? kr_decls.data : "", body.data ? body.data : "")
                    : xasprintf("%s(%s) {%s } AC__GEN_END", n, ps, body.data ? body.data : "");
    put_at(L, out, def, head, 0);
    if (clang_knows)
        sb_puts(out, "#endif\n");
    free(head);
    free(ret);
    sb_free(&params);
    sb_free(&idents);
    sb_free(&kr_decls);
    sb_free(&body);
    return 1;
}

/* How often the text names each static async function (1, or 2 for more), counted once per file
 * in one pass over its tokens (a scan per function cost 58 ms for 800 of them); the two lowering
 * threads share it. */
static pthread_mutex_t mentions_lock = PTHREAD_MUTEX_INITIALIZER;
static const tunit *counted;
static names mentions;

static void count_mentions(const tunit *t)
{
    names_free(&mentions);
    for (unsigned i = 0; i < t->nfns; i++)
        if (t->fns[i]->self && t->fns[i]->self->is_static)
            names_put(&mentions, t->fns[i]->self->name, (void *)(uintptr_t)0);
    const tk_stream *s = &t->toks;
    for (unsigned i = 0; i < s->n && mentions.count; i++) {
        int found;
        if (s->v[i].kind != TK_IDENT)
            continue;
        const char *at = s->text + s->v[i].start;
        size_t len = s->v[i].end - s->v[i].start;
        uintptr_t seen = (uintptr_t)names_get_n(&mentions, at, len, &found);
        if (found && seen < 2) {
            char *key = xstrndup(at, len);
            names_put(&mentions, key, (void *)(seen + 1));
            free(key);
        }
    }
    counted = t;
}

/* Whether the text names `name` once (its definition): an identifier token of that spelling. */
static int named_once(const tunit *t, const char *name)
{
    pthread_mutex_lock(&mentions_lock);
    if (counted != t)
        count_mentions(t);
    int found;
    uintptr_t seen = (uintptr_t)names_get(&mentions, name, &found);
    pthread_mutex_unlock(&mentions_lock);
    return found && seen == 1;
}

/*
 * -Wunused-function of a static async function that nothing names: its generated functions and
 * its future type name one another, so the compiler never sees it unused (jq's compile.c and
 * builtin.c lost two). When the text names f only where it defines it, the witness is a static
 * function f (symbol ac__u_f) at f's name's line and column, which the compiler finds unused as
 * it found f, under the user's flags. A mention anywhere else (a call, a prototype, a member of
 * that name) writes none: then the warning may stay lost, but none is made up. Inline functions
 * are exempt, as from the warning, and so are those marked unused or used.
 */
static void unused_static(lw *L, sb *out)
{
    afn *f = L->f;
    CXCursor def = f->root->cur;
    const char *n = f->self->name;
    if (!f->self->is_static || clang_Cursor_isFunctionInlined(def) || lw_marked_unused(L->t, f->root) ||
        lw_marked_used(L->t, f->root) || !named_once(L->t, n))
        return;
    /* the name at its column, whatever comes before it on the user's line */
    sb_printf(out, "#line %u \"%s\"\nstatic void %s(void) __asm__(\"ac__u_%s\");\nstatic void\n", f->line, L->file, n, n);
    char *head = xasprintf("%s(void) {}", n);
    put_at(L, out, def, head, 0);
    free(head);
}

/*
 * gcc's -Wvla-parameter and -Warray-parameter compare the definition's array parameters (`buf[n]`,
 * `a[4]`) with those of the prototype before it, and -Wvla speaks of a `[n]` there; the output's
 * definition is ac__run_f, whose parameter is the frame (brotli's decode.c made async lost them).
 * After a prototype, which the output keeps, a declaration of f with the definition's parameters
 * as written, at their lines and columns, says them again; nothing else of it is new (its
 * -Wredundant-decls is off). Not for a static or inline f, whose prototypes the output does not
 * keep, nor a K&R definition.
 */
static void array_params(lw *L, sb *out)
{
    afn *f = L->f;
    CXCursor def = f->root->cur, first = clang_getCanonicalCursor(def);
    if (f->self->is_static || f->is_main || f->self->kr_written || clang_Cursor_isFunctionInlined(def) ||
        clang_equalCursors(first, def) || clang_getCursorType(first).kind != CXType_FunctionProto)
        return;
    unsigned last = f->nvars, any = 0;
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param) {
            CXType ty = clang_getCursorType(f->vars[i]->decl->cur);
            any |= ty_array(ty) || vm_param_type(ty);
            last = i;
        }
    for (int i = 0; i < clang_Cursor_getNumArguments(first) && !any; i++) /* `buf[n]` there, `*buf` here */
        any = ty_array(clang_getCursorType(clang_Cursor_getArgument(first, (unsigned)i)));
    if (!any)
        return;
    char *ret = f->self->ret_type ? xasprintf("__typeof__(%s)", f->self->ret_type) : xstrdup("void");
    sb_printf(out, "#line %u \"%s\"\nAC__WITNESS_BEGIN _Pragma(\"GCC diagnostic ignored \\\"-Wredundant-decls\\\"\")"
                   " %s %s(\n", f->line, L->file, ret, f->self->name);
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        char *d = as_written(L, v);
        char *text = xasprintf("%s%s", d, i == last ? "); AC__GEN_END" : ",");
        put_at(L, out, v->decl->cur, text, strchr(d, '\n') ? 0 : name_offset(d, v->name[0] ? v->name : v->field));
        free(text);
        free(d);
    }
    free(ret);
}

void lw_emit_witnesses(lw *L, sb *out)
{
    if (!L->t->lines)
        return;
    unused_static(L, out);
    unused_params(L, out);
    array_params(L, out);
    if (!missing_prototype(L, out)) /* whose witness, without a prototype, says these too */
        old_style(L, out);
}
