/* runtime/debug_copies.c: for debuggers, in unoptimized builds: the bytes that keep the debug
 * copies of a frame whose size a header promises, beside the frame rather than in it. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asyncc/future.h>
#include "fork.h"

/*
 * At -O0 a suspension copies the C locals in scope to the frame's member ac__dbg, and the
 * resumption copies them back, so that gdb shows their last values (transpiler/lower_locals.c).
 * A frame whose size a header promises (ac__frame_size_f) has no room for that member: other
 * files keep it in that many bytes whatever their -O. Its copies live here instead, in a block
 * per frame address, made by the first suspension and freed when the frame finishes or is
 * dropped. Only code built without __OPTIMIZE__ calls this, so a lock and a chained table are
 * enough. The gdb extension finds a frame's block through ac__debug_copy_table (asyncc_gdb/
 * frames.py): keep the names and layout in step.
 */

typedef struct ac__debug_copy {
    struct ac__debug_copy *next;
    const void *frame;
    size_t size;
    _Alignas(16) unsigned char bytes[];
} ac__debug_copy;

enum { BUCKETS = 1024 };

struct ac__debug_copy_table {
    unsigned buckets;
    ac__debug_copy *chain[BUCKETS];
};
AC_EXPORT struct ac__debug_copy_table ac__debug_copy_table = {BUCKETS, {0}};
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void ac__debug_copies_before_fork(void)
{
    pthread_mutex_lock(&lock);
}

void ac__debug_copies_parent_after_fork(void)
{
    pthread_mutex_unlock(&lock);
}

void ac__debug_copies_after_fork(void)
{
    pthread_mutex_init(&lock, NULL);
}

static unsigned bucket(const void *frame)
{
    uintptr_t a = (uintptr_t)frame >> 4;
    return (unsigned)((a ^ (a >> 10) ^ (a >> 20)) % BUCKETS);
}

void *ac__debug_copies(const void *frame, size_t size)
{
    pthread_mutex_lock(&lock);
    ac__debug_copy **at = &ac__debug_copy_table.chain[bucket(frame)], *c = *at;
    while (c && c->frame != frame)
        c = c->next;
    if (c && c->size < size) { /* a frame of another function at that address, never freed */
        for (ac__debug_copy **p = at; *p; p = &(*p)->next)
            if (*p == c) {
                *p = c->next;
                break;
            }
        free(c);
        c = NULL;
    }
    if (!c && (c = calloc(1, sizeof *c + size)) != NULL) {
        c->frame = frame;
        c->size = size;
        c->next = *at;
        *at = c;
    }
    pthread_mutex_unlock(&lock);
    return c ? c->bytes : NULL;
}

void ac__debug_copies_free(const void *frame)
{
    pthread_mutex_lock(&lock);
    for (ac__debug_copy **p = &ac__debug_copy_table.chain[bucket(frame)]; *p; p = &(*p)->next)
        if ((*p)->frame == frame) {
            ac__debug_copy *c = *p;
            *p = c->next;
            free(c);
            break;
        }
    pthread_mutex_unlock(&lock);
}
