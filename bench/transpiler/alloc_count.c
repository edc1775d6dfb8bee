/* bench/transpiler/alloc_count.c: an LD_PRELOAD shim that counts heap allocations (malloc,
 * calloc, realloc, aligned_alloc, posix_memalign, memalign) and writes the count to stderr as
 * `ALLOCS n` when the process exits. bench/run runs a program with two iteration counts and
 * divides the difference by the number of awaits (or spawns) in between.
 * build: cc -O2 -shared -fPIC alloc_count.c -o alloc_count.so */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static _Atomic unsigned long count;

void *malloc(size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n)
{
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p = memalign(align, n);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

__attribute__((destructor)) static void report(void)
{
    char line[64];
    int len = snprintf(line, sizeof line, "ALLOCS %lu\n", atomic_load(&count));
    if (write(2, line, (size_t)len) < 0)
        return;
}
