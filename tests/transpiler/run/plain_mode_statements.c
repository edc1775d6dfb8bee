/* The source read as plain C (what clangd, a linter or a plain compile sees) gives no warning of
 * its own where it uses a combinator as a statement: `await(ac_select(a(), b()));` and a
 * detached `ac_spawn(f());` were comma expressions in plain mode, `((void)(first), 0)`, and gcc
 * -Wall said "right-hand operand of comma expression has no effect" at every one (the echo,
 * chat, httpd, tls-echo and udp-echo samples had them); their value is a call now. The dropped
 * handles leaked in the sequential build, where a spawn runs at once and its handle keeps the
 * result (LeakSanitizer said so): the sequential library frees what is left of them at exit.
 * A variable that only a later future of ac_select names (`stop` below) was "unused" there:
 * plain mode evaluated the first future alone, and the others not even unevaluated.
 * RUN: %cc -std=c11 -pedantic-errors -fsyntax-only %s
 * RUN: %clang -Wall -Wextra -Werror -I%S/../../../include -std=c11 -pedantic-errors -fsyntax-only %s
 * RUN: %run %s %t | %FileCheck %s
 */
#include <asyncc.h>
#include <stdio.h>

static int ran; /* spawned tasks add to it on any worker */

async int work(int n)
{
    await(ac_yield());
    __atomic_add_fetch(&ran, n, __ATOMIC_SEQ_CST);
    return n;
}

async int main(void)
{
    await(ac_select(work(1), ac_sleep_ms(60000)));
    await(ac_timeout(60000, work(2)));
    await(ac_join(work(4), work(8)));
    await(ac_try_join(work(16), work(32)));
    ac_spawn(work(64)); /* in the sequential build too: its handle is freed at exit */
    ac_spawn_local(work(128));
    int stop = 60000;
    int r = await(ac_select(work(256), ac_sleep_ms(stop)));
    ac_task *t = ac_spawn(work(512));
    int v = 0;
    await(ac_task_join(t, &v));
    /* the detached tasks finish on their own time */
    for (int i = 0; i < 10000 && __atomic_load_n(&ran, __ATOMIC_SEQ_CST) != 1023; i++)
        await(ac_sleep_ms(1));
    // CHECK: ran 1023 r 0 v 512
    printf("ran %d r %d v %d\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST), r, v);
    return 0;
}
