/* tests/runtime/test_watch.c (async C): the watch channel (receivers see the latest version,
 * skip the ones they missed, -EPIPE after close, a borrow into NULL), the unbounded mpsc (100000 values in order,
 * no send ever waits), send permits (reserve, send or give back, cancelled reserve) and drop
 * functions for values discarded by a closed receiver, in mpsc and oneshot. */
#include "test.h"

#define NVALUES 100000

static async int watcher(ac_watch_rx *rx, int *last)
{
    int v, changes = 0;
    while (await(ac_watch_changed(rx, &v)) == 0) {
        CHECK_INT(>, v, *last); /* versions only move forward */
        *last = v;
        changes++;
    }
    ac_watch_rx_close(rx);
    return changes;
}

static async void produce(ac_mpsc *ch, int from, int n)
{
    for (int i = from; i < from + n; i++) {
        CHECK_EQ(ac_mpsc_try_send(ch, &i), 0);
        if (i % 1000 == 0)
            await(ac_yield());
    }
    ac_mpsc_sender_close(ch);
}

static atomic_int freed;

static void free_box(void *elem)
{
    free(*(int **)elem);
    atomic_fetch_add(&freed, 1);
}

async int main(void)
{
    /* Watch. */
    int zero = 0;
    ac_watch *w = ac_watch_new(sizeof(int), &zero);
    ac_watch_rx *rxs[4];
    int lasts[4] = {0};
    ac_task *ts[4];
    for (int i = 0; i < 4; i++) {
        rxs[i] = ac_watch_subscribe(w);
        ts[i] = ac_spawn(watcher(rxs[i], &lasts[i]));
    }
    for (int v = 1; v <= 200; v++) {
        CHECK_EQ(ac_watch_send(w, &v), 4);
        if (v % 10 == 0)
            await(ac_sleep_ms(1));
    }
    ac_watch_rx *late = ac_watch_subscribe(w);
    int seen = -1;
    ac_watch_borrow(late, &seen);
    CHECK_EQ(seen, 200);
    int r = await(ac_timeout(10, ac_watch_changed(late, &seen))); /* nothing new */
    CHECK_EQ(r, -ETIMEDOUT);
    /* A borrow into NULL only marks the version seen (it wrote to NULL). */
    int v201 = 201;
    CHECK_EQ(ac_watch_send(w, &v201), 5);
    ac_watch_borrow(late, NULL);
    CHECK_EQ(await(ac_timeout(10, ac_watch_changed(late, &seen))), -ETIMEDOUT);
    ac_watch_close(w);
    CHECK_EQ(await(ac_watch_changed(late, &seen)), -EPIPE);
    ac_watch_rx_close(late);
    /* No initial value: the value's bytes are zero (it was read from NULL). */
    struct { long a; char b[24]; } blank = {1, "x"}, zeros = {0, ""};
    ac_watch *wz = ac_watch_new(sizeof blank, NULL);
    ac_watch_rx *rz = ac_watch_subscribe(wz);
    ac_watch_borrow(rz, &blank);
    CHECK_EQ(memcmp(&blank, &zeros, sizeof blank), 0);
    ac_watch_rx_close(rz);
    ac_watch_close(wz);
    CHECK(ac_watch_new(SIZE_MAX - 8, NULL) == NULL);
    for (int i = 0; i < 4; i++) {
        int changes = 0;
        await(ac_task_join(ts[i], &changes));
        CHECK_EQ(lasts[i], 201); /* the last version is never skipped */
        CHECK_INT(>=, changes, 1);
        CHECK_INT(<=, changes, 201);
    }

    /* Unbounded: two producers, values of each in order, none lost. */
    ac_mpsc *ch = ac_mpsc_unbounded_new(sizeof(int));
    ac_mpsc_sender_clone(ch);
    ac_task *p1 = ac_spawn(produce(ch, 0, NVALUES));
    ac_task *p2 = ac_spawn(produce(ch, NVALUES, NVALUES));
    int next[2] = {0, NVALUES}, v, count = 0;
    while (await(ac_mpsc_recv(ch, &v)) == 0) {
        int k = v >= NVALUES;
        CHECK_EQ(v, next[k]);
        next[k]++;
        count++;
    }
    CHECK_EQ(count, 2 * NVALUES);
    await(ac_task_join(p1, NULL));
    await(ac_task_join(p2, NULL));
    ac_mpsc_receiver_close(ch);

    /* Permits on a channel of 2: reserve, send into it, give one back. */
    ch = ac_mpsc_new(sizeof(int), 2);
    CHECK_EQ(await(ac_mpsc_reserve(ch)), 0);
    CHECK_EQ(await(ac_mpsc_reserve(ch)), 0);
    v = 5;
    CHECK_EQ(ac_mpsc_try_send(ch, &v), -EAGAIN); /* both slots are held */
    r = await(ac_timeout(10, ac_mpsc_reserve(ch)));
    CHECK_EQ(r, -ETIMEDOUT);
    CHECK_EQ(ac_mpsc_permit_send(ch, &v), 0);
    ac_mpsc_permit_release(ch);
    CHECK_EQ(ac_mpsc_try_send(ch, &v), 0); /* the released slot */
    CHECK_EQ(ac_mpsc_try_recv(ch, &v), 0);
    CHECK_EQ(ac_mpsc_try_recv(ch, &v), 0);
    CHECK_EQ(ac_mpsc_try_recv(ch, &v), -EAGAIN);
    CHECK_EQ(await(ac_mpsc_reserve(ch)), 0);
    ac_mpsc_receiver_close(ch);
    CHECK_EQ(ac_mpsc_permit_send(ch, &v), -EPIPE);
    CHECK_EQ(await(ac_mpsc_reserve(ch)), -EPIPE);
    ac_mpsc_sender_close(ch);

    /* Drop functions: buffered boxes are freed when the receiver closes (ASan and valgrind
     * would report the leak otherwise). */
    ch = ac_mpsc_new(sizeof(int *), 8);
    ac_mpsc_set_drop(ch, free_box);
    for (int i = 0; i < 5; i++) {
        int *box = malloc(sizeof *box);
        *box = i;
        CHECK_EQ(await(ac_mpsc_send(ch, &box)), 0);
    }
    int *got;
    CHECK_EQ(await(ac_mpsc_recv(ch, &got)), 0);
    CHECK_EQ(*got, 0);
    free(got);
    ac_mpsc_receiver_close(ch);
    CHECK_EQ(atomic_load(&freed), 4);
    ac_mpsc_sender_close(ch);
    ch = ac_mpsc_unbounded_new(sizeof(int *));
    ac_mpsc_set_drop(ch, free_box);
    for (int i = 0; i < 100; i++) {
        int *box = malloc(sizeof *box);
        CHECK_EQ(ac_mpsc_try_send(ch, &box), 0);
    }
    ac_mpsc_sender_close(ch);
    ac_mpsc_receiver_close(ch);
    CHECK_EQ(atomic_load(&freed), 104);

    ac_oneshot *o = ac_oneshot_new(sizeof(int *));
    ac_oneshot_set_drop(o, free_box);
    int *box = malloc(sizeof *box);
    CHECK_EQ(ac_oneshot_send(o, &box), 0);
    ac_oneshot_receiver_close(o);
    CHECK_EQ(atomic_load(&freed), 105);
    o = ac_oneshot_new(sizeof(int *));
    ac_oneshot_set_drop(o, free_box);
    ac_oneshot_receiver_close(o);
    box = malloc(sizeof *box);
    CHECK_EQ(ac_oneshot_send(o, &box), -EPIPE); /* still ours */
    free(box);
    CHECK_EQ(atomic_load(&freed), 105);
    printf("watch: ok\n");
    return 0;
}
