/* lint.c: warnings about the classic async mistakes, at the user's line, each with a -W flag:
 * blocking calls in async functions, a lock held across an await, dropped task handles, joins
 * into a variable of another type than the spawned function's result (thread-locals: lint_tls.c). */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const lint_names[LI_COUNT] = {"async-blocking", "async-lock-across-await",
                                                 "async-dropped-task", "async-join-type",
                                                 "async-thread-local-across-await", "async-compiler-macros"};

/* -1 means "as -Werror says" for as_error. Every lint is on by default. Set by the command
 * line (li_option) before any lint runs, read only then (by two threads, halves.c). */
static struct {
    int on[LI_COUNT];
    int as_error[LI_COUNT];
    int werror, silent;
} opt = {{1, 1, 1, 1, 1, 1}, {-1, -1, -1, -1, -1, -1}, 0, 0};
_Static_assert(LI_COUNT == 6, "opt's initializer has a value for each lint");

static int lint_named(const char *name)
{
    for (int i = 0; i < LI_COUNT; i++)
        if (strcmp(name, lint_names[i]) == 0)
            return i;
    return -1;
}

int li_option(const char *a)
{
    if (strcmp(a, "-Werror") == 0 || strcmp(a, "-w") == 0) {
        *(strcmp(a, "-w") == 0 ? &opt.silent : &opt.werror) = 1;
        return 0; /* the preprocessor may see them too */
    }
    /* As for gcc and clang, -Wno-error undoes an earlier -Werror (a Makefile's CFLAGS += -Werror
     * that a user's -Wno-error on the command line overrides); -Werror=NAME still holds. */
    if (strcmp(a, "-Wno-error") == 0) {
        opt.werror = 0;
        return 0;
    }
    const char *name = NULL;
    int on = 1, error = -1;
    if (strncmp(a, "-Wno-error=", 11) == 0)
        name = a + 11, error = 0;
    else if (strncmp(a, "-Werror=", 8) == 0)
        name = a + 8, error = 1;
    else if (strncmp(a, "-Wno-", 5) == 0)
        name = a + 5, on = 0;
    else if (strncmp(a, "-W", 2) == 0)
        name = a + 2;
    if (!name || strncmp(name, "async", 5) != 0)
        return 0;
    int all = strcmp(name, "async") == 0; /* -Wasync, -Wno-async: every lint */
    int k = all ? -1 : lint_named(name);
    if (!all && k < 0) {
        fprintf(stderr, "asyncc: warning: unknown warning option '%s' (asyncc knows -Wasync", a);
        for (int i = 0; i < LI_COUNT; i++)
            fprintf(stderr, ", -W%s", lint_names[i]);
        fprintf(stderr, ")\n");
        return 1;
    }
    for (int i = 0; i < LI_COUNT; i++) {
        if (!all && i != k)
            continue;
        if (error >= 0) {
            opt.as_error[i] = error;
            opt.on[i] |= error;
        } else {
            opt.on[i] = on;
        }
    }
    return 1;
}

int li_werror(void)
{
    return opt.werror;
}

int li_silent(void)
{
    return opt.silent;
}

int li_enabled(int lint)
{
    return opt.on[lint] && !opt.silent;
}

/* lint's warning at a file's line and column, or an error under -Werror; nothing when it is off. */
static void vwarn_at(tunit *t, const char *file, unsigned line, unsigned col, int lint, const char *fmt, va_list ap)
{
    if (!li_enabled(lint))
        return;
    int error = opt.as_error[lint] >= 0 ? opt.as_error[lint] : opt.werror;
    char msg[1024], flag[96];
    vsnprintf(msg, sizeof msg, fmt, ap);
    snprintf(flag, sizeof flag, "%s-W%s", error ? "-Werror," : "", lint_names[lint]);
    dg_diag_at(t, file, line, col, error ? "error" : "warning", flag, "%s", msg);
}

void li_warn(tunit *t, const node *n, int lint, const char *fmt, ...)
{
    if (!li_enabled(lint))
        return;
    char *file;
    unsigned line, col;
    dg_user_location(t, clang_getCursorLocation(n->cur), &file, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    vwarn_at(t, file, line, col, lint, fmt, ap);
    va_end(ap);
    free(file);
}

void li_warn_at(tunit *t, const char *file, unsigned line, unsigned col, int lint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn_at(t, file, line, col, lint, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- blocking calls */

/* Calls that block the calling thread (a worker: every task queued on it waits), with what to
 * await instead. The list is documented in docs/guide.md; a program's own blocking functions
 * join it with AC_BLOCKING on their declaration. Locking a pthread mutex, rwlock or spinlock,
 * or a C11 mtx_t, blocks too, but a short critical section with no await inside is the usual
 * advice: the lock walk below warns about a lock only when an await or the function's end comes
 * before its unlock. */
static const struct {
    const char *name, *instead;
} blocking[] = {
    {"sleep", "await(ac_sleep_ms(ms))"},
    {"usleep", "await(ac_sleep_ms(ms))"},
    {"nanosleep", "await(ac_sleep_ms(ms))"},
    {"clock_nanosleep", "await(ac_sleep_ms(ms))"},
    {"thrd_sleep", "await(ac_sleep_ms(ms))"},
    {"read", "await(ac_read(...))"},
    {"readv", "await(ac_readv(...))"},
    {"pread", "await(ac_pread(...))"},
    {"preadv", "await(ac_pread(...))"},
    {"write", "await(ac_write(...)) or ac_write_all"},
    {"writev", "await(ac_writev_all(...))"},
    {"pwrite", "await(ac_pwrite(...))"},
    {"pwritev", "await(ac_pwrite(...))"},
    {"sendfile", "await(ac_sendfile(...))"},
    {"splice", "await(ac_splice(...))"},
    {"recv", "await(ac_recv(...))"},
    {"recvfrom", "await(ac_recv(...))"},
    {"recvmsg", "await(ac_recv(...))"},
    {"send", "await(ac_send(...))"},
    {"sendto", "await(ac_send(...))"},
    {"sendmsg", "await(ac_send(...))"},
    {"accept", "await(ac_accept(...))"},
    {"accept4", "await(ac_accept(...))"},
    {"connect", "await(ac_connect(...))"},
    {"fsync", "await(ac_fsync(fd))"},
    {"fdatasync", "await(ac_fsync(fd))"},
    {"poll", "await(ac_fd_ready(...))"},
    {"ppoll", "await(ac_fd_ready(...))"},
    {"select", "await(ac_fd_ready(...))"},
    {"pselect", "await(ac_fd_ready(...))"},
    {"epoll_wait", "await(ac_fd_ready(...))"},
    {"pthread_cond_wait", "await(ac_notify_wait(n))"},
    {"pthread_cond_timedwait", "await(ac_notify_wait(n))"},
    {"pthread_join", "await(ac_task_join(...)) or await(ac_spawn_blocking(...))"},
    {"cnd_wait", "await(ac_notify_wait(n))"},
    {"thrd_join", "await(ac_spawn_blocking(...))"},
    {"cnd_timedwait", "await(ac_notify_wait(n))"},
    {"sem_wait", "await(ac_semaphore_acquire(s, 1))"},
    {"sem_timedwait", "await(ac_semaphore_acquire(s, 1))"},
    {"pthread_barrier_wait", "await(ac_barrier_wait(b))"},
    {"getaddrinfo", "await(ac_spawn_blocking(...))"},
    {"getnameinfo", "await(ac_spawn_blocking(...))"},
    {"gethostbyname", "await(ac_spawn_blocking(...))"},
    {"gethostbyname_r", "await(ac_spawn_blocking(...))"},
    {"gethostbyaddr", "await(ac_spawn_blocking(...))"},
    {"system", "await(ac_spawn_blocking(...))"},
    {"popen", "await(ac_spawn_blocking(...))"},
    /* waits for the command popen started */
    {"pclose", "await(ac_spawn_blocking(...))"},
    {"wait", "await(ac_spawn_blocking(...))"},
    {"waitpid", "await(ac_spawn_blocking(...))"},
    {"waitid", "await(ac_spawn_blocking(...))"},
    {"wait3", "await(ac_spawn_blocking(...))"},
    {"wait4", "await(ac_spawn_blocking(...))"},
    {"pause", "await(ac_signal(signo))"},
    {"sigsuspend", "await(ac_signal(signo))"},
    {"sigwait", "await(ac_signal(signo))"},
    {"sigwaitinfo", "await(ac_signal(signo))"},
    {"sigtimedwait", "await(ac_signal(signo))"},
    {"msgrcv", "await(ac_spawn_blocking(...))"},
    {"mq_receive", "await(ac_spawn_blocking(...))"},
    {"flock", "await(ac_spawn_blocking(...))"},
    {"lockf", "await(ac_spawn_blocking(...))"},
    {"fgets", "await(ac_read(...))"},
    {"fgetc", "await(ac_read(...))"},
    {"getc", "await(ac_read(...))"},
    {"getchar", "await(ac_read(...))"},
    {"getline", "await(ac_read(...))"},
    {"getdelim", "await(ac_read(...))"},
    {"fread", "await(ac_read(...))"},
    {"scanf", "await(ac_read(...))"},
    {"fscanf", "await(ac_read(...))"},
};

static enum CXChildVisitResult blocking_attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
        char *s = cx_take(clang_getCursorSpelling(c));
        *(int *)data |= strcmp(s, "asyncc_blocking") == 0;
        free(s);
    }
    return CXChildVisit_Continue;
}

/* Whether a declaration of fn carries AC_BLOCKING. */
static int marked_blocking(CXCursor fn)
{
    int found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        CXCursor c = pass == 0 ? fn : clang_getCanonicalCursor(fn);
        if (!clang_Cursor_isNull(c) && clang_Cursor_hasAttrs(c))
            clang_visitChildren(c, blocking_attr_visit, &found);
    }
    return found;
}

/* A function the input file itself defines is the user's own, whatever its name. */
static int defined_in_input(tunit *t, CXCursor fn)
{
    CXCursor def = clang_getCursorDefinition(fn);
    if (clang_Cursor_isNull(def))
        return 0;
    CXFile file;
    unsigned off;
    clang_getSpellingLocation(clang_getCursorLocation(def), &file, NULL, NULL, &off);
    return off < t->text_len && dg_in_input(t, off);
}

static int in_list(const char *name, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}

/* Descriptor calls that a non-blocking descriptor turns into attempts: in a function that awaits
 * readiness (the loop asyncc/fd.h shows) or with MSG_DONTWAIT they do not block. */
static const char *const fd_calls[] = {"read", "readv", "write", "writev", "recv", "recvfrom", "recvmsg",
                                       "send", "sendto", "sendmsg", "accept", "accept4", "connect",
                                       "sendfile", "splice", NULL};

static int awaits_readiness(const node *n)
{
    if (n->kind == CXCursor_CallExpr) {
        const char *name = an_call_name(n);
        if (strncmp(name, "ac_fd_", 6) == 0 && strcmp(name, "ac_fd_set_nonblocking") != 0)
            return 1;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        if (awaits_readiness(n->kids[i]))
            return 1;
    return 0;
}

static int text_has(const tunit *t, const node *n, const char *word)
{
    size_t len = strlen(word);
    for (unsigned i = nstart(n); i + len <= nend(n) && i + len <= t->text_len; i++)
        if (memcmp(t->text + i, word, len) == 0)
            return 1;
    return 0;
}

/* What check_blocking learns of a called declaration, which most calls share (strlen, the
 * program's own functions): asked of libclang once per declaration and thread. */
typedef struct callee_facts {
    CXCursor fn;
    char *name;
    const char *instead; /* the blocking list's advice, unless the input defines it */
    int marked;          /* marked_blocking, -1 until asked */
} callee_facts;

static _Thread_local struct {
    callee_facts **slot; /* open addressing by clang_hashCursor */
    unsigned cap, count;
} facts;

static callee_facts **facts_slot(CXCursor fn)
{
    unsigned mask = facts.cap - 1, k = clang_hashCursor(fn) & mask;
    while (facts.slot[k] && !clang_equalCursors(facts.slot[k]->fn, fn))
        k = (k + 1) & mask;
    return &facts.slot[k];
}

static callee_facts *facts_of(tunit *t, CXCursor fn)
{
    if (2 * (facts.count + 1) > facts.cap) {
        callee_facts **old = facts.slot;
        unsigned n = facts.cap;
        facts.cap = n ? 2 * n : 256;
        facts.slot = xcalloc(facts.cap, sizeof *facts.slot);
        for (unsigned i = 0; i < n; i++)
            if (old[i])
                *facts_slot(old[i]->fn) = old[i];
        free(old);
    }
    callee_facts **at = facts_slot(fn);
    if (*at)
        return *at;
    callee_facts *c = xcalloc(1, sizeof *c);
    c->fn = fn;
    c->name = cx_take(clang_getCursorSpelling(fn));
    for (size_t i = 0; !c->instead && i < sizeof blocking / sizeof blocking[0]; i++)
        if (strcmp(c->name, blocking[i].name) == 0)
            c->instead = blocking[i].instead;
    if (c->instead && defined_in_input(t, fn))
        c->instead = NULL;
    c->marked = -1;
    facts.count++;
    return *at = c;
}

static void check_blocking(tunit *t, afn *f, node *call)
{
    CXCursor fn = an_call_target(call);
    if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
        return;
    callee_facts *c = facts_of(t, fn);
    const char *name = c->name, *instead = c->instead;
    if (instead && in_list(name, fd_calls) && (text_has(t, call, "MSG_DONTWAIT") || awaits_readiness(f->body)))
        instead = NULL;
    if (!instead && c->marked < 0)
        c->marked = marked_blocking(fn);
    if (instead)
        li_warn(t, call, LI_BLOCKING, "'%s' blocks the worker thread that runs async function '%s' (and every task "
             "queued on it); use %s", name, f->name, instead);
    else if (c->marked)
        li_warn(t, call, LI_BLOCKING, "'%s' is declared AC_BLOCKING: it blocks the worker thread that runs async "
             "function '%s' (and every task queued on it)", name, f->name);
}

/* ---------------------------------------------------------------- locks across awaits */

static const char *const lock_fns[] = {"pthread_mutex_lock", "pthread_rwlock_rdlock", "pthread_rwlock_wrlock",
                                       "pthread_spin_lock", "mtx_lock", NULL};
static const char *const unlock_fns[] = {"pthread_mutex_unlock", "pthread_rwlock_unlock", "pthread_spin_unlock",
                                         "mtx_unlock", NULL};


/* The text of a call's first argument without blanks: the lock it names ("&m", "&s->lock"). */
static char *lock_key(const tunit *t, const node *call)
{
    if (call->nkids < 2)
        return NULL;
    const node *arg = call->kids[1];
    sb b = {0};
    for (unsigned i = nstart(arg); i < nend(arg) && i < t->text_len; i++)
        if (t->text[i] != ' ' && t->text[i] != '\t' && t->text[i] != '\n')
            sb_putc(&b, t->text[i]);
    return sb_take(&b);
}

typedef struct held {
    char *key;
    const char *fn;
    node *call;
    unsigned line;
    int warned;
} held;

typedef struct walk {
    tunit *t;
    afn *f;
    held *locks;
    unsigned nlocks;
} walk;

static int is_await_marker(marker mk)
{
    return mk == MK_AWAIT || mk == MK_JOIN || mk == MK_TRY_JOIN || mk == MK_SELECT || mk == MK_TIMEOUT;
}

/* ---------------------------------------------------------------- task handles */

static node *skip_up(node *n)
{
    while (n->parent && !n->parent->mk &&
           (n->parent->kind == CXCursor_ParenExpr || n->parent->kind == CXCursor_UnexposedExpr))
        n = n->parent;
    return n;
}

typedef struct refs {
    CXCursor handle;
    unsigned count;
} refs;

static enum CXChildVisitResult count_refs(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    refs *r = data;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr && clang_equalCursors(clang_getCursorReferenced(c), r->handle))
        r->count++;
    return CXChildVisit_Recurse;
}

static void dropped_handle(tunit *t, node *spawn)
{
    const char *what = spawn->mk == MK_SPAWN ? "ac_spawn" : "ac_spawn_local";
    li_warn(t, spawn, LI_DROPPED, "the handle that %s returns is dropped, which detaches the task: nothing "
         "joins it, sees its result or can abort it; write (void)%s(...) if that is meant", what, what);
}

static void check_spawn(tunit *t, afn *f, node *spawn)
{
    node *at = skip_up(spawn), *p = at->parent;
    if (!p)
        return;
    /* A cast to void is the explicit way to detach (as the guide says); a statement of its own
     * drops the handle silently. The last statement of a statement expression is its value:
     * dropped only when that value is (`t = ({ ...; ac_spawn(f()); })` keeps it). */
    if (p->kind == CXCursor_CStyleCastExpr)
        return;
    if (p->kind == CXCursor_CompoundStmt && p->parent && p->parent->kind == CXCursor_StmtExpr && p->nkids &&
        p->kids[p->nkids - 1] == at) {
        if (an_value_discarded(spawn))
            dropped_handle(t, spawn);
        return;
    }
    if (clang_isStatement(p->kind) && p->kind != CXCursor_ReturnStmt && p->kind != CXCursor_DeclStmt) {
        dropped_handle(t, spawn);
        return;
    }
    /* Stored in a local that nothing reads: `ac_task *h = ac_spawn(...);` alone. */
    CXCursor handle = clang_getNullCursor();
    if (p->kind == CXCursor_VarDecl)
        handle = p->cur;
    else if (an_is_assign(t, p) && p->nkids == 2 && p->kids[1] == at &&
             an_unparen(p->kids[0])->kind == CXCursor_DeclRefExpr)
        handle = clang_getCursorReferenced(an_unparen(p->kids[0])->cur);
    if (clang_Cursor_isNull(handle) || clang_getCursorKind(handle) != CXCursor_VarDecl ||
        clang_Cursor_getStorageClass(handle) == CX_SC_Static)
        return;
    CXFile file;
    unsigned off;
    clang_getSpellingLocation(clang_getCursorLocation(handle), &file, NULL, NULL, &off);
    if (off < nstart(f->body) || off >= nend(f->body))
        return; /* not a local: others may read it */
    refs r = {handle, 0};
    clang_visitChildren(f->body->cur, count_refs, &r);
    unsigned assignments = p->kind == CXCursor_BinaryOperator; /* the left side of this `=` */
    if (r.count <= assignments) {
        char *name = cx_take(clang_getCursorSpelling(handle));
        li_warn(t, spawn, LI_DROPPED, "the handle of the task spawned into '%s' is never used: the task is never "
             "joined, detached or aborted", name);
        free(name);
    }
}

/* ---------------------------------------------------------------- join result types */

/* The spawned call that the local handle was last given (in source order before the join at
 * offset before), or NULL. */
static node *spawned_into(tunit *t, node *n, CXCursor handle, unsigned before, node *found)
{
    if (nstart(n) >= before)
        return found;
    if (n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL) {
        node *at = skip_up(n), *p = at->parent;
        int into = 0;
        if (p && p->kind == CXCursor_VarDecl)
            into = clang_equalCursors(p->cur, handle);
        else if (p && an_is_assign(t, p) && p->nkids == 2 && p->kids[1] == at &&
                 an_unparen(p->kids[0])->kind == CXCursor_DeclRefExpr)
            into = clang_equalCursors(clang_getCursorReferenced(an_unparen(p->kids[0])->cur), handle);
        if (into && n->nops)
            found = an_unparen(n->ops[0]);
    }
    for (unsigned i = 0; i < n->nkids; i++)
        found = spawned_into(t, n->kids[i], handle, before, found);
    return found;
}

static char *unqualified(CXType ty)
{
    char *s = cx_take(clang_getTypeSpelling(clang_getCanonicalType(ty)));
    for (const char *q; (q = strstr(s, "const ")) || (q = strstr(s, "volatile "));)
        memmove((char *)q, q + (q[0] == 'c' ? 6 : 9), strlen(q + (q[0] == 'c' ? 6 : 9)) + 1);
    return s;
}

static void check_join(tunit *t, afn *f, node *call)
{
    if (call->nkids < 3) /* the callee, the task, the result (and the size asyncc/task.h adds) */
        return;
    node *task = an_unparen(call->kids[1]), *result = an_unparen(call->kids[2]);
    if (task->kind != CXCursor_DeclRefExpr)
        return;
    node *spawned = spawned_into(t, f->body, clang_getCursorReferenced(task->cur), nstart(call), NULL);
    if (!spawned || spawned->kind != CXCursor_CallExpr)
        return;
    char *fn = cx_take(clang_getCursorSpelling(spawned->cur));
    CXType ret = clang_getCursorType(spawned->cur);
    CXType target = {0};
    if (result->kind == CXCursor_UnaryOperator && result->nkids == 1 && t->text[nstart(result)] == '&')
        target = clang_getCursorType(result->kids[0]->cur);
    else if (clang_getCursorType(result->cur).kind == CXType_Pointer)
        target = clang_getPointeeType(clang_getCursorType(result->cur));
    int is_null = result->kind == CXCursor_IntegerLiteral || (result->kind == CXCursor_CStyleCastExpr &&
                                                               an_unparen(result->kids[result->nkids - 1])->kind == CXCursor_IntegerLiteral);
    if (ret.kind == CXType_Void && !is_null && target.kind != CXType_Invalid) {
        li_warn(t, call, LI_JOIN_TYPE, "'%s' returns void, but its join stores a result; pass NULL", fn);
    } else if (target.kind != CXType_Invalid && target.kind != CXType_Void && ret.kind != CXType_Void) {
        char *a = unqualified(ret), *b = unqualified(target);
        if (strcmp(a, b) != 0)
            li_warn(t, call, LI_JOIN_TYPE, "joining the task of '%s', which returns '%s', into '%s' (the join checks "
                 "only sizes, when it runs)", fn, a, b);
        free(a);
        free(b);
    }
    free(fn);
}

/* ---------------------------------------------------------------- the walk */

static void lock_never_released(walk *w, const held *h)
{
    li_warn(w->t, h->call, LI_BLOCKING, "'%s' blocks the worker thread that runs async function '%s' (and every "
         "task queued on it), and %s is not unlocked in this function; use await(ac_mutex_lock(m))", h->fn,
         w->f->name, h->key);
}

static void visit(walk *w, node *n)
{
    tunit *t = w->t;
    if (is_await_marker(n->mk) && w->f->self) {
        for (unsigned i = 0; i < w->nlocks; i++) {
            held *h = &w->locks[i];
            if (h->key && !h->warned) {
                h->warned = 1;
                li_warn(t, n, LI_LOCK, "await while the lock %s is held (%s at line %u): the task may resume on "
                     "another thread, and whatever else waits for the lock blocks its thread meanwhile; use "
                     "ac_mutex", h->key, h->fn, h->line);
            }
        }
    }
    if (n->mk == MK_SPAWN || n->mk == MK_SPAWN_LOCAL)
        check_spawn(t, w->f, n);
    if (n->kind == CXCursor_CallExpr) {
        const char *name = an_call_name(n);
        if (w->f->self)
            check_blocking(t, w->f, n);
        if (strcmp(name, "ac_task_join") == 0)
            check_join(t, w->f, n);
        if (w->f->self && (in_list(name, lock_fns) || in_list(name, unlock_fns))) {
            char *key = lock_key(t, n);
            if (key && in_list(name, lock_fns)) {
                unsigned line;
                dg_presumed(clang_getCursorLocation(n->cur), NULL, &line, NULL);
                VEC_PUSH(w->locks, w->nlocks, ((held){key, NULL, n, line, 0}));
                w->locks[w->nlocks - 1].fn = lock_fns[0];
                for (int i = 0; lock_fns[i]; i++)
                    if (strcmp(name, lock_fns[i]) == 0)
                        w->locks[w->nlocks - 1].fn = lock_fns[i];
            } else if (key) {
                for (unsigned i = w->nlocks; i-- > 0;)
                    if (w->locks[i].key && strcmp(w->locks[i].key, key) == 0) {
                        free(w->locks[i].key);
                        w->locks[i].key = NULL;
                        break;
                    }
                free(key);
            }
        }
    }
    for (unsigned i = 0; i < n->nkids; i++)
        visit(w, n->kids[i]);
}

void li_function(tunit *t, afn *f)
{
    if (!f->body)
        return;
    walk w = {t, f, NULL, 0};
    visit(&w, f->body);
    for (unsigned k = 0; k < w.nlocks; k++) {
        if (w.locks[k].key && !w.locks[k].warned)
            lock_never_released(&w, &w.locks[k]);
        free(w.locks[k].key);
    }
    free(w.locks);
    if (f->self && li_enabled(LI_THREAD_LOCAL))
        li_thread_locals(t, f);
}
