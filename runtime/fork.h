/* runtime/fork.h: the child's side of fork() (fork.c), and what each module resets in the child:
 * the locks the parent's other threads may have held, the threads and kernel objects it shares. */
#ifndef ASYNCC_RUNTIME_FORK_H
#define ASYNCC_RUNTIME_FORK_H

#include <stddef.h>

struct ac__backend_ops;
struct ac__runtime;
struct ac__worker;

/* Installs the handlers, once (at the runtime's start). */
void ac__fork_install(void);

/* The prepare and parent handlers, and the child's part of the no-fork sections (nofork.c). */
void ac__nofork_init(void);
void ac__nofork_prepare(void);
void ac__nofork_parent(void);
void ac__nofork_child(struct ac__runtime *rt);

/* In the prepare handler, each module's locks that its holders may wake tasks under (taken
 * before the no-fork sections close; no section takes them), then, in nofork.c's order, the
 * short locks of what the child reuses; the parent's handler releases them, and the module's
 * after_fork makes them anew in the child. */
void ac__signal_before_fork(void);
void ac__signal_parent_after_fork(void);
void ac__abort_before_fork(void);
void ac__abort_parent_after_fork(void);
void ac__cancel_token_before_fork(void);
void ac__cancel_token_parent_after_fork(void);
void ac__keep_before_fork(void);
void ac__keep_parent_after_fork(void);
void ac__debug_copies_before_fork(void);
void ac__debug_copies_parent_after_fork(void);
void ac__task_before_fork(void);
void ac__task_parent_after_fork(void);
void ac__alloc_before_fork(void);
void ac__alloc_parent_after_fork(void);

/* In the child, before anything else runs there. */
void ac__runtime_after_fork(void);
void ac__pool_after_fork(void);
void ac__signal_after_fork(void);
/* When the child's runtime first runs: the signal dispatcher back, if the parent had one. */
void ac__signal_renew(void);
void ac__alloc_after_fork(void);
void ac__task_after_fork(void);
void ac__cancel_token_after_fork(void);
void ac__keep_after_fork(void);
void ac__debug_copies_after_fork(void);
void ac__gate_after_fork(void);
void ac__abort_after_fork(void);

/* Starts backend be for every worker (runtime.c): 0, or -errno with none started and a sentence
 * in why. */
int ac__backends_start(struct ac__runtime *rt, const struct ac__backend_ops *be, char *why, size_t whylen);
/* Starts w's thread (runtime.c): 0 or an errno. */
int ac__worker_thread_start(struct ac__worker *w);
/* Starts the monitor thread, when it can (runtime.c). */
void ac__monitor_start(struct ac__runtime *rt);

#endif
