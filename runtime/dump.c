/* runtime/dump.c: the task dump: one line per live task with the file:line of each await in
 * its frame chain, on request (ac_task_dump) or on SIGUSR1 (written by a worker, not the handler). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "task_state.h"
#include "worker.h"

/* The gdb extension (tools/gdb/asyncc-gdb.py), inline in the .debug_gdb_scripts section of every
 * program linked with libasyncc (this file always is): gdb runs it when it loads the program or
 * its core file, once the program's directory is trusted (add-auto-load-safe-path). The section
 * is not loaded at run time and `strip --strip-debug` removes it. */
#ifdef AC__GDB_SCRIPT
__asm__(".pushsection \".debug_gdb_scripts\", \"MS\", @progbits, 1\n"
        ".byte 4\n" /* SECTION_SCRIPT_ID_PYTHON_TEXT: a name line, then the script */
        ".ascii \"asyncc-gdb.py\\n\"\n"
        ".incbin \"" AC__GDB_SCRIPT "\"\n"
        ".byte 0\n"
        ".popsection\n");
#endif

/* Writes the chain from frame down; a combinator's state lists each of its pending children's
 * chains, as "{ a | b }". depth bounds the walk in frames, whatever the shape. */
static void dump_from(FILE *out, const ac_future_type *type, void *frame, unsigned depth)
{
    for (; type && frame && depth < 64; depth++) {
        unsigned state = ((ac_frame *)frame)->state;
        if (state == 0) {
            fprintf(out, "%s (not started)", type->name);
            return;
        }
        if (state == AC_STATE_DONE) {
            fprintf(out, "%s (finished)", type->name);
            return;
        }
        if (type->sites && state - 1 < type->nsites) {
            const ac_await_site *site = &type->sites[state - 1];
            fprintf(out, "%s %s:%u (awaiting %s)", type->name, site->file ? site->file : "?",
                    site->line, site->callee ? site->callee : "?");
        } else {
            fprintf(out, "%s state %u", type->name, state);
        }
        enum { MAX_BRANCHES = 32 }; /* a combinator takes at most 32 futures */
        void *frames[MAX_BRANCHES];
        const ac_future_type *types[MAX_BRANCHES];
        unsigned rows = 0, n = 0;
        if (type->kids)
            n = ac__kids_pending(type->kids, frame, frames, types, MAX_BRANCHES, &rows);
        else if (type->branches)
            n = type->branches(frame, frames, types, MAX_BRANCHES);
        if (n > 0 && (rows > 1 || !type->kids)) {
            fputs(" <- {", out);
            for (unsigned i = 0; i < n && i < MAX_BRANCHES; i++) {
                fputs(i ? " | " : " ", out);
                dump_from(out, types[i], frames[i], depth + 1);
            }
            fputs(" }", out);
            return;
        }
        /* one child: the table's, or what the type's child function says */
        const ac_future_type *child_type = type->kids && n ? types[0] : NULL;
        void *child = type->kids ? (n ? frames[0] : NULL) : type->child ? type->child(frame, &child_type) : NULL;
        if (child && child_type)
            fputs(" <- ", out);
        type = child_type;
        frame = child;
    }
}

/* Walks a frame chain that nobody can poll meanwhile (the caller holds the task's RUNNING bit). */
void ac__dump_chain(FILE *out, const ac_future_type *type, void *frame)
{
    fputs(" at ", out);
    dump_from(out, type, frame, 0);
}

/* Finished tasks that nobody joined yet, counted by function: a program that spawns many and
 * joins them late would otherwise get a line for each. */
enum { FINISHED_KINDS = 16 };
struct finished {
    const char *name; /* NULL: any other function, once the table is full */
    size_t count, aborted;
};

struct dump_ctx {
    FILE *out;
    size_t count;
    struct finished fin[FINISHED_KINDS + 1];
    size_t nfin;
    /* Tasks whose last reference the dump held: freed after the walk, which a free waits for. */
    ac_task **unref;
    size_t nunref, capunref;
};

static void count_finished(struct dump_ctx *d, const char *name, bool aborted)
{
    size_t i = 0;
    while (i < d->nfin && strcmp(d->fin[i].name ? d->fin[i].name : "", name) != 0)
        i++;
    if (i == d->nfin) {
        if (d->nfin == FINISHED_KINDS)
            i = FINISHED_KINDS; /* the last slot gathers the rest */
        else
            d->fin[d->nfin++].name = name;
    }
    d->fin[i].count++;
    d->fin[i].aborted += aborted;
}

/* The most frequent first, then by name: the registry's order is the tasks' addresses. */
static int by_count_then_name(const void *a, const void *b)
{
    const struct finished *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->name, y->name);
}

static void free_after_walk(struct dump_ctx *d, ac_task *task)
{
    if (d->nunref == d->capunref) {
        d->capunref = d->capunref ? 2 * d->capunref : 16;
        d->unref = realloc(d->unref, d->capunref * sizeof *d->unref);
        if (!d->unref)
            ac__panic("out of memory writing a task dump");
    }
    d->unref[d->nunref++] = task;
}

static void dump_one(ac_task *task, void *arg)
{
    struct dump_ctx *d = arg;
    d->count++;
    /* Take the RUNNING bit of an idle task so no worker polls it while we read its frames;
     * a wake meanwhile is honoured when we give the bit back. */
    enum ac__inspect_outcome how = ac__state_inspect(task);
    if (how == AC__INSPECT_FINISHED || how == AC__INSPECT_ABORTED) {
        count_finished(d, task->type->name, how == AC__INSPECT_ABORTED);
        return;
    }
    fprintf(d->out, "task %p %s:", (void *)task, task->type->name);
    if (how == AC__INSPECT_RUNNING) {
        fprintf(d->out, " running\n");
        return;
    }
    if (how == AC__INSPECT_SCHEDULED) {
        fprintf(d->out, " scheduled\n");
        return;
    }
    ac__dump_chain(d->out, task->type, ac__task_frame(task));
    fputc('\n', d->out);
    switch (ac__state_to_idle(task)) {
    case AC__IDLE_OK_NOTIFIED:
        ac__schedule(task, false);
        break;
    case AC__IDLE_OK_DEALLOC:
        free_after_walk(d, task);
        break;
    case AC__IDLE_OK:
        break;
    }
}

void ac_task_dump(FILE *out)
{
    struct dump_ctx d = {.out = out};
    fprintf(out, "asyncc task dump:\n");
    ac__registry_foreach(dump_one, &d);
    for (size_t i = 0; i < d.nunref; i++)
        ac__task_free(d.unref[i]);
    free(d.unref);
    size_t finished = 0;
    for (size_t i = 0; i <= FINISHED_KINDS; i++)
        finished += d.fin[i].count;
    if (finished) {
        fprintf(out, "finished, not joined yet: %zu task%s:", finished, finished == 1 ? "" : "s");
        qsort(d.fin, d.nfin, sizeof *d.fin, by_count_then_name);
        for (size_t i = 0; i <= FINISHED_KINDS; i++) {
            const struct finished *f = &d.fin[i];
            if (!f->count)
                continue;
            fprintf(out, "%s %s x%zu", i ? "," : "", f->name ? f->name : "(others)", f->count);
            if (f->aborted)
                fprintf(out, " (%zu aborted)", f->aborted);
        }
        fputc('\n', out);
    }
    fprintf(out, "%zu task%s\n", d.count, d.count == 1 ? "" : "s");
    fflush(out);
}

/* ------------------------------------------------------------------------------------------ */
/* SIGUSR1: the handler only sets a flag and wakes worker 0, which writes the dump.           */

_Atomic int ac__dump_requested;

static void on_sigusr1(int sig)
{
    (void)sig;
    int saved = errno;
    atomic_store(&ac__dump_requested, 1);
    struct ac__runtime *rt = atomic_load(&ac__rt);
    if (rt)
        ac__backend_wake(&rt->workers[0]); /* a write to an eventfd: async-signal-safe */
    errno = saved;
}

int ac_task_dump_on_signal(int on)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? on_sigusr1 : SIG_DFL;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGUSR1, &sa, NULL) ? -errno : 0;
}

void ac__dump_install_default(void);
void ac__dump_install_default(void)
{
    if (getenv("ASYNCC_NO_SIGUSR1"))
        return;
    struct sigaction old;
    if (sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
        ac_task_dump_on_signal(1);
}

void ac__dump_if_requested(void)
{
    if (atomic_load_explicit(&ac__dump_requested, memory_order_relaxed) &&
        atomic_exchange(&ac__dump_requested, 0))
        ac_task_dump(stderr);
}
