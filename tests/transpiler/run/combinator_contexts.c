// Combinators and the task API awaited inside every kind of C context: conditions of if, while,
// for, do and switch, both operands of && || ?: and the comma, statement expressions, compound
// literals, initializers of arrays and structs. Each gives the value its future computed; the
// sequential build (a timeout never fires, a select takes its first future) prints the same.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int trace[64], ntrace;

async static int val(int x)
{
    await(ac_yield());
    trace[ntrace++] = x;
    return x;
}

/* val(x) through a timeout that never fires */
#define TV(x) ({ int v_; await(ac_timeout(NEVER, v_ = val(x))) == 0 ? v_ : -999; })
/* through a select against a sleep that never ends */
#define SV(x) ({ int v_; await(ac_select(v_ = val(x), ac_sleep_ms(NEVER))) == 0 ? v_ : -999; })
/* through a join with a yield */
#define JV(x) ({ int v_; await(ac_join(v_ = val(x), ac_yield())); v_; })
/* through a spawned task */
#define PV(x) ({ ac_task *t_ = ac_spawn(val(x)); int v_ = -999; await(ac_task_join(t_, &v_)); v_; })

struct pair {
    int a, b;
};

async static int conditions(void)
{
    int sum = 0;
    if (await(ac_timeout(NEVER, sum = val(1))) == 0)
        sum += 10;
    if (await(ac_select(val(2), ac_sleep_ms(NEVER))))
        sum += 1000;
    else
        sum += 20;
    int i = 0;
    while (await(ac_timeout(NEVER, i = val(i + 1))) == 0 && i < 3)
        sum += i;
    for (int k = TV(0); k < SV(2); k += JV(1))
        sum += PV(k);
    do
        sum += 100;
    while (await(ac_select(i = val(i - 1), ac_sleep_ms(NEVER))) == 0 && i > 1);
    switch (await(ac_timeout(NEVER, i = val(7)))) {
    case 0:
        sum += i;
        break;
    default:
        sum += 9999;
    }
    switch (SV(3)) {
    case 3:
        sum += PV(4);
        /* fall through */
    case 4:
        sum += JV(5);
        break;
    }
    return sum;
}

async static int operands(int z)
{
    int r = 0;
    r += TV(1) && SV(z);          /* right side evaluated */
    r += z && TV(2);              /* z is 0: never evaluated */
    r += SV(0) || JV(3);          /* both */
    r += PV(4) || TV(99);         /* left only */
    r += z ? TV(98) : SV(5);
    r += TV(6) ? JV(7) : PV(97);
    r += (TV(8), SV(9));
    r += (z, PV(10)) + (JV(11), z);
    r += TV(0) ?: SV(12);
    r += SV(13) ?: TV(96);
    return r;
}

async static int aggregates(void)
{
    int arr[4] = {TV(1), SV(2), [3] = JV(4), [2] = PV(3)};
    struct pair p = {.b = SV(5), .a = TV(6)};
    struct pair *q = &(struct pair){PV(7), JV(8)};
    int *lit = (int[]){TV(9), SV(10)};
    int s = ({
        int t = 0;
        for (int k = 0; k < 4; k++)
            t += arr[k] * (k + 1);
        t + ({ int u; await(ac_join(u = val(11), ac_sleep_ms(0))); u; });
    });
    await(ac_yield());
    return s + p.a * 100 + p.b * 1000 + q->a * 10000 + q->b * 100000 + lit[0] + lit[1];
}

async int main(void)
{
    // CHECK: conditions 251
    printf("conditions %d\n", await(conditions()));
    // CHECK-NEXT: operands 58
    printf("operands %d\n", await(operands(0)));
    // CHECK-NEXT: aggregates 875660
    printf("aggregates %d\n", await(aggregates()));
    // CHECK-NEXT: trace 45 195
    int total = 0; /* (C leaves the order of some operands unspecified: not the order) */
    for (int k = 0; k < ntrace; k++)
        total += trace[k];
    printf("trace %d %d\n", ntrace, total);
    return 0;
}
