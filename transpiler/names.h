/* names.h: a hash table from names to pointers, for lookups the transpiler makes per syntax node
 * (which function a call names, which names file scope already has). */
#ifndef ASYNCC_NAMES_H
#define ASYNCC_NAMES_H

typedef struct names {
    char **keys;
    void **values;
    unsigned cap, count;
} names;

/* Returns the value stored for key and sets *found, or NULL with *found = 0. */
void *names_get(const names *n, const char *key, int *found);
/* Stores value for key (a copy of key is kept), replacing any earlier value. */
void names_put(names *n, const char *key, void *value);
/* Frees the table and its copies of the keys (not the values); n is empty again. */
void names_free(names *n);

#endif
