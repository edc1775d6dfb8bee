// An await statement indented deeper than the `if (c) s;` before it (tabs where the if has
// spaces, as a harness or an editor writes it): clang's -Wmisleading-indentation (in -Wall)
// keeps quiet about the source, where the statement is the `await` macro's expansion, and warned
// on the output, where it is the code the await became (sqlite 3.40.1 made async). future.h's
// AC__RUN_EXPANDED turns it off inside bodies (the guide's "Not honoured"); run.sh compiles the
// output with clang -Wall -Werror.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static async int g(void) { await(ac_yield()); return 1; }

static async int f(int *p)
{
    int x = 0;
    await(ac_yield());
if( await(g()) ) x |= 1;
    *p = x;
    if (x == 1) x = 3;
		await(ac_yield());
    if (x == 3)
        x = 4;
            x += await(g());
    return x;
}

async int main(void)
{
    int y;
    int r = await(f(&y));
    printf("%d %d\n", r, y);
    return 0;
}
// CHECK: 5 1
// CHECK-NEXT: exit: 0
