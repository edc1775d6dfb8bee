/* A const local whose value is a constant, read after an await: `const int n = 10; for (unsigned
 * i = 0; i < n; i++) await(step(i));`, `const char fmt[] = "%s\n"; ... printf(fmt, ...)`. In
 * the source the compilers fold n where they warn, and gcc checks fmt as printf's format; its
 * frame field was neither a constant nor a format, so the output warned where the source did not
 * (csmith's programs, seven times in 10,000; byacc's `fmt`: run/const_local_warnings.c has those).
 * Such a local is declared static where it is instead (constants.c), and has its value wherever
 * the source reads it: in loops, nested blocks, a case of a switch, after a goto back
 * over it, several declarators, enumerators, sizeof, casts, a conditional, a typedef, a name used
 * twice (a macro), arrays and strings, recursion; and the ones that do not qualify still live in
 * the frame (an address taken or compared, a volatile, register, an initializer reading a local,
 * a parameter or a global).
 * RUN: %run %s %t | %FileCheck %s
 * RUN: %asyncc %s -o - | %FileCheck %s --check-prefix=OUT
 * OUT: {{^}}static {{.*}}int ac__run_sum(
 * OUT-NOT: ac__fr->{{n[^a-z_0-9]}}
 * OUT: {{^}}    static const int n = 10;
 * OUT: {{^}}static {{.*}}ac__run_mixed(
 * OUT-NOT: ac__fr->{{w[^a-z_0-9]}}
 * OUT: {{^}}    static const unsigned short w = 80, h = (unsigned short)(LIMIT * 6);
 * OUT: {{^}}static {{.*}}ac__run_others(
 * OUT: ac__fr->{{taken}}
 * OUT: {{^}}static {{.*}}ac__run_strings(
 * OUT: {{^}} static const char greeting[] = "hello", table[][4] = {{.}}"ab", "cde"};
 * OUT: ac__fr->{{compared}}
 */
#include <asyncc.h>
#include <stdio.h>

enum { LIMIT = 4 };
typedef unsigned char byte;
struct pair {
    int a, b;
};
static int global_n = 3;

static async int step(int i)
{
    await(ac_yield());
    return i;
}

static async long sum(void)
{
    const int n = 10;
    long s = 0;
    int i;
    for (i = 0; i < n; i++)
        s += await(step((int)i));
    return s;
}

static async long mixed(int k)
{
    const unsigned short w = 80, h = (unsigned short)(LIMIT * 6);
    const long size = (long)sizeof(struct pair) * LIMIT;
    const byte top = (byte)(k > 0 ? 255 : 0);
    const float half = 1.0f / 2;
    long total = 0;
    int round = 0;
again:
    {
        const int lim = LIMIT - 1;
        int j;
        for (j = 0; j < lim; j++) {
            total += await(step(j)) * w + h;
            if ((unsigned)j < sizeof(struct pair) && top == 0)
                total -= 1;
        }
        printf("round %d: lim %d total %ld\n", round, lim, total);
    }
    if (++round < 2)
        goto again;
    await(ac_yield());
    printf("w %u h %u size %ld top %u half %.2f\n", (unsigned)w, (unsigned)h, size, (unsigned)top, (double)half);
    return total + size;
}

static async int others(int k)
{
    int local = k * 2;
    const int from_local = local + 1;          /* reads a local: in the frame */
    const int from_global = global_n;          /* reads a global: in the frame, as read */
    const volatile int vol = 7;                /* volatile: in the frame */
    const int taken = 9;                       /* its address is taken */
    const int *p = &taken;
    global_n = 100;
    await(ac_yield());
    printf("from_local %d from_global %d vol %d taken %d\n", from_local, from_global, vol, *p);
    {
        const int shadowed = 5; /* another declaration below has its name */
        await(ac_yield());
        printf("shadowed %d\n", shadowed);
    }
    {
        int shadowed = 6;
        printf("other shadowed %d\n", shadowed);
    }
    {
        register const int in_register = 4;
        await(ac_yield());
        printf("register %d\n", in_register);
    }
    return from_local + from_global;
}

#define TWICE(e) ({ const int times = 2; int r_ = 0, t_; for (t_ = 0; t_ < times; t_++) r_ += (e); r_; })

static async int strings(int k)
{
    const char greeting[] = "hello", table[][4] = {"ab", "cde"};
    const int squares[5] = {0, 1, 4, 9, 16};
    const char compared[] = "x";
    const char *seen = compared;
    int total = 0;
    switch (k) {
    case 0: {
        const int zero = 7 - 7;
        await(ac_yield());
        total = zero;
        break;
    }
    default:
        total = TWICE(await(step(k))) + TWICE(await(step(1)));
    }
    await(ac_yield());
    printf("%s %s %s %d %d\n", greeting, table[0], table[1], squares[k % 5], (int)sizeof greeting);
    printf("compared %d\n", seen == compared);
    if (k > 0)
        total += await(strings(k - 1));
    return total;
}

static async long depth(int d)
{
    const int add = 3;
    long r;
    if (d == 0)
        return 0;
    r = await(depth(d - 1));
    return r + add;
}

async int main(void)
{
    printf("sum %ld\n", await(sum()));
    printf("mixed %ld\n", await(mixed(1)));
    printf("mixed %ld\n", await(mixed(0)));
    printf("others %d\n", await(others(5)));
    printf("depth %ld\n", await(depth(5)));
    printf("strings %d\n", await(strings(3)));
    return 0;
}
/* CHECK: sum 45
 * CHECK-NEXT: round 0: lim 3 total 312
 * CHECK-NEXT: round 1: lim 3 total 624
 * CHECK-NEXT: w 80 h 24 size 32 top 255 half 0.50
 * CHECK-NEXT: mixed 656
 * CHECK-NEXT: round 0: lim 3 total 309
 * CHECK-NEXT: round 1: lim 3 total 618
 * CHECK-NEXT: w 80 h 24 size 32 top 0 half 0.50
 * CHECK-NEXT: mixed 650
 * CHECK-NEXT: from_local 11 from_global 3 vol 7 taken 9
 * CHECK-NEXT: shadowed 5
 * CHECK-NEXT: other shadowed 6
 * CHECK-NEXT: register 4
 * CHECK-NEXT: others 14
 * CHECK-NEXT: depth 15
 * CHECK-NEXT: hello ab cde 9 6
 * CHECK-NEXT: compared 1
 * CHECK-NEXT: hello ab cde 4 6
 * CHECK-NEXT: compared 1
 * CHECK-NEXT: hello ab cde 1 6
 * CHECK-NEXT: compared 1
 * CHECK-NEXT: hello ab cde 0 6
 * CHECK-NEXT: compared 1
 * CHECK-NEXT: strings 18
 * CHECK-NEXT: exit: 0
 */
