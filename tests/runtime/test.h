/* tests/runtime/test.h: what every runtime test shares: value-printing checks and the
 * declarations of the runtime's hand-written futures, as generated code would declare them. */
#ifndef ASYNCC_TEST_H
#define ASYNCC_TEST_H

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc.h"

#define TEST_SKIP 77

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);       \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#define CHECK_INT(op, a, b)                                                                \
    do {                                                                                   \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                    \
        if (!(check_a_ op check_b_)) {                                                     \
            fprintf(stderr, "%s:%d: CHECK(%s %s %s) failed: %lld vs %lld\n", __FILE__,     \
                    __LINE__, #a, #op, #b, check_a_, check_b_);                            \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#define CHECK_EQ(a, b) CHECK_INT(==, a, b)

/* The runtime's own async functions, as the transpiler declares cross-file callees. */
extern const ac_future_type ac__type_ac_sleep_ms;
void ac__init_ac_sleep_ms(void *frame, unsigned long ms);
extern const ac_future_type ac__type_ac_yield;
void ac__init_ac_yield(void *frame);
extern const ac_future_type ac__type_ac_task_join;
void ac__init_ac_task_join(void *frame, ac_task *task, void *result);

static inline void *test_no_child(void *frame, const ac_future_type **type)
{
    (void)frame;
    *type = NULL;
    return NULL;
}

static inline void test_no_drop(void *frame, ac_cx *cx)
{
    (void)frame;
    (void)cx;
}

/* A future type for a hand-written frame struct F with an int result field. */
#define TEST_TYPE(F, poll_fn, drop_fn)                                                     \
    {                                                                                      \
        .name = #F, .frame_size = sizeof(F), .frame_align = _Alignof(F),                   \
        .result_offset = offsetof(F, result), .result_size = sizeof(((F *)0)->result),     \
        .poll = poll_fn, .drop = drop_fn, .child = test_no_child, .sites = NULL, .nsites = 0 \
    }

/* Storage for one child frame inside a hand-written frame. */
typedef struct {
    _Alignas(16) unsigned char bytes[128];
} test_child;

/* Polls the child once; when it is ready, copies its result (if any) to out. */
static inline int test_poll_child(const ac_future_type *type, test_child *c, ac_cx *cx, void *out)
{
    if (type->frame_size > sizeof c->bytes)
        abort();
    int r = type->poll(c->bytes, cx);
    if (r == AC_READY && out && type->result_size)
        memcpy(out, c->bytes + type->result_offset, type->result_size);
    return r;
}

#endif
