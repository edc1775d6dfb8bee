/* seq.h: what the sequential library's files share: the runtime's task ABI, read without
 * AC_SEQUENTIAL (the library itself runs real tasks), and the two steps of each blocking call. */
#ifndef ASYNCC_SEQ_H
#define ASYNCC_SEQ_H

#include <asyncc.h>
#include <stddef.h>

/* A task for one call of an async function of the runtime, as ac__task_new makes it. */
ac_task *ac__seq_task_new(const ac_future_type *type, void **frame);
/* Runs the task on the runtime until it finishes and copies its result (when result is not
 * NULL); the calling thread waits. Exits the program with a message when the runtime cannot
 * start, as async main does. */
void ac__seq_block_on(ac_task *task, void *result);

#endif
