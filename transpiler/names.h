/* names.h: hash tables for lookups the transpiler makes per syntax node: from names to pointers
 * (which function a call names, which names file scope already has), and from pointers to
 * pointers (a node's region or temporaries). */
#ifndef ASYNCC_NAMES_H
#define ASYNCC_NAMES_H

#include <stddef.h>

typedef struct names {
    char **keys;
    void **values;
    unsigned cap, count;
} names;

/* Returns the value stored for key and sets *found, or NULL with *found = 0. */
void *names_get(const names *n, const char *key, int *found);
/* The same for the key of len bytes at key (a token of a text, not NUL-terminated). */
void *names_get_n(const names *n, const char *key, size_t len, int *found);
/* Stores value for key (a copy of key is kept), replacing any earlier value. */
void names_put(names *n, const char *key, void *value);
/* Frees the table and its copies of the keys (not the values); n is empty again. */
void names_free(names *n);

/* A table keyed by pointer identity. */
typedef struct ptrmap {
    const void **keys;
    void **values;
    unsigned cap, count;
} ptrmap;

/* Returns the value stored for key (not NULL), or NULL. */
void *ptrmap_get(const ptrmap *m, const void *key);
/* Stores value for key, replacing any earlier value. */
void ptrmap_put(ptrmap *m, const void *key, void *value);
void ptrmap_free(ptrmap *m);

#endif
