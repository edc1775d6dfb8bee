// A macro that expands to hundreds of blocks on one line, each with a local guarded by a cleanup
// (tcc's tests2/101_cleanup has 65,536 of them), in an async function whose own cleanup local
// lives in the frame, so every one of theirs does too. asyncc indented each piece of the line
// to its column: an output that grew with the square of the line (61 MB for these 256 blocks,
// 974 MB and 15 s for 1,024; 101_cleanup never finished). Columns are now kept up to 256, and
// the frame's member names (256 locals named i), the plan's regions and temporaries and the
// cleanups of each scope are found by hash, not by scans of everything before.
// RUN: %run %s %t | %FileCheck %s
// RUN: %python -c "import os, sys; sys.exit(os.path.getsize('%t.async.c') > 2000000)"
#include <asyncc.h>
#include <stdio.h>

static int total, order_ok = 1, last = -1;

static void add(int *i)
{
    total += *i;
}

static void ordered(int *n)
{
    if (*n <= last)
        order_ok = 0;
    last = *n;
}

static void done(int *x)
{
    printf("frame cleanup %d, total %d\n", *x, total);
}

static int next_id;

#define ONE                                                                                        \
    {                                                                                              \
        int i __attribute__((cleanup(add))) = 1;                                                   \
        int n __attribute__((cleanup(ordered))) = next_id++;                                      \
        (void)n;                                                                                   \
    }
#define FOUR ONE ONE ONE ONE
#define SIXTEEN FOUR FOUR FOUR FOUR
#define SIXTY_FOUR SIXTEEN SIXTEEN SIXTEEN SIXTEEN
#define MANY SIXTY_FOUR SIXTY_FOUR SIXTY_FOUR SIXTY_FOUR

async int run(void)
{
    int x __attribute__((cleanup(done))) = 7;
    await(ac_yield());
    MANY;
    await(ac_yield());
    printf("after the blocks: total %d, in order %d, next %d\n", total, order_ok, next_id);
    return x;
}

async int main(void)
{
    int r = await(run());
    printf("returned %d\n", r);
    return 0;
}
// CHECK: after the blocks: total 256, in order 1, next 256
// CHECK-NEXT: frame cleanup 7, total 256
// CHECK-NEXT: returned 7
// CHECK-NEXT: exit: 0
