/* sharing.c: which frame locals of one block may share frame bytes: the part of the body where a
 * local's field holds a value that matters (its use span), and whether a pointer into it may be
 * kept beyond what the body shows. Lowering puts locals whose spans do not overlap in a union;
 * debuggers learn at which awaits a local's bytes may be another's (sh_dead_markers). */
#include "analyze.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/*
 * A local that lives in the frame alone (an array, a struct, a local whose address is taken) is
 * read and written in its field from its declaration on. Its field matters from the declaration
 * to its last reference, and over any loop or goto back (inside its scope) that holds either end,
 * which runs them again. Two such locals whose spans do not overlap never hold values at the same
 * time: their fields can be the same bytes. So can the field of a scalar that lowering keeps as a
 * C local (lower_locals.c decides which, after the plan: every local is a candidate here): that
 * field is written at the declaration or where the function suspends and read where it resumes,
 * and only at awaits after which a use reads the value again, inside the same span. C lets a pointer into a local be used until its scope ends, so a local whose
 * address may be kept is taken to matter until then: one whose address goes anywhere but to a
 * call known to keep no pointer it is given (below), a pointer assigned, returned, stored or
 * passed to any other function, keeps its bytes to the end of its scope.
 */

/* C library functions that keep no pointer they are given beyond the call (their result, when
 * it is a pointer into an argument, is checked apart), as libclang names the callee, fortified
 * forms included. */
static const char *const keeps_nothing[] = {
    "memset", "memcpy", "memmove", "memcmp", "strlen", "strnlen", "strcmp", "strncmp", "strcpy", "strncpy",
    "strcat", "strncat", "sprintf", "snprintf", "vsnprintf", "printf", "fprintf", "dprintf", "puts", "fputs",
    "fwrite", "fread", "fgets", "read", "write", "pread", "pwrite", "recv", "send", "recvfrom", "sendto",
    "sscanf", "atoi", "atol", "atoll", "__builtin_memset", "__builtin_memcpy", "__builtin_memmove",
    "__builtin_memcmp", "__builtin_strlen", "__builtin___memcpy_chk", "__builtin___memset_chk",
    "__builtin___memmove_chk", "__builtin___strcpy_chk", "__builtin___strncpy_chk", "__builtin___strcat_chk",
    "__builtin___sprintf_chk", "__builtin___snprintf_chk", "__printf_chk", "__fprintf_chk", "__read_chk",
    "__recv_chk", "__fread_chk", "__fgets_chk",
};

/* The runtime's I/O futures (include/asyncc/io.h, net.h, fs.h): they hold the buffer until they
 * finish, and cancelling one waits until the kernel is done with it, so an await of one keeps
 * no pointer once it returns (a spawn of one would: only an await or a combinator counts). */
static const char *const awaited_keeps_nothing[] = {
    "ac_read", "ac_read_exact", "ac_pread", "ac_pwrite", "ac_write", "ac_write_all", "ac_recv",
    "ac_recvfrom", "ac_send", "ac_send_all", "ac_sendto", "ac_read_file",
};

static int listed(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}

static int pointer_like(const node *n)
{
    CXType ty = clang_getCursorType(n->cur);
    return clang_getCanonicalType(ty).kind == CXType_Pointer || ty_array(ty);
}

/* Whether call names a function of the C library: one declared in a system header, or a
 * builtin. A program's own function of a listed name (a `send` that queues the buffer it is
 * given) may keep what it is given. (The runtime's futures have names of asyncc's own.) */
static int library_function(const node *call)
{
    CXCursor fn = an_call_target(call);
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return 0;
    CXSourceLocation loc = clang_getCursorLocation(fn);
    CXFile file;
    clang_getSpellingLocation(loc, &file, NULL, NULL, NULL);
    return !file || clang_Location_isInSystemHeader(loc);
}

/* Whether the pointer that call returns (memcpy, strcpy and fgets return their first argument)
 * may be kept: anything but a value discarded or only tested (`if (fgets(...))`, `!p`, `p ==
 * NULL`). A declaration's initializer keeps it: `char *s = strcpy(buf, ...)` points into buf
 * after buf's last use by name, and buf's bytes went to another local there. */
static int result_kept(const tunit *t, const node *call)
{
    if (an_value_discarded(call))
        return 0;
    const node *e = call, *p = call->parent;
    while (p && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr || p->kind == CXCursor_CStyleCastExpr)) {
        e = p;
        p = p->parent;
    }
    if (!p)
        return 1;
    switch (p->kind) {
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
    case CXCursor_SwitchStmt:
        return p->nkids == 0 || p->kids[0] != e;
    case CXCursor_UnaryOperator:
        return !an_text_starts(t, p, "!");
    case CXCursor_BinaryOperator: {
        const char *op = an_binop(t, p);
        return strcmp(op, "==") != 0 && strcmp(op, "!=") != 0 && strcmp(op, "&&") != 0 && strcmp(op, "||") != 0;
    }
    default:
        return 1;
    }
}

/* Whether call, given a pointer into a local as an argument, keeps none after it: a listed
 * library function whose result is not a pointer used further, or a runtime I/O future that an
 * await or combinator waits for. */
static int call_keeps_nothing(const tunit *t, const node *call)
{
    char *name = cx_take(clang_getCursorSpelling(call->cur));
    int ok = 0;
    if (listed(name, keeps_nothing, sizeof keeps_nothing / sizeof *keeps_nothing) && library_function(call))
        ok = !pointer_like(call) || !result_kept(t, call);
    else if (listed(name, awaited_keeps_nothing, sizeof awaited_keeps_nothing / sizeof *awaited_keeps_nothing)) {
        /* await(e) is (__asyncc_await, (e)): the marker is the parentheses around the comma */
        const node *p = call->parent;
        while (p && !p->mk &&
               (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                (p->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, p), ",") == 0)))
            p = p->parent;
        ok = p && p->mk && p->mk != MK_SPAWN && p->mk != MK_SPAWN_LOCAL && p->mk != MK_BLOCK_ON;
    }
    free(name);
    return ok;
}

/* Asked of every node on the way up from every reference: kept in the node. */
static int is_array(const node *n)
{
    if (!n->array_known) {
        node *m = (node *)n;
        m->array = ty_array(clang_getCursorType(n->cur)) != 0;
        m->array_known = 1;
    }
    return n->array;
}

/* What an expression is to a local: (part of) the local itself, a pointer into it, or a value
 * that is neither (what was read from it). An array part is a pointer into it once it decays. */
enum { LV, PTR, VAL };

/* Whether reference ref of a local may leave a pointer into it that the body does not show:
 * follows the expression out while it is still the local or a pointer into it. */
static int ref_escapes(const tunit *t, const node *ref)
{
    const node *c = ref, *p = ref->parent;
    int st = LV;
    for (; p; c = p, p = p->parent) {
        int lv_array = st == LV && is_array(c);
        if ((p->kind == CXCursor_ParenExpr && !p->mk) || p->kind == CXCursor_UnexposedExpr || an_same_object(t, p, c)) {
            if (lv_array && !is_array(p))
                st = PTR; /* the array decays */
            continue;
        }
        if (p->kind == CXCursor_CStyleCastExpr)
            st = st == PTR || lv_array ? PTR : VAL;
        else if (p->kind == CXCursor_MemberRefExpr)
            st = LV; /* s.m, or p->m of a pointer into the local */
        else if (p->kind == CXCursor_ArraySubscriptExpr) /* a[i], or i[a]: the pointer is either operand */
            st = st == PTR || lv_array ? LV : VAL;
        else if (p->kind == CXCursor_UnaryOperator && an_text_starts(t, p, "&"))
            st = PTR;
        else if (p->kind == CXCursor_UnaryOperator && an_text_starts(t, p, "*"))
            st = st == PTR || lv_array ? LV : VAL;
        else if (p->kind == CXCursor_BinaryOperator && (st == PTR || lv_array) &&
                 (strcmp(an_binop(t, p), "+") == 0 || strcmp(an_binop(t, p), "-") == 0))
            st = pointer_like(p) ? PTR : VAL; /* a pointer moved, or a difference */
        else
            break;
        if (st == VAL)
            return 0;
    }
    if (st == LV && !is_array(c))
        return 0; /* its contents read or written, or passed by value */
    if (!p)
        return 1;
    if (p->kind == CXCursor_UnaryExpr)
        return 0; /* sizeof, _Alignof */
    if (p->kind == CXCursor_CallExpr && p->nkids && p->kids[0] != c)
        return !call_keeps_nothing(t, p);
    return 1;
}

/* Widens [*lo, *hi) over every loop or goto back inside [slo, shi) that holds either end. */
static void widen(const afn *f, unsigned slo, unsigned shi, unsigned *lo, unsigned *hi)
{
    for (int changed = 1; changed;) {
        changed = 0;
        span back;
        if (jp_span_at(f, slo, shi, *lo, &back) && back.lo < *lo) {
            *lo = back.lo;
            changed = 1;
        }
        if (*hi > *lo && jp_span_at(f, slo, shi, *hi - 1, &back) && back.hi > *hi) {
            *hi = back.hi;
            changed = 1;
        }
    }
}

int sh_use_span(const tunit *t, const afn *f, const var *v, span *out)
{
    CXType ty = clang_getCursorType(v->decl->cur);
    if (!v->in_frame || v->is_param || v->is_static || v->cleanup || v->early_await || !v->scope ||
        vm_type(ty) || clang_isVolatileQualifiedType(clang_getCanonicalType(ty)))
        return 0;
    unsigned slo = nstart(v->scope), shi = nend(v->scope), lo = nstart(v->decl), hi = nend(v->decl);
    for (unsigned r = 0; r < v->nrefs; r++) {
        if (nend(v->refs[r]) > hi)
            hi = nend(v->refs[r]);
        if (hi < shi && ref_escapes(t, v->refs[r]))
            hi = shi;
    }
    widen(f, slo, shi, &lo, &hi);
    out->lo = lo;
    out->hi = hi;
    return 1;
}

/* Whether v's value matters while the function waits at await aw: aw is in v's use span, or the
 * statement holding aw reads v after it (hoisting evaluates `x = a[0] + await(f())` as the await,
 * then a[0]: a's span ends before the await, but its value is read after it). */
static int matters_at(const var *v, span use, const node *aw)
{
    unsigned at = nstart(aw);
    if (at >= use.lo && at < use.hi)
        return 1;
    const node *stmt = jp_resumed_stmt(aw);
    for (unsigned r = 0; r < v->nrefs; r++)
        if (nstart(v->refs[r]) >= nstart(stmt) && nstart(v->refs[r]) < nend(stmt))
            return 1;
    return 0;
}

/* The dead markers (sh_dead_markers) of the shares of r and of the regions below it, and the
 * span markers: ac__span_<line>_<field>, the last line of the local's use span, past which its
 * bytes may be another's while the function runs (the gdb extension's print NAME says so there,
 * where a share is a union). */
static void dead_markers(tunit *t, const afn *f, const region *r, sb *out)
{
    for (unsigned i = 0; i < r->nfields; i++) {
        const pl_field *s = r->fields[i];
        for (unsigned m = 0; s->nalso && m <= s->nalso && m < s->nuses; m++) {
            const pl_field *fl = m ? s->also[m - 1] : s;
            const var *v = fl->var;
            if (v && s->uses[m].hi > s->uses[m].lo)
                sb_printf(out, " __extension__ char ac__span_%u_%s[0];", dg_line_at(t, s->uses[m].hi - 1), fl->name);
            for (unsigned k = 0; v && v->scope && k < f->nsites; k++) {
                const node *aw = f->sites[k]->await;
                if (nstart(aw) >= nstart(v->scope) && nstart(aw) < nend(v->scope) && !matters_at(v, s->uses[m], aw))
                    sb_printf(out, " __extension__ char ac__dead_%u_%s[0];", f->sites[k]->index, fl->name);
            }
        }
    }
    for (unsigned i = 0; i < r->nsubs; i++)
        dead_markers(t, f, r->subs[i], out);
}

char *sh_dead_markers(tunit *t, const afn *f)
{
    sb b = {0};
    if (f->frame)
        dead_markers(t, f, f->frame, &b);
    if (!b.len)
        return xstrdup("");
    sb r = {0};
    sb_printf(&r, "   %s\n", b.data);
    sb_free(&b);
    return sb_take(&r);
}
