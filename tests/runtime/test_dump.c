/* tests/runtime/test_dump.c: the task dump names each suspended task's await sites, following
 * child frames (file:line from the await-site tables), by a call and on SIGUSR1. */
#include <signal.h>
#include <unistd.h>

#include "test.h"

/* A frame as the transpiler would lay it out: state k means suspended at sites[k-1]. */
typedef struct {
    unsigned state;
    int result;
    _Alignas(16) unsigned char sleep[128];
} middle_frame;

static atomic_int started;

static int middle_poll(void *frame, ac_cx *cx)
{
    middle_frame *f = frame;
    if (f->state == 0) {
        atomic_store(&started, 1);
        ac__init_ac_sleep_ms(f->sleep, 100000);
        f->state = 1;
    }
    if (ac__type_ac_sleep_ms.poll(f->sleep, cx) == AC_PENDING)
        return AC_PENDING;
    f->state = AC_STATE_DONE;
    return AC_READY;
}
static void middle_drop(void *frame, ac_cx *cx)
{
    middle_frame *f = frame;
    if (f->state == 1)
        ac__type_ac_sleep_ms.drop(f->sleep, cx);
}
static void *middle_child(void *frame, const ac_future_type **type)
{
    middle_frame *f = frame;
    *type = f->state == 1 ? &ac__type_ac_sleep_ms : NULL;
    return f->state == 1 ? f->sleep : NULL;
}
static const ac_await_site middle_sites[] = {{"lib.c", 7, "ac_sleep_ms"}};
static const ac_future_type middle_type = {
    .name = "wait_a_while", .frame_size = sizeof(middle_frame),
    .frame_align = _Alignof(middle_frame), .result_offset = offsetof(middle_frame, result),
    .result_size = sizeof(int), .poll = middle_poll, .drop = middle_drop,
    .child = middle_child, .sites = middle_sites, .nsites = 1};

typedef struct {
    unsigned state;
    int result;
    middle_frame middle;
} outer_frame;

static int outer_poll(void *frame, ac_cx *cx)
{
    outer_frame *f = frame;
    if (f->state == 0) {
        f->middle.state = 0;
        f->state = 2; /* the second await site of this function */
    }
    if (middle_poll(&f->middle, cx) == AC_PENDING)
        return AC_PENDING;
    f->state = AC_STATE_DONE;
    return AC_READY;
}
static void outer_drop(void *frame, ac_cx *cx)
{
    outer_frame *f = frame;
    if (f->state == 2)
        middle_drop(&f->middle, cx);
}
static void *outer_child(void *frame, const ac_future_type **type)
{
    outer_frame *f = frame;
    *type = &middle_type;
    return &f->middle;
}
static const ac_await_site outer_sites[] = {{"app.c", 10, "connect"}, {"app.c", 42, "wait_a_while"}};
static const ac_future_type outer_type = {
    .name = "serve", .frame_size = sizeof(outer_frame), .frame_align = _Alignof(outer_frame),
    .result_offset = offsetof(outer_frame, result), .result_size = sizeof(int),
    .poll = outer_poll, .drop = outer_drop, .child = outer_child, .sites = outer_sites,
    .nsites = 2};

typedef struct {
    CO_HEAD;
    ac_task *victim;
    char *text;
    size_t len;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    {
        void *fr;
        f->victim = ac__task_spawn(ac__task_new(&outer_type, &fr));
    }
    while (!atomic_load(&started))
        CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 1), NULL);
    CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 5), NULL);
    {
        FILE *out = open_memstream(&f->text, &f->len);
        ac_task_dump(out);
        fclose(out);
        fputs(f->text, stdout);
        CHECK(strstr(f->text, "serve app.c:42 (awaiting wait_a_while) <- wait_a_while lib.c:7 (awaiting ac_sleep_ms) <- ac_sleep_ms") != NULL);
        CHECK(strstr(f->text, "root_frame: running") != NULL);
        CHECK(strstr(f->text, "2 tasks") != NULL);
        free(f->text);
    }
    raise(SIGUSR1); /* a worker writes the dump to stderr */
    CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 50), NULL);
    ac_task_abort(f->victim);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-dump-%d", (int)getpid());
    FILE *err = fopen(path, "w+");
    CHECK(err != NULL);
    int saved = dup(2);
    dup2(fileno(err), 2);
    void *fr;
    int r = -1;
    ac__block_on(ac__task_new(&root_type, &fr), &r);
    ac_runtime_shutdown();
    dup2(saved, 2);
    CHECK_EQ(r, 0);
    char buf[8192];
    rewind(err);
    size_t n = fread(buf, 1, sizeof buf - 1, err);
    buf[n] = '\0';
    fclose(err);
    unlink(path);
    fputs(buf, stderr);
    CHECK(strstr(buf, "asyncc task dump:") != NULL);
    CHECK(strstr(buf, "app.c:42") != NULL);
    return 0;
}
