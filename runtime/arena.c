/* runtime/arena.c: the per-task arena for callee frames that cannot be embedded in their caller.
 * Size-class free lists over bump-allocated chunks; created by a task's first allocation. Frames
 * aligned beyond 16 bytes are carved from a larger block, which they point back to. */
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "task.h"

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

void *ac_frame_alloc(ac_cx *cx, size_t size)
{
    if (size > CLASS_MAX)
        return ac__mem_alloc(size);
    ac_task *task = cx->task;
    struct ac__arena *a = task->arena;
    if (AC__UNLIKELY(!a)) {
        a = ac__mem_alloc(sizeof *a);
        memset(a, 0, sizeof *a);
        a->next_chunk = FIRST_CHUNK;
        task->arena = a;
    }
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

void ac__arena_destroy(struct ac__arena *a)
{
    struct chunk *c = a->chunks;
    while (c) {
        struct chunk *next = c->next;
        ac__mem_free(c, c->size);
        c = next;
    }
    ac__mem_free(a, sizeof *a);
}
