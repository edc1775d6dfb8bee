/* lower_emit.c: the generated functions of one rewritten function: the frame struct, init, args,
 * run and poll, drop, the children table, the future type and the ABI declarations callers need. */
#include "lower.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/* Whether c's init and type are internal to this file: a static function's, and those of an async
 * main, which only the C main generated beside it uses (one function fewer for gcc: the init is
 * inlined there). */
static int abi_local(const callee *c)
{
    return c->is_static || (c->defined_here && strcmp(c->name, "main") == 0);
}

static const char *linkage(const callee *c)
{
    return abi_local(c) ? "static " : "";
}

/* Whether an attribute of decl is one of words (C2x's `[[gnu::...]]` as GNU's). */
static int marked(const tunit *t, const node *decl, const char *const *words)
{
    const tk_stream *s = &t->toks;
    for (unsigned i = 0; i < decl->nkids; i++) {
        if (!clang_isAttribute(decl->kids[i]->kind))
            continue;
        unsigned k = tk_at(s, nstart(decl->kids[i])), c1 = tk_next(s, k + 1), c2 = c1 < s->n ? tk_next(s, c1 + 1) : s->n;
        if (c2 < s->n && tk_is(s, c1, ":") && tk_is(s, c2, ":"))
            k = tk_next(s, c2 + 1);
        for (const char *const *w = words; *w; w++)
            if (tk_is(s, k, *w))
                return 1;
    }
    return 0;
}

/* Whether parameter decl is declared `unused` or `maybe_unused` (GNU or C2x, `gnu::` too): the
 * twin's copy of it must say so, or -Wunused-parameter warns where the source does not. */
int lw_marked_unused(const tunit *t, const node *decl)
{
    static const char *const words[] = {"unused", "__unused__", "maybe_unused", "__maybe_unused__", NULL};
    return marked(t, decl, words);
}

/* Whether function decl is declared `used`: the compiler keeps it, and never calls it unused. */
int lw_marked_used(const tunit *t, const node *decl)
{
    static const char *const words[] = {"used", "__used__", NULL};
    return marked(t, decl, words);
}

/* The name of parameter v in the functions of f's ABI (ac__init_f, ac__args_f, main's wrapper):
 * the user's, unless it is unnamed or in asyncc's space (ac__p, ac__fr), which the generated
 * code's own names are: then its field's (u_ac__p). */
static const char *abi_param_name(const var *v)
{
    return v->name[0] && strncmp(v->name, "ac__", 4) != 0 ? v->name : v->field;
}

static char *init_params(lw *L, int with_names, const callee *abi)
{
    afn *f = L->f;
    sb b = {0};
    for (unsigned i = 0, k = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        /* The ABI's types: a K&R definition's are promoted (analyze.c: callee_of) */
        char *ty = abi && k < abi->nparams ? xstrdup(abi->param_types[k++])
                                            : an_param_type(clang_getCursorType(v->decl->cur));
        /* An unnamed parameter (C2x; gcc takes it) is named by its field: init and args store it,
         * and a definition without the name is a warning in clang. */
        char *d = lw_field_decl(ty, xstrdup(!with_names ? "" : abi ? abi_param_name(v) : v->name[0] ? v->name : v->field));
        /* (the twin's parameters its body never names: the witness of lower_witness.c says so) */
        if (with_names && (!v->name[0] || (!abi && (lw_marked_unused(L->t, v->decl) || lw_param_witnessed(L, v))))) {
            char *named = xasprintf("__attribute__((unused)) %s", d);
            free(d);
            d = named;
        }
        if (!abi && with_names && vm_param_type(clang_getCursorType(v->decl->cur))) {
            /* the twin's parameter as written: its sizes name the parameters before it */
            free(d);
            int twin = L->twin;
            L->twin = 1; /* its names are the twin's parameters, not frame fields */
            d = lw_emit_text(L, v->decl);
            L->twin = twin;
        }
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
    sb_printf(&b, "AC__GEN_BEGIN struct ac__frame_%s;\n", c->name); /* its types as clang spells them */
    if (c->ret_tag)
        sb_printf(&b, "%s\n", c->ret_tag);
    sb_printf(&b, "%sconst ac_future_type ac__type_%s;\n", abi_local(c) ? "static " : "extern ", c->name);
    sb_printf(&b, "%svoid ac__init_%s(void *ac__p", linkage(c), c->name);
    for (unsigned i = 0; i < c->nparams; i++) {
        char *d = lw_field_decl(c->param_types[i], xstrdup(""));
        sb_printf(&b, ", %s", d);
        free(d);
    }
    sb_puts(&b, "); AC__GEN_END\n");
    c->forward_declared = 1;
    return sb_take(&b);
}

/* The file name gdb shows where a suspending await returns (debug_names.c and docs/inspecting.md
 * say what it is for). */
#define SUSPENDED_FILE "/(asyncc: the task is suspended at this await; it resumes there when woken)"

static int t_lines(const lw *L)
{
    return L->t->lines;
}

/* Generated code that is not the user's (init, args, poll, drop, tables) is attributed to the
 * generated file itself, so that a breakpoint on a user's line never lands in it. output.c turns
 * the marker into `#line N "file.async.c"`. When the generated file will not outlive the build
 * (asyncc-cc), it is the line of the async function's definition instead. */
static void self_lines(lw *L, sb *out)
{
    if (t_lines(L) == 2)
        sb_puts(out, DN_GENERATED);
    else if (t_lines(L))
        sb_puts(out, ASYNCC_SELF_LINE "\n");
}

/* A line that must stay a line of its own, or end where it ends: a directive (or asyncc's
 * marker for one), a `//` comment, a backslash-newline. */
static int keeps_its_line(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if ((i < n && p[i] == '#') || (n && p[n - 1] == '\\'))
        return 1;
    for (const char *s = memchr(p, '/', n); s && s + 1 < p + n; s = memchr(s + 1, '/', (size_t)(p + n - s - 1)))
        if (s[1] == '/')
            return 1;
    return 0;
}

/*
 * With #line on (the output that is compiled), the code asyncc makes up around a function (the
 * frame struct, init, args, poll, drop, the tables and the future type) takes one line
 * per definition: out from offset from on, each run of lines up to a blank line joined into one.
 * That code is attributed to the output file itself (no user line is in it) and nobody steps
 * through it; at one member or one case a line it was most of the output's lines for a file of
 * small functions (`bench/transpiler/gen_large.py 5`: 6,259 lines out of 1,142, 3,087 so).
 * `--emit=c`, the form meant for reading, keeps the layout.
 */
static void one_line_each(const lw *L, sb *out, size_t from)
{
    if (!t_lines(L) || !out->data || from >= out->len)
        return;
    sb r = {0};
    const char *p = out->data + from, *end = out->data + out->len;
    int open = 0, joinable = 0; /* a line is being built; its last piece may take another */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        const char *text = p;
        p = nl ? nl + 1 : end;
        size_t lead = 0;
        while (lead < n && (text[lead] == ' ' || text[lead] == '\t'))
            lead++;
        if (lead == n) { /* a blank line ends the definition */
            if (open)
                sb_putc(&r, '\n');
            open = joinable = 0;
            continue;
        }
        int keep = keeps_its_line(text, n);
        if (open && (keep || !joinable)) {
            sb_putc(&r, '\n');
            open = 0;
        }
        if (open) {
            sb_putc(&r, ' ');
            sb_putn(&r, text + lead, n - lead);
        } else {
            sb_putn(&r, text, n);
        }
        open = 1;
        joinable = !keep;
    }
    if (open)
        sb_putc(&r, '\n');
    out->len = from;
    sb_putn(out, r.data ? r.data : "", r.len);
    sb_free(&r);
}

/* The statements of init and args that store the parameters in the frame. */
static void put_param_copies(sb *out, afn *f)
{
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->is_param)
            continue;
        CXType ty = clang_getCursorType(v->decl->cur);
        char *dst = lw_field_lvalue(f->self->name, v, 0), *src = xstrdup(abi_param_name(v));
        if (f->self->kr_params && an_promoted(ty)) {
            /* a K&R parameter arrives promoted: converted as the definition converts it, and
             * said so (clang's -Wconversion takes an implicit narrowing for a mistake) */
            char *ts = cx_take(clang_getTypeSpelling(ty)), *cast = xasprintf("(%s)%s", ts, src);
            free(ts);
            free(src);
            src = cast;
        }
        char *set = clang_getCanonicalType(ty).kind == CXType_Atomic ? xasprintf("AC__ATOMIC_PARAM(%s, %s)", dst, src)
                                                                      : lw_assign(dst, src, ty, 0);
        sb_printf(out, "    %s;\n", set);
        free(dst);
        free(src);
        free(set);
    }
}

/* The frame struct's text: a share (pl_walk_frame's open kind 2) is `AC__SHARED {` (future.h: a
 * union when optimizing, a struct at -O0), a union in a frame whose size a header promises, and
 * starts with a marker of size zero, ac__shared_<its first field>, that tells debuggers its
 * members are all in scope (sharing.c: sh_dead_markers). */
typedef struct frame_text {
    sb *out;
    int promised, share;
} frame_text;

static void put_field(void *arg, const pl_field *fl, int depth)
{
    frame_text *ft = arg;
    if (ft->share)
        sb_printf(ft->out, "%*s__extension__ char ac__shared_%s[0];\n", depth * 4, "", fl->name);
    ft->share = 0;
    sb_printf(ft->out, "%*s%s;\n", depth * 4, "", fl->decl);
}

/* An unnamed member (C11) is a GNU extension in C99 and C90: `__extension__` keeps the output of
 * a program built with -std=c99 -pedantic-errors as quiet as its source. */
static void put_open(void *arg, int is_union, int depth)
{
    frame_text *ft = arg;
    ft->share = is_union == 2;
    sb_printf(ft->out, "%*s__extension__ %s {\n", depth * 4, "",
              !is_union ? "struct" : ft->share && !ft->promised ? "AC__SHARED" : "union");
}

static void put_close(void *arg, int depth)
{
    sb_printf(((frame_text *)arg)->out, "%*s};\n", depth * 4, "");
}

/* The frame struct as the plan laid it out (plan_walk.c: state, result, parameters, then the
 * region tree of the body's locals, temporaries and child frames), after the local types it
 * needs. */
static void emit_frame(lw *L, sb *out)
{
    afn *f = L->f;
    if (t_lines(L))
        sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
    for (unsigned i = 0; i < f->nmoved; i++)
        sb_printf(out, "%s\n", f->moved_decls[i]);
    static const pl_frame_visitor text = {put_field, put_open, put_close};
    size_t from = out->len;
    /* A frame is the function's locals, which no #pragma pack (or scalar_storage_order) around
     * the function lays out: it is a struct as C lays one out by default, with aligned fields. */
    pg_layout here = pg_layout_at(L->t, nstart(f->root)), plain = {0, "", "default"};
    char *set = pg_layout_change(here, plain, 1), *back = pg_layout_change(here, plain, 0);
    sb_printf(out, "AC__GEN_BEGIN %sstruct ac__frame_%s {\n", set, f->self->name);
    frame_text ft = {out, 0, 0};
    names_get(&L->t->frame_bounds, f->self->name, &ft.promised);
    pl_walk_frame(f->frame, &text, &ft);
    char *beside, *dbg = lw_debug_frame(L, &beside); /* unoptimized builds' copies of C locals, for debuggers */
    char *dead = t_lines(L) ? sh_dead_markers(L->t, f) : xstrdup("");
    char *alias = lw_alias_typedefs(f);
    sb_printf(out, "%s%s}; %s%sAC__GEN_END\n%s\n", dbg, dead, back, alias, beside);
    free(alias);
    free(set);
    free(back);
    free(dead);
    free(dbg);
    free(beside);
    one_line_each(L, out, from);
}

/* What opens a body's pragma region (future.h: AC__RUN_BEGIN), unless the declaration that
 * names the body's symbol for gdb (dn_body_symbol: sym) has opened it already. */
static const char *run_begin(const char *sym)
{
    return sym ? "" : "AC__RUN_BEGIN ";
}

/* Whether f has a parameter of variably modified type (`int m[][n]`). */
static int vm_params(const afn *f)
{
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param && vm_param_type(clang_getCursorType(f->vars[i]->decl->cur)))
            return 1;
    return 0;
}

/* gcc says -Wvla of a type name where the last pragma it read is: after AC__RUN_BEGIN's (or
 * AC__NAMED_BODY's, optimizing), in future.h. A pragma of the twin's own line before its
 * parameters keeps -Wvla of a parameter `int m[][n]` at the user's line, as the source has it
 * (it changes no warning's state). */
#define VM_HERE "_Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic pop\") "

/* The body of a function that never suspends, as the plain C function ac__now_f. */
static void emit_twin(lw *L, sb *out, const char *body)
{
    afn *f = L->f;
    callee *c = f->self;
    if (t_lines(L))
        sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
    const char *here = vm_params(f) ? VM_HERE : "";
    char *params = init_params(L, 1, NULL);
    char *head = xasprintf("ac__now_%s(%s)", c->name, *params ? params + 2 : "void");
    char *decl = lw_field_decl(c->ret_type ? c->ret_type : "void", head);
    const char *sym = dn_body_symbol(L->t, c);
    /* The body is the function's own: a noreturn function's never returns either (clang's
     * -Wmissing-noreturn named ac__now_f). */
    char *nonnull = fa_param_text(c, 0);
    char *attrs = xasprintf("%s%s%s", c->noreturn ? "__attribute__((__noreturn__)) " : "", fa_text(c), nonnull);
    free(nonnull);
    /* ac__now_f's own (`noinline`): the nested body inside is inlined into it */
    char *outer = xasprintf("%s%s", attrs, fa_call_text(c));
    if (sym) /* on the definition's line: its parameters' warnings are at the function's line */
        sb_printf(out, "AC__RUN_BEGIN %s%sstatic %s __asm__(\"%s\"); ", here, outer, decl, sym);
    /* optimizing, a nested function named f inside, for gdb's `break f` (emit_run) */
    const char *open = body, *close = strrchr(body, '}');
    while (*open == '#' && strchr(open, '\n'))
        open = strchr(open, '\n') + 1;
    int clash = 0; /* a parameter of the function's own name: both would be in the outer scope */
    for (unsigned i = 0; i < f->nvars; i++)
        clash |= f->vars[i]->is_param && strcmp(f->vars[i]->name, c->name) == 0;
    if (t_lines(L) && !f->is_main && !clash && *open == '{' && close) {
        char *inner = lw_field_decl(c->ret_type ? c->ret_type : "void",
                                    xasprintf("(%s)(%s)", c->name, *params ? params + 2 : "void"));
        sb call = {0};
        sb_printf(&call, "%s(%s)(", c->ret_type ? "return " : "", c->name);
        const char *sep = "";
        for (unsigned i = 0; i < f->nvars; i++)
            if (f->vars[i]->is_param) { /* an unnamed one by its field's name, as init_params names it */
                sb_printf(&call, "%s%s", sep, f->vars[i]->name[0] ? f->vars[i]->name : f->vars[i]->field);
                sep = ", ";
            }
        /* The nested function's parameters on the function's line, as ac__now_f's, not on the
         * body's `{` line that the body's #line names: gcc's -Wunused-parameter is the nested
         * function's (ac__now_f passes every parameter to it). */
        if (open > body)
            sb_printf(out, "%s%s%sstatic %s { AC__NAMED_BODY(%s%s__inline__ %s)\n%.*s %.*sAC__NAMED_BODY_END(%s);) } AC__GEN_END%s\n\n",
                      run_begin(sym), sym ? "" : here, outer, decl, here, attrs, inner,
                      (int)(open - body), body, (int)(close - open - 1), open + 1, call.data, close + 1);
        else
            sb_printf(out, "%s%s%sstatic %s\n{ AC__NAMED_BODY(%s%s__inline__ %s)%.*sAC__NAMED_BODY_END(%s);) } AC__GEN_END%s\n\n",
                      run_begin(sym), sym ? "" : here, outer, decl, here, attrs, inner, (int)(close - open - 1), open + 1, call.data,
                      close + 1);
        sb_free(&call);
        free(inner);
    } else {
        const char *end = close ? close + 1 : body + strlen(body);
        sb_printf(out, "%s%s%sstatic %s\n%.*s AC__GEN_END%s\n\n", run_begin(sym), sym ? "" : here, outer, decl, (int)(end - body),
                  body, end);
    }
    free(outer);
    free(attrs);
    free(decl);
    free(params);
}

/* ac__init_f: the ABI that spawns, combinators and other files use to start f. */
static void emit_init(lw *L, sb *out)
{
    afn *f = L->f;
    callee *c = f->self;
    self_lines(L, out);
    size_t from = out->len;
    char *params = init_params(L, 1, c);
    sb_printf(out, "AC__GEN_BEGIN %svoid ac__init_%s(void *ac__p%s)\n{\n    struct ac__frame_%s *ac__fr = (struct ac__frame_%s *)ac__p;\n"
                   "    ac__fr->ac__state = 0;\n",
              linkage(c), c->name, params, c->name, c->name);
    put_param_copies(out, f);
    sb_puts(out, "} AC__GEN_END\n\n");
    free(params);
    one_line_each(L, out, from);
}

/* The poll of a function that never suspends: one call of its twin. */
static void emit_now_poll(lw *L, sb *out)
{
    afn *f = L->f;
    const char *n = f->self->name;
    size_t from = out->len;
    sb_printf(out, "static __inline__ int ac__poll_%s(void *ac__p, ac_cx *ac__cx)\n{\n    struct ac__frame_%s *ac__fr = (struct ac__frame_%s *)ac__p;\n"
                   "    (void)ac__cx;\n    if (ac__fr->ac__state != 0)\n"
                   "        __builtin_trap(); /* polled after it returned AC_READY */\n    ",
              n, n, n);
    sb call = {0};
    sb_printf(&call, "ac__now_%s(", n);
    const char *sep = "";
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param) {
            sb_printf(&call, "%sac__fr->%s", sep, f->vars[i]->field);
            sep = ", ";
        }
    sb_putc(&call, ')');
    char *set = f->self->ret_type
                    ? lw_assign("ac__fr->ac__result", call.data, clang_getResultType(clang_getCursorType(f->root->cur)), 0)
                    : xstrdup(call.data);
    /* a parameter `int m[][n]` is kept as void * in the frame, which C converts at the call and
     * gcc's -Wc++-compat calls a conversion C++ would not make */
    if (vm_params(f))
        sb_printf(out, "_Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic ignored \\\"-Wc++-compat\\\"\") %s; "
                       "_Pragma(\"GCC diagnostic pop\")\n    return ((void)(ac__fr->ac__state = AC_STATE_DONE), AC_READY);\n}\n\n",
                  set);
    else
        sb_printf(out, "%s;\n    return ((void)(ac__fr->ac__state = AC_STATE_DONE), AC_READY);\n}\n\n", set);
    free(set);
    sb_free(&call);
    one_line_each(L, out, from);
}

/* ac__args_f, which a caller embedding f's frame uses to set the arguments, and ac__run_f, the
 * body, which runs from state ac__from (the frame's, or 0 when a caller has just set the
 * arguments); ac__keep says whether to record AC_STATE_DONE at the end. */
static void emit_run(lw *L, sb *out, const char *body)
{
    afn *f = L->f;
    const char *n = f->self->name;
    char *params = init_params(L, 1, f->self); /* after init: its #line holds */
    size_t from = out->len;
    if (f->self->nparam_attrs && *params) {
        /* `nonnull(1)`'s indices are the user's: the frame comes last (lower_await.c's call) */
        char *nonnull = fa_param_text(f->self, 0);
        sb_printf(out, "AC__GEN_BEGIN %sstatic __inline__ void ac__args_%s(%s, struct ac__frame_%s *ac__fr)\n{\n",
                  nonnull, n, params + 2, n);
        free(nonnull);
    } else {
        sb_printf(out, "AC__GEN_BEGIN static __inline__ void ac__args_%s(struct ac__frame_%s *ac__fr%s)\n{\n", n, n,
                  params);
    }
    put_param_copies(out, f);
    sb_puts(out, *params ? "} AC__GEN_END\n\n" : "    (void)ac__fr;\n} AC__GEN_END\n\n");
    free(params);
    one_line_each(L, out, from);
    /* gdb's `break f` stops in it (debug_names.c), at the dispatch, which is f's line: each
     * poll enters f there. Under #line the head and the dispatch are one line each: a line
     * after a #line is the next line of the user's file, where a breakpoint would then land in
     * them. */
    int one = t_lines(L);
    const char *nl = one ? " " : "\n    ", *nl2 = " ";
    if (one)
        sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
    /* A body of one await is a thin layer over its callee (a chain of them: bench's chain_maybe),
     * which gcc runs best inlined into each caller that embeds its frame. A larger one is left to
     * gcc's own judgement, as a plain C function is: asking to inline it copied the whole state
     * machine into every such caller, and gcc -O2 then compiled it once more in each (echo's
     * output: 9.5% of gcc's instructions, bench/RESULTS-output-cost.md). */
    const char *call_attrs = fa_call_text(f->self); /* `noinline`: ac__run_f's own, and not inline */
    /* Not a body that takes a label's address (`&&l`): gcc never copies a function that keeps
     * one in a static table, and said -Winline (at the user's line) of the body asked inline. */
    const char *inl = f->nsites <= 1 && !*call_attrs && !an_holds_kind(f->root, CXCursor_AddrLabelExpr) ? "__inline__ " : "";
    const char *sym = dn_body_symbol(L->t, f->self), *attrs = fa_text(f->self);
    if (sym)
        sb_printf(out, "AC__RUN_BEGIN %s%sstatic %sint ac__run_%s(struct ac__frame_%s *, ac_cx *, unsigned, int) __asm__(\"%s\");\n", attrs, call_attrs, inl, n, n, sym);
    /* Optimizing, gcc may inline ac__run_f, and its debug info has no f: the body is then a nested
     * function named f in it (future.h: AC__NAMED_BODY), inlined there, which gdb's `break f`
     * finds by that name in each inlined copy (it has no symbol: a plain function's call of f
     * cannot reach it). */
    int named = one && !f->is_main;
    char *head = named ? xasprintf(" AC__NAMED_BODY(%s%sint (%s)(struct ac__frame_%s *ac__fr, ac_cx *ac__cx, unsigned ac__from, int ac__keep))", attrs, inl, n, n)
                       : xstrdup("");
    /* (the awaits' temporaries that are C locals first: a block's start, for C90) */
    const char *temps = L->c_temps.data ? L->c_temps.data + 1 : "", *reads = L->c_temp_reads.data ? L->c_temp_reads.data : "";
    sb_printf(out, "%s%s%sstatic %sint ac__run_%s(struct ac__frame_%s *ac__fr, ac_cx *ac__cx, unsigned ac__from, int ac__keep)%s{%s%s%s%s"
                   "(void)ac__cx;%s(void)ac__keep;%s\n",
              run_begin(sym), attrs, call_attrs, inl, n, n, one ? " " : "\n", head, nl, temps, *temps ? " " : "", nl, reads);
    free(head);
    if (one)
        sb_printf(out, "#line %u \"%s\"\n", f->line, L->file);
    sb_printf(out, "    switch (ac__from) {%scase 0:%sbreak;", nl, nl2);
    for (unsigned i = 0; i < f->nsites; i++)
        sb_printf(out, da_dead_await(L->t, f->sites[i]->await) ? "%scase %u:%sif (0) goto ac__resume_%u; __builtin_trap();"
                                                          : "%scase %u:%sgoto ac__resume_%u;",
                  nl, i + 1, nl2, i + 1);
    sb_printf(out, "%sdefault:%s__builtin_trap(); /* polled after it returned AC_READY */%s}\n", nl, nl2, one ? " " : "\n    ");
    sb_puts(out, body);
    /* Falling off the end: every line of it is the closing brace's. Every suspension returns
     * through ac__suspended, whose line is in a file named to say so: gdb's `next` over an await
     * that suspends shows it, rather than the closing brace (the shared return) as if the
     * function had ended. */
    /* and the return that `case K: return;` goes to (lw_return_text) */
    const char *st = lw_done_state(L);
    char *done = L->returned ? xasprintf("    AC__FALL_OFF(return (%s, AC_READY);)\nac__returned: return (%s, AC_READY);\n", st, st)
                             : xasprintf("    AC__FALL_OFF(return (%s, AC_READY);)\n", st);
    char *end = named ? xasprintf("AC__NAMED_BODY_END(return (%s)(ac__fr, ac__cx, ac__from, ac__keep);) } AC__GEN_END\n", n)
                      : xstrdup("} AC__GEN_END\n");
    const char *end_lines[] = {f->is_main ? "    AC__FALL_OFF(ac__fr->ac__result = 0;)\n" : "", done, end};
    for (int i = 0; i < 3; i++) {
        if (i == 2 && t_lines(L) && f->nsites)
            sb_puts(out, "#line 1 \"" SUSPENDED_FILE "\"\nac__suspended: return AC_PENDING;\n");
        if (!*end_lines[i])
            continue;
        if (!sb_at_line_start(out))
            sb_putc(out, '\n');
        if (t_lines(L))
            sb_printf(out, "#line %u \"%s\"\n", f->end_line, L->file);
        sb_puts(out, end_lines[i]);
    }
    sb_putc(out, '\n');
    free(done);
    free(end);
}

/* ac__poll_f: the run from the frame's own state. */
static void emit_poll(lw *L, sb *out)
{
    const char *n = L->f->self->name;
    self_lines(L, out);
    size_t from = out->len;
    sb_printf(out, "static __inline__ int ac__poll_%s(void *ac__p, ac_cx *ac__cx)\n{\n    struct ac__frame_%s *ac__fr = (struct ac__frame_%s *)ac__p;\n"
                   "    return ac__run_%s(ac__fr, ac__cx, ac__fr->ac__state, 1);\n}\n\n",
              n, n, n, n);
    one_line_each(L, out, from);
}

/* ac__drop_f: cancels the children pending in the current state (the runtime does, from the table
 * ac__kids_f: branches.c) and runs the cleanups of the frame locals alive there, innermost first.
 * A function without cleanups has none for its type (the runtime's ac__drop walks the table
 * itself): gcc -O2 spends ~3 M instructions on every function it emits, however small, so
 * such a drop is only an inline one for callers that embed the frame. Returns whether the type
 * has a drop. */
static int emit_drop(lw *L, sb *out)
{
    afn *f = L->f;
    const char *n = f->self->name;
    size_t from = out->len;
    br_emit(f, out);
    sb cases = {0};
    for (unsigned i = 0; i < f->nsites; i++) { /* one line a state that has cleanups */
        site *s = f->sites[i];
        char *calls = lw_cleanups(L, nstart(s->await), NULL, NULL);
        if (*calls)
            sb_printf(&cases, "    case %u: %sbreak;\n", s->index, calls); /* each call ends with "; " */
        free(calls);
    }
    int copies = lw_frame_promised(L) && f->nsites; /* the runtime's bytes for its debug copies (lower_locals.c) */
    int own = cases.len || copies;
    if (own)
        sb_printf(out, "static void ac__drop_%s(void *ac__p, ac_cx *ac__cx)\n{\n", n);
    else
        sb_printf(out, "AC__GEN_BEGIN static __inline__ void ac__drop_%s(void *ac__p, ac_cx *ac__cx)\n{\n", n);
    if (cases.len) /* (a declaration first: C90) */
        sb_printf(out, "    struct ac__frame_%s *ac__fr = (struct ac__frame_%s *)ac__p;\n", n, n);
    if (f->nsites)
        sb_printf(out, "    ac__drop_kids(ac__p, ac__cx, ac__kids_%s);\n", n);
    else
        sb_puts(out, "    (void)ac__p;\n    (void)ac__cx;\n");
    if (cases.len)
        sb_printf(out, "    switch (ac__fr->ac__state) {\n%s    default: break;\n    }\n", cases.data);
    sb_free(&cases);
    if (copies)
        sb_puts(out, "    AC__DEBUG_KEEP(ac__debug_copies_free(ac__p);)\n");
    sb_puts(out, own ? "}\n\n" : "} AC__GEN_END\n\n");
    one_line_each(L, out, from);
    return own;
}

/* The await-site table and ac__type_f, the future type that names all of the above. */
static void emit_type(lw *L, sb *out, int drop)
{
    afn *f = L->f;
    callee *c = f->self;
    const char *n = c->name;
    size_t from = out->len;
    if (f->nsites) {
        sb_printf(out, "static const ac_await_site ac__sites_%s[] = {\n", n);
        for (unsigned i = 0; i < f->nsites; i++) {
            const char *other = dg_key_file(L->t, f->sites[i]->line, NULL);
            char *file = other ? c_string_body(other) : NULL;
            sb_printf(out, "    {\"%s\", %u, \"%s\"},\n", file ? file : L->file, dg_key_line(f->sites[i]->line),
                      f->sites[i]->what);
            free(file);
        }
        sb_puts(out, "};\n\n");
    }
    char *result = c->ret_type ? xasprintf("__builtin_offsetof(struct ac__frame_%s, ac__result)", n) : xstrdup("0");
    char *result_size = c->ret_type ? xasprintf("sizeof(((struct ac__frame_%s *)0)->ac__result)", n) : xstrdup("0");
    char *sites = f->nsites ? xasprintf("ac__sites_%s", n) : xstrdup("0");
    char *drop_fn = drop ? xasprintf("ac__drop_%s", n) : xstrdup("0");
    /* A static function's type goes unused when same-file awaits embed its frame or call its
     * twin, and when nothing calls it at all: then the plain build warns that the function is
     * unused, and the output would warn at a generated name (F3). No warning is kept. */
    sb_printf(out,
              "AC__GEN_BEGIN %sconst ac_future_type ac__type_%s = {\"%s\", sizeof(struct ac__frame_%s), __alignof__(struct ac__frame_%s),\n"
              "    %s, %s,\n    ac__poll_%s, %s, 0, %s, %u, 0, ac__kids_%s}; AC__GEN_END\n",
              linkage(c), n, n, n, n, result, result_size, n, drop_fn, sites, f->nsites, n);
    /* A header that promises callers a bound on this frame (enum { ac__frame_size_f = N }) lets
     * them keep it in N bytes aligned to 16 (lower_await.c): a frame that outgrows the promise
     * would overrun their frames or be misaligned, so it is a compile error here. */
    int bounded;
    names_get(&L->t->frame_bounds, n, &bounded);
    if (bounded)
        sb_printf(out,
                  "__extension__ _Static_assert(sizeof(struct ac__frame_%s) <= ac__frame_size_%s &&\n"
                  "                             __alignof__(struct ac__frame_%s) <= 16,\n"
                  "                             \"the frame of %s outgrows the ac__frame_size_%s its header promises (at most that many "
                  "bytes, aligned to 16 at most)\");\n",
                  n, n, n, n, n);
    free(result);
    free(result_size);
    free(sites);
    free(drop_fn);
    one_line_each(L, out, from);
}

/* The C main of an async main: a task of its frame, run to its end by the runtime. Its parameters
 * are declared as the async main declares them (main(void), main(int, char **), the extension
 * main(int, char **, char **), also `const char **argv` as lz4 has it), so the compiler takes or
 * warns about them as it does for the plain program; main(int), which gcc and clang take too but
 * with -Wmain, gets an unused argv. */
static void emit_main(lw *L, sb *out)
{
    afn *f = L->f;
    char *params = init_params(L, 1, f->self);
    sb args = {0};
    unsigned n = 0;
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->is_param)
            sb_printf(&args, ", %s", abi_param_name(f->vars[i])), n++;
    sb_printf(out,
              "\nint main(%s%s)\n{\n    void *ac__p;\n    ac_task *ac__t = ac__task_new(&ac__type_main, &ac__p);\n"
              "    ac__init_main(ac__p%s);\n    return ac__main(ac__t);\n}\n",
              n ? params + 2 : "void", n == 1 ? ", char **ac__argv __attribute__((unused))" : "",
              n ? args.data : "");
    free(params);
    sb_free(&args);
}

/* An async function as a state machine, as the plan has it (plan_walk.c: its states, frame and
 * moved types): its body is lowered first, then each generated function is emitted. */
static void emit_async(lw *L, sb *out)
{
    afn *f = L->f;
    callee *c = f->self;

    /* A function that never suspends keeps its body as a plain C function, its twin, which the
     * poll calls. */
    int now = c->never_suspends;
    if (!now)
        lw_place_locals(L);
    L->indent = 4;
    L->twin = now;
    lw_gen_block(L, f->body);
    L->twin = 0;
    char *body = sb_take(&L->out);

    lw_emit_witnesses(L, out);
    if (now)
        emit_twin(L, out, body);
    emit_frame(L, out);
    emit_init(L, out);
    if (now) {
        emit_now_poll(L, out);
    } else {
        emit_run(L, out, body);
        emit_poll(L, out);
    }
    free(body);
    int drop = emit_drop(L, out); /* after a poll: its #line holds */
    emit_type(L, out, drop);
    if (f->is_main)
        emit_main(L, out);
}

/* Appends to out the ABI declarations f's code needs that the file has not declared yet (the
 * plan's list, declared once per file): called in file order. */
void lw_function_decls(tunit *t, afn *f, sb *out)
{
    lw L = {0};
    L.t = t;
    size_t decls = out->len;
    for (unsigned i = 0; i < f->nneeds; i++)
        if (!f->needs[i]->forward_declared) {
            char *d = lw_abi_decls(t, f->needs[i]);
            sb_puts(out, d);
            free(d);
        }
    one_line_each(&L, out, decls);
}

/* In a plain function rewritten for its spawns and block_ons, declarations of async functions
 * alone (`async int f(int);`) go, as in an async function's body (lower_stmt.c: gen_decl): its
 * text comes from the preprocessed file, where `async` is asyncc's annotate attribute, which gcc
 * warns it ignores, and no function of that name is left for it to name. */
static void drop_async_prototypes(lw *L, node *n)
{
    if (n->kind == CXCursor_DeclStmt && lw_async_prototypes_only(L, n)) {
        n->repl = ""; /* not `;`: a statement, after which the declarations were mixed */
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        drop_async_prototypes(L, n->kids[i]);
}

/* Appends f, rewritten, to out: either the state machine (async functions) or the function with
 * its spawns and block_ons expanded (plain functions). Reads the plan and f's own tree only (and
 * libclang about f's translation unit), so that functions of two halves can be lowered at once
 * (halves.c). */
void lw_function_code(tunit *t, afn *f, sb *out)
{
    lw L = {0};
    L.t = t;
    L.f = f;
    L.home = dg_file_at(t, nstart(f->root)); /* (the input's own #line may name another) */
    L.file = c_string_body(L.home);
    if (f->self) {
        char *func = lw_func_name_decl(t, f);
        sb_puts(out, func);
        free(func);
        size_t from = out->len;
        emit_async(&L, out);
        if (t->lines == 2)
            dn_source_lines(out, from, f->line, L.file);
    } else {
        if (t->lines)
            sb_printf(out, "#line %u \"%s\"\n", f->line, L.file);
        L.cur_line = f->line;
        L.indent = 1;
        drop_async_prototypes(&L, f->root);
        char *text = lw_emit_text(&L, f->root);
        sb_puts(out, text);
        sb_putc(out, '\n');
        free(text);
    }
    sb_free(&L.out);
    sb_free(&L.c_temps);
    sb_free(&L.c_temp_reads);
    lw_scratch_free(&L);
    free(L.file);
}
