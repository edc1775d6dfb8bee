/* runtime/alloc.c: the memory of tasks and task arenas. Size classes with a free list per class
 * cached in each thread, a shared pool per class behind it, and fresh blocks carved from chunks
 * mapped from the kernel (2 MiB, huge pages where allowed): spawning and freeing a task takes
 * no lock and no system call in the steady state. (glibc grows a thread's heap with an mprotect call for nearly every new task,
 * which was a fifth of the cost of a spawn.)
 *
 * Callers pass the size to free, as they know it (a task's type gives it), so blocks need no
 * header. Memory is reused, never returned to the kernel. Under AddressSanitizer every call
 * goes to malloc and free instead, so ASan still sees each task's lifetime.
 *
 * Each chunk also keeps one bit per 16 bytes saying whether a live task starts there: the
 * registry of live tasks (task.c) costs one atomic bit flip on spawn and on free, no lock, no
 * list links in the task, and no write to a neighbouring task's cold cache line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"
#include "fork.h"
#include "worker.h"

#if !AC__MEM_MALLOC

/* Classes: 16-byte steps up to 1 KiB, then four steps per power of two up to 64 KiB. */
#define SMALL_MAX 1024u
#define NSMALL (SMALL_MAX / 16)
#define NCLASSES (NSMALL + 6 * 4)
#define CHUNK_SIZE ((size_t)2 << 20)

struct block {
    struct block *next;       /* the next block of its list */
    struct block *next_batch; /* on the first block of a batch in the pool: the next batch */
};

/* The head of every chunk: the list of all chunks, and the marks of live tasks, one bit per
 * 16 bytes of the chunk. Blocks are carved after it. */
#define MARK_WORDS (CHUNK_SIZE / 16 / 64)
struct chunk {
    struct chunk *next;
    _Alignas(AC__CACHELINE) _Atomic uint64_t marks[MARK_WORDS];
};

static struct chunk *_Atomic chunks; /* every chunk ever mapped: a stack, never popped */

/* Where the gdb extension (tools/gdb/asyncc-gdb.py) finds the chunks and their marks of live
 * tasks without running code (in a core file too): 8-byte words, the version first. */
__attribute__((used)) const struct ac__debug_chunks {
    uint64_t version;
    struct chunk *_Atomic *head;
    uint64_t chunk_size, next_offset, marks_offset, mark_words, granule;
} ac__debug_chunks = {1, &chunks, CHUNK_SIZE, offsetof(struct chunk, next), offsetof(struct chunk, marks),
                      MARK_WORDS, 16};

/* Per class, a thread holds a list of fewer than a batch of blocks, and at most one full batch
 * more: blocks move to and from the pool a whole batch at a time, without walking a list. */
struct thread_cache {
    struct block *head[NCLASSES]; /* NULL-terminated, count[c] blocks */
    struct block *full[NCLASSES]; /* NULL or a list of exactly batch_of(c) blocks */
    unsigned count[NCLASSES];
    char *bump, *end; /* the rest of this thread's current chunk */
    bool registered;  /* the exit destructor is armed */
};

/* The pool: full batches, and the loose blocks of threads that exited. The heads are written
 * under the lock and read without it only to peek. */
static struct pool {
    _Alignas(AC__CACHELINE) ac__spinlock lock;
    struct block *_Atomic batches; /* linked through next_batch */
    struct block *_Atomic loose;
} pools[NCLASSES];

static __thread struct thread_cache cache;
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static unsigned class_of(size_t size)
{
    if (size <= SMALL_MAX)
        return size == 0 ? 0 : (unsigned)((size - 1) / 16);
    unsigned b = 63u - (unsigned)__builtin_clzll(size - 1); /* size in (2^b, 2^(b+1)] */
    unsigned sub = (unsigned)((size - 1) >> (b - 2)) & 3u;
    return NSMALL + (b - 10) * 4 + sub;
}

static size_t class_size(unsigned c)
{
    if (c < NSMALL)
        return (size_t)(c + 1) * 16;
    unsigned b = (c - NSMALL) / 4 + 10, sub = (c - NSMALL) % 4;
    return ((size_t)1 << b) + (size_t)(sub + 1) * ((size_t)1 << (b - 2));
}

/* How many blocks move between a thread and the pool at once: 8-16 KiB worth, at least 4 and
 * at most 128 (a shift, not a division: it is computed on every free). */
static unsigned batch_of(unsigned c)
{
    size_t size = class_size(c);
    unsigned log = 64u - (unsigned)__builtin_clzll(size - 1); /* size <= 2^log */
    unsigned n = log >= 14 ? 1 : 16384u >> log;
    return n < 4 ? 4 : n > 128 ? 128 : n;
}

static void pool_push_batch(unsigned c, struct block *batch)
{
    struct pool *p = &pools[c];
    ac__spin_lock(&p->lock);
    batch->next_batch = atomic_load_explicit(&p->batches, memory_order_relaxed);
    atomic_store_explicit(&p->batches, batch, memory_order_relaxed);
    ac__spin_unlock(&p->lock);
}

/* Takes a batch from the pool, or up to a batch of its loose blocks: a NULL-terminated list,
 * its length in *n; NULL when the pool is empty. */
static struct block *pool_pop(unsigned c, unsigned *n)
{
    struct pool *p = &pools[c];
    if (!atomic_load_explicit(&p->batches, memory_order_relaxed) &&
        !atomic_load_explicit(&p->loose, memory_order_relaxed))
        return NULL; /* a peek: the lock decides */
    ac__spin_lock(&p->lock);
    struct block *b = atomic_load_explicit(&p->batches, memory_order_relaxed);
    if (b) {
        atomic_store_explicit(&p->batches, b->next_batch, memory_order_relaxed);
        *n = batch_of(c);
    } else if ((b = atomic_load_explicit(&p->loose, memory_order_relaxed))) {
        struct block *last = b;
        unsigned k = 1, want = batch_of(c);
        while (k < want && last->next) {
            last = last->next;
            k++;
        }
        atomic_store_explicit(&p->loose, last->next, memory_order_relaxed);
        last->next = NULL;
        *n = k;
    }
    ac__spin_unlock(&p->lock);
    return b;
}

static void thread_exit(void *arg)
{
    struct thread_cache *tc = arg;
    for (unsigned c = 0; c < NCLASSES; c++) {
        if (tc->full[c])
            pool_push_batch(c, tc->full[c]);
        struct block *first = tc->head[c];
        if (first) {
            struct block *last = first;
            while (last->next)
                last = last->next;
            struct pool *p = &pools[c];
            ac__spin_lock(&p->lock);
            last->next = atomic_load_explicit(&p->loose, memory_order_relaxed);
            atomic_store_explicit(&p->loose, first, memory_order_relaxed);
            ac__spin_unlock(&p->lock);
        }
        tc->head[c] = tc->full[c] = NULL;
        tc->count[c] = 0;
    }
}

static void make_exit_key(void)
{
    if (pthread_key_create(&exit_key, thread_exit) != 0)
        ac__panic("pthread_key_create failed");
}

static void register_exit(struct thread_cache *tc)
{
    pthread_once(&exit_once, make_exit_key);
    pthread_setspecific(exit_key, tc);
    tc->registered = true;
}

/* A huge page usually costs a few hundred microseconds to fault in, but when free memory is
 * fragmented the kernel compacts it first (THP defrag "madvise", Debian's default) and one
 * fault can take 5-10 ms: more than faulting its 512 small pages one by one (about 3 ms in
 * this VM). After such a fault the next SMALL_PAGE_CHUNKS chunks use small pages; then huge
 * pages are tried again. Races between threads only shift when that happens. */
#define HUGE_PAGE_SLOW (AC__CHEAP_30US * 100) /* about 3 ms */
#define SMALL_PAGE_CHUNKS 8
static _Atomic unsigned small_page_chunks;

static bool want_huge_page(void)
{
    unsigned left = atomic_load_explicit(&small_page_chunks, memory_order_relaxed);
    if (!left)
        return true;
    atomic_store_explicit(&small_page_chunks, left - 1, memory_order_relaxed);
    return false;
}

static void huge_page_took(uint64_t cycles)
{
    if (cycles > HUGE_PAGE_SLOW)
        atomic_store_explicit(&small_page_chunks, SMALL_PAGE_CHUNKS, memory_order_relaxed);
}

static void *carve(struct thread_cache *tc, size_t size)
{
    if ((size_t)(tc->end - tc->bump) < size) {
        /* The tail of the old chunk (less than the largest class) is left unused. A chunk is
         * one transparent huge page where the kernel allows them (mapped twice as large to
         * align it): ten thousand 4 KiB frames then cost a few page faults, not ten thousand. */
        char *raw = mmap(NULL, 2 * CHUNK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            ac__panic("out of memory mapping %zu bytes for tasks: %s", CHUNK_SIZE, strerror(errno));
        char *m = (char *)(((uintptr_t)raw + CHUNK_SIZE - 1) & ~(uintptr_t)(CHUNK_SIZE - 1));
        if (m > raw)
            munmap(raw, (size_t)(m - raw));
        munmap(m + CHUNK_SIZE, (size_t)(raw + CHUNK_SIZE - m));
        bool huge = want_huge_page();
        if (huge)
            madvise(m, CHUNK_SIZE, MADV_HUGEPAGE);
        struct chunk *c = (struct chunk *)m; /* fresh pages are zero: no marks yet */
        uint64_t t0 = ac__cheap_clock();
        atomic_signal_fence(memory_order_seq_cst);
        c->next = atomic_load_explicit(&chunks, memory_order_relaxed); /* the page fault */
        atomic_signal_fence(memory_order_seq_cst);
        if (huge)
            huge_page_took(ac__cheap_clock() - t0);
        while (!atomic_compare_exchange_weak_explicit(&chunks, &c->next, c, memory_order_release,
                                                      memory_order_relaxed))
            ;
        tc->bump = m + sizeof(struct chunk);
        tc->end = m + CHUNK_SIZE;
        if (!tc->registered)
            register_exit(tc);
    }
    void *p = tc->bump;
    tc->bump += size;
    return p;
}

void *ac__mem_alloc(size_t size)
{
    if (size > AC__MEM_CHUNKED_MAX) {
        void *p = malloc(size);
        if (!p)
            ac__panic("out of memory allocating %zu bytes", size);
        return p;
    }
    unsigned c = class_of(size);
    struct thread_cache *tc = &cache;
    struct block *b = tc->head[c];
    if (AC__LIKELY(b)) {
        tc->head[c] = b->next;
        tc->count[c]--;
        return b;
    }
    unsigned n;
    if ((b = tc->full[c])) {
        tc->full[c] = NULL;
        n = batch_of(c);
    } else {
        b = pool_pop(c, &n);
    }
    if (b) {
        tc->head[c] = b->next;
        tc->count[c] = n - 1;
        return b;
    }
    return carve(tc, class_size(c));
}

void ac__mem_free(void *ptr, size_t size)
{
    if (!ptr)
        return;
    if (size > AC__MEM_CHUNKED_MAX) {
        free(ptr);
        return;
    }
    unsigned c = class_of(size);
    struct thread_cache *tc = &cache;
    struct block *b = ptr;
    b->next = tc->head[c];
    tc->head[c] = b;
    if (AC__UNLIKELY(++tc->count[c] == batch_of(c))) {
        if (tc->full[c])
            pool_push_batch(c, tc->full[c]);
        tc->full[c] = b;
        tc->head[c] = NULL;
        tc->count[c] = 0;
    }
    if (AC__UNLIKELY(!tc->registered))
        register_exit(tc);
}

void ac__alloc_before_fork(void)
{
    for (unsigned c = 0; c < NCLASSES; c++)
        ac__spin_lock(&pools[c].lock);
}

void ac__alloc_parent_after_fork(void)
{
    for (unsigned c = 0; c < NCLASSES; c++)
        ac__spin_unlock(&pools[c].lock);
}

void ac__alloc_after_fork(void)
{
    for (unsigned c = 0; c < NCLASSES; c++)
        ac__spin_init(&pools[c].lock);
}

_Static_assert((SMALL_MAX << (NCLASSES - NSMALL) / 4) == AC__MEM_CHUNKED_MAX,
               "the largest class is AC__MEM_CHUNKED_MAX");

void ac__mem_mark(void *block)
{
    struct chunk *c = (struct chunk *)((uintptr_t)block & ~(uintptr_t)(CHUNK_SIZE - 1));
    size_t i = ((uintptr_t)block - (uintptr_t)c) / 16;
    /* Release: whoever sees the mark sees the task it marks initialized. */
    atomic_fetch_or_explicit(&c->marks[i / 64], (uint64_t)1 << (i % 64), memory_order_release);
}

void ac__mem_unmark(void *block)
{
    struct chunk *c = (struct chunk *)((uintptr_t)block & ~(uintptr_t)(CHUNK_SIZE - 1));
    size_t i = ((uintptr_t)block - (uintptr_t)c) / 16;
    atomic_fetch_and_explicit(&c->marks[i / 64], ~((uint64_t)1 << (i % 64)), memory_order_seq_cst);
}

void ac__mem_foreach_marked(void (*fn)(void *block, void *arg), void *arg)
{
    for (struct chunk *c = atomic_load_explicit(&chunks, memory_order_acquire); c; c = c->next)
        for (size_t w = 0; w < MARK_WORDS; w++) {
            uint64_t bits = atomic_load_explicit(&c->marks[w], memory_order_seq_cst);
            while (bits) {
                unsigned b = (unsigned)__builtin_ctzll(bits);
                bits &= bits - 1;
                fn((char *)c + (w * 64 + b) * 16, arg);
            }
        }
}

#else /* AC__MEM_MALLOC */

/* No chunks: every task is in task.c's list (see the other ac__debug_chunks). */
__attribute__((used)) const struct ac__debug_chunks {
    uint64_t version;
    void *head;
} ac__debug_chunks = {1, NULL};

void *ac__mem_alloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        ac__panic("out of memory allocating %zu bytes", size);
    return p;
}

void ac__mem_free(void *ptr, size_t size)
{
    (void)size;
    free(ptr);
}

void ac__mem_mark(void *block)
{
    ac__panic("ac__mem_mark(%p) without chunks", block);
}

void ac__mem_unmark(void *block)
{
    ac__panic("ac__mem_unmark(%p) without chunks", block);
}

void ac__mem_foreach_marked(void (*fn)(void *block, void *arg), void *arg)
{
    (void)fn;
    (void)arg;
}

void ac__alloc_before_fork(void)
{
}

void ac__alloc_parent_after_fork(void)
{
}

void ac__alloc_after_fork(void)
{
}

#endif
