// Combinators awaited where the lowering has the most to keep straight: a select's index as a
// VLA's size, result targets that are bit-fields, subscripts with side effects, other types
// (double, a struct), through a pointer; a do-while condition and a for increment that await
// under continue, a for declaration's initializer; the association a _Generic selects and the
// branch __builtin_choose_expr picks; a Duff's device whose case labels enter a loop around
// combinators; a combinator in a return's ?: with a cleanup-guarded local.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL
struct bits {
    unsigned a : 3, b : 5;
    int arr[2];
};

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

async static struct bits mk(int x)
{
    await(ac_yield());
    struct bits r = {1, 2, {x, x + 1}};
    return r;
}

async static int vla(int n)
{
    char buf[await(ac_select(val(n), ac_sleep_ms(NEVER))) + n + 2];
    await(ac_yield());
    return (int)sizeof buf;
}

async static int targets(void)
{
    struct bits s = {0};
    int a[4] = {0}, i = 0;
    double d = 0;
    await(ac_timeout(NEVER, s.b = val(9)));
    await(ac_join(a[i++] = val(5), s.a = val(3)));
    await(ac_timeout(NEVER, d = val(7)));
    struct bits t;
    await(ac_select(t = mk(4), ac_sleep_ms(NEVER)));
    int *p = &a[2];
    await(ac_try_join(*p++ = val(6), *p = val(8)));
    return s.a * 1000000 + s.b * 100000 + a[0] * 10000 + i * 1000 + (int)d * 100 + t.arr[1] * 10 + a[2] + a[3];
}

async static int loopy(void)
{
    int n = 0, s = 0;
    do {
        n++;
        if (n % 2)
            continue;
        s += n;
    } while (await(ac_timeout(NEVER, val(n))) == 0 && n < 6);
    for (int k = 0; k < 5; await(ac_join(k = val(k + 1), ac_yield()))) {
        if (k == 2)
            continue;
        s += 100 * k;
    }
    for (int k = 0, z = await(ac_select(val(3), ac_sleep_ms(NEVER))); k < 2; k++)
        s += 1000 + z;
    return s;
}

async static int gen(int x)
{
    int r = _Generic(x, int: ({ int v; await(ac_timeout(NEVER, v = val(x + 1))); v; }), default: 0);
    r += __builtin_choose_expr(1, ({ int v; await(ac_join(v = val(10), ac_yield())); v; }), 5);
    return r;
}

async static int duff(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0: do { s += await(ac_select(val(1), ac_sleep_ms(NEVER))) + 1;
    /* fall through */
    case 3: s += 10; await(ac_join(ac_yield(), ac_yield()));
    /* fall through */
    case 2: { int v; await(ac_timeout(NEVER, v = val(100))); s += v; }
    /* fall through */
    case 1: s += 1000;
            } while (--n > 0);
    }
    return s;
}

async static int ret(int x)
{
    int g __attribute__((cleanup(release))) = x;
    return await(ac_select(val(x), ac_sleep_ms(NEVER))) ? -1 : ({ int v; await(ac_timeout(NEVER, v = val(x * 2))); v; });
}

async int main(void)
{
    // CHECK: vla 5
    printf("vla %d\n", await(vla(3)));
    // CHECK-NEXT: targets 3951764
    // CHECK-NEXT: loopy 2812
    // CHECK-NEXT: gen 15
    // CHECK-NEXT: duff 2111 2211 2222
    // CHECK-NEXT: ret 42
    // CHECK-NEXT: released 21
    printf("targets %d\n", await(targets()));
    printf("loopy %d\n", await(loopy()));
    printf("gen %d\n", await(gen(4)));
    printf("duff %d %d %d\n", await(duff(5)), await(duff(6)), await(duff(8)));
    printf("ret %d\n", await(ret(21)));
    printf("released %d\n", released);
    return 0;
}
