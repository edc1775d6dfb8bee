/* tests/runtime/test_alloc.c: the task allocator (runtime/alloc.c): every size class is
 * 16-aligned and blocks never overlap; blocks freed on one thread serve another once the first
 * exits; and four threads handing blocks to each other keep every byte intact. */
#include <pthread.h>

#include "../../runtime/alloc.h"
#include "stress.h"
#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define SYSTEM_MALLOC 1 /* alloc.c hands everything to malloc under ASan */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SYSTEM_MALLOC 1
#endif
#endif

static unsigned char tag_of(size_t i)
{
    return (unsigned char)(i * 131 + 7);
}

/* One block of each size up to 70,000 bytes (some steps skipped), all alive at once. */
static void sizes_do_not_overlap(void)
{
    enum { N = 4000 };
    static unsigned char *blocks[N];
    static size_t sizes[N];
    size_t n = 0;
    for (size_t size = 1; size <= 70000 && n < N; size += size < 2100 ? 1 : 97) {
        unsigned char *p = ac__mem_alloc(size);
        CHECK(p);
        CHECK_EQ((uintptr_t)p % 16, 0);
        memset(p, tag_of(n), size);
        blocks[n] = p;
        sizes[n++] = size;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < sizes[i]; j++)
            if (blocks[i][j] != tag_of(i))
                CHECK(!"a block was overwritten by another");
        ac__mem_free(blocks[i], sizes[i]);
    }
    ac__mem_free(NULL, 16); /* like free(NULL) */
}

/* ------------------------------------------------------------------------------------------ */

enum { HANDOFF = 5000 };
static void *handed[HANDOFF];

static void *free_them(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < HANDOFF; i++)
        ac__mem_free(handed[i], 160);
    return NULL;
}

/* Blocks freed by a thread that then exits go to the shared pool, where others find them. */
static void freed_elsewhere_are_reused(void)
{
    for (size_t i = 0; i < HANDOFF; i++)
        handed[i] = ac__mem_alloc(160);
    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, free_them, NULL), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    size_t reused = 0;
    void **again = malloc(HANDOFF * sizeof *again);
    CHECK(again);
    for (size_t i = 0; i < HANDOFF; i++) {
        again[i] = ac__mem_alloc(150); /* the same class as 160 */
        for (size_t j = 0; j < HANDOFF; j++)
            if (again[i] == handed[j]) {
                reused++;
                break;
            }
    }
#ifndef SYSTEM_MALLOC
    CHECK_EQ(reused, HANDOFF);
#endif
    for (size_t i = 0; i < HANDOFF; i++)
        ac__mem_free(again[i], 150);
    free(again);
}

/* ------------------------------------------------------------------------------------------ */

#define THREADS 4
#define ROUNDS STRESS_N(200000, 4)
#define SLOTS 64

struct msg {
    unsigned owner, seq;
    size_t size;
};

/* A slot array the threads trade blocks through, under one mutex. */
static pthread_mutex_t trade_lock = PTHREAD_MUTEX_INITIALIZER;
static struct msg *trade[SLOTS];

static void fill(struct msg *m, size_t size, unsigned owner, unsigned seq)
{
    m->owner = owner;
    m->seq = seq;
    m->size = size;
    memset(m + 1, (int)(owner * 31 + seq), size - sizeof *m);
}

static void verify_and_free(struct msg *m)
{
    unsigned char want = (unsigned char)(m->owner * 31 + m->seq);
    const unsigned char *p = (const unsigned char *)(m + 1);
    for (size_t i = 0; i < m->size - sizeof *m; i++)
        if (p[i] != want)
            CHECK(!"a traded block changed while nobody owned it");
    ac__mem_free(m, m->size);
}

static void *trader(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    uint64_t x = 0x9e3779b97f4a7c15ull * (id + 1);
    for (unsigned seq = 0; seq < ROUNDS; seq++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t size = sizeof(struct msg) + x % (x & 1 ? 300 : 5000);
        struct msg *m = ac__mem_alloc(size);
        fill(m, size, id, seq);
        pthread_mutex_lock(&trade_lock);
        struct msg *old = trade[x % SLOTS];
        trade[x % SLOTS] = m;
        pthread_mutex_unlock(&trade_lock);
        if (old)
            verify_and_free(old);
    }
    return NULL;
}

static void threads_trading_blocks(void)
{
    pthread_t t[THREADS];
    for (unsigned i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, trader, (void *)(uintptr_t)i), 0);
    for (unsigned i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
    for (unsigned i = 0; i < SLOTS; i++)
        if (trade[i])
            verify_and_free(trade[i]);
}

int main(void)
{
    sizes_do_not_overlap();
    freed_elsewhere_are_reused();
    threads_trading_blocks();
    puts("ok");
    return 0;
}
