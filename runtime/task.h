/* runtime/task.h: the task header and the poll context, the cooperative budget, the leaf future
 * type macros, and the calls on tasks that task.c, join.c, arena.c and dump.c offer the other files. */
#ifndef ASYNCC_RUNTIME_TASK_H
#define ASYNCC_RUNTIME_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "asyncc/future.h"
#include "util.h"

struct ac__arena;
struct ac__worker;

/* 32 bytes: every byte of a task is memory the kernel must clear when a million tasks are
 * spawned at once, and a task with a small root frame fits a 48-byte block. So no link for the
 * registry of live tasks (see task.c) nor the injection queues (rings of pointers), and a
 * pinned task's worker and the references are fields of the state word. */
struct ac_task {
    _Atomic uint64_t state_word; /* flags, pinned worker, references: task_state.h's alone */
    const ac_future_type *type;
    ac_waker join_waker;     /* valid while the state word says so (task_state.h) */
    struct ac__arena *arena; /* created by the first ac_frame_alloc */
};

struct ac_cx {
    ac_task *task;
    struct ac__worker *worker; /* NULL when a frame is dropped outside the workers */
    unsigned budget;           /* cooperative budget left in this poll */
};

/* Cooperative budget (Tokio's coop): a leaf future about to return AC_READY calls this first.
 * When the poll has used its budget, the task is woken to run again later and the leaf must
 * return AC_PENDING instead, so a task that is always ready cannot starve the others. */
static inline bool ac__coop_proceed(ac_cx *cx)
{
    if (AC__LIKELY(cx->budget)) {
        cx->budget--;
        return true;
    }
    ac_waker_wake(ac_cx_waker(cx));
    return false;
}

/* The same for a leaf that decides under a lock whether it completes at once: it checks first
 * (false: the task is woken to run again later and the leaf returns AC_PENDING holding
 * nothing), and charges one unit only when it does complete at once; waiting costs nothing. */
static inline bool ac__coop_check(ac_cx *cx)
{
    if (AC__LIKELY(cx->budget))
        return true;
    ac_waker_wake(ac_cx_waker(cx));
    return false;
}

static inline void ac__coop_charge(ac_cx *cx)
{
    if (cx->budget)
        cx->budget--;
}

/* The child function of every leaf future of the runtime: a leaf awaits nothing. */
void *ac__no_child(void *frame, const ac_future_type **type);

/* For task dumps, from an async function's table of children (kids.c): stores up to max of those
 * pending in frame's state in frames and types and returns how many; *rows is how many the state
 * may await (more than one: a combinator's). */
unsigned ac__kids_pending(const ac_kid_info *kids, void *frame, void **frames, const ac_future_type **types,
                          unsigned max, unsigned *rows);

/* Defines ac__type_NAME for a hand-written leaf future: its frame struct FRAME, of which callers
 * embed the first SIZE bytes (at most the ac__frame_size_NAME its header promises), the result
 * at ROFF (RSIZE bytes; 0 for none), POLL and DROP, and WHAT it waits for (in task dumps). */
#define AC__LEAF_TYPE_SIZED(NAME, FRAME, SIZE, ROFF, RSIZE, POLL, DROP, WHAT)                  \
    _Static_assert((SIZE) <= ac__frame_size_##NAME && _Alignof(FRAME) <= 16,                  \
                   "the frame of " #NAME " outgrew its ac__frame_size_ in include/asyncc");   \
    static const ac_await_site NAME##_sites[] = {{"<runtime>", 0, WHAT}};                     \
    AC_EXPORT const ac_future_type ac__type_##NAME = {                                       \
        .name = #NAME,                                                                        \
        .frame_size = (SIZE),                                                                 \
        .frame_align = _Alignof(FRAME),                                                       \
        .result_offset = (ROFF),                                                              \
        .result_size = (RSIZE),                                                               \
        .poll = (POLL),                                                                       \
        .drop = (DROP),                                                                       \
        .child = ac__no_child,                                                                \
        .sites = NAME##_sites,                                                                \
        .nsites = 1,                                                                          \
    }
/* The same for the whole of FRAME, with its member RESULT as the result, or none (VOID). */
#define AC__LEAF_TYPE(NAME, FRAME, RESULT, POLL, DROP, WHAT)                                  \
    AC__LEAF_TYPE_SIZED(NAME, FRAME, sizeof(FRAME), offsetof(FRAME, RESULT),                  \
                        sizeof(((FRAME *)0)->RESULT), POLL, DROP, WHAT)
#define AC__LEAF_TYPE_VOID(NAME, FRAME, POLL, DROP, WHAT)                                     \
    AC__LEAF_TYPE_SIZED(NAME, FRAME, sizeof(FRAME), 0, 0, POLL, DROP, WHAT)

/* The offset of the root frame in a task allocation. */
static inline size_t ac__frame_offset(const ac_future_type *type)
{
    size_t align = type->frame_align > 16 ? type->frame_align : 16;
    return (sizeof(ac_task) + align - 1) & ~(align - 1);
}

static inline void *ac__task_frame(ac_task *task)
{
    return (char *)task + ac__frame_offset(task->type);
}

void ac__task_ref(ac_task *task);
void ac__task_unref(ac_task *task);
/* Clears JOIN_INTEREST and drops the handle's reference. */
void ac__task_release_handle(ac_task *task);
/* The size check of a typed join (ac_task_join, ac_task_group_join_next, called as `who`):
 * aborts with a message naming type's function and both sizes when a result variable of
 * result_size bytes (0: unknown, no check) cannot hold type's result. */
void ac__join_check_size(const char *who, const ac_future_type *type, size_t result_size);
/* Frees a task whose last reference the caller dropped. */
void ac__task_free(ac_task *task);
/* Polls (or drops, when cancelled) a task taken from a run queue, which holds one reference. */
void ac__task_run(struct ac__worker *w, ac_task *task);
/* Frees a task that was never started (the runtime could not start, or a shutdown refused it),
 * dropping its frame. */
void ac__task_discard(ac_task *task);
/* Drops the frame of a task that never completed, on the calling thread (used at shutdown). */
void ac__task_shutdown_drop(ac_task *task);
/* Calls fn on every task spawned and not yet freed; no task is freed while it runs (a thread
 * freeing one waits), so fn may read any task and take references, but must free none. */
void ac__registry_foreach(void (*fn)(ac_task *, void *), void *arg);
/* Takes a reference unless the task has none left (it is being freed). */
bool ac__task_try_ref(ac_task *task);
void ac__arena_destroy(struct ac__arena *arena);
/* Releases the join handles tied to the arena's task (ac_task_scoped) that are still its own,
 * and the references it held on them: once, when the task's frame finished or was dropped. */
void ac__arena_end_scope(struct ac__arena *arena);
/* At shutdown, before the tasks left are freed: every abort handle gives its reference up and
 * does nothing from then on (abort.c). */
void ac__abort_handles_detach(void);

/* Writes " at f file:line <- g file:line ..." for a frame chain nobody polls meanwhile. */
void ac__dump_chain(FILE *out, const ac_future_type *type, void *frame);
/* Writes the task dump to stderr if SIGUSR1 asked for one. */
void ac__dump_if_requested(void);

#endif
