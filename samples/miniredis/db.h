/* db.h: miniredis's keyspace: binary-safe keys and string values with optional expiry, in a hash
 * table split into shards with a lock each, so that tasks on different workers rarely meet. */
#ifndef MINIREDIS_DB_H
#define MINIREDIS_DB_H

#include <stddef.h>

#include "resp.h"

/* Sets up the shards. Call once before anything else. */
void db_init(void);
/* Frees every key. Nothing may use the keyspace afterwards. */
void db_free(void);

/* Appends the value of key to out as a bulk reply, or a nil reply when there is none. */
void db_get(const char *key, size_t klen, struct outbuf *out);

/* SET's conditions and options: only when the key does not exist (NX) or does (XX), and keeping
 * the key's expiry (KEEPTTL) instead of replacing it. */
enum { DB_SET_NX = 1, DB_SET_XX = 2, DB_SET_KEEPTTL = 4 };

/* Stores value under key, replacing any value and expiry (unless DB_SET_KEEPTTL); expires_ms is
 * the deadline on the ac_now_ms() clock, or 0 for none. With DB_SET_NX or DB_SET_XX it stores
 * only when the key is absent or present. When old is not NULL, appends the value the key had
 * to it first (a bulk reply, or nil), as SET's GET option does. Returns 1 when it stored. */
int db_set(const char *key, size_t klen, const char *value, size_t vlen, unsigned long long expires_ms,
           int flags, struct outbuf *old);

/* Removes key. Returns 1 when it existed (and had not expired), else 0. */
int db_del(const char *key, size_t klen);

/* Adds delta to the integer stored at key (0 when there is none), keeping its expiry. Returns 0
 * with the new value in *result, -1 when the value is not an integer, -2 on overflow. */
int db_incr(const char *key, size_t klen, long long delta, long long *result);

/* Removes expired keys from a slice of the keyspace, continuing where the previous call stopped;
 * a full pass over the keyspace takes DB_SWEEP_SLICES calls. Returns how many it removed. */
enum { DB_SWEEP_SLICES = 10 };
size_t db_sweep(void);

#endif
