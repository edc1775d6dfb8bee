/* tests/runtime/test_registry.c: the registry of live tasks, which task dumps and shutdown walk,
 * sees every task spawned and not freed, whatever its memory: plain, over-aligned and very large
 * root frames, pending and finished-but-unjoined tasks; dumps run while another worker spawns and
 * frees tasks; shutdown drops every pending task and frees the unjoined ones. */
#include "stress.h"
#include "test.h"

#define NPLAIN 300
#define NALIGNED 20
#define NBIG 5
#define NKEPT 40      /* finished, handle kept and never joined */
#define NDETACHED 200 /* finished and detached: freed */
#define NCHURN STRESS_N(200000, 20)

static atomic_int started, dropped, quick_done, churn_done;

/* A task that sleeps for a long time, in a root frame of the given struct. */
#define SLEEPER(NAME, FRAME)                                                               \
    static int NAME##_poll(void *frame, ac_cx *cx)                                         \
    {                                                                                      \
        FRAME *f = frame;                                                                  \
        if (f->state == 0) {                                                               \
            atomic_fetch_add(&started, 1);                                                 \
            ac__init_ac_sleep_ms(f->sleep, 1000000);                                       \
            f->state = 1;                                                                  \
        }                                                                                  \
        if (ac__type_ac_sleep_ms.poll(f->sleep, cx) == AC_PENDING)                         \
            return AC_PENDING;                                                             \
        f->state = AC_STATE_DONE;                                                          \
        return AC_READY;                                                                   \
    }                                                                                      \
    static void NAME##_drop(void *frame, ac_cx *cx)                                        \
    {                                                                                      \
        FRAME *f = frame;                                                                  \
        if (f->state == 1)                                                                 \
            ac__type_ac_sleep_ms.drop(f->sleep, cx);                                       \
        atomic_fetch_add(&dropped, 1);                                                     \
    }                                                                                      \
    static const ac_future_type NAME##_type = {                                            \
        .name = #NAME, .frame_size = sizeof(FRAME), .frame_align = _Alignof(FRAME),        \
        .result_offset = offsetof(FRAME, result), .result_size = sizeof(int),              \
        .poll = NAME##_poll, .drop = NAME##_drop, .child = test_no_child}

typedef struct {
    unsigned state;
    int result;
    _Alignas(16) unsigned char sleep[128];
} plain_frame;
SLEEPER(plain_sleeper, plain_frame);

typedef struct {
    unsigned state;
    int result;
    _Alignas(64) unsigned char sleep[128];
} aligned_frame;
SLEEPER(aligned_sleeper, aligned_frame);

typedef struct {
    unsigned state;
    int result;
    _Alignas(16) unsigned char sleep[128];
    char big[100000]; /* beyond the task allocator's largest class */
} big_frame;
SLEEPER(big_sleeper, big_frame);

typedef struct {
    unsigned state;
    int result;
} quick_frame;

static int quick_poll(void *frame, ac_cx *cx)
{
    (void)cx;
    quick_frame *f = frame;
    atomic_fetch_add(&quick_done, 1);
    f->result = 7;
    f->state = AC_STATE_DONE;
    return AC_READY;
}
static const ac_future_type quick_type = TEST_TYPE(quick_frame, quick_poll, test_no_drop);

static ac_task *spawn_of(const ac_future_type *type)
{
    void *fr;
    return ac__task_spawn(ac__task_new(type, &fr));
}

/* Spawns and joins quick tasks one after the other, so that tasks are freed all along. */
typedef struct {
    CO_HEAD;
    long i;
    int got;
} churn_frame;

static int churn_poll(void *frame, ac_cx *cx)
{
    churn_frame *f = frame;
    CO_BEGIN(f);
    for (f->i = 0; f->i < NCHURN; f->i++) {
        CO_AWAIT(f, ac__type_ac_task_join,
                 ac__init_ac_task_join(f->c.bytes, spawn_of(&quick_type), &f->got, AC__RESULT_SIZE(&f->got)), NULL);
        CHECK_EQ(f->got, 7);
    }
    atomic_store(&churn_done, 1);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type churn_type = TEST_TYPE(churn_frame, churn_poll, co_drop);

/* The count a dump ends with ("N tasks"), and how many of its lines contain what. */
static long dump_count(const char *text)
{
    const char *last = NULL;
    for (const char *p = strstr(text, " task"); p; p = strstr(p + 1, " task"))
        last = p;
    CHECK(last != NULL);
    while (last > text && last[-1] >= '0' && last[-1] <= '9')
        last--;
    return strtol(last, NULL, 10);
}

static long lines_with(const char *text, const char *what)
{
    long n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Dumps the tasks and returns the count the dump ends with; when all_idle, also checks that
 * every task spawned above is in it. */
static long dump_and_check(int all_idle)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CHECK(out != NULL);
    ac_task_dump(out);
    fclose(out);
    long n = dump_count(text);
    if (all_idle) {
        CHECK_EQ(lines_with(text, "plain_sleeper: at"), NPLAIN);
        CHECK_EQ(lines_with(text, "aligned_sleeper: at"), NALIGNED);
        CHECK_EQ(lines_with(text, "big_sleeper: at"), NBIG);
        char kept[64];
        snprintf(kept, sizeof kept, "not joined yet: %d tasks: quick_frame x%d\n", NKEPT, NKEPT);
        CHECK_EQ(lines_with(text, kept), 1);
        CHECK_EQ(lines_with(text, "root_frame: running"), 1);
    }
    free(text);
    return n;
}

typedef struct {
    CO_HEAD;
    ac_task *kept[NKEPT];
    ac_task *churn;
    int dumps;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    for (int i = 0; i < NPLAIN; i++)
        ac_task_detach(spawn_of(&plain_sleeper_type));
    for (int i = 0; i < NALIGNED; i++)
        ac_task_detach(spawn_of(&aligned_sleeper_type));
    for (int i = 0; i < NBIG; i++)
        ac_task_detach(spawn_of(&big_sleeper_type));
    for (int i = 0; i < NKEPT; i++)
        f->kept[i] = spawn_of(&quick_type);
    for (int i = 0; i < NDETACHED; i++)
        ac_task_detach(spawn_of(&quick_type));
    while (atomic_load(&started) < NPLAIN + NALIGNED + NBIG ||
           atomic_load(&quick_done) < NKEPT + NDETACHED)
        CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 1), NULL);
    CHECK_EQ(dump_and_check(1), 1 + NPLAIN + NALIGNED + NBIG + NKEPT);
    /* Dumps while another task spawns and frees tasks: every dump sees the tasks above and
     * the churning one, plus the quick task it has in flight and the ones joined but not freed
     * yet: the thread that completed a task drops its reference after waking the joiner, and a
     * preempted worker's tasks move on (the monitor) while it still holds one. Two workers and
     * the monitor: at most three such. A freed task left in the registry would pile up over
     * the churn's joins and break the bound. */
    f->churn = spawn_of(&churn_type);
    for (f->dumps = 0; !atomic_load(&churn_done) || f->dumps < 3; f->dumps++) {
        long n = dump_and_check(0);
        CHECK_INT(>=, n, 1 + NPLAIN + NALIGNED + NBIG + NKEPT);
        CHECK_INT(<=, n, 1 + NPLAIN + NALIGNED + NBIG + NKEPT + 1 + 1 + 3);
        CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 1), NULL);
    }
    CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->churn, NULL, AC__RESULT_SIZE(NULL)), NULL);
    /* The kept handles are never joined: shutdown frees their tasks (LeakSanitizer checks). */
    CO_RETURN(f, f->dumps);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    stress_watchdog(120);
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.workers = 2;
    CHECK_EQ(ac_runtime_configure(&config), 0);
    void *fr;
    int dumps = 0;
    ac__block_on(ac__task_new(&root_type, &fr), &dumps);
    printf("%d dumps while churning\n", dumps);
    CHECK_EQ(atomic_load(&dropped), 0);
    ac_runtime_shutdown();
    CHECK_EQ(atomic_load(&dropped), NPLAIN + NALIGNED + NBIG);
    return 0;
}
