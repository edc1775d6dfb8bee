/* db.c: the sharded keyspace of miniredis (see db.h). Plain C: every operation is a few memory
 * accesses under a shard's mutex, never held across an await. */
#include "db.h"

#include <asyncc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* A key and its value in one allocation: key bytes, then room for vcap value bytes. */
struct entry {
    struct entry *next;
    uint64_t hash;
    unsigned long long expires_ms; /* 0: never */
    uint32_t klen, vlen, vcap;
    char data[];
};

/* 64 shards: two workers hitting the same shard at the same moment is rare, and each shard's
 * lock sits on its own cache line. */
enum { SHARDS = 64, SHARD_BITS = 6, FIRST_BUCKETS = 16 };

struct shard {
    pthread_mutex_t lock;
    struct entry **buckets;
    size_t mask; /* buckets - 1; the bucket count is a power of two */
    size_t count;
    size_t sweep_at; /* the next bucket db_sweep looks at */
} __attribute__((aligned(64)));

static struct shard shards[SHARDS];
static uint64_t seed;

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("miniredis: out of memory\n", stderr);
        abort();
    }
    return p;
}

void db_init(void)
{
    /* A random seed, so that a client cannot choose keys that all land in one bucket. */
    if (getrandom(&seed, sizeof seed, 0) != sizeof seed)
        seed = (uint64_t)(uintptr_t)&seed;
    for (int i = 0; i < SHARDS; i++) {
        struct shard *s = &shards[i];
        pthread_mutex_init(&s->lock, NULL);
        s->buckets = calloc(FIRST_BUCKETS, sizeof *s->buckets);
        if (!s->buckets)
            abort();
        s->mask = FIRST_BUCKETS - 1;
        s->count = s->sweep_at = 0;
    }
}

void db_free(void)
{
    for (int i = 0; i < SHARDS; i++) {
        struct shard *s = &shards[i];
        for (size_t b = 0; b <= s->mask; b++)
            for (struct entry *e = s->buckets[b], *next; e; e = next) {
                next = e->next;
                free(e);
            }
        free(s->buckets);
        pthread_mutex_destroy(&s->lock);
    }
}

/* Eight bytes at a time, multiply and fold: fast on the short keys a cache holds. */
static uint64_t hash_key(const char *p, size_t n)
{
    uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL), w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

static struct shard *shard_of(uint64_t h)
{
    return &shards[h >> (64 - SHARD_BITS)];
}

static int expired(const struct entry *e, unsigned long long *now)
{
    if (e->expires_ms == 0)
        return 0;
    if (*now == 0)
        *now = ac_now_ms(); /* read the clock only for keys that can expire */
    return e->expires_ms <= *now;
}

/* Finds key in s (locked) and returns the link that points at its entry, or NULL. An expired
 * entry is unlinked and freed on the way: Redis's lazy expiry. */
static struct entry **find(struct shard *s, uint64_t h, const char *key, size_t klen)
{
    unsigned long long now = 0;
    for (struct entry **link = &s->buckets[h & s->mask]; *link; link = &(*link)->next) {
        struct entry *e = *link;
        if (e->hash != h || e->klen != klen || memcmp(e->data, key, klen) != 0)
            continue;
        if (expired(e, &now)) {
            *link = e->next;
            s->count--;
            free(e);
            return NULL;
        }
        return link;
    }
    return NULL;
}

static void grow(struct shard *s)
{
    size_t n = (s->mask + 1) * 2;
    struct entry **b = calloc(n, sizeof *b);
    if (!b)
        return; /* longer chains, still correct */
    for (size_t i = 0; i <= s->mask; i++)
        for (struct entry *e = s->buckets[i], *next; e; e = next) {
            next = e->next;
            e->next = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    free(s->buckets);
    s->buckets = b;
    s->mask = n - 1;
    s->sweep_at = 0;
}

void db_get(const char *key, size_t klen, struct outbuf *out)
{
    uint64_t h = hash_key(key, klen);
    struct shard *s = shard_of(h);
    pthread_mutex_lock(&s->lock);
    struct entry **link = find(s, h, key, klen);
    if (link)
        out_bulk(out, (*link)->data + klen, (*link)->vlen);
    else
        out_nil(out);
    pthread_mutex_unlock(&s->lock);
}

/* Stores value in the entry at *link (or a new one when link is NULL), reusing the entry's
 * memory when the value fits: overwriting a key allocates nothing. */
static void store(struct shard *s, struct entry **link, uint64_t h, const char *key, size_t klen,
                  const char *value, size_t vlen, unsigned long long expires_ms)
{
    struct entry *e = link ? *link : NULL;
    if (!e || e->vcap < vlen) {
        struct entry *n = xmalloc(sizeof *n + klen + vlen);
        n->hash = h;
        n->klen = (uint32_t)klen;
        n->vcap = (uint32_t)vlen;
        memcpy(n->data, key, klen);
        if (e) {
            n->next = e->next;
            *link = n;
            free(e);
        } else {
            struct entry **head = &s->buckets[h & s->mask];
            n->next = *head;
            *head = n;
            s->count++;
        }
        e = n;
    }
    memcpy(e->data + klen, value, vlen);
    e->vlen = (uint32_t)vlen;
    e->expires_ms = expires_ms;
    if (s->count > s->mask + 1)
        grow(s);
}

int db_set(const char *key, size_t klen, const char *value, size_t vlen, unsigned long long expires_ms,
           int flags, struct outbuf *old)
{
    uint64_t h = hash_key(key, klen);
    struct shard *s = shard_of(h);
    pthread_mutex_lock(&s->lock);
    struct entry **link = find(s, h, key, klen);
    if (old && link)
        out_bulk(old, (*link)->data + klen, (*link)->vlen);
    else if (old)
        out_nil(old);
    int stores = !(flags & (link ? DB_SET_NX : DB_SET_XX));
    if (stores)
        store(s, link, h, key, klen, value, vlen,
              link && (flags & DB_SET_KEEPTTL) ? (*link)->expires_ms : expires_ms);
    pthread_mutex_unlock(&s->lock);
    return stores;
}

int db_del(const char *key, size_t klen)
{
    uint64_t h = hash_key(key, klen);
    struct shard *s = shard_of(h);
    pthread_mutex_lock(&s->lock);
    struct entry **link = find(s, h, key, klen);
    if (link) {
        struct entry *e = *link;
        *link = e->next;
        s->count--;
        free(e);
    }
    pthread_mutex_unlock(&s->lock);
    return link != NULL;
}

int db_incr(const char *key, size_t klen, long long delta, long long *result)
{
    uint64_t h = hash_key(key, klen);
    struct shard *s = shard_of(h);
    int rc = 0;
    long long v = 0;
    pthread_mutex_lock(&s->lock);
    struct entry **link = find(s, h, key, klen);
    if (link && parse_ll((*link)->data + klen, (*link)->vlen, &v) != 0) {
        rc = -1;
    } else if ((delta > 0 && v > 0x7fffffffffffffffLL - delta) || (delta < 0 && v < (-0x7fffffffffffffffLL - 1) - delta)) {
        rc = -2;
    } else {
        char text[24];
        v += delta;
        size_t n = fmt_ll(text, v);
        store(s, link, h, key, klen, text, n, link ? (*link)->expires_ms : 0);
        *result = v;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

size_t db_sweep(void)
{
    size_t removed = 0;
    unsigned long long now = ac_now_ms();
    for (int i = 0; i < SHARDS; i++) {
        struct shard *s = &shards[i];
        pthread_mutex_lock(&s->lock);
        size_t n = (s->mask + 1) / DB_SWEEP_SLICES + 1;
        for (; n > 0; n--, s->sweep_at = (s->sweep_at + 1) & s->mask)
            for (struct entry **link = &s->buckets[s->sweep_at]; *link;) {
                struct entry *e = *link;
                if (e->expires_ms != 0 && e->expires_ms <= now) {
                    *link = e->next;
                    s->count--;
                    free(e);
                    removed++;
                } else {
                    link = &e->next;
                }
            }
        pthread_mutex_unlock(&s->lock);
    }
    return removed;
}
