/* task.c: the sequential library's tasks: a spawn ran its future to completion already, so a
 * handle is that future's result, which join copies out; and the runtime behind the blocking
 * calls, started by the first one and shut down at exit. */
#define _GNU_SOURCE
#include "seq.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Declared by asyncc/lang.h under AC_SEQUENTIAL, which this file is not compiled with. */
ac_task *ac__seq_spawn(const void *result, size_t size);
void ac__seq_task_detach(ac_task *task);
void ac__seq_task_abort(ac_task *task);
void ac__seq_task_cancel(ac_task *task);
ac_task *ac__seq_task_scoped(ac_task *task);
typedef struct ac_abort_handle ac_abort_handle;
ac_abort_handle *ac__seq_task_abort_handle(ac_task *task);
void ac__seq_abort(ac_abort_handle *h);
_Bool ac__seq_abort_handle_is_finished(ac_abort_handle *h);
void ac__seq_abort_handle_release(ac_abort_handle *h);
int ac__seq_first_error(const ac__try_join_wide *results, size_t n);

/* A handle holds the finished future's result until a join, detach or abort frees it. A
 * handle the program drops (`ac_spawn(f());` as a statement detaches the task in the async
 * build) cannot be seen going: every live handle is on a list, freed at exit, so that a dropped
 * one is not a leak for valgrind or LeakSanitizer, as it is none in the async build. */
typedef struct handle {
    struct handle *prev, *next;
    size_t size;
    _Alignas(max_align_t) unsigned char result[];
} handle;

static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static handle *live;

static void free_dropped_handles(void)
{
    pthread_mutex_lock(&live_lock);
    while (live) {
        handle *h = live;
        live = h->next;
        free(h);
    }
    pthread_mutex_unlock(&live_lock);
}

static void free_at_exit(void)
{
    atexit(free_dropped_handles);
}

static void live_add(handle *h)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, free_at_exit);
    pthread_mutex_lock(&live_lock);
    h->prev = NULL;
    h->next = live;
    if (live)
        live->prev = h;
    live = h;
    pthread_mutex_unlock(&live_lock);
}

/* Takes h off the list and frees it. */
static void handle_free(handle *h)
{
    pthread_mutex_lock(&live_lock);
    if (h->prev)
        h->prev->next = h->next;
    else
        live = h->next;
    if (h->next)
        h->next->prev = h->prev;
    pthread_mutex_unlock(&live_lock);
    free(h);
}

ac_task *ac__seq_spawn(const void *result, size_t size)
{
    handle *h = malloc(sizeof *h + size);
    if (!h) {
        fputs("asyncc: out of memory for a spawned task's handle\n", stderr);
        abort();
    }
    h->size = size;
    memcpy(h->result, result, size);
    live_add(h);
    return (ac_task *)(void *)h;
}

/* The sequential twin of the async ac_task_join (asyncc/task.h), with the same size check. */
#undef ac_task_join
int ac_task_join(ac_task *task, void *result, size_t result_size)
{
    handle *h = (handle *)(void *)task;
    if (!h)
        return -EINVAL;
    if (result && result_size && result_size != h->size) {
        fflush(stdout);
        fprintf(stderr, "asyncc: ac_task_join into %zu bytes of a task whose result has %zu\n", result_size,
                h->size);
        abort();
    }
    if (result && result_size)
        memcpy(result, h->result, h->size);
    handle_free(h);
    return 0;
}

void ac__seq_task_detach(ac_task *task)
{
    if (task)
        handle_free((handle *)(void *)task);
}

void ac__seq_task_abort(ac_task *task)
{
    ac__seq_task_detach(task); /* it finished when it was spawned: nothing to cancel */
}

/* Scoping changes nothing here: the task finished at its spawn, and its handle is kept, as any
 * handle, until a join, detach or abort, or the program's exit. */
ac_task *ac__seq_task_scoped(ac_task *task)
{
    return task;
}

void ac__seq_task_cancel(ac_task *task)
{
    (void)task; /* a finished task: cancelling does nothing, a join still gives its result */
}

/* Abort handles: every task finished at its spawn, so there is never anything to cancel. The
 * handle is a handle with no result, on the list of live ones like the others. */
ac_abort_handle *ac__seq_task_abort_handle(ac_task *task)
{
    return task ? (ac_abort_handle *)(void *)ac__seq_spawn("", 0) : NULL;
}

void ac__seq_abort(ac_abort_handle *h)
{
    (void)h;
}

_Bool ac__seq_abort_handle_is_finished(ac_abort_handle *h)
{
    (void)h;
    return 1;
}

void ac__seq_abort_handle_release(ac_abort_handle *h)
{
    ac__seq_task_detach((ac_task *)(void *)h);
}

int ac__seq_first_error(const ac__try_join_wide *results, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (results[i] < 0)
            return ac__try_join_error(results[i]);
    return 0;
}

static void shutdown_runtime(void)
{
    ac_runtime_shutdown();
}

static void start_runtime(void)
{
    if (ac_runtime_start() < 0) {
        fflush(stdout);
        fprintf(stderr, "asyncc: the runtime cannot start: %s\n", ac_runtime_start_error());
        exit(70);
    }
    atexit(shutdown_runtime);
}

ac_task *ac__seq_task_new(const ac_future_type *type, void **frame)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, start_runtime);
    return ac__task_new(type, frame);
}

void ac__seq_block_on(ac_task *task, void *result)
{
    if (ac__block_on(task, result) < 0) {
        fflush(stdout);
        fprintf(stderr, "asyncc: the runtime cannot start: %s\n", ac_runtime_start_error());
        exit(70);
    }
}
