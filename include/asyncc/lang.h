/* asyncc/lang.h: the language surface, `async`, `await(e)` and the in-task combinators.
 * The same source is read three ways: by asyncc (which defines __ASYNCC__), and as plain C. */
#ifndef ASYNCC_LANG_H
#define ASYNCC_LANG_H

/*
 * When asyncc parses a file it defines __ASYNCC__: `async` becomes an attribute it can find on
 * the declaration and every await or combinator becomes a comma expression whose first operand
 * is a marker variable it can find in the syntax tree. The markers never reach a compiler: asyncc
 * lowers every one of them, and the code it writes out reads the header in plain mode.
 *
 * In plain mode (no __ASYNCC__: compilers, clangd, linters, and the sequential build of a
 * program), `async` vanishes and `await(e)` is just e, so the source stays ordinary C and every
 * async function is an ordinary function that runs to completion when called.
 */
#ifdef __ASYNCC__

extern int __asyncc_await, __asyncc_spawn, __asyncc_spawn_local, __asyncc_block_on,
    __asyncc_join, __asyncc_try_join, __asyncc_select, __asyncc_timeout;

#define async __attribute__((annotate("asyncc_async")))
#define await(e) (__asyncc_await, (e))
#define ac_spawn(fut) (__asyncc_spawn, (fut), (ac_task *)0)
#define ac_spawn_local(fut) (__asyncc_spawn_local, (fut), (ac_task *)0)
#define ac_block_on(fut) (__asyncc_block_on, (fut))
#define ac_join(...) (__asyncc_join, __VA_ARGS__, (void)0)
#define ac_try_join(...) (__asyncc_try_join, __VA_ARGS__, 0)
#define ac_select(...) (__asyncc_select, __VA_ARGS__, 0)
#define ac_timeout(ms, fut) (__asyncc_timeout, (ms), (fut), 0)
#define AC_BLOCKING __attribute__((annotate("asyncc_blocking")))

#else

#define async
#define await(e) (e)
#define ac_spawn(fut) ((void)(fut), (ac_task *)0)
#define ac_spawn_local(fut) ((void)(fut), (ac_task *)0)
#define ac_block_on(fut) (fut)
#define ac_join(...) ((void)(__VA_ARGS__))
#define ac_try_join(...) ((void)(__VA_ARGS__), 0)
#define ac_select(first, ...) ((void)(first), 0)
#define ac_timeout(ms, fut) ((void)(ms), (void)(fut), 0)
#define AC_BLOCKING

#endif

/* AC_BLOCKING on a function's declaration says that it blocks its thread: asyncc warns about
 * each call of it in an async function (-Wasync-blocking), as it does for sleep, read, recv,
 * pthread_mutex_lock, getaddrinfo... (docs/guide.md has the list). */

/*
 * What the combinators mean once transpiled (each argument is a call of an async function,
 * optionally assigned: `v = f(x)` stores f's result in v when f finishes):
 *
 *   ac_task *ac_spawn(fut)        runs fut as a new task on any worker; returns its join handle
 *   ac_task *ac_spawn_local(fut)  runs fut as a new task pinned to the current worker
 *   T ac_block_on(fut)            from plain C: runs the runtime until fut finishes, returns its value
 *   await(ac_join(a, b, ...))     polls all concurrently in this task until every one finished
 *   await(ac_try_join(a, ...))    as ac_join, but the first negative int result cancels the others
 *                                 and is returned; 0 when all succeeded
 *   await(ac_select(a, b, ...))   polls all; the first to finish wins, the others are cancelled;
 *                                 returns the winner's index (0 for a)
 *   await(ac_timeout(ms, fut))    0 when fut finished within ms milliseconds, else fut is
 *                                 cancelled and -ETIMEDOUT is returned
 */

#endif
