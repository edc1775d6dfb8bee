/* lower_locals.c: frame variables kept as C locals of their own names in the run function, stored
 * to their frame fields when it suspends and loaded back when it resumes; for debuggers, the
 * names of those that live in the frame alone. */
#include "lower.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/*
 * A variable that lives across an await has a frame field. Most of them (scalars and pointers
 * nobody takes the address of) are also an ordinary C local, declared where the user declared
 * it and with the user's name: the code reads and writes that local, and only a suspension
 * stores it to its field (before `return AC_PENDING`), and only a resumption loads it back
 * (after the resume label, which the dispatch reaches by goto, past the declaration). So gdb
 * prints it by its name, and the compiler keeps it in a register between awaits instead of
 * going through a frame that every call may change. The rest stay in the frame alone: what a
 * pointer may reach while the function is suspended (address taken, arrays), what the frame's
 * drop reads (cleanups), what is const, volatile or _Atomic (a copy would not be the object),
 * what a name of the same spelling hides somewhere an await needs it, and, in a function with
 * many awaits, the locals past a budget of reloads (keep_reloads_under_budget).
 */

static int plain_scalar(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    if (clang_isVolatileQualifiedType(c) || clang_isConstQualifiedType(c))
        return 0;
    if (c.kind == CXType_Pointer)
        return !vm_type(c);
    if (c.kind == CXType_Enum)
        return 1;
    /* bool, the character, integer and floating types */
    return c.kind >= CXType_Bool && c.kind <= CXType_LongDouble;
}

/*
 * A local that a pointer may reach (its address taken, an array, which decays to one) is read and
 * written through the frame pointer plus its field's offset, typed as the local, not as a member
 * of the frame's struct. A compiler takes a member access `ac__fr->x` for an access of a struct
 * ac__frame_f, which a pointer to another struct can never reach: with `int data; struct ptr
 * { int val; } *p = (struct ptr *)&data;`, gcc -O2 took `p->val = 0` and `ac__fr->data` for
 * two objects and read the 1 stored before (gcc.dg/torture/pr47621 made async aborted); the
 * source's `data` is an int object that `p->val` may be. The type is a typedef of the field's,
 * ac__alias_f_x, may_alias: locals of other types share the field's bytes in a union
 * (AC__SHARED), where member accesses of the union alias one another and typed accesses would
 * not. clang honours may_alias on a typedef only; gcc ignores it on a struct, union or enum
 * defined before, and says so (-Wattributes), so there it is clang's alone (AC__MAY_ALIAS_TAG).
 */
static int pointed_to(const var *v)
{
    CXType ty = clang_getCursorType(v->decl->cur);
    return v->in_frame && (v->addr_taken || ty_fixed_array(ty)) && !vm_type(ty);
}

char *lw_alias_typedefs(const afn *f)
{
    sb out = {0};
    for (unsigned i = 0; i < f->nvars; i++) {
        const var *v = f->vars[i];
        if (!pointed_to(v))
            continue;
        CXType ty = clang_getCanonicalType(clang_getCursorType(v->decl->cur));
        if (ty.kind == CXType_Atomic) /* `_Atomic struct pair p;` is the struct's type to gcc there */
            ty = clang_getCanonicalType(clang_Type_getValueType(ty));
        enum CXTypeKind k = ty.kind;
        sb_printf(&out, "typedef __typeof__(((struct ac__frame_%s *)0)->%s) %s ac__alias_%s_%s; ", f->self->name,
                  v->field, k == CXType_Record || k == CXType_Enum ? "AC__MAY_ALIAS_TAG" : "__attribute__((__may_alias__))",
                  f->self->name, v->field);
    }
    return out.data ? out.data : xstrdup("");
}

char *lw_field_lvalue(const char *fn, const var *v, int as_const)
{
    if (!pointed_to(v))
        return as_const ? xasprintf("(*(const __typeof__(ac__fr->%s) *)&ac__fr->%s)", v->field, v->field)
                        : xasprintf("ac__fr->%s", v->field);
    return xasprintf("(*(%sac__alias_%s_%s *)(void *)&ac__fr->%s)", as_const ? "const " : "", fn, v->field,
                     v->field);
}

static unsigned scope_start(const afn *f, const var *v)
{
    return nstart(v->scope ? v->scope : f->body);
}

static unsigned scope_end(const afn *f, const var *v)
{
    return nend(v->scope ? v->scope : f->body);
}

/* Whether another variable of the same name is declared inside v's scope after it: there v's
 * name means the other one, and a store or load of v by name would reach it. Asked of each
 * variable at each of its debug copies, a walk over all of f's variables each time: kept in v
 * (f's variables and their names are fixed once analysis is done). */
static int hidden_somewhere(const afn *f, const var *v)
{
    var *m = (var *)v;
    if (m->hidden_known)
        return m->hidden;
    m->hidden_known = 1;
    for (unsigned i = 0; i < f->nvars; i++) {
        const var *w = f->vars[i];
        if (w != v && strcmp(w->name, v->name) == 0 && nstart(w->decl) >= nstart(v->decl) &&
            nstart(w->decl) < scope_end(f, v))
            return m->hidden = 1;
    }
    return m->hidden = 0;
}

/* Whether v is declared in a switch's body before its first case label: its declaration never
 * runs (a declaration without initializer of a C local gets one: lower_stmt.c), and no store of
 * it at an await is known to follow an assignment. */
static int before_first_case(const var *v)
{
    const node *decl_stmt = v->decl->parent, *body = decl_stmt ? decl_stmt->parent : NULL;
    if (!body || body->kind != CXCursor_CompoundStmt || !body->parent || body->parent->kind != CXCursor_SwitchStmt)
        return 0;
    for (unsigned i = 0; i < body->nkids && body->kids[i] != decl_stmt; i++)
        if (body->kids[i]->kind == CXCursor_CaseStmt || body->kids[i]->kind == CXCursor_DefaultStmt)
            return 0;
    return 1;
}

/* Whether a reference of a variable may write it: the left operand of an assignment, the operand
 * of ++ or --, or an operand of an asm statement (an output operand is written, and telling
 * outputs from inputs is not worth it), through parentheses and what names the same object
 * (`__extension__ y = 6`, `_Generic(0, int: z)++`: an_same_object). */
static int writes(lw *L, node *ref)
{
    node *c = ref, *p = ref->parent;
    while (p && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr || an_same_object(L->t, p, c))) {
        c = p;
        p = p->parent;
    }
    if (!p)
        return 0;
    if (p->kind == CXCursor_GCCAsmStmt || p->kind == CXCursor_MSAsmStmt || p->kind == CXCursor_UnexposedStmt)
        return 1;
    if ((p->kind == CXCursor_BinaryOperator || p->kind == CXCursor_CompoundAssignOperator) && p->nkids == 2 &&
        p->kids[0] == c) {
        const char *op = an_binop(L->t, p);
        size_t n = strlen(op);
        return n && op[n - 1] == '=' && strcmp(op, "==") && strcmp(op, "<=") && strcmp(op, ">=") && strcmp(op, "!=");
    }
    return an_is_inc_dec(L->t, p);
}

/* Whether v, a local with an initializer outside a for header, is never written after it: its
 * field is then written once, where it is declared, and never again when the function suspends
 * (a parameter's, by init). */
static int set_once(lw *L, var *v)
{
    /* the size expressions of array parameters (`int a[i++]`) run first, outside the body whose
     * references v->refs lists */
    if (v->is_param && L->f->nparam_sizes)
        return 0;
    if (!v->is_param) {
        const node *d = v->decl->parent;
        if (clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(v->decl->cur)) || !d ||
            (d->parent && d->parent->kind == CXCursor_ForStmt))
            return 0;
    }
    for (unsigned r = 0; r < v->nrefs; r++)
        if (writes(L, v->refs[r]))
            return 0;
    return 1;
}

/* How a debug copy is made (debug_copied, below). */
enum { COPY_NONE, COPY_BYTES, COPY_VALUE };
static int debug_copied(lw *L, const var *v);
static int needed_after(lw *L, const var *v, const node *aw);

/* Whether v is declared, in its scope, where await aw is (a parameter: everywhere). */
static int in_scope_at(const afn *f, const var *v, const node *aw)
{
    return nstart(aw) >= scope_start(f, v) && nstart(aw) < scope_end(f, v) && (v->is_param || nend(v->decl) <= nstart(aw));
}

/* The awaits after which C local v is loaded back from its field (needed_after). */
static unsigned long reloads_of(lw *L, const var *v)
{
    afn *f = L->f;
    unsigned long n = 0;
    for (unsigned s = 0; s < f->nsites; s++)
        n += in_scope_at(f, v, f->sites[s]->await) && needed_after(L, v, f->sites[s]->await);
    return n;
}

/* Budgets per function (below): while the costs n[] of f's variables add up to more than max,
 * the costliest one goes without (drop). Frees n. */
static void keep_under(afn *f, unsigned long *n, unsigned long max, void (*drop)(var *))
{
    unsigned long total = 0;
    for (unsigned i = 0; i < f->nvars; i++)
        total += n[i];
    while (total > max) {
        unsigned worst = 0;
        for (unsigned i = 1; i < f->nvars; i++)
            if (n[i] > n[worst])
                worst = i;
        total -= n[worst];
        n[worst] = 0;
        drop(f->vars[worst]);
    }
    free(n);
}

/*
 * At each resume label, each C local loaded there is a second definition that meets the one the
 * code had before the await: a merge (a phi) that every pass of an optimizing compiler then
 * carries, in a function entered at any of its resume labels. Their number is awaits times the
 * C locals each one reloads, and in a function with many awaits it made gcc -O2 take several
 * times as long as on the same source as plain C (csmith's functions: a hundred awaits, dozens of
 * locals live across them; bench/RESULTS-output-cost.md). A local read and written in the frame
 * alone has no such merge (memory has one version for all of them). So past a budget of reloads
 * per function, the locals reloaded after the most awaits stay in the frame alone: they are the
 * ones that cost most, and a local used across many awaits is rarely what a tight loop between
 * two awaits keeps in a register.
 */
enum { RELOADS_MAX = 48 };

static void frame_alone(var *v)
{
    v->as_local = 0;
    v->set_once = 0;
}

static void keep_reloads_under_budget(lw *L)
{
    afn *f = L->f;
    unsigned long *n = xcalloc(f->nvars ? f->nvars : 1, sizeof *n);
    for (unsigned i = 0; i < f->nvars; i++)
        if (f->vars[i]->as_local)
            n[i] = reloads_of(L, f->vars[i]);
    keep_under(f, n, RELOADS_MAX, frame_alone);
}

/* At most this many debug copies (below) in a function: each await copies every local in scope,
 * so that their number grows as locals times awaits (tests/transpiler/adversarial/long_function.c
 * has 600 of each), and so does the time gcc -O0 takes, far faster than linearly under the
 * sanitizers, where unoptimized builds are common: that file's output took gcc -O0 2.9 s with
 * 16,105 copies, and with -fsanitize=address,undefined over 4 minutes (8,000 copies: 36 s; 3,900:
 * 11 s; 900: 8 s; the source as plain C: 0.5 s). Past it, the locals in scope at the most awaits
 * get none, one by one (their names then show what their stack slots hold after an await, as
 * before), and the others keep theirs: 60 locals over 60 awaits keep all (emit/gdb_many_locals). */
enum { DEBUG_COPIES_MAX = 1 << 12 };

/* The debug copies v would get: a store at each await in its scope after its declaration, and
 * a load at each one after which it is not loaded back anyway. */
static unsigned long copies_of(lw *L, const var *v)
{
    afn *f = L->f;
    unsigned long n = 0;
    for (unsigned s = 0; s < f->nsites; s++)
        if (in_scope_at(f, v, f->sites[s]->await))
            n += 1 + !(v->as_local && needed_after(L, v, f->sites[s]->await));
    return n;
}

static void no_copy(var *v)
{
    v->no_debug_copy = 1;
}

static void keep_debug_copies_under_budget(lw *L)
{
    afn *f = L->f;
    unsigned long *n = xcalloc(f->nvars ? f->nvars : 1, sizeof *n);
    for (unsigned i = 0; i < f->nvars; i++) {
        f->vars[i]->no_debug_copy = 0;
        if (L->t->lines && !L->twin && debug_copied(L, f->vars[i]) != COPY_NONE)
            n[i] = copies_of(L, f->vars[i]);
    }
    keep_under(f, n, DEBUG_COPIES_MAX, no_copy);
}

/* Whether a jump lands inside v's scope after its declaration from outside [declaration, end of
 * scope) (a goto into the block from elsewhere, or from before the declaration; a case label
 * after it): the C local would be left uninitialized there, and a suspension would store it
 * (pcre2_match's RMATCH returns; gcc's -Wmaybe-uninitialized, and a _Bool's bytes that
 * -fsanitize=bool refuses). Its frame field holds it alone then. */
static int entered_past_decl(const afn *f, const var *v, const span *jumps, unsigned njumps)
{
    unsigned lo = nstart(v->decl), hi = scope_end(f, v);
    for (unsigned j = 0; j < njumps; j++)
        if (jumps[j].hi >= nend(v->decl) && jumps[j].hi < hi && (jumps[j].lo < lo || jumps[j].lo >= hi))
            return 1;
    return 0;
}

void lw_place_locals(lw *L)
{
    afn *f = L->f;
    unsigned njumps;
    span *jumps = jp_entries(f, &njumps);
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        int found = 0;
        v->as_local = 0;
        v->debug_copy = 0;
        if (!v->in_frame || v->addr_taken || v->cleanup || v->align || v->is_const || v->is_static || !v->name[0] ||
            strncmp(v->name, "ac__", 4) == 0 || !plain_scalar(clang_getCursorType(v->decl->cur)))
            continue;
        /* a file-scope typedef or enumerator of that name may be named by generated code in v's
         * scope (a result type's spelling) */
        names_get(&L->t->scope_names, v->name, &found);
        /* an await before its declaration that a goto back makes it live across: the resume
         * label there is outside the scope of its name */
        if (found || v->early_await || v->self_init || hidden_somewhere(f, v) || before_first_case(v) ||
            (!v->is_param && entered_past_decl(f, v, jumps, njumps)))
            continue;
        v->as_local = 1;
        v->set_once = set_once(L, v);
    }
    free(jumps);
    keep_reloads_under_budget(L);
    keep_debug_copies_under_budget(L);
}

/* Whether stmt is `v = AW;` with AW await aw itself: resuming there writes v before anything
 * reads it, so its value before aw is not needed (and storing it would read a local that a goto
 * past its declaration left uninitialized: gcc's -Wmaybe-uninitialized, in nasm's parser.c). */
static int assigned_by_await(const lw *L, const var *v, const node *aw, const node *stmt)
{
    if (!an_is_assign(L->t, stmt))
        return 0;
    const node *lhs = an_unparen(stmt->kids[0]), *rhs = stmt->kids[1];
    while (rhs != aw && rhs->kind == CXCursor_ParenExpr && rhs->nkids == 1)
        rhs = rhs->kids[0];
    return rhs == aw && lhs && lhs->kind == CXCursor_DeclRefExpr && lhs->var == v;
}

/* Whether v's value may be read after await aw resumes: a reference after it, or in the
 * statement that goes on after it, or one that control comes back to from it inside v's scope
 * (a loop or a goto back: the same questions as analysis asks in lives_across). */
static int needed_after(lw *L, const var *v, const node *aw)
{
    afn *f = L->f;
    const node *stmt = jp_resumed_stmt(aw);
    if (assigned_by_await(L, v, aw, stmt))
        return 0;
    span back;
    int again = jp_span_at(f, scope_start(f, v), scope_end(f, v), nstart(aw), &back);
    for (unsigned r = 0; r < v->nrefs; r++) {
        unsigned at = nstart(v->refs[r]);
        if (at >= nend(aw) || (at >= nstart(stmt) && at < nend(stmt)) || (again && at >= back.lo && at < back.hi))
            return 1;
    }
    return 0;
}

/*
 * Unoptimized builds keep more, for debuggers: plain C at -O0 keeps every local in its stack slot
 * for its whole scope, so gdb prints its last value anywhere. Here the run function returns at
 * each suspension and a resumption may run on another stack, so a C local that is not loaded
 * back after an await (not read after it, or not in the frame at all) would show whatever that
 * stack holds. Under AC__DEBUG_KEEP (future.h: the code is there only when __OPTIMIZE__ is not
 * defined, as at gcc/clang -O0), a suspension copies every such local in scope to its bytes in
 * the frame member ac__dbg, and the resumption copies them back. The copies are bytes, of the
 * size clang gives the type, in a member of their own: no type needs spelling at file scope and
 * no real field is touched (their bytes may be shared by live range). Nothing changes at -O1 and
 * above, where gdb says <optimized out> for them as it does for plain C.
 */

/* Whether v, a local the code names as a C local, gets a debug copy: one that is not in the
 * frame, or is a C local (lower_locals.c), whose name means it wherever an await in its scope
 * resumes (as for lw_place_locals), and which can be copied back (not a register one that
 * cannot be assigned: it has no address either; not of run-time size). COPY_BYTES: it has an
 * address (debug_macro picks how); COPY_VALUE: a register, volatile or _Atomic one, through a
 * temporary always (future.h: AC__DEBUG_STORE, AC__DEBUG_LOAD). */
static int debug_copied(lw *L, const var *v)
{
    if (!v->types_known) { /* asked at every await for every local: its type's answers are kept */
        var *m = (var *)v;
        CXType ty = clang_getCursorType(v->decl->cur), c = clang_getCanonicalType(ty);
        m->reg = clang_Cursor_getStorageClass(v->decl->cur) == CX_SC_Register;
        m->reg_unassignable = m->reg && !lw_assignable(c);
        m->unsized = vm_type(ty) || clang_Type_getSizeOf(ty) <= 0;
        m->by_value = m->reg || clang_isVolatileQualifiedType(c) || c.kind == CXType_Atomic;
        m->types_known = 1;
    }
    if (v->reg_unassignable)
        return COPY_NONE; /* neither an address nor assignment */
    if (v->as_local)
        return v->reg ? COPY_VALUE : COPY_BYTES;
    if (v->in_frame || v->is_static || v->is_param || !v->scope || !v->name[0] || strncmp(v->name, "ac__", 4) == 0)
        return COPY_NONE;
    if (v->unsized || v->early_await || hidden_somewhere(L->f, v) || before_first_case(v))
        return COPY_NONE;
    return v->by_value ? COPY_VALUE : COPY_BYTES;
}

/* Whether a header promises the size of the frame of the function being lowered
 * (ac__frame_size_f), at every -O: its debug copies are then kept beside it, in bytes the
 * runtime keeps per frame (future.h: ac__debug_copies), of type struct ac__dbg_f. */
int lw_frame_promised(lw *L)
{
    int promised;
    names_get(&L->t->frame_bounds, L->f->self->name, &promised);
    return promised;
}

/* What a finished frame does (DONE_STATE), an expression: a frame whose size a header promises
 * also gives back the runtime's bytes for its debug copies, in unoptimized builds. */
const char *lw_done_state(lw *L)
{
    return lw_frame_promised(L) && L->f->nsites ? DONE_STATE ", AC__DEBUG_EXPR(ac__debug_copies_free(ac__fr))" : DONE_STATE;
}

/* v's member of ac__dbg: the field's name for a frame variable (the gdb extension reads it for
 * that field), else one outside the user's names. */
static char *debug_member(const afn *f, const var *v)
{
    if (v->in_frame)
        return xstrdup(v->field);
    unsigned i = 0;
    while (f->vars[i] != v)
        i++;
    return xasprintf("ac__v%u_%s", i, v->name);
}

/* Records that a suspension at await aw leaves v's field as it was (v is not needed after aw), so
 * that the field holds an older value while the function waits there: a zero-size member of the
 * frame struct, `ac__stale_<state>_<field>`, tells the gdb extension, which then shows v as
 * <optimized out> at that state rather than that value (it costs no byte and no code). */
static void mark_stale(lw *L, const node *aw, const var *v)
{
    const site *st = pl_site(L->f, aw);
    if (!st)
        return;
    char *m = xasprintf(" __extension__ char ac__stale_%u_%s[0];", st->index, v->field);
    if (!L->stale.data || !strstr(L->stale.data, m))
        sb_puts(&L->stale, m);
    free(m);
}

/* The future.h macro that makes v's debug copy (as debug_copied says), to the frame when store,
 * else back. To the frame through a temporary or its address as the compiler wants it
 * (AC__DEBUG_SAVE: gcc's -Wdangling-pointer at -O0 saw `&x` as used after x's scope ended where
 * a resume label enters an arm gcc folds away, `if ((a != b) < 2) {} else`), an array through
 * its address; back through a temporary where C can assign it (AC__DEBUG_LOAD), a const one
 * through its address (AC__DEBUG_RESTORE), any other through its address. A _Bool's bytes are
 * copied both ways: read as a _Bool before the program gives it a value, they may be none. */
static const char *debug_macro(const var *v, int copy, int store)
{
    CXType ty = clang_getCanonicalType(clang_getCursorType(v->decl->cur));
    if (ty.kind == CXType_Bool) /* bytes of a _Bool without a value yet are none (-fsanitize=bool) */
        return "AC__DEBUG_COPY";
    if (copy == COPY_VALUE && (store || !clang_isConstQualifiedType(ty)))
        return store ? "AC__DEBUG_STORE" : "AC__DEBUG_LOAD";
    if (store)
        return ty_fixed_array(ty) ? "AC__DEBUG_COPY" : "AC__DEBUG_SAVE";
    if (clang_isConstQualifiedType(ty))
        return "AC__DEBUG_RESTORE";
    return lw_assignable(ty) ? "AC__DEBUG_LOAD" : "AC__DEBUG_COPY";
}

/* The locals in scope at await aw, declared before it, whose values may be needed after it:
 * `ac__fr->x = x; ` for each when store (not for those whose field never changes), else
 * `x = ac__fr->x;`, space-separated; then the debug copies (above): when store, of every local
 * in scope, else of those not loaded back. */
static char *moves(lw *L, const node *aw, int store)
{
    afn *f = L->f;
    sb b = {0}, dbg = {0};
    int promised = lw_frame_promised(L);
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if ((!v->as_local && !L->t->lines) || !in_scope_at(f, v, aw) || v->decl->parent->static_const)
            continue; /* (constants.c: static, no copy needed) */
        int kept = v->as_local && needed_after(L, v, aw);
        if (store && v->as_local && !kept && !v->set_once && L->t->lines)
            mark_stale(L, aw, v);
        if (kept && !(store && v->set_once)) {
            if (store)
                sb_printf(&b, "ac__fr->%s = %s; ", v->field, v->name);
            else
                sb_printf(&b, "%s%s = ac__fr->%s;", b.len ? " " : "", v->name, v->field);
        }
        int copy = L->t->lines && !L->twin && !v->no_debug_copy && (store || !kept) ? debug_copied(L, v) : COPY_NONE;
        if (copy) {
            char *m = debug_member(f, v);
            v->debug_copy = 1;
            const char *how = debug_macro(v, copy, store);
            const char *at = promised ? "ac__dbg->" : "ac__fr->ac__dbg.";
            if (store)
                sb_printf(&dbg, "%s%s(%s%s, %s)", dbg.len ? "; " : "", how, at, m, v->name);
            else
                sb_printf(&dbg, "%s%s(%s, %s%s)", dbg.len ? "; " : "", how, v->name, at, m);
            free(m);
        }
    }
    if (dbg.len && promised) {
        char *in = xasprintf("{ struct ac__dbg_%s *ac__dbg = (struct ac__dbg_%s *)ac__debug_copies(ac__fr, sizeof *ac__dbg); "
                             "if (ac__dbg) { %s; } }", f->self->name, f->self->name, dbg.data);
        sb_free(&dbg);
        sb_puts(&dbg, in);
        free(in);
    }
    /* a statement even when empty: it may follow a resume label */
    if (dbg.len && store)
        sb_printf(&b, "AC__DEBUG_KEEP(%s); ", dbg.data);
    else if (dbg.len)
        sb_printf(&b, "%sAC__DEBUG_KEEP(%s);", b.len ? " " : "", dbg.data);
    sb_free(&dbg);
    return sb_take(&b);
}

/* For debuggers, the last lines of the frame struct: the member ac__dbg, which holds the debug
 * copies (above), and the stale-field markers (mark_stale); "" when the function has neither.
 * In *outside, what follows the frame struct: the type of the copies of a frame whose size a
 * header promises (lw_frame_promised), or "". */
char *lw_debug_frame(lw *L, char **outside)
{
    afn *f = L->f;
    sb b = {0}, b2 = {0};
    *outside = xstrdup("");
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (!v->debug_copy)
            continue;
        char *m = debug_member(f, v);
        sb_printf(&b, " unsigned char %s[%lld];", m, clang_Type_getSizeOf(clang_getCursorType(v->decl->cur)));
        free(m);
    }
    if (b.len && lw_frame_promised(L)) {
        free(*outside);
        *outside = xasprintf("AC__DEBUG_KEEP(struct ac__dbg_%s {%s };)\n", f->self->name, b.data);
    } else if (b.len) {
        sb_printf(&b2, "    AC__DEBUG_KEEP(struct {%s } ac__dbg;)\n", b.data);
    }
    if (L->stale.len)
        sb_printf(&b2, "   %s\n", L->stale.data);
    sb_free(&b);
    sb_free(&L->stale);
    return b2.data ? sb_take(&b2) : xstrdup("");
}

char *lw_spills(lw *L, const node *aw)
{
    return moves(L, aw, 1);
}

char *lw_reloads(lw *L, const node *aw)
{
    return moves(L, aw, 0);
}

/* Where frame-only variable v is declared (a parameter: at the body's start), a name in that
 * block's scope for debuggers (future.h: AC__DEBUG_NAME): the gdb extension reads it to make
 * `print v` read v's field. It holds v's name and field, and its type is a pointer to v's type
 * as declared (the field's drops a top-level const). Only with #line (compiled output, not the
 * --emit=c meant for reading); a variable of variably modified type has none (its field is a
 * pointer). It costs no code. */
void lw_debug_name(lw *L, const var *v)
{
    if (!L->t->lines || L->twin || !v->in_frame || v->as_local || !v->name[0] || strncmp(v->name, "ac__", 4) == 0)
        return;
    CXType ty = clang_getCursorType(v->decl->cur);
    if (vm_type(ty) || (v->is_param && vm_param_type(ty)))
        return;
    int array = ty_fixed_array(ty);
    lw_gline(L, lw_node_line(L, v->decl), "AC__DEBUG_NAME(%s__typeof__(ac__fr->%s), ac__at_%zu_%s_%zu_%s_%s)",
             v->is_const && !array ? "const " : "", v->field, strlen(v->name), v->name, strlen(v->field), v->field,
             L->f->self->name);
}

/* At the start of the body: each parameter kept as a local, from the frame that init filled,
 * and the debuggers' name of each one that stays in the frame. */
void lw_param_locals(lw *L)
{
    afn *f = L->f;
    unsigned indent = L->indent;
    L->indent = 5; /* a column, 1-based */
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (v->is_param && !v->as_local)
            lw_debug_name(L, v);
        if (!v->is_param || !v->as_local)
            continue;
        char *ty = lw_param_field_type(clang_getCursorType(v->decl->cur));
        char *d = lw_field_decl(ty, xstrdup(v->name));
        lw_gline(L, lw_node_line(L, v->decl), "%s = ac__fr->%s;", d, v->field);
        free(d);
        free(ty);
    }
    /* A parameter the body never names is not used by a store either (it is set once): the
     * plain build's warning about it is -Wunused-parameter, under -Wextra only. A cast to void,
     * not the unused attribute: the debuggers' copies use it (clang's -Wused-but-marked-unused). */
    for (unsigned i = 0; i < f->nvars; i++) {
        var *v = f->vars[i];
        if (v->is_param && v->as_local && !v->nrefs && v->name[0])
            lw_gline(L, lw_node_line(L, v->decl), "(void)%s;", v->name);
    }
    L->indent = indent;
}
