/* runtime/alloc.h: the allocator of tasks and arenas (alloc.c): blocks of size classes carved from
 * chunks, and the marks on chunked blocks by which the registry of live tasks finds them. */
#ifndef ASYNCC_RUNTIME_ALLOC_H
#define ASYNCC_RUNTIME_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

/* Memory of tasks and arenas (alloc.c): 16-aligned; free takes the size given to alloc. */
void *ac__mem_alloc(size_t size);
void ac__mem_free(void *ptr, size_t size);

/* Under AddressSanitizer every block comes from malloc, so ASan sees each task's lifetime;
 * otherwise blocks up to AC__MEM_CHUNKED_MAX bytes come from the allocator's chunks. */
#if defined(__SANITIZE_ADDRESS__)
#define AC__MEM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC__MEM_MALLOC 1
#endif
#endif
#ifndef AC__MEM_MALLOC
#define AC__MEM_MALLOC 0
#endif
#define AC__MEM_CHUNKED_MAX (AC__MEM_MALLOC ? 0u : 65536u)

/* Whether ac__mem_alloc(size) returns a block of a chunk, which can carry a mark. */
static inline bool ac__mem_chunked(size_t size)
{
    return size <= AC__MEM_CHUNKED_MAX;
}
/* Marks of the task registry on chunked blocks: mark publishes (release) a block as a live
 * task, unmark withdraws it (seq_cst), foreach_marked visits the blocks marked when it reads
 * their marks (seq_cst loads). The caller keeps marked blocks from being freed meanwhile. */
void ac__mem_mark(void *block);
void ac__mem_unmark(void *block);
void ac__mem_foreach_marked(void (*fn)(void *block, void *arg), void *arg);

#endif
