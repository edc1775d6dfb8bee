/* names.c: open-addressing hash tables from strings (FNV-1a) and from pointers to pointers,
 * linear probing. Grow at half full; entries are never removed. */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static unsigned hash_n(const char *s, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)s[k]) * 16777619u;
    return h;
}

static unsigned slot(const names *n, const char *key)
{
    unsigned i = hash_n(key, strlen(key)) & (n->cap - 1);
    while (n->keys[i] && strcmp(n->keys[i], key) != 0)
        i = (i + 1) & (n->cap - 1);
    return i;
}

void *names_get_n(const names *n, const char *key, size_t len, int *found)
{
    *found = 0;
    if (!n->cap)
        return NULL;
    unsigned i = hash_n(key, len) & (n->cap - 1);
    while (n->keys[i] && (strncmp(n->keys[i], key, len) != 0 || n->keys[i][len]))
        i = (i + 1) & (n->cap - 1);
    if (!n->keys[i])
        return NULL;
    *found = 1;
    return n->values[i];
}

void *names_get(const names *n, const char *key, int *found)
{
    return names_get_n(n, key, strlen(key), found);
}

static void grow(names *n)
{
    names bigger = {xcalloc(n->cap ? n->cap * 2 : 64, sizeof(char *)), xcalloc(n->cap ? n->cap * 2 : 64, sizeof(void *)),
                    n->cap ? n->cap * 2 : 64, n->count};
    for (unsigned i = 0; i < n->cap; i++)
        if (n->keys[i]) {
            unsigned j = slot(&bigger, n->keys[i]);
            bigger.keys[j] = n->keys[i];
            bigger.values[j] = n->values[i];
        }
    free(n->keys);
    free(n->values);
    *n = bigger;
}

void names_put(names *n, const char *key, void *value)
{
    if (2 * (n->count + 1) > n->cap)
        grow(n);
    unsigned i = slot(n, key);
    if (!n->keys[i]) {
        n->keys[i] = xstrdup(key);
        n->count++;
    }
    n->values[i] = value;
}

void names_free(names *n)
{
    for (unsigned i = 0; i < n->cap; i++)
        free(n->keys[i]);
    free(n->keys);
    free(n->values);
    *n = (names){0};
}

static unsigned ptr_slot(const ptrmap *m, const void *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ull;
    unsigned i = (unsigned)(h >> 32) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

void *ptrmap_get(const ptrmap *m, const void *key)
{
    return m->cap ? m->values[ptr_slot(m, key)] : NULL;
}

void ptrmap_put(ptrmap *m, const void *key, void *value)
{
    if (2 * (m->count + 1) > m->cap) {
        unsigned cap = m->cap ? m->cap * 2 : 64;
        ptrmap bigger = {xcalloc(cap, sizeof(void *)), xcalloc(cap, sizeof(void *)), cap, m->count};
        for (unsigned i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                unsigned j = ptr_slot(&bigger, m->keys[i]);
                bigger.keys[j] = m->keys[i];
                bigger.values[j] = m->values[i];
            }
        free(m->keys);
        free(m->values);
        *m = bigger;
    }
    unsigned i = ptr_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->count++;
    }
    m->values[i] = value;
}

void ptrmap_free(ptrmap *m)
{
    free(m->keys);
    free(m->values);
    *m = (ptrmap){0};
}
