/* tests/gdb/tasks.c: a program whose tasks wait at known awaits when main reaches stop_here():
 * the gdb extension's test (check_gdb.py) lists them in the live process and in a core file. */
#include <asyncc.h>
#include <asyncc/channel.h>
#include <stdio.h>
#include <unistd.h>

#include "far.h"

static ac_mpsc *never; /* nobody sends on it: receivers wait forever */

/* Three levels: outer -> middle -> inner, inner waiting on the channel. */
static async int inner(int depth, long tag)
{
    long got = 0;
    int rc = await(ac_mpsc_recv(never, &got));
    return rc + (int)got + depth + (int)tag;
}

static async int middle(int level)
{
    char label[16] = "middle";
    int sum = level * 10;
    sum += await(inner(level + 1, 4242));
    return sum + label[0];
}

static async int outer(int seed)
{
    double ratio = seed / 4.0;
    int total = await(middle(seed));
    return total + (int)ratio;
}

/* A combinator: two branches pending at once. */
static async int racer(unsigned id)
{
    long a = 0, b = 0;
    int which = await(ac_select(ac_mpsc_recv(never, &a), ac_sleep_ms(600000)));
    return which + (int)id + (int)(a + b);
}

/* Two arrays of one block whose uses do not overlap share frame bytes (a union when optimized):
 * at the second await first's value no longer matters and its bytes may be second's. */
static async int sleeper(int ms)
{
    int slept = ms;
    {
        char first[8] = "first";
        await(ac_yield());
        slept += first[0] - 'f';
        char second[8] = "second";
        await(ac_sleep_ms(ms));
        slept += second[0] - 's';
    }
    return slept;
}

/* A join with one branch finished (quick) and one pending (far_away, in the task's arena). */
static async int quick(int v)
{
    return v + 1;
}

static async int joiner(int n)
{
    int q = 0, f = 0;
    await(ac_join(q = quick(n), f = far_away(n)));
    return q + f;
}

/* A breakpoint goes here; noinline keeps the call in an optimized build. */
__attribute__((noinline)) void stop_here(void);
__attribute__((noinline)) void stop_here(void)
{
    __asm__ volatile("" ::: "memory");
}

async int main(void)
{
    never = ac_mpsc_new(sizeof(long), 1);
    ac_task *t[6];
    t[0] = ac_spawn(outer(7));
    t[1] = ac_spawn(outer(9));
    t[2] = ac_spawn(racer(3));
    t[3] = ac_spawn(sleeper(600000));
    t[4] = ac_spawn(joiner(5));
    t[5] = ac_spawn(quick(41)); /* finishes at once; nobody joins it */
    /* Let every task reach its await. */
    await(ac_sleep_ms(200));
    stop_here();
    fflush(stdout);
    _exit(t[5] ? 0 : 1); /* t, an array in the frame, is printed by name there (check_gdb.py) */
}
