/* asyncc/compat.h: lets gcc compile code that clang's headers expanded.
 * asyncc rewrites the preprocessed text of async functions, where clang's <stdatomic.h> macros
 * have become clang's __c11_atomic builtins (gcc has the same operations as __atomic builtins),
 * and clang's <float.h> FLT_ROUNDS its __builtin_flt_rounds(). */
#ifndef ASYNCC_COMPAT_H
#define ASYNCC_COMPAT_H

#if defined(__GNUC__) && !defined(__clang__) && !defined(__ASYNCC__)
/* Loads, stores, exchanges and compare-exchanges go through gcc's generic builtins, as gcc's
 * own <stdatomic.h> does: the _n ones take integers and pointers only, not an _Atomic struct.
 * `(void)0, *p` has p's type without _Atomic. */
#define __c11_atomic_init(p, v) __c11_atomic_store((p), (v), __ATOMIC_RELAXED)
#define __c11_atomic_thread_fence(o) __atomic_thread_fence(o)
#define __c11_atomic_signal_fence(o) __atomic_signal_fence(o)
#define __c11_atomic_is_lock_free(size) __atomic_is_lock_free((size), 0)
#define __c11_atomic_store(p, v, o)                                                                \
    __extension__({                                                                                \
        __auto_type ac__atomic_sp = (p);                                                           \
        __typeof__((void)0, *ac__atomic_sp) ac__atomic_sv = (v);                                   \
        __atomic_store(ac__atomic_sp, &ac__atomic_sv, (o));                                        \
    })
#define __c11_atomic_load(p, o)                                                                    \
    __extension__({                                                                                \
        __auto_type ac__atomic_lp = (p);                                                           \
        __typeof__((void)0, *ac__atomic_lp) ac__atomic_lv;                                         \
        __atomic_load(ac__atomic_lp, &ac__atomic_lv, (o));                                         \
        ac__atomic_lv;                                                                             \
    })
#define __c11_atomic_exchange(p, v, o)                                                             \
    __extension__({                                                                                \
        __auto_type ac__atomic_xp = (p);                                                           \
        __typeof__((void)0, *ac__atomic_xp) ac__atomic_xv = (v), ac__atomic_xr;                    \
        __atomic_exchange(ac__atomic_xp, &ac__atomic_xv, &ac__atomic_xr, (o));                     \
        ac__atomic_xr;                                                                             \
    })
#define AC__ATOMIC_CMPXCHG(p, e, d, weak, s, f)                                                    \
    __extension__({                                                                                \
        __auto_type ac__atomic_cp = (p);                                                           \
        __typeof__((void)0, *ac__atomic_cp) ac__atomic_cd = (d);                                   \
        __atomic_compare_exchange(ac__atomic_cp, (e), &ac__atomic_cd, (weak), (s), (f));           \
    })
#define __c11_atomic_compare_exchange_strong(p, e, d, s, f) AC__ATOMIC_CMPXCHG(p, e, d, 0, s, f)
#define __c11_atomic_compare_exchange_weak(p, e, d, s, f) AC__ATOMIC_CMPXCHG(p, e, d, 1, s, f)
#define __c11_atomic_fetch_add(p, v, o) __atomic_fetch_add((p), (v), (o))
#define __c11_atomic_fetch_sub(p, v, o) __atomic_fetch_sub((p), (v), (o))
#define __c11_atomic_fetch_and(p, v, o) __atomic_fetch_and((p), (v), (o))
#define __c11_atomic_fetch_or(p, v, o) __atomic_fetch_or((p), (v), (o))
#define __c11_atomic_fetch_xor(p, v, o) __atomic_fetch_xor((p), (v), (o))

/* gcc has __builtin_flt_rounds from 13 on; before, its <float.h> defines FLT_ROUNDS as 1, and so
 * is FLT_ROUNDS in an async function: what the same code built by gcc reads. */
#if __GNUC__ < 13 && !defined(__builtin_flt_rounds)
#define __builtin_flt_rounds() 1
#endif
#endif

#endif
