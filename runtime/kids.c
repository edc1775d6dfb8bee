/* runtime/kids.c: the children an async function's frame awaits, from its ac__kids_f table
 * (future.h: ac_kid_info): dropped when the frame is (ac__drop_kids, and ac__drop for a type
 * without a drop function), listed for task dumps; and the budget the children of a select or a
 * timeout share (ac__coop_left, ac__coop_grant), and where a fair select starts (ac__select_start). */
#include <stdint.h>

#include "task.h"

/* Whether row k's child is pending in frame (a join's finished ones have their bit in the mask),
 * and its frame. */
static void *pending_child(void *frame, const ac_kid_info *k)
{
    if (k->mask_bit && (*(const unsigned *)((const char *)frame + k->mask_offset) & k->mask_bit))
        return NULL;
    char *at = (char *)frame + k->offset;
    return k->indirect ? *(void **)at : at;
}

void ac__drop_kids(void *frame, ac_cx *cx, const ac_kid_info *kids)
{
    unsigned state = ((ac_frame *)frame)->state;
    for (const ac_kid_info *k = kids; k->state; k++) {
        void *child = k->state == state ? pending_child(frame, k) : NULL;
        if (!child)
            continue;
        ac__drop(k->type, child, cx);
        if (k->indirect)
            ac_frame_free_type(cx, child, k->type);
    }
}

void ac__drop(const ac_future_type *type, void *frame, ac_cx *cx)
{
    if (type->drop)
        type->drop(frame, cx);
    else if (type->kids) /* neither: a future written by hand with nothing to cancel */
        ac__drop_kids(frame, cx, type->kids);
}

unsigned ac__kids_pending(const ac_kid_info *kids, void *frame, void **frames, const ac_future_type **types,
                          unsigned max, unsigned *rows)
{
    unsigned state = ((ac_frame *)frame)->state, n = 0;
    *rows = 0;
    for (const ac_kid_info *k = kids; k->state; k++) {
        if (k->state != state)
            continue;
        ++*rows;
        void *child = pending_child(frame, k);
        if (child && n < max) {
            frames[n] = child;
            types[n++] = k->type;
        }
    }
    return n;
}

int ac__coop_left(ac_cx *cx)
{
    return cx->budget != 0;
}

void ac__coop_grant(ac_cx *cx, int left)
{
    if (left && !cx->budget)
        cx->budget = 1;
}

unsigned ac__select_start(unsigned n)
{
    static _Thread_local uint32_t x; /* xorshift32, one per thread (Tokio's thread-local RNG) */
    if (!x)
        x = (uint32_t)(uintptr_t)&x | 1u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return n ? x % n : 0;
}
