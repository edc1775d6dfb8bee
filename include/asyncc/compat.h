/* asyncc/compat.h: lets gcc compile code that clang's headers expanded.
 * asyncc rewrites the preprocessed text of async functions, where clang's <stdatomic.h> macros
 * have become clang's __c11_atomic builtins; gcc has the same operations as __atomic builtins. */
#ifndef ASYNCC_COMPAT_H
#define ASYNCC_COMPAT_H

#if defined(__GNUC__) && !defined(__clang__) && !defined(__ASYNCC__)
#define __c11_atomic_init(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define __c11_atomic_thread_fence(o) __atomic_thread_fence(o)
#define __c11_atomic_signal_fence(o) __atomic_signal_fence(o)
#define __c11_atomic_is_lock_free(size) __atomic_is_lock_free((size), 0)
#define __c11_atomic_store(p, v, o) __atomic_store_n((p), (v), (o))
#define __c11_atomic_load(p, o) __atomic_load_n((p), (o))
#define __c11_atomic_exchange(p, v, o) __atomic_exchange_n((p), (v), (o))
#define __c11_atomic_compare_exchange_strong(p, e, d, s, f) __atomic_compare_exchange_n((p), (e), (d), 0, (s), (f))
#define __c11_atomic_compare_exchange_weak(p, e, d, s, f) __atomic_compare_exchange_n((p), (e), (d), 1, (s), (f))
#define __c11_atomic_fetch_add(p, v, o) __atomic_fetch_add((p), (v), (o))
#define __c11_atomic_fetch_sub(p, v, o) __atomic_fetch_sub((p), (v), (o))
#define __c11_atomic_fetch_and(p, v, o) __atomic_fetch_and((p), (v), (o))
#define __c11_atomic_fetch_or(p, v, o) __atomic_fetch_or((p), (v), (o))
#define __c11_atomic_fetch_xor(p, v, o) __atomic_fetch_xor((p), (v), (o))
#endif

#endif
