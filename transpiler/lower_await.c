/* lower_await.c: lowering of one await site: its child futures started, polled, read and
 * dropped, for a plain await, a direct call of a twin, and each combinator. */
#include "lower.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

static void child_start(lw *L, unsigned line, child *ch, const char *args)
{
    if (ch->bounded) {
        lw_gline(L, line, "ac__init_%s(ac__fr->%s%s);", ch->fn->name, ch->field, args);
    } else if (ch->embedded) {
        lw_gline(L, line, "ac__init_%s(&ac__fr->%s%s);", ch->fn->name, ch->field, args);
    } else {
        lw_gline(L, line, "ac__fr->%s = ac_frame_alloc_type(ac__cx, &ac__type_%s);", ch->field, ch->fn->name);
        lw_gline(L, line, "ac__init_%s(ac__fr->%s%s);", ch->fn->name, ch->field, args);
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
    char *r = xasprintf("*(%s *)(void *)((char *)ac__fr->%s + ac__type_%s.result_offset)", ty, ch->field, ch->fn->name);
    free(ty);
    return r;
}

/* Gives back the arena memory of a finished child. */
static void child_release(lw *L, unsigned line, const child *ch)
{
    if (!ch->embedded && !ch->bounded)
        lw_gline(L, line, "ac_frame_free_type(ac__cx, ac__fr->%s, &ac__type_%s);", ch->field, ch->fn->name);
}

/* Cancels a child that has not finished (text for generated code, one statement). */
char *lw_child_drop(const child *ch)
{
    if (ch->embedded)
        return xasprintf("ac__drop_%s(&ac__fr->%s, ac__cx);", ch->fn->name, ch->field);
    /* (a type may have no drop: future.h) */
    if (ch->bounded)
        return xasprintf("ac__drop(&ac__type_%s, ac__fr->%s, ac__cx);", ch->fn->name, ch->field);
    return xasprintf("ac__drop(&ac__type_%s, ac__fr->%s, ac__cx); ac_frame_free_type(ac__cx, ac__fr->%s, &ac__type_%s);",
                     ch->fn->name, ch->field, ch->field, ch->fn->name);
}

/* The state the plan gave await aw (plan_walk.c numbers them; the lowering never does). */
static site *planned_site(lw *L, node *aw)
{
    site *st = pl_site(L->f, aw);
    if (!st)
        dg_unchecked(L->t, aw, "an await without a planned state");
    return st;
}

/* The code of state st begins (the awaits of its arguments are done): it must be the plan's next
 * one, as the lowering meets the awaits in the order the plan walked them, which is the order the
 * generated code runs them in. */
static void state_begins(lw *L, node *aw, const site *st)
{
    if (st->index != ++L->nstates)
        dg_unchecked(L->t, aw, "an await in another order than the plan's");
}

/* The label a poll resumes at. The state is stored only when the child is pending: a child that
 * is ready at once costs no store (drop and dumps read the state only between polls). Frame
 * variables kept as C locals are loaded there, on the way in from the dispatch only. */
static void suspend_point(lw *L, node *aw, unsigned line, unsigned k)
{
    char *loads = lw_reloads(L, aw);
    if (*loads)
        lw_gline(L, line, "if (0) {");
    lw_glabel(L, line, "ac__resume_%u:", k);
    if (*loads) {
        lw_gline(L, line, "    %s", loads);
        lw_gline(L, line, "}");
    }
    free(loads);
}

/* What a pending child makes the function do: record the state, store the frame variables kept
 * as C locals, and return (with #line, through the one return that says so: lower_emit.c). */
static char *suspend(lw *L, node *aw, unsigned k)
{
    char *stores = lw_spills(L, aw);
    char *s = xasprintf("ac__fr->ac__state = %u; %s%s;", k, stores, L->t->lines ? "goto ac__suspended" : "return AC_PENDING");
    free(stores);
    return s;
}

/* The temporary of await aw's value: a frame member, or a C local of the run function, which the
 * plan chose (plan_walk.c: await_temp), declared at the run function's start and read there as
 * `(void)` (the generated code may set one that nothing reads after, as for a select whose value
 * is dropped: no -Wunused-but-set-variable of the output alone; an unused attribute would make
 * clang's -Wused-but-marked-unused say each use). */
static char *await_temp(lw *L, node *aw)
{
    const pl_slot *slot = pl_slot_of(L->f, aw, PR_TEMP);
    if (L->twin || !slot || !slot->local)
        return lw_temp(L, aw);
    char *decl = xasprintf(" %s;", slot->decl);
    if (!L->c_temps.data || !strstr(L->c_temps.data, decl)) {
        sb_puts(&L->c_temps, decl); /* (each after a space, for the search above) */
        sb_printf(&L->c_temp_reads, " (void)%s;", slot->name);
    }
    free(decl);
    return xstrdup(slot->name);
}

/* An await of a function that never suspends: a call of its plain C twin, hoisted like any
 * await so that evaluation order is the same. */
static void gen_direct_call(lw *L, node *aw, node *call, callee *c)
{
    unsigned line = lw_node_line(L, aw);
    char *args = lw_call_args(L, call);
    const char *list = *args ? args + 1 + (args[1] == ' ') : ""; /* past the leading ", " */
    if (c->ret_type && !an_value_discarded(aw)) {
        char *tmp = await_temp(L, aw), *call_text = xasprintf("ac__now_%s(%s)", c->name, list);
        char *set = lw_assign(tmp, call_text, clang_getCursorType(aw->cur), 0);
        lw_gline(L, line, "%s;", set);
        free(call_text);
        free(set);
        aw->repl = tmp;
    } else {
        lw_gline(L, line, "%sac__now_%s(%s);", c->ret_type ? "(void)" : "", c->name, list);
        aw->repl = "((void)0)";
    }
    if (c->noreturn)
        lw_gline(L, line, "__builtin_unreachable();");
    free(args);
}

void lw_gen_await(lw *L, node *aw)
{
    node *call = an_unparen(aw->ops[0]);
    callee *c = call->fn;
    if (aw->direct) {
        gen_direct_call(L, aw, call, c);
        return;
    }
    site *st = planned_site(L, aw);
    if (!st)
        return;
    state_begins(L, aw, st);
    child *ch = &st->kids[0];

    unsigned line = st->line;
    char *args = lw_call_args(L, call);
    if (ch->embedded) {
        /* The child runs at once from its start: no state to store or read first (the variable
         * ac__from is free once this function's own dispatch is done), and none kept at its end. */
        const char *n = ch->fn->name;
        if (ch->fn->nparam_attrs && *args) /* the frame last (lower_emit.c's emit_run) */
            lw_gline(L, line, "ac__args_%s(%s, &ac__fr->%s);", n, args + 1 + (args[1] == ' '), ch->field);
        else
            lw_gline(L, line, "ac__args_%s(&ac__fr->%s%s);", n, ch->field, args);
        lw_gline(L, line, "ac__from = 0;");
        lw_gline(L, line, "if (0) {");
        lw_glabel(L, line, "ac__resume_%u:", st->index);
        char *loads = lw_reloads(L, aw), *stop = suspend(L, aw, st->index);
        lw_gline(L, line, "    ac__from = ac__fr->%s.ac__state;%s%s", ch->field, *loads ? " " : "", loads);
        lw_gline(L, line, "}");
        lw_gline(L, line, "if (ac__run_%s(&ac__fr->%s, ac__cx, ac__from, 0) == AC_PENDING) { %s }", n, ch->field, stop);
        free(loads);
        free(stop);
    } else {
        child_start(L, line, ch, args);
        suspend_point(L, aw, line, st->index);
        char *poll = child_poll(ch), *stop = suspend(L, aw, st->index);
        lw_gline(L, line, "if (%s == AC_PENDING) { %s }", poll, stop);
        free(poll);
        free(stop);
    }
    free(args);
    if (!c->ret_type || (!ch->embedded && an_value_discarded(aw)))
        aw->repl = "((void)0)"; /* (a value dropped is not read: a frame store gcc must keep) */
    else if (ch->embedded)
        aw->repl = child_result(ch);
    else {
        char *tmp = await_temp(L, aw), *r = child_result(ch);
        char *set = lw_assign(tmp, r, clang_getCursorType(aw->cur), 0);
        lw_gline(L, line, "%s;", set);
        free(set);
        free(r);
        aw->repl = tmp;
    }
    child_release(L, line, ch);
    /* A noreturn callee never completes: what follows its await is as unreachable as after
     * its call (no -Wimplicit-fallthrough, no -Wreturn-type where the plain program has none). */
    if (c->noreturn)
        lw_gline(L, line, "__builtin_unreachable();");
}

/* The statements that cancel every child of st except `keep` that has not finished. */
static void drop_others(lw *L, unsigned line, site *st, unsigned keep)
{
    for (unsigned j = 0; j < st->nkids; j++) {
        if (j == keep)
            continue;
        char *d = lw_child_drop(&st->kids[j]);
        if (st->kind == MK_TRY_JOIN)
            lw_gline(L, line, "if (!(ac__fr->%s & %uu)) { %s }", st->mask, 1u << j, d);
        else
            lw_gline(L, line, "%s", d);
        free(d);
    }
}

/* await(ac_join(...)), ac_try_join, ac_select, ac_timeout: one state polling several children. */
void lw_gen_combinator(lw *L, node *aw, node *comb)
{
    site *st = planned_site(L, aw);
    if (!st)
        return;
    unsigned line = st->line, k = st->index, first = comb->mk == MK_TIMEOUT ? 1 : 0;
    char **args = xcalloc(st->nkids, sizeof *args);
    if (comb->mk == MK_TIMEOUT) {
        lw_hoist(L, comb->ops[0]);
        char *ms = lw_emit_text(L, comb->ops[0]);
        args[st->nkids - 1] = xasprintf(", %s", ms);
        free(ms);
    }
    for (unsigned i = first; i < comb->nops; i++) {
        const child *ch = &st->kids[i - first];
        for (unsigned a = 1; a < ch->call->nkids; a++)
            lw_hoist(L, ch->call->kids[a]);
        args[i - first] = lw_call_args(L, ch->call);
    }
    state_begins(L, aw, st);
    char *result = comb->mk == MK_JOIN ? NULL : await_temp(L, aw);
    if (st->mask)
        lw_gline(L, line, "ac__fr->%s = 0;", st->mask);
    if (comb->mk == MK_TRY_JOIN)
        lw_gline(L, line, "%s = 0;", result);
    /* ac_timeout's timer (its last child) starts first: its duration is evaluated before the
     * future's arguments, as the source writes it and plain C's comma runs it */
    for (unsigned j = 0; j < st->nkids; j++) {
        unsigned i = comb->mk == MK_TIMEOUT ? (j + st->nkids - 1) % st->nkids : j;
        child_start(L, line, &st->kids[i], args[i]);
        free(args[i]);
    }
    free(args);
    suspend_point(L, aw, line, k);
    /* A select's or a timeout's later children get budget when an earlier one spent it all
     * (future.h: ac__coop_grant); the result's temporary holds whether there was any. */
    int share = comb->mk == MK_SELECT || comb->mk == MK_TIMEOUT;
    if (share)
        lw_gline(L, line, "%s = ac__coop_left(ac__cx);", result);
    /* ac_select_fair: the same polls, in turn from a random one (a switch in a loop) */
    int fair = comb->mk == MK_SELECT && comb->fair && st->nkids > 1;
    if (fair) {
        lw_gline(L, line, "{ unsigned ac__o%u = ac__select_start(%uu), ac__j%u;", k, st->nkids, k);
        lw_gline(L, line, "for (ac__j%u = 0; ac__j%u < %uu; ac__j%u++, ac__o%u = (ac__o%u + 1) %% %uu) {", k, k, st->nkids,
                 k, k, k, st->nkids);
        L->indent += 4;
        lw_gline(L, line, "if (ac__j%u) ac__coop_grant(ac__cx, %s);", k, result);
        lw_gline(L, line, "switch (ac__o%u) {", k);
    }
    for (unsigned i = 0; i < st->nkids; i++) {
        child *ch = &st->kids[i];
        if (fair)
            lw_gline(L, line, "case %u:", i);
        else if (share && i > 0)
            lw_gline(L, line, "ac__coop_grant(ac__cx, %s);", result);
        char *poll = child_poll(ch);
        if (st->mask)
            lw_gline(L, line, "if (!(ac__fr->%s & %uu) && %s == AC_READY) {", st->mask, 1u << i, poll);
        else
            lw_gline(L, line, "if (%s == AC_READY) {", poll);
        free(poll);
        L->indent += 4;
        if (st->mask)
            lw_gline(L, line, "ac__fr->%s |= %uu;", st->mask, 1u << i);
        if (ch->target) {
            char *tg = lw_emit_text(L, ch->target), *r = child_result(ch);
            lw_gline(L, line, "%s = %s;", tg, r);
            free(tg);
            free(r);
        }
        if (comb->mk == MK_TRY_JOIN) {
            char *r = child_result(ch);
            lw_gline(L, line, "if (%s < 0) %s = ac__try_join_error(%s);", r, result, r);
            free(r);
        }
        child_release(L, line, ch);
        if (comb->mk == MK_TRY_JOIN) {
            lw_gline(L, line, "if (%s < 0) {", result);
            L->indent += 4;
            drop_others(L, line, st, i);
            lw_gline(L, line, "goto ac__done_%u;", k);
            L->indent -= 4;
            lw_gline(L, line, "}");
        } else if (comb->mk == MK_SELECT || comb->mk == MK_TIMEOUT) {
            drop_others(L, line, st, i);
            if (comb->mk == MK_SELECT)
                lw_gline(L, line, "%s = %u;", result, i);
            else
                lw_gline(L, line, "%s = %s;", result, i == 0 ? "0" : "-ETIMEDOUT");
            lw_gline(L, line, "goto ac__done_%u;", k);
        }
        L->indent -= 4;
        lw_gline(L, line, "}");
        if (fair)
            lw_gline(L, line, "break;");
    }
    if (fair) {
        lw_gline(L, line, "default: break;");
        lw_gline(L, line, "}");
        L->indent -= 4;
        lw_gline(L, line, "} }");
    }
    char *stop = suspend(L, aw, k);
    if (st->mask)
        lw_gline(L, line, "if (ac__fr->%s != %uu) { %s }", st->mask, st->nkids == 32 ? 0xffffffffu : (1u << st->nkids) - 1,
                 stop);
    else
        lw_gline(L, line, "%s", stop);
    free(stop);
    if (comb->mk != MK_JOIN) {
        lw_glabel(L, line, "ac__done_%u: __attribute__((unused));", k);
    }
    /* A join completes when every child has: never, if one's callee is noreturn (as after an
     * await of it, lw_gen_await) */
    for (unsigned i = 0; i < st->nkids && comb->mk == MK_JOIN; i++)
        if (st->kids[i].fn && st->kids[i].fn->noreturn) {
            lw_gline(L, line, "__builtin_unreachable();");
            break;
        }
    aw->repl = result ? result : "((void)0)";
}
