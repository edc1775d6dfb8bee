/* halves.c: the per-function passes after analysis (plan, lints, lowering) on two threads for a
 * file parsed in two halves, each thread on one half's functions and translation unit. */
#include "analyze.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Below this many functions in each half one thread does as well (a thread costs about what
 * lowering a small function does). */
#define THREAD_MIN_FNS 4

/* The functions of one translation unit, which one thread runs the job on. */
typedef struct half {
    tunit *t;
    hv_job job;
    void *arg;
    CXTranslationUnit tu;
    char **diags; /* per function, what the job reported there: printed in the functions' order */
} half;

static int in_half(const half *h, const afn *f)
{
    return clang_Cursor_getTranslationUnit(f->root->cur) == h->tu;
}

static void run_half(half *h)
{
    for (unsigned i = 0; i < h->t->nfns; i++)
        if (in_half(h, h->t->fns[i])) {
            dg_hold();
            h->job(h->t, i, h->arg);
            h->diags[i] = dg_take_held();
        }
}

static void *second_thread(void *arg)
{
    double start = tm_now();
    run_half(arg);
    tm_note("second thread's half", tm_now() - start);
    return NULL;
}

/* What the passes would otherwise compute when they first need it, shared by both threads: the
 * line maps, dn_body_symbol's scan, the attributes of each callee's body. */
static void prepare(tunit *t)
{
    dg_input_name(t);
    dg_orig_nlines(t);
    dn_prepare(t);
    an_names_types_compatible(t);
    for (unsigned i = 0; i < t->ncallees; i++)
        fa_text(t->callees[i]), fa_call_text(t->callees[i]);
}

/* Whether the two halves are worth a thread: each has enough functions. Every function's tree
 * comes from one of them (analyze.c: with_body). ASYNCC_ONE_THREAD=1: never (for comparisons). */
static int worth_threads(tunit *t, const half *second)
{
    const char *one = getenv("ASYNCC_ONE_THREAD");
    if (!t->tu2 || (one && *one && *one != '0'))
        return 0;
    unsigned n2 = 0;
    for (unsigned i = 0; i < t->nfns; i++)
        n2 += in_half(second, t->fns[i]);
    return n2 >= THREAD_MIN_FNS && t->nfns - n2 >= THREAD_MIN_FNS;
}

void hv_each(tunit *t, hv_job job, void *arg)
{
    half second = {t, job, arg, t->tu2, NULL};
    pthread_t thread;
    int threaded = worth_threads(t, &second);
    if (threaded) {
        prepare(t);
        second.diags = xcalloc(t->nfns, sizeof *second.diags);
        threaded = pthread_create(&thread, NULL, second_thread, &second) == 0;
    }
    if (!threaded) {
        free(second.diags);
        for (unsigned i = 0; i < t->nfns; i++)
            job(t, i, arg);
        return;
    }
    t->two_threads = 1;
    half first = {t, job, arg, t->tu, second.diags};
    double start = tm_now();
    run_half(&first);
    double done = tm_now();
    tm_note("this thread's half", done - start);
    pthread_join(thread, NULL);
    tm_note("this thread waited", tm_now() - done);
    for (unsigned i = 0; i < t->nfns; i++) {
        if (second.diags[i])
            fputs(second.diags[i], stderr);
        free(second.diags[i]);
    }
    free(second.diags);
}
