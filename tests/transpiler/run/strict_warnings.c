/* A program that builds without a warning under strict warning sets (gcc: -Wall -Wextra
 * -Wpedantic -Wdeclaration-after-statement -Wc++-compat -Winline -Wpadded -Wlong-long...; clang:
 * -Weverything; tests/differential/strict.py lists them) builds so transpiled too, under every
 * -std. Before: a frame local's initializer became a statement before the next declaration
 * (C90's "mixed declarations and code"); ac__run_f, inline as a hint, warned -Winline when gcc kept
 * it apart; frame padding (-Wpadded); `void *` to the frame without a cast (-Wc++-compat); child
 * results read through a `char *` cast (-Wcast-align); generated commas (-Wcomma); the unused
 * attribute of init, args and the future type, which are used (-Wused-but-marked-unused); the end
 * of a body after an endless loop (-Wunreachable-code); `long long` spelled in the declarations
 * of awaited functions (-Wlong-long).
 * RUN: bash %S/../strict.sh %s %t c90 gnu89 c99 c11 c17 c2x | %FileCheck %s --check-prefix=STRICT
 * RUN: %run %s %t | %FileCheck %s
 * STRICT: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>

static void tally(int *n)
{
    printf("cleanup %d\n", *n);
}

static async int twice(int x)
{
    int y;
    y = x * 2;
    await(ac_yield());
    return y;
}

/* A long body awaited from two places: gcc keeps ac__run_long_one apart. */
static async int long_one(int n)
{
    int i;
    for (i = 0; i < n; i++) {
        await(ac_yield());
        printf("a %d\n", i);
        printf("b %d\n", i + 1);
        printf("c %d\n", i + 2);
        printf("d %d\n", i + 3);
        printf("e %d\n", i + 4);
        printf("f %d\n", i + 5);
        printf("g %d\n", i + 6);
        printf("h %d\n", i + 7);
        printf("i %d\n", i + 8);
        printf("j %d\n", i + 9);
        printf("k %d\n", i + 10);
        printf("l %d\n", i + 11);
        printf("m %d\n", i + 12);
        printf("n %d\n", i + 13);
        printf("o %d\n", i + 14);
        printf("p %d\n", i + 15);
    }
    return n;
}

/* Ends in an endless loop, with a cleanup: nothing after the loop runs. (Not run here: the
 * sequential build would run it to its end.) */
__attribute__((__noreturn__)) async void forever(void);
__attribute__((__noreturn__)) async void forever(void)
{
    int ticks __attribute__((cleanup(tally))) = 0;
    for (;;) {
        await(ac_yield());
        ticks++;
    }
}

static async int mixed(int a)
{
    char tag = 'x';         /* lives across awaits beside an int: the frame has padding */
    int arr[2] = {1, 2};    /* in the frame: its initializer is a statement now */
    int b = await(twice(a)); /* the await runs before this declaration */
    int c = b + arr[1];
    char buf[4];
    await(ac_yield());
    buf[0] = tag;
    buf[1] = 0;
    printf("%s %d %d %d\n", buf, arr[0], b, c);
    return c;
}

async int main(void)
{
    int r, s, t;
    r = await(mixed(3));
    s = await(long_one(1));
    t = await(long_one(2));
    await(ac_sleep_until_ns(ac_now_ns()));
    printf("%d %d %d\n", r, s, t);
    return 0;
}
/* CHECK: x 1 6 8
 * CHECK: 8 1 2
 */
