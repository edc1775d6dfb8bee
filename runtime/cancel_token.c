/* runtime/cancel_token.c: ac_cancel_token: a tree of flags under one lock (cancellation is
 * rare, so one lock for every tree is simple and cheap), each with the tasks awaiting it. */
#include <stdlib.h>
#include <string.h>

#include "asyncc/taskgroup.h"
#include "fork.h"
#include "sync.h"
#include "task.h"

struct ac_cancel_token {
    _Atomic bool cancelled; /* set under tree_lock; read without it */
    unsigned refs;
    ac_cancel_token *parent, *children, *next_sibling, *prev_sibling;
    struct ac__waitq waiters;
};

static ac__spinlock tree_lock;

void ac__cancel_token_before_fork(void)
{
    ac__spin_lock(&tree_lock);
}

void ac__cancel_token_parent_after_fork(void)
{
    ac__spin_unlock(&tree_lock);
}

void ac__cancel_token_after_fork(void)
{
    ac__spin_init(&tree_lock);
}

static ac_cancel_token *token_alloc(void)
{
    ac_cancel_token *t = calloc(1, sizeof *t);
    if (t)
        t->refs = 1;
    return t;
}

ac_cancel_token *ac_cancel_token_new(void)
{
    return token_alloc();
}

/* With tree_lock held: marks t, collecting its waiters' wakers. */
static void mark_cancelled(ac_cancel_token *t, struct ac__wakelist *wake)
{
    if (atomic_load_explicit(&t->cancelled, memory_order_relaxed))
        return;
    atomic_store_explicit(&t->cancelled, true, memory_order_release);
    struct ac__waiter *w;
    while ((w = t->waiters.head))
        ac__wakelist_push(wake, ac__waiter_dequeue(&t->waiters, w, 1));
}

/* The token after at in a depth-first walk of the tree under top, or NULL at its end. */
static ac_cancel_token *next_below(ac_cancel_token *top, ac_cancel_token *at)
{
    if (at->children)
        return at->children;
    while (at != top && !at->next_sibling)
        at = at->parent;
    return at == top ? NULL : at->next_sibling;
}

/* With tree_lock held: marks t and its descendants. A walk, not a recursion: a chain of child
 * tokens (each made from the last) may be deeper than a thread's stack. */
static void cancel_locked(ac_cancel_token *t, struct ac__wakelist *wake)
{
    for (ac_cancel_token *at = t; at; at = next_below(t, at))
        mark_cancelled(at, wake);
}

/* With tree_lock held: makes t the first child of parent (NULL: a root of its own). */
static void link_child(ac_cancel_token *parent, ac_cancel_token *t)
{
    t->parent = parent;
    t->prev_sibling = NULL;
    t->next_sibling = parent ? parent->children : NULL;
    if (t->next_sibling)
        t->next_sibling->prev_sibling = t;
    if (parent)
        parent->children = t;
}

/* With tree_lock held: takes t out of its parent's list of children. */
static void unlink_sibling(ac_cancel_token *t)
{
    if (t->prev_sibling)
        t->prev_sibling->next_sibling = t->next_sibling;
    else if (t->parent)
        t->parent->children = t->next_sibling;
    if (t->next_sibling)
        t->next_sibling->prev_sibling = t->prev_sibling;
}

ac_cancel_token *ac_cancel_token_child(ac_cancel_token *parent)
{
    ac_cancel_token *t = token_alloc();
    if (!t)
        return NULL;
    ac__spin_lock(&tree_lock);
    link_child(parent, t);
    if (atomic_load_explicit(&parent->cancelled, memory_order_relaxed))
        atomic_store_explicit(&t->cancelled, true, memory_order_release);
    ac__spin_unlock(&tree_lock);
    return t;
}

ac_cancel_token *ac_cancel_token_clone(ac_cancel_token *t)
{
    ac__spin_lock(&tree_lock);
    t->refs++;
    ac__spin_unlock(&tree_lock);
    return t;
}

void ac_cancel_token_free(ac_cancel_token *t)
{
    if (!t)
        return;
    ac__spin_lock(&tree_lock);
    if (--t->refs) {
        ac__spin_unlock(&tree_lock);
        return;
    }
    if (t->waiters.head)
        ac__panic("freeing a cancellation token that tasks are waiting on");
    unlink_sibling(t);
    for (ac_cancel_token *c = t->children, *next; c; c = next) {
        next = c->next_sibling;
        link_child(t->parent, c);
    }
    ac__spin_unlock(&tree_lock);
    free(t);
}

void ac_cancel_token_cancel(ac_cancel_token *t)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__spin_lock(&tree_lock);
    cancel_locked(t, &wake);
    ac__spin_unlock(&tree_lock);
    ac__wakelist_wake(&wake);
}

bool ac_cancel_token_is_cancelled(ac_cancel_token *t)
{
    return atomic_load_explicit(&t->cancelled, memory_order_acquire);
}

struct cancelled_frame {
    unsigned state; /* 0, 1: waiting, DONE */
    ac_cancel_token *t;
    struct ac__waiter waiter;
};

static int cancelled_poll(void *frame, ac_cx *cx)
{
    struct cancelled_frame *f = frame;
    /* Woken: done without reading the token, which its canceller may have freed since. */
    if (f->state == 1 && !ac__waiter_granted(&f->waiter))
        return AC_PENDING;
    if (f->state == 0 && !ac__coop_check(cx)) /* a cancelled token completes it at once */
        return AC_PENDING;
    if (f->state == 0 && !ac_cancel_token_is_cancelled(f->t)) {
        ac__spin_lock(&tree_lock);
        bool pending = !atomic_load_explicit(&f->t->cancelled, memory_order_relaxed);
        if (pending) {
            memset(&f->waiter, 0, sizeof f->waiter);
            f->waiter.waker = ac_cx_waker(cx);
            ac__waitq_push(&f->t->waiters, &f->waiter);
            f->state = 1;
        }
        ac__spin_unlock(&tree_lock);
        if (pending)
            return AC_PENDING;
    }
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void cancelled_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct cancelled_frame *f = frame;
    ac_waker w = {NULL};
    if (f->state == 1 && !ac__waiter_granted(&f->waiter)) {
        ac__spin_lock(&tree_lock);
        if (f->waiter.queued) {
            ac__waitq_remove(&f->t->waiters, &f->waiter);
            w = f->waiter.waker;
        }
        ac__spin_unlock(&tree_lock);
    }
    ac_waker_drop(w);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE_VOID(ac_cancel_token_cancelled, struct cancelled_frame, cancelled_poll,
                   cancelled_drop, "cancellation token");

AC_EXPORT void ac__init_ac_cancel_token_cancelled(void *frame, ac_cancel_token *t);
void ac__init_ac_cancel_token_cancelled(void *frame, ac_cancel_token *t)
{
    struct cancelled_frame *f = frame;
    f->state = 0;
    f->t = t;
}
