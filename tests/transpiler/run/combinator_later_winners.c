// Combinators whose value is not the first future's, in C contexts: timeouts that fire and
// selects that a later future wins, in conditions, loops, switch arms, && || ?: operands and
// subscripts, with awaits in the arms they choose. clang folds these conditions in the source
// (ac_timeout and ac_select are `(marker, ..., 0)` to it), so an arm taken for dead would trap
// there (run/combinator_conditions). The losers' cleanups run before the await returns.
// NO-SEQUENTIAL: in the sequential build a timeout never fires and a select takes its first future.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int released;

static void release(int *p)
{
    released += *p;
}

async static int val(int x)
{
    await(ac_yield());
    return x;
}

/* never finishes; its guard runs when it is dropped */
async static int hang(int x)
{
    int guard __attribute__((cleanup(release))) = x;
    await(ac_sleep_ms(NEVER));
    return guard;
}

async static int contexts(void)
{
    int sum = 0, v = -1, n = 0;
    while (await(ac_select(v = hang(1), v = val(n))) == 1 && n < 3)
        sum += await(val(v)) + 10 * n++;
    for (; await(ac_timeout(1, v = hang(2))) == -ETIMEDOUT && n < 6; n++)
        sum += await(val(100));
    switch (await(ac_select(hang(4), hang(8), val(0)))) {
    case 2:
        sum += await(val(1000));
        /* fall through */
    case 0:
        sum += await(val(2000));
        break;
    default:
        sum += 99999;
    }
    int arr[3] = {7, 70, 700};
    sum += arr[await(ac_select(hang(16), val(0), hang(32)))];
    sum += await(ac_timeout(1, hang(64))) ? await(val(10000)) : 99999;
    sum += await(ac_timeout(1, hang(128))) && await(val(1)) ? 20000 : 99999;
    sum += !await(ac_timeout(NEVER, val(0))) || await(val(99999));
    return sum;
}

async static int spawned(void)
{
    ac_task *t = ac_spawn(hang(256));
    int v = -1, rounds = 0;
    while (await(ac_timeout(1, ac_task_join(t, &v))) == -ETIMEDOUT && rounds < 3)
        rounds += await(val(1));
    ac_task_abort(t); /* the guard runs */
    ac_task *u = ac_spawn(val(5));
    int w = -1;
    if (await(ac_select(ac_sleep_ms(NEVER), ac_task_join(u, &w))) == 1)
        w += await(val(40));
    return rounds * 1000 + w;
}

async int main(void)
{
    // CHECK: contexts 33404 released 264
    int c = await(contexts());
    printf("contexts %d released %d\n", c, released);
    released = 0;
    // CHECK-NEXT: spawned 3045
    c = await(spawned());
    await(ac_sleep_ms(10));
    printf("spawned %d\n", c);
    return 0;
}
