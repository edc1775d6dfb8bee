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
    __asyncc_join, __asyncc_try_join, __asyncc_select, __asyncc_select_fair, __asyncc_timeout;

#define async __attribute__((annotate("asyncc_async")))
#define await(e) (__asyncc_await, (e))
#define ac_spawn(fut) (__asyncc_spawn, (fut), (ac_task *)0)
#define ac_spawn_local(fut) (__asyncc_spawn_local, (fut), (ac_task *)0)
#define ac_block_on(fut) (__asyncc_block_on, (fut))
#define ac_join(...) (__asyncc_join, __VA_ARGS__, (void)0)
#define ac_try_join(...) (__asyncc_try_join, __VA_ARGS__, 0)
#define ac_select(...) (__asyncc_select, __VA_ARGS__, 0)
#define ac_select_fair(...) (__asyncc_select_fair, __VA_ARGS__, 0)
#define ac_timeout(ms, fut) (__asyncc_timeout, (ms), (fut), 0)
#define AC_BLOCKING __attribute__((annotate("asyncc_blocking")))

#else

/* A combinator's value is a call, never a constant: `await(ac_select(a(), b()));` and a detached
 * `ac_spawn(f());` are statements whose value is dropped, and gcc -Wall warns about a comma
 * whose right operand has no effect, clang about a statement expression ending in one. */
struct ac_task;
static __inline__ int ac__plain_value(void) { return 0; }
static __inline__ struct ac_task *ac__plain_task(void) { return 0; }
#define async
#define await(e) (e)
#define ac_spawn(fut) ((void)(fut), ac__plain_task())
#define ac_spawn_local(fut) ac_spawn(fut)
#define ac_block_on(fut) (fut)
#define ac_join(...) ((void)(__VA_ARGS__))
#define ac_try_join(...) ((void)(__VA_ARGS__), ac__plain_value())
/* The first future runs; the others are named, unevaluated, so that what only they use is used. */
#define ac_select(first, ...) ((void)(first), (void)sizeof((void)(__VA_ARGS__), 0), ac__plain_value())
#define ac_select_fair(...) ac_select(__VA_ARGS__)
#define ac_timeout(ms, fut) ((void)(ms), (void)(fut), ac__plain_value())
#define AC_BLOCKING

#ifdef AC_SEQUENTIAL
/*
 * The sequential build (asyncc-cc --sequential, or ASYNCC_SEQUENTIAL in CMake): the source is
 * compiled as it is, without asyncc, and linked with libasyncc-seq, where every async function
 * of the runtime is a plain function that blocks its caller until it is done. A spawn runs its
 * future to completion at once and its handle keeps the result for the join; ac_try_join runs
 * every future in order and returns the first negative result. docs/guide.md says how each
 * combinator behaves there.
 */
#undef ac_spawn
#undef ac_try_join
#define ac_spawn(fut)                                                                              \
    __extension__({                                                                                \
        __auto_type ac__seq_v =                                                                    \
            __builtin_choose_expr(__builtin_types_compatible_p(__typeof__(fut), void), ((fut), 0), (fut)); \
        ac__seq_spawn(&ac__seq_v, sizeof ac__seq_v);                                               \
    })
/* The results are read at their own width: a 3 GiB ssize_t was an error once made an int, and
 * an __int128 below INT64_MIN a success once made an intmax_t (future.h: ac__try_join_wide). */
#define ac_try_join(...)                                                                           \
    ac__seq_first_error((const ac__try_join_wide[]){__VA_ARGS__},                                  \
                        sizeof((ac__try_join_wide[]){__VA_ARGS__}) / sizeof(ac__try_join_wide))
/* ac_task_join stays: libasyncc-seq defines it for these handles (libasyncc has no function of
 * that name, only its future type). */
#define ac_task_detach ac__seq_task_detach
#define ac_task_abort ac__seq_task_abort
#define ac_task_cancel ac__seq_task_cancel
/* Handles are kept until a join, detach or abort frees them, or the program exits. */
#define ac_task_scoped ac__seq_task_scoped
/* Every task finished at its spawn: an abort handle has nothing to cancel. */
#define ac_task_abort_handle ac__seq_task_abort_handle
#define ac_abort ac__seq_abort
#define ac_abort_handle_is_finished ac__seq_abort_handle_is_finished
#define ac_abort_handle_release ac__seq_abort_handle_release
/* Task groups take running tasks: the sequential build has none (an error at the call says so,
 * asyncc/taskgroup.h; a link error where the compiler has no error attribute). */
#define ac_task_group_add ac__seq_task_group_is_not_sequential
struct ac_task *ac__seq_spawn(const void *result, __SIZE_TYPE__ size);
int ac__seq_first_error(const ac__try_join_wide *results, __SIZE_TYPE__ n);
#endif

#endif

/* AC_BLOCKING on a function's declaration says that it blocks its thread: asyncc warns about
 * each call of it in an async function (-Wasync-blocking), as it does for sleep, read, recv,
 * pthread_mutex_lock, getaddrinfo... (docs/guide.md has the list). */

/*
 * What the combinators mean once transpiled (each argument is a call of an async function,
 * optionally assigned: `v = f(x)` stores f's result in v when f finishes):
 *
 *   ac_task *ac_spawn(fut)        runs fut as a new task on any worker; returns its join handle
 *                                 (NULL from a thread outside the runtime while ac_runtime_shutdown
 *                                 runs: fut is dropped without running)
 *   ac_task *ac_spawn_local(fut)  runs fut as a new task pinned to the current worker
 *   T ac_block_on(fut)            from plain C: runs the runtime until fut finishes, returns its value
 *   await(ac_join(a, b, ...))     polls all concurrently in this task until every one finished
 *   await(ac_try_join(a, ...))    as ac_join, but the first negative result cancels the others
 *                                 (each future returns a signed integer, of any width up to
 *                                 __int128) and is the value (as an int: one below INT_MIN is INT_MIN)
 *                                 and is returned; 0 when all succeeded
 *   await(ac_select(a, b, ...))   polls all; the first to finish wins, the others are cancelled;
 *                                 returns the winner's index (0 for a). Polled in order: of
 *                                 futures ready at the same poll the first wins (as
 *                                 tokio::select! with `biased;`), so in a loop, put the one
 *                                 that must not starve first
 *   await(ac_select_fair(a, ...)) as ac_select, but each poll starts from a random future
 *                                 (tokio::select!'s default): in a loop over futures that are
 *                                 always ready, each wins its share
 *   await(ac_timeout(ms, fut))    0 when fut finished within ms milliseconds, else fut is
 *                                 cancelled and -ETIMEDOUT is returned
 */

#endif
