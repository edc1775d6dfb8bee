/* check.c: the checking pass: every rejection of an input asyncc cannot transform correctly, raised
 * at the user's line before any code is generated, from what analysis found. */
#include "analyze.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A call with arguments of an async function whose parameters this file never sees (declared
 * `int f();`, defined elsewhere): its frame's init function has the parameters of the
 * definition, which a call without a prototype cannot be checked against. */
static void check_arguments(tunit *t, const node *call, const callee *c)
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

/* Why a call cannot be in an async function. */
enum banned_reason { BAN_NONE = -1, BAN_STACK_MEMORY, BAN_JUMP, BAN_STACK_FRAME };

static const char *const ban_why[] = {
    [BAN_STACK_MEMORY] = "its memory would not survive a suspension; use malloc or a fixed-size array",
    [BAN_JUMP] = "a jump across a suspended frame cannot be resumed; return an error code instead",
    [BAN_STACK_FRAME] = "the body runs from the runtime's poll on whatever stack resumes it, so there is no "
                        "caller's return address or stack frame of its own; compute it in a plain function",
};

/* Why a call of `name` cannot be in an async function, or BAN_NONE. */
static enum banned_reason banned_call(const char *name)
{
    static const struct {
        const char *name;
        enum banned_reason why;
    } banned[] = {{"alloca", BAN_STACK_MEMORY}, {"__builtin_alloca", BAN_STACK_MEMORY},
                  {"__builtin_alloca_with_align", BAN_STACK_MEMORY},
                  {"__builtin_alloca_with_align_and_max", BAN_STACK_MEMORY}, {"setjmp", BAN_JUMP},
                  {"_setjmp", BAN_JUMP}, {"__sigsetjmp", BAN_JUMP}, {"sigsetjmp", BAN_JUMP},
                  {"__builtin_setjmp", BAN_JUMP}, {"longjmp", BAN_JUMP}, {"_longjmp", BAN_JUMP},
                  {"siglongjmp", BAN_JUMP}, {"__builtin_longjmp", BAN_JUMP}, {"getcontext", BAN_JUMP},
                  {"savectx", BAN_JUMP}, {"__builtin_return_address", BAN_STACK_FRAME},
                  {"__builtin_frame_address", BAN_STACK_FRAME}};
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
        if (strcmp(name, banned[i].name) == 0)
            return banned[i].why;
    return BAN_NONE;
}

/* A call of async function c that no await runs. */
static void call_without_await(tunit *t, const node *call, const callee *c)
{
    dg_error_node(t, call, "call of async function '%s' without await: its future would never run; write await(%s(...))",
                  c->name, c->name);
}

/* A use of async function `name` other than a call: no function of that name is left. */
static void async_address(tunit *t, CXSourceLocation at, const char *name)
{
    dg_error(t, at, "taking the address of async function '%s' is not supported; call it with await", name);
}

/* Whether the async call n is an operand of await or of a combinator, possibly as `v = f(x)`
 * (or as `a = b = f(x)`, which check_combinator refuses in words of its own). */
static int is_marker_operand(node *n)
{
    for (node *q = n->parent; q; q = q->parent) {
        if (q->mk) {
            for (unsigned i = 0; i < q->nops; i++) {
                node *op = an_unparen(q->ops[i]);
                while (q->mk != MK_AWAIT && op->kind == CXCursor_BinaryOperator && op->nkids == 2)
                    op = an_unparen(op->kids[1]);
                if (op == n)
                    return 1;
            }
            return 0;
        }
        if (q->kind != CXCursor_BinaryOperator && q->kind != CXCursor_ParenExpr && q->kind != CXCursor_UnexposedExpr)
            return 0;
    }
    return 0;
}

static const char *combinator_name(const node *n)
{
    marker mk = n->mk;
    return mk == MK_JOIN       ? "ac_join"
           : mk == MK_TRY_JOIN ? "ac_try_join"
           : mk == MK_SELECT   ? (n->fair ? "ac_select_fair" : "ac_select")
                               : "ac_timeout";
}

/* A combinator must be awaited directly, and each of its futures is `f(x)` or `lvalue = f(x)`. */
static void check_combinator(tunit *t, node *n)
{
    const char *name = combinator_name(n);
    node *p = n->parent;
    while (p && !p->mk && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                           p->kind == CXCursor_BinaryOperator))
        p = p->parent;
    if (!p || p->mk != MK_AWAIT || an_unparen(p->ops[0]) != n) {
        dg_error_node(t, n, "%s(...) is a future: await it, as in await(%s(...))", name, name);
        return;
    }
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
        if (an_is_assign(t, op)) {
            call = an_unparen(op->kids[1]);
            if (op->kids[0]->has_await)
                dg_error_node(t, op->kids[0], "the target of a %s result cannot await", name);
            if (an_is_assign(t, call)) {
                dg_error_node(t, op,
                              "a future of %s is assigned to one target at most: write v = f(x) here and copy v "
                              "after the await (a = v)",
                              name);
                continue;
            }
        }
        if (call->kind != CXCursor_CallExpr || !call->fn) {
            dg_error_node(t, op, "each future of %s must be a call of an async function, optionally assigned: v = f(x)",
                          name);
            continue;
        }
        if (n->mk == MK_TRY_JOIN) {
            CXType rt = clang_getCanonicalType(clang_getCursorType(call->cur));
            if (rt.kind == CXType_Enum) /* signed when an enumerator is negative */
                rt = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(rt)));
            if ((rt.kind < CXType_Char_S || rt.kind > CXType_LongLong) && rt.kind != CXType_Int128)
                dg_error_node(t, call, "ac_try_join needs futures returning a signed integer (negative means error)");
        }
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
static void check_generic_types(tunit *t, afn *f, node *n)
{
    for (unsigned i = 0; i < n->nkids; i++)
        check_generic_types(t, f, n->kids[i]);
    if (n->kind != CXCursor_GenericSelectionExpr)
        return;
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_at(ts, nstart(n)); i < ts->n && ts->v[i].start < nend(n); i++) {
        unsigned a = ts->v[i].start, b = ts->v[i].end, p = tk_prev(ts, i);
        if (ts->v[i].kind != TK_IDENT || in_kid(n, a, b))
            continue;
        int after = p < ts->n && ts->v[p].start >= nstart(n);
        if (after && (tk_is(ts, p, ".") || tk_is(ts, p, "->") || tk_is(ts, p, "struct") || tk_is(ts, p, "union") ||
                      tk_is(ts, p, "enum")))
            continue; /* a member or a tag */
        for (unsigned k = 0; k < f->nvars; k++) {
            var *v = f->vars[k];
            if (v->in_frame && strlen(v->name) == b - a && memcmp(v->name, t->text + a, b - a) == 0 &&
                (!v->scope || (nstart(n) >= nend(v->decl) && nend(n) <= nend(v->scope)))) {
                dg_error_node(t, n, "'%s' lives across an await and cannot be named in the type of a _Generic "
                              "association; write its type out", v->name);
                return;
            }
        }
    }
}

/* Whether the lowering keeps the value of n, an expression holding an await, in a temporary
 * of n's type (lower_expr.c: value_temp): a statement expression whose value is read, or a
 * conditional whose branches await. */
static int value_in_temporary(const node *n)
{
    if (clang_getCursorType(n->cur).kind == CXType_Void)
        return 0;
    if (n->kind == CXCursor_StmtExpr)
        return n->nkids && n->kids[0]->kind == CXCursor_CompoundStmt && !an_value_discarded(n);
    return n->kind == CXCursor_ConditionalOperator && n->nkids == 3 && (n->kids[1]->has_await || n->kids[2]->has_await);
}

/* Whether a declaration of function fn says `returns_twice` (`__attribute__((returns_twice))`,
 * `[[gnu::returns_twice]]`): a function that, like setjmp (which gcc knows by name, and the list
 * above), returns again later into the frame of its caller, gone by then if the caller has
 * suspended since (gcc.dg's split-5: getcontext in an async main). */
static int returns_twice(tunit *t, CXCursor fn)
{
    CXCursor decls[2] = {fn, clang_getCanonicalCursor(fn)};
    const tk_stream *s = &t->toks;
    for (unsigned k = 0; k < 2; k++) {
        unsigned first, b;
        if (!fa_decl_span(t, decls[k], &first, &b))
            continue;
        for (unsigned i = first; i < s->n && s->v[i].start < b && !tk_is(s, i, "{"); i = tk_next(s, i + 1))
            if (tk_is(s, i, "returns_twice") || tk_is(s, i, "__returns_twice__"))
                return 1;
    }
    return 0;
}

/* The same, asked once a declaration (fn, named name): each call of a plain function asked
 * again, and read the tokens of its declarations (a tenth of the checks' time on a file of many
 * calls of snprintf). */
static int returns_twice_named(tunit *t, CXCursor fn, const char *name)
{
    static names answers; /* "name@offset of the declaration" -> 1 + the answer */
    char *key = xasprintf("%s@%u", name, an_offset(clang_getCursorLocation(fn)));
    int known;
    uintptr_t a = (uintptr_t)names_get(&answers, key, &known);
    if (!known) {
        a = 1 + (uintptr_t)returns_twice(t, fn);
        names_put(&answers, key, (void *)a);
    }
    free(key);
    return a == 2;
}

/* Whether declaration d of variably modified type (a frame local, a typedef) names its type with
 * typeof of an expression that has side effects (`__typeof__(b[i++]) c;`): C evaluates it once,
 * where the declaration runs, but the uses see it through its type written again from the
 * declaration (lower_vm.c), which would run them at every use. */
static int vm_typeof_effects(const tunit *t, node *d)
{
    node *init = d->kind == CXCursor_VarDecl ? an_var_init(d) : NULL;
    for (unsigned i = 0; i < d->nkids; i++) {
        node *k = d->kids[i];
        if (clang_isExpression(k->kind) && k != init && !vm_array_size(t, d, k) && an_side_effects(t, k))
            return 1;
    }
    return 0;
}

/* The checks of one node, after those of its children (the order of the diagnostics). */
static void check_node(tunit *t, afn *f, node *n, int in_unevaluated)
{
    if (n->kind == CXCursor_FunctionDecl)
        ck_async_redeclared(t, n->cur);
    for (unsigned i = 0; i < n->nkids; i++)
        check_node(t, f, n->kids[i], in_unevaluated + an_unevaluated_kid(t, n, i));
    /* A type whose size is known only at run time has no spelling the frame, at file scope,
     * could hold a temporary of. */
    if (n->has_await && !in_unevaluated && value_in_temporary(n) && vm_type(clang_getCursorType(n->cur)))
        dg_error_node(t, n, "a pointer to a variable-length array cannot be the value of an expression that awaits; "
                            "assign it to a variable inside the expression instead");

    if (f->self && an_is_vm_typedef(n) && vm_typeof_effects(t, n)) {
        char *name = cx_take(clang_getCursorSpelling(n->cur));
        dg_error_node(t, n,
                      "typedef '%s' of run-time size is the typeof of an expression with side effects, which C "
                      "evaluates once; compute the value before and declare the type without them",
                      name);
        free(name);
    }
    if (n->mk == MK_AWAIT) {
        if (!f->self)
            dg_error_node(t, n, "'await' outside an async function; mark the enclosing function 'async'");
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        if (call && (call->mk == MK_JOIN || call->mk == MK_TRY_JOIN || call->mk == MK_SELECT || call->mk == MK_TIMEOUT ||
                     call->mk == MK_BLOCK_ON)) {
            /* checked where the marker itself is */
        } else if (call && (call->mk == MK_SPAWN || call->mk == MK_SPAWN_LOCAL)) {
            dg_error_node(t, n, "ac_spawn returns a join handle, not a future: await(ac_task_join(handle, &result))");
        } else if (!call || call->kind != CXCursor_CallExpr) {
            dg_error_node(t, n, "'await' needs a call of an async function, like await(f(x))");
        } else if (!call->fn) {
            CXCursor fn = an_call_target(call);
            char *name = cx_take(clang_getCursorSpelling(fn));
            if (*name && clang_getCursorKind(fn) == CXCursor_FunctionDecl)
                dg_error_node(t, call, "'await' of '%s', which is not an async function; declare it 'async'", name);
            else
                dg_error_node(t, call, "'await' needs a direct call of an async function, not a function pointer");
            free(name);
        } else {
            check_arguments(t, call, call->fn);
        }
        if (in_unevaluated && call && call->mk)
            dg_error_node(t, n, "combinators inside sizeof, typeof or a _Generic's controlling expression are never run; await them in a statement");
        if (!in_unevaluated && ov_maybe_dropped(t, n))
            dg_error_node(t, n, "this await may be in an initializer that a later designator overrides, which C does not "
                                "evaluate; await into a variable before the declaration");
    } else if (n->mk == MK_BLOCK_ON || n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL) {
        if (n->mk == MK_BLOCK_ON && f->self)
            dg_error_node(t, n, "ac_block_on inside an async function would block its worker; use await");
        node *call = n->nops == 1 ? an_unparen(n->ops[0]) : NULL;
        if (!call || call->kind != CXCursor_CallExpr || !call->fn)
            dg_error_node(t, n, "%s needs a call of an async function", n->mk == MK_BLOCK_ON ? "ac_block_on" : "ac_spawn");
        else
            check_arguments(t, call, call->fn);
    } else if (n->mk) {
        check_combinator(t, n);
    } else if (n->kind == CXCursor_CallExpr) {
        CXCursor fn = an_call_target(n);
        callee *c = an_callee_of(t, fn);
        if (c && !is_marker_operand(n)) {
            call_without_await(t, n, c);
        } else if (!c && f->self) {
            char *name = cx_take(clang_getCursorSpelling(fn));
            enum banned_reason why = banned_call(name);
            if (why == BAN_NONE && returns_twice_named(t, fn, name))
                why = BAN_JUMP;
            if (why != BAN_NONE) {
                /* named as the user wrote it when that is a banned name too: glibc's setjmp is a
                 * macro of _setjmp, alloca one of __builtin_alloca */
                char *written = dg_user_word(t, clang_getCursorLocation(n->cur));
                dg_error_node(t, n, "'%s' cannot be used in an async function: %s",
                              written && banned_call(written) != BAN_NONE ? written : name, ban_why[why]);
                free(written);
            }
            free(name);
        }
    } else if (n->kind == CXCursor_DeclRefExpr) {
        CXCursor ref = an_referenced(n);
        if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
            node *p = n->parent;
            while (p && (p->kind == CXCursor_UnexposedExpr || p->kind == CXCursor_ParenExpr))
                p = p->parent;
            int is_callee = p && p->kind == CXCursor_CallExpr && p->nkids && an_unparen(p->kids[0]) == an_unparen(n);
            callee *c = is_callee ? NULL : an_callee_of(t, ref);
            if (c)
                async_address(t, clang_getCursorLocation(n->cur), c->name);
        }
    }
}

void ck_function_decl(tunit *t, afn *f)
{
    if (f->self && f->self->variadic)
        dg_error_node(t, f->root, "async function '%s' cannot be variadic: its arguments would not survive a suspension",
                      f->name);
}

/* The type of a variably modified parameter is written from its declarator, as a pointer
 * (lower_vm.c), in a function that suspends. */
void ck_params(tunit *t, afn *f)
{
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (v->is_param && vm_param_type(clang_getCursorType(v->decl->cur)) && vm_param_unreadable(t, v->decl))
            dg_error_node(t, v->decl, "asyncc cannot read the type of parameter '%s'; write it as 'T %s[n][m]'", v->name,
                          v->name);
    }
}

/* Marks in seen the offset of the `__asyncc_X` word that opens each marker of n's tree. */
static void marker_words(const tunit *t, const node *n, unsigned **seen, unsigned *nseen)
{
    if (n->mk) {
        const tk_stream *ts = &t->toks;
        unsigned i = tk_next(ts, tk_at(ts, nstart(n)));
        while (i < ts->n && ts->v[i].kind != TK_IDENT && ts->v[i].start < nend(n))
            i = tk_next(ts, i + 1);
        if (i < ts->n)
            VEC_PUSH(*seen, *nseen, ts->v[i].start);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        marker_words(t, n->kids[i], seen, nseen);
}

/* An await whose marker is in the body's text but in no expression of libclang's tree: libclang
 * hides the expressions of some constructs (an OpenMP directive's captured statement shows only
 * the variables it captures; an attribute's arguments, `_Alignas(sizeof(await(f())))`), so asyncc would treat the function as never suspending there and
 * leave the marker to the compiler. Every marker word of the text must open a marker asyncc found. */
static void check_hidden_markers(tunit *t, node *body)
{
    unsigned *seen = NULL, nseen = 0;
    marker_words(t, body, &seen, &nseen);
    const tk_stream *ts = &t->toks;
    for (unsigned i = tk_next(ts, tk_at(ts, nstart(body))); i < ts->n && ts->v[i].start < nend(body);
         i = tk_next(ts, i + 1)) {
        const char *w = t->text + ts->v[i].start;
        unsigned len = ts->v[i].end - ts->v[i].start, k = 0;
        if (ts->v[i].kind != TK_IDENT || len <= 9 || memcmp(w, "__asyncc_", 9) != 0)
            continue;
        while (k < nseen && seen[k] != ts->v[i].start)
            k++;
        if (k < nseen)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%s%.*s", len == 14 && memcmp(w + 9, "await", 5) == 0 ? "" : "ac_",
                 (int)(len - 9 < 40 ? len - 9 : 40), w + 9);
        unsigned open = tk_prev(ts, i), at = open < ts->n && tk_is(ts, open, "(") ? ts->v[open].start : ts->v[i].start;
        CXTranslationUnit tu = t->tu2 && at >= t->split ? t->tu2 : t->tu;
        dg_error(t, clang_getLocationForOffset(tu, tu == t->tu ? t->ifile : t->ifile2, at),
                 "asyncc cannot see this '%s': it is inside a construct whose expressions libclang does not show "
                 "(an OpenMP directive, an attribute's argument); move it out into a statement of its own",
                 name);
    }
    free(seen);
}

void ck_tree(tunit *t, afn *f, node *body)
{
    check_node(t, f, body, 0);
    check_hidden_markers(t, body);
}

/* What the frame cannot hold: alignments asyncc cannot read (any it can, the frame honours: the
 * runtime allocates frames with their type's alignment), VLAs with cleanups of their own (freeing
 * the storage is theirs), variably modified types it cannot write again at each use, and locals
 * named in the type of a _Generic association (which the renaming cannot reach). */
void ck_frame(tunit *t, afn *f)
{
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->in_frame)
            continue;
        CXType ty = clang_getCursorType(v->decl->cur);
        int unknown = 0; /* an _Alignas(N) or __attribute__((aligned(N))) asyncc cannot evaluate */
        for (unsigned k = 0; k < v->decl->nkids; k++) {
            unsigned long long a;
            if (v->decl->kids[k]->kind == CXCursor_AlignedAttr && al_alignment(t, v->decl->kids[k], &a) < 0)
                unknown = 1;
        }
        if (unknown)
            dg_error_node(t, v->decl,
                          "asyncc cannot tell the alignment that '%s' asks for, and it lives across an await; write the "
                          "alignment as an integer constant or a type",
                          v->name);
        else if (v->heap_vm && strcmp(v->cleanup, "ac__vla_free") != 0)
            dg_error_node(t, v->decl,
                          "variable-length array '%s' has a cleanup of its own and lives across an await; keep the "
                          "cleanup on a pointer to it",
                          v->name);
        else if (vm_type(ty) && !v->is_param && vm_typeof_effects(t, v->decl))
            dg_error_node(t, v->decl,
                          "'%s' lives across an await and its type is the typeof of an expression with side effects, "
                          "which C evaluates once; compute the value before and declare the type without them",
                          v->name);
        /* Its uses see it through its type written from its declarator, with the sizes captured
         * when it was declared (lower_vm.c): __auto_type's sizes are in the initializer instead. */
        else if (vm_type(ty) && ty.kind == CXType_Auto)
            dg_error_node(t, v->decl,
                          "'%s', declared __auto_type with a variably modified type, cannot live across an await; write "
                          "its type out",
                          v->name);
    }
    if (f->body)
        check_generic_types(t, f, f->body);
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
    callee *fn = clang_getCursorKind(ref) == CXCursor_FunctionDecl ? an_callee_of(t, ref) : NULL;
    if (fn)
        async_address(t, clang_getCursorLocation(c), fn->name);
    return CXChildVisit_Continue;
}

/* An async function marked constructor or destructor: the program calls it as a plain function
 * before or after main, where made async it only makes a future nobody runs (its body never ran). */
static enum CXChildVisitResult startup_attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    tunit *t = data;
    if (clang_getCursorKind(c) != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    const tk_stream *ts = &t->toks;
    unsigned at = an_offset(clang_getRangeStart(clang_getCursorExtent(c)));
    CXSourceRange own = clang_getCursorExtent(parent); /* not one the definition inherits */
    if (at < an_offset(clang_getRangeStart(own)) || at >= an_offset(clang_getRangeEnd(own)))
        return CXChildVisit_Continue;
    unsigned i = tk_next(ts, tk_at(ts, at));
    int ctor = tk_is(ts, i, "constructor") || tk_is(ts, i, "__constructor__");
    if (ctor || tk_is(ts, i, "destructor") || tk_is(ts, i, "__destructor__")) {
        char *name = cx_take(clang_getCursorSpelling(parent));
        dg_error(t, clang_getCursorLocation(c),
                 "async function '%s' cannot be a %s: the program calls it as a plain function, and made async it "
                 "only returns a future that nothing runs; make it a plain function",
                 name, ctor ? "constructor" : "destructor");
        free(name);
    }
    return CXChildVisit_Continue;
}

/* A function declared implicitly by a call before any declaration (C89): its extent is only its
 * name, where a written declaration starts with its type. */
static int is_implicit(CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    return clang_equalLocations(clang_getRangeStart(r), clang_getCursorLocation(c));
}

/* A declaration c of a function without async, at file scope or in a block (`int f(int);` in a
 * body), of a function defined async: a caller that sees only c would call a function that no
 * longer exists (gcc: an undefined reference at link time). */
void ck_async_redeclared(tunit *t, CXCursor c)
{
    if (an_own_async_attr(c) || is_implicit(c) || !an_has_async_attr(c))
        return;
    char *name = cx_take(clang_getCursorSpelling(c));
    dg_error(t, clang_getCursorLocation(c),
             "'%s' is declared here without async but defined async; write async on this declaration too (a "
             "caller that sees only this one would call a function that no longer exists)",
             name);
    free(name);
}

/* A file-scope struct, union, enum or typedef: await has no function to suspend there. */
void ck_type_declaration(tunit *t, CXCursor c)
{
    if (an_mentions_marker(t, c) && an_in_input(t, clang_getCursorLocation(c)))
        dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
}

/* `#pragma omp declare simd` (or `declare variant`) right before async function c: the vector
 * clones it asks for do not exist for a state machine, and the output would put it before
 * generated code. */
static void clone_pragma(tunit *t, CXCursor c)
{
    unsigned off = an_offset(clang_getRangeStart(clang_getCursorExtent(c)));
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    const tk_stream *ts = &t->toks;
    unsigned i = tk_at(ts, off);
    while (i > 0 && ts->v[i - 1].kind == TK_COMMENT)
        i--;
    const char *what = i > 0 ? pg_clone_pragma(ts, i - 1) : NULL;
    if (!what)
        return;
    char *name = cx_take(clang_getCursorSpelling(c));
    dg_error(t, clang_getLocationForOffset(tu, tu == t->tu ? t->ifile : t->ifile2, ts->v[i - 1].start),
             "'#pragma omp declare %s' asks for vector clones of '%s', which is async: an async function has none; "
             "declare a plain function for the pragma and call it from the async one",
             what, name);
    free(name);
}

/* A file-scope variable or function declaration (here: written in the input file itself). */
void ck_declaration(tunit *t, CXCursor c, int here)
{
    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        if (here && an_own_async_attr(c))
            return; /* refused by ck_async_targets */
        if (here && an_mentions_marker(t, c))
            dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
        else if (here)
            clang_visitChildren(c, async_address_visit, t);
        return;
    }
    int is_def = clang_isCursorDefinition(c);
    int own_async = an_own_async_attr(c);
    if (!is_def)
        ck_async_redeclared(t, c);
    if (own_async) {
        char *name = cx_take(clang_getCursorSpelling(c));
        names_put(&t->async_names, name, NULL);
        free(name);
        if (here)
            clone_pragma(t, c);
    }
    if (here && clang_Cursor_hasAttrs(c) && an_has_async_attr(c))
        clang_visitChildren(c, startup_attr_visit, t);
    if (!is_def && here && an_mentions_marker(t, c))
        dg_error(t, clang_getCursorLocation(c), "await and the combinators can only be used inside functions");
    if (!here && is_def && clang_Cursor_hasAttrs(c) && an_has_async_attr(c))
        dg_error(t, clang_getCursorLocation(c),
                 "async function defined in an included file; define it in a .c file and declare it in the header");
}

/* Whether identifier s (len bytes) is a key of the names table ctx. */
static int is_name_of(const void *ctx, const char *s, unsigned len)
{
    int found;
    names_get_n(ctx, s, len, &found);
    return found;
}

/* Whether the extent of c names a function declared async so far. */
int ck_names_async_function(const tunit *t, CXCursor c)
{
    return t->async_names.count && an_extent_has_ident(t, c, is_name_of, &t->async_names);
}

static void check_plain_node(tunit *t, node *n)
{
    if (n->kind == CXCursor_FunctionDecl)
        ck_async_redeclared(t, n->cur);
    if (n->kind == CXCursor_CallExpr) {
        callee *c = an_callee_of(t, an_call_target(n));
        if (c)
            call_without_await(t, n, c);
        for (unsigned i = c ? 1 : 0; i < n->nkids; i++) /* (get())(x): the callee's own expression */
            if (!an_unevaluated_kid(t, n, i))
                check_plain_node(t, n->kids[i]);
        return;
    }
    if (n->kind == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(n->cur);
        callee *c = clang_getCursorKind(ref) == CXCursor_FunctionDecl ? an_callee_of(t, ref) : NULL;
        if (c)
            async_address(t, clang_getCursorLocation(n->cur), c->name);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (!an_unevaluated_kid(t, n, i)) /* sizeof f(): nothing is called */
            check_plain_node(t, n->kids[i]);
}

/* A plain function without await or combinators, defined in the input: it is kept as written and
 * never analyzed, but one that calls an async function, or takes its address, would call a
 * function that no longer exists (gcc: an implicit declaration, then an undefined reference). Only
 * a body naming an async function (ck_names_async_function) is walked. */
void ck_plain_function(tunit *t, CXCursor c)
{
    node *root = an_build_tree(c);
    for (unsigned i = 0; i < root->nkids; i++)
        if (root->kids[i]->kind == CXCursor_CompoundStmt)
            check_plain_node(t, root->kids[i]);
}
