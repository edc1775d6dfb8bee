/* runtime/arena.c: what a task keeps beside its frame: the arena for callee frames that cannot be
 * embedded in their caller (size-class free lists over bump-allocated chunks; frames aligned
 * beyond 16 bytes are carved from a larger block, which they point back to), and the join handles
 * tied to the task (ac_task_scoped). Created by a task's first allocation or scoped handle. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "asyncc/task.h"
#include "task.h"
#include "task_state.h"
#include "worker.h"

#define CLASS_GRANULE 16u
#define CLASS_MAX 1024u /* larger frames come from the task allocator (alloc.c) directly */
#define NCLASSES (CLASS_MAX / CLASS_GRANULE)
#define FIRST_CHUNK 1024u
#define MAX_CHUNK (64u * 1024u)

struct chunk {
    struct chunk *next;
    size_t size;
    /* followed by the memory, 16-aligned */
};

struct free_block {
    struct free_block *next;
};

struct ac__arena {
    struct free_block *free[NCLASSES];
    struct chunk *chunks;
    char *bump, *end;
    size_t next_chunk;
    /* Tasks whose join handles ac_task_scoped tied to this task, each with a reference of ours
     * (so an entry never dangles once a join consumed the handle). */
    ac_task **scoped;
    size_t nscoped, scoped_cap;
};

static size_t class_of(size_t size)
{
    return size == 0 ? 0 : (size - 1) / CLASS_GRANULE;
}

static void *bump(struct ac__arena *a, size_t size)
{
    if ((size_t)(a->end - a->bump) < size) {
        size_t want = a->next_chunk;
        while (want < size + sizeof(struct chunk))
            want *= 2;
        if (a->next_chunk < MAX_CHUNK)
            a->next_chunk *= 2;
        /* Leftover space of the old chunk is abandoned: chunks are small and short-lived. */
        struct chunk *c = ac__mem_alloc(want);
        c->next = a->chunks;
        c->size = want;
        a->chunks = c;
        a->bump = (char *)c + ((sizeof(struct chunk) + 15) & ~(size_t)15);
        a->end = (char *)c + want;
    }
    void *p = a->bump;
    a->bump += size;
    return p;
}

static struct ac__arena *arena_of(ac_task *task)
{
    struct ac__arena *a = task->arena;
    if (AC__UNLIKELY(!a)) {
        a = ac__mem_alloc(sizeof *a);
        memset(a, 0, sizeof *a);
        a->next_chunk = FIRST_CHUNK;
        task->arena = a;
    }
    return a;
}

void *ac_frame_alloc(ac_cx *cx, size_t size)
{
    if (size > CLASS_MAX)
        return ac__mem_alloc(size);
    struct ac__arena *a = arena_of(cx->task);
    size_t c = class_of(size);
    struct free_block *b = a->free[c];
    if (b) {
        a->free[c] = b->next;
        return b;
    }
    return bump(a, (c + 1) * CLASS_GRANULE);
}

void ac_frame_free(ac_cx *cx, void *frame, size_t size)
{
    if (!frame)
        return;
    if (size > CLASS_MAX) {
        ac__mem_free(frame, size);
        return;
    }
    struct ac__arena *a = cx->task->arena;
    if (!a)
        ac__panic("ac_frame_free of %p (%zu bytes) by a task that never allocated", frame, size);
    size_t c = class_of(size);
    struct free_block *b = frame;
    b->next = a->free[c];
    a->free[c] = b;
}

/* A frame aligned beyond 16 bytes (an _Alignas(64) local or result): a block ALIGN bytes larger,
 * the frame at the first ALIGN boundary at least 16 bytes into it, and the block's address in the
 * 8 bytes in front of the frame. Blocks are 16-aligned, so the frame starts at most ALIGN bytes
 * in and ends inside the block. */
static void *alloc_aligned(ac_cx *cx, size_t size, size_t align)
{
    if (size > SIZE_MAX - align)
        ac__panic("a frame of %zu bytes aligned to %zu does not fit in memory", size, align);
    char *block = ac_frame_alloc(cx, size + align);
    char *frame = (char *)(((uintptr_t)block + 16 + align - 1) & ~(uintptr_t)(align - 1));
    ((void **)frame)[-1] = block;
    return frame;
}

void *ac_frame_alloc_type(ac_cx *cx, const ac_future_type *type)
{
    if (AC__LIKELY(type->frame_align <= 16))
        return ac_frame_alloc(cx, type->frame_size);
    return alloc_aligned(cx, type->frame_size, type->frame_align);
}

void ac_frame_free_type(ac_cx *cx, void *frame, const ac_future_type *type)
{
    if (AC__LIKELY(type->frame_align <= 16))
        ac_frame_free(cx, frame, type->frame_size);
    else if (frame)
        ac_frame_free(cx, ((void **)frame)[-1], type->frame_size + type->frame_align);
}

/* ------------------------------------------------------------------------------------------ */
/* Join handles tied to the task that holds them                                              */

/* Drops the entries whose handle is no longer the task's (joined, detached, aborted, given to a
 * group): a task that spawns and joins many scoped tasks keeps only those it still holds. */
static void prune_scoped(struct ac__arena *a)
{
    size_t kept = 0;
    for (size_t i = 0; i < a->nscoped; i++) {
        ac_task *t = a->scoped[i];
        if (ac__state_scope_holds(t))
            a->scoped[kept++] = t;
        else
            ac__task_unref(t);
    }
    a->nscoped = kept;
}

/* Room for one more entry: pruned when full, and grown when more than half are still held
 * after that, so the work of pruning stays proportional to the spawns. */
static bool scoped_room(struct ac__arena *a)
{
    if (a->nscoped < a->scoped_cap)
        return true;
    prune_scoped(a);
    if (a->nscoped * 2 <= a->scoped_cap && a->nscoped < a->scoped_cap)
        return true;
    size_t cap = a->scoped_cap ? 2 * a->scoped_cap : 4;
    ac_task **more = realloc(a->scoped, cap * sizeof *more);
    if (!more)
        return a->nscoped < a->scoped_cap;
    a->scoped = more;
    a->scoped_cap = cap;
    return true;
}

ac_task *ac_task_scoped(ac_task *task)
{
    struct ac__worker *w = ac__current;
    ac_task *holder = w ? w->polling : NULL;
    if (!task || !holder || holder == task)
        return task;
    struct ac__arena *a = arena_of(holder);
    if (!scoped_room(a))
        return task; /* out of memory: the handle stays the caller's, untied */
    ac__task_ref(task);
    ac__state_set_scoped(task, true);
    a->scoped[a->nscoped++] = task;
    return task;
}

void ac__arena_end_scope(struct ac__arena *a)
{
    for (size_t i = 0; i < a->nscoped; i++) {
        ac_task *t = a->scoped[i];
        (void)ac__state_scope_release(t); /* never the last reference: ours is held */
        ac__task_unref(t);
    }
    free(a->scoped);
    a->scoped = NULL;
    a->nscoped = a->scoped_cap = 0;
}

void ac__arena_destroy(struct ac__arena *a)
{
    free(a->scoped); /* empty unless the task never finished (freed at shutdown) */
    struct chunk *c = a->chunks;
    while (c) {
        struct chunk *next = c->next;
        ac__mem_free(c, c->size);
        c = next;
    }
    ac__mem_free(a, sizeof *a);
}
