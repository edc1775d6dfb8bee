/* inspect.c: explains the state machines from the plan (plan.c, plan_walk.c), without lowering:
 * --emit=dot draws the states, --emit=frames lays out each frame's members and lists its states. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The frame as the plan has it (plan_walk.c), laid out as C lays out the struct lowering declares
 * from the same plan (pl_walk_frame): members in order at their alignment, a union's at offset 0,
 * an aggregate's size rounded up to its alignment. Sizes and alignments come from libclang's
 * types and the target's pointer width, not from the generated code, which is never made. */
typedef struct item {
    const pl_field *field; /* NULL: an anonymous struct or union of items */
    int is_union;
    struct item **kids;
    unsigned nkids;
    struct item *parent;
    long long size, align, offset;
} item;

typedef struct layout {
    tunit *t;
    long long pointer; /* the target's pointer (and size_t) width in bytes */
    item *top;         /* where the walk adds the next member */
} layout;

static item *add_item(layout *lo, const pl_field *fl, int is_union)
{
    item *it = xcalloc(1, sizeof *it);
    it->field = fl;
    it->is_union = is_union;
    it->parent = lo->top;
    VEC_PUSH(lo->top->kids, lo->top->nkids, it);
    return it;
}

static void on_field(void *arg, const pl_field *fl, int depth)
{
    (void)depth;
    add_item(arg, fl, 0);
}

static void on_open(void *arg, int is_union, int depth)
{
    (void)depth;
    layout *lo = arg;
    lo->top = add_item(lo, NULL, is_union);
}

static void on_close(void *arg, int depth)
{
    (void)depth;
    layout *lo = arg;
    lo->top = lo->top->parent;
}

static void free_items(item *it)
{
    for (unsigned i = 0; i < it->nkids; i++)
        free_items(it->kids[i]);
    free(it->kids);
    free(it);
}

static long long round_up(long long n, long long a)
{
    return a > 1 ? (n + a - 1) / a * a : n;
}

static int frame_size(layout *lo, const afn *f, long long *size, long long *align);

/* The size and alignment of a member; 0 when they cannot be known (an incomplete type). */
static int field_size(layout *lo, const pl_field *fl, long long *size, long long *align)
{
    switch (fl->size) {
    case PS_TYPE:
        *size = clang_Type_getSizeOf(fl->type);
        *align = clang_Type_getAlignOf(fl->type);
        if (*size < 0 || *align <= 0)
            return 0;
        break;
    case PS_POINTER:
        *size = *align = lo->pointer;
        break;
    case PS_WORD: /* int and unsigned: 4 bytes on every target asyncc's runtime supports */
        *size = *align = 4;
        break;
    case PS_FRAME:
        if (!fl->child->def || !frame_size(lo, fl->child->def, size, align))
            return 0;
        break;
    case PS_BYTES:
        *size = (long long)fl->bytes;
        *align = 16;
        break;
    }
    if ((long long)fl->align > *align)
        *align = (long long)fl->align;
    return 1;
}

/* The size and alignment of it and of what it holds, and each one's offset in it. */
static int measure(layout *lo, item *it)
{
    if (it->field)
        return field_size(lo, it->field, &it->size, &it->align);
    long long end = 0, align = 1;
    for (unsigned i = 0; i < it->nkids; i++) {
        item *k = it->kids[i];
        if (!measure(lo, k))
            return 0;
        k->offset = it->is_union ? 0 : round_up(end, k->align);
        end = k->offset + k->size > end ? k->offset + k->size : end;
        align = k->align > align ? k->align : align;
    }
    it->size = round_up(end, align);
    it->align = align;
    return 1;
}

static item *lay_out(layout *lo, const afn *f)
{
    static const pl_frame_visitor build = {on_field, on_open, on_close};
    item *root = xcalloc(1, sizeof *root);
    lo->top = root;
    pl_walk_frame(f->frame, &build, lo);
    if (!measure(lo, root)) {
        free_items(root);
        return NULL;
    }
    return root;
}

static int frame_size(layout *lo, const afn *f, long long *size, long long *align)
{
    item *saved = lo->top, *root = f->frame ? lay_out(lo, f) : NULL;
    lo->top = saved;
    if (!root)
        return 0;
    *size = root->size;
    *align = root->align;
    free_items(root);
    return 1;
}

/* The members under it, which starts at offset base of the frame. */
static void print_items(sb *b, const item *it, long long base, int depth)
{
    for (unsigned i = 0; i < it->nkids; i++) {
        const item *k = it->kids[i];
        if (!k->field) {
            sb_printf(b, "  %6s %6lld  %*s%s {%s\n", "", k->size, depth * 2, "", k->is_union ? "union" : "struct",
                      k->is_union ? "  (members share these bytes)" : "");
            print_items(b, k, base + k->offset, depth + 1);
            sb_printf(b, "  %6s %6s  %*s}\n", "", "", depth * 2, "");
            continue;
        }
        int width = 24 - depth * 2;
        sb_printf(b, "  %6lld %6lld  %*s%-*s %-28s %s\n", base + k->offset, k->size, depth * 2, "", width > 8 ? width : 8,
                  k->field->name, k->field->shown ? k->field->shown : "", k->field->what);
    }
}

static void print_states(sb *b, tunit *t, const afn *f)
{
    sb_printf(b, "  states:\n    0  start\n");
    for (unsigned k = 0; k < f->nsites; k++) {
        site *s = f->sites[k];
        sb_printf(b, "    %u  %s:%u  await %s(", s->index, t->input, dg_key_line(s->line), s->what);
        for (unsigned j = 0; j < s->nkids && s->kind != MK_AWAIT; j++)
            sb_printf(b, "%s%s()", j ? ", " : "", s->kids[j].fn->name);
        sb_puts(b, ")\n");
    }
    sb_puts(b, "    ready  result stored, state AC_STATE_DONE\n");
    if (f->self->never_suspends)
        sb_printf(b, "  never suspends: its body is the plain C function ac__now_%s; poll calls it, and so\n"
                     "  do the awaits of %s in functions defined after it in this file\n",
                  f->name, f->name);
    if (f->ndirect)
        sb_puts(b, "  direct calls (callees that never suspend: no state, no child frame):\n");
    for (unsigned k = 0; k < f->ndirect; k++) {
        node *aw = f->direct[k];
        node *call = an_unparen(aw->ops[0]);
        sb_printf(b, "       %s:%u  await %s()  ->  ac__now_%s()\n", t->input, dg_line_at(t, nstart(aw)), call->fn->name,
                  call->fn->name);
    }
}

char *in_frames(tunit *t)
{
    if (t->errors)
        return NULL;
    CXTargetInfo target = clang_getTranslationUnitTargetInfo(t->tu);
    layout lo = {t, target ? clang_TargetInfo_getPointerWidth(target) / 8 : (long long)sizeof(void *), NULL};
    if (target)
        clang_TargetInfo_dispose(target);
    sb b = {0};
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (!f->self || !f->frame)
            continue;
        sb_printf(&b, "async %s %s  (%s:%u)\n", f->self->ret_type ? f->self->ret_type : "void", f->name, t->input, f->line);
        item *root = lay_out(&lo, f);
        if (root) {
            sb_printf(&b, "  frame struct ac__frame_%s: %lld bytes, align %lld\n", f->name, root->size, root->align);
            sb_printf(&b, "  %6s %6s  field\n", "offset", "size");
            print_items(&b, root, 0, 0);
            free_items(root);
        } else {
            sb_printf(&b, "  frame struct ac__frame_%s: a member's size is unknown here\n", f->name);
        }
        print_states(&b, t, f);
        sb_putc(&b, '\n');
    }
    return sb_take(&b);
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
                      dg_key_line(f->sites[k]->line), f->sites[k]->what);
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
