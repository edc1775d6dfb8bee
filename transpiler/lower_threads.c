/* lower_threads.c: the code of every rewritten function, on two threads when the file was parsed
 * in two halves: each thread lowers the functions of one half and asks libclang about its own. */
#include "analyze.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Below this many functions in each half one thread does as well (a thread costs about what
 * lowering a small function does). */
#define THREAD_MIN_FNS 4

/* The functions of one translation unit, lowered by one thread. */
typedef struct half {
    tunit *t;
    sb *code;
    CXTranslationUnit tu;
    char *diags; /* what it reported, held until the first half's are out */
} half;

static int in_half(const half *h, const afn *f)
{
    return clang_Cursor_getTranslationUnit(f->root->cur) == h->tu;
}

static void lower_half(half *h)
{
    for (unsigned i = 0; i < h->t->nfns; i++)
        if (in_half(h, h->t->fns[i]))
            lw_function_code(h->t, h->t->fns[i], &h->code[i]);
}

static void *second_thread(void *arg)
{
    half *h = arg;
    dg_hold();
    lower_half(h);
    h->diags = dg_take_held();
    return NULL;
}

/* What the lowering would otherwise compute when it first needs it, shared by both threads: the
 * line maps, dn_body_symbol's scan, the attributes of each callee's body. */
static void prepare(tunit *t)
{
    dg_input_name(t);
    dg_orig_nlines(t);
    dn_prepare(t);
    an_names_types_compatible(t);
    for (unsigned i = 0; i < t->ncallees; i++)
        fa_text(t->callees[i]);
}

/* Whether the two halves are worth a thread: each has enough functions. Every function's tree
 * comes from one of them (analyze.c: with_body). */
static int worth_threads(tunit *t, half *second)
{
    unsigned n2 = 0;
    for (unsigned i = 0; i < t->nfns; i++)
        n2 += in_half(second, t->fns[i]);
    return n2 >= THREAD_MIN_FNS && t->nfns - n2 >= THREAD_MIN_FNS && !getenv("ASYNCC_ONE_THREAD");
}

sb *lw_all_code(tunit *t)
{
    sb *code = xcalloc(t->nfns, sizeof *code);
    half first = {t, code, t->tu, NULL}, second = {t, code, t->tu2, NULL};
    pthread_t thread;
    int threaded = t->tu2 && worth_threads(t, &second);
    if (threaded) {
        prepare(t);
        threaded = pthread_create(&thread, NULL, second_thread, &second) == 0;
    }
    if (!threaded) {
        for (unsigned i = 0; i < t->nfns; i++)
            lw_function_code(t, t->fns[i], &code[i]);
        return code;
    }
    lower_half(&first);
    pthread_join(thread, NULL);
    fputs(second.diags, stderr);
    free(second.diags);
    return code;
}
