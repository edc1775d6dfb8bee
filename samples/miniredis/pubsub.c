/* pubsub.c: channels, subscribers and their outboxes for miniredis (see pubsub.h). Plain C: the
 * only async part, the writer task that drains an outbox, is in miniredis.c. */
#include "pubsub.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct channel {
    struct channel *next; /* in its bucket of the registry */
    struct subscriber **subs;
    size_t nsubs, cap;
    size_t len;
    char name[];
};

struct subscriber {
    int refs;
    int fd;
    /* The outbox, under lock. */
    pthread_mutex_t lock;
    struct outbuf outbox;
    int closed, dead;
    ac_notify *notify;
    /* The channels it is subscribed to, under the registry's lock. */
    struct channel **chans;
    size_t nchans, cap;
};

/* The registry: channel name -> channel, under one lock, which publishers hold while they
 * deliver (see pubsub.h). */
static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static struct channel **table;
static size_t table_mask, table_count;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("miniredis: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Appends p to array *arr of *n elements and *cap capacity. */
#define PUSH(arr, n, cap, x)                                                                       \
    do {                                                                                           \
        if (*(n) == *(cap)) {                                                                      \
            *(cap) = *(cap) ? *(cap) * 2 : 4;                                                      \
            *(arr) = xrealloc(*(arr), *(cap) * sizeof **(arr));                                    \
        }                                                                                          \
        (*(arr))[(*(n))++] = (x);                                                                  \
    } while (0)

static uint64_t hash_name(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a: channel names are few and short */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
    return h;
}

static struct channel **channel_link(const char *name, size_t len)
{
    if (!table)
        return NULL;
    struct channel **link = &table[hash_name(name, len) & table_mask];
    for (; *link; link = &(*link)->next)
        if ((*link)->len == len && memcmp((*link)->name, name, len) == 0)
            return link;
    return NULL;
}

static struct channel *channel_get_or_add(const char *name, size_t len)
{
    struct channel **link = channel_link(name, len);
    if (link)
        return *link;
    if (table_count >= table_mask + 1 || !table) {
        size_t n = table ? (table_mask + 1) * 2 : 16;
        struct channel **t = xrealloc(NULL, n * sizeof *t);
        memset(t, 0, n * sizeof *t);
        for (size_t i = 0; table && i <= table_mask; i++)
            for (struct channel *c = table[i], *next; c; c = next) {
                next = c->next;
                uint64_t b = hash_name(c->name, c->len) & (n - 1);
                c->next = t[b];
                t[b] = c;
            }
        free(table);
        table = t;
        table_mask = n - 1;
    }
    struct channel *c = xrealloc(NULL, sizeof *c + len);
    *c = (struct channel){.len = len};
    memcpy(c->name, name, len);
    uint64_t b = hash_name(name, len) & table_mask;
    c->next = table[b];
    table[b] = c;
    table_count++;
    return c;
}

/* Removes s from c (registry locked); frees c when nobody is left on it. */
static void channel_remove(struct channel *c, struct subscriber *s)
{
    for (size_t i = 0; i < c->nsubs; i++)
        if (c->subs[i] == s) {
            c->subs[i] = c->subs[--c->nsubs];
            break;
        }
    if (c->nsubs)
        return;
    struct channel **link = channel_link(c->name, c->len);
    *link = c->next;
    table_count--;
    free(c->subs);
    free(c);
}

struct subscriber *sub_new(int fd)
{
    struct subscriber *s = xrealloc(NULL, sizeof *s);
    *s = (struct subscriber){.refs = 1, .fd = fd, .notify = ac_notify_new()};
    if (!s->notify) {
        fputs("miniredis: out of memory\n", stderr);
        abort();
    }
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void sub_ref(struct subscriber *s)
{
    __atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
}

void sub_unref(struct subscriber *s)
{
    if (__atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    out_free(&s->outbox);
    ac_notify_free(s->notify);
    pthread_mutex_destroy(&s->lock);
    free(s->chans);
    free(s);
}

int sub_count(const struct subscriber *s)
{
    return (int)s->nchans;
}

/* Appends data to s's outbox (s->lock held). Returns whether the writer must be woken: it is
 * when the outbox was empty, since a non-empty one already has a wake-up on its way. */
static int outbox_append(struct subscriber *s, const void *data, size_t n)
{
    if (s->dead || n == 0)
        return 0;
    if (s->outbox.len + n > SUB_OUTBOX_MAX) {
        /* A client that does not read: disconnect it rather than hold its messages forever.
         * Shutting the socket down ends its reader (end of input) and its writer (-EPIPE). */
        s->dead = 1;
        s->outbox.len = 0;
        shutdown(s->fd, SHUT_RDWR);
        return 1;
    }
    int was_empty = s->outbox.len == 0;
    out_bytes(&s->outbox, data, n);
    return was_empty;
}

/* Moves the connection's pending replies and then a confirmation (kind, channel or nil, count)
 * into s's outbox: the registry is locked, so no message can come between them. */
static void confirm(struct subscriber *s, struct outbuf *pending, const char *kind, const char *ch, size_t len)
{
    out_array(pending, 3);
    out_bulk(pending, kind, strlen(kind));
    if (ch)
        out_bulk(pending, ch, len);
    else
        out_nil(pending);
    out_int(pending, (long long)s->nchans);
    pthread_mutex_lock(&s->lock);
    int wake = outbox_append(s, pending->p, pending->len);
    pthread_mutex_unlock(&s->lock);
    pending->len = 0;
    if (wake)
        ac_notify_one(s->notify);
}

void sub_subscribe(struct subscriber *s, const char *ch, size_t len, struct outbuf *pending)
{
    pthread_mutex_lock(&registry);
    struct channel *c = channel_get_or_add(ch, len);
    size_t i = 0;
    while (i < s->nchans && s->chans[i] != c)
        i++;
    if (i == s->nchans) {
        PUSH(&c->subs, &c->nsubs, &c->cap, s);
        PUSH(&s->chans, &s->nchans, &s->cap, c);
    }
    confirm(s, pending, "subscribe", ch, len);
    pthread_mutex_unlock(&registry);
}

void sub_unsubscribe(struct subscriber *s, const char *ch, size_t len, struct outbuf *pending)
{
    pthread_mutex_lock(&registry);
    for (size_t i = 0; i < s->nchans; i++)
        if (s->chans[i]->len == len && memcmp(s->chans[i]->name, ch, len) == 0) {
            channel_remove(s->chans[i], s);
            s->chans[i] = s->chans[--s->nchans];
            break;
        }
    confirm(s, pending, "unsubscribe", ch, len);
    pthread_mutex_unlock(&registry);
}

void sub_unsubscribe_all(struct subscriber *s, struct outbuf *pending, int quiet)
{
    pthread_mutex_lock(&registry);
    if (s->nchans == 0 && !quiet)
        confirm(s, pending, "unsubscribe", NULL, 0);
    /* Leave them in the order they were joined, as Redis reports them. */
    while (s->nchans) {
        struct channel *c = s->chans[0];
        memmove(s->chans, s->chans + 1, --s->nchans * sizeof *s->chans);
        if (!quiet)
            confirm(s, pending, "unsubscribe", c->name, c->len);
        channel_remove(c, s);
    }
    pthread_mutex_unlock(&registry);
}

void sub_push(struct subscriber *s, struct outbuf *pending)
{
    pthread_mutex_lock(&s->lock);
    int wake = outbox_append(s, pending->p, pending->len);
    pthread_mutex_unlock(&s->lock);
    pending->len = 0;
    if (wake)
        ac_notify_one(s->notify);
}

long pubsub_publish(const char *ch, size_t clen, const char *msg, size_t mlen)
{
    /* The message is the same bytes for every subscriber: format it once. */
    struct outbuf m = {0};
    out_array(&m, 3);
    out_bulk(&m, "message", 7);
    out_bulk(&m, ch, clen);
    out_bulk(&m, msg, mlen);
    long n = 0;
    pthread_mutex_lock(&registry);
    struct channel **link = channel_link(ch, clen);
    if (link) {
        struct channel *c = *link;
        n = (long)c->nsubs;
        for (size_t i = 0; i < c->nsubs; i++) {
            struct subscriber *s = c->subs[i];
            pthread_mutex_lock(&s->lock);
            int wake = outbox_append(s, m.p, m.len);
            pthread_mutex_unlock(&s->lock);
            if (wake)
                ac_notify_one(s->notify);
        }
    }
    pthread_mutex_unlock(&registry);
    out_free(&m);
    return n;
}

long sub_take(struct subscriber *s, struct outbuf *into, ac_notify **notify)
{
    long n;
    pthread_mutex_lock(&s->lock);
    if (s->outbox.len) {
        struct outbuf t = *into;
        *into = s->outbox;
        s->outbox = t;
        n = (long)into->len;
    } else {
        n = s->closed || s->dead ? -1 : 0;
        *notify = s->notify;
    }
    pthread_mutex_unlock(&s->lock);
    return n;
}

void sub_close(struct subscriber *s, int dead)
{
    pthread_mutex_lock(&s->lock);
    s->closed = 1;
    if (dead) {
        s->dead = 1;
        s->outbox.len = 0;
    }
    pthread_mutex_unlock(&s->lock);
    ac_notify_one(s->notify);
}
