// The code of an async function comes out macro-expanded, while the file keeps its #defines:
// asyncc shields the generated code from them, so a self-referential macro (legal C: it is not
// re-expanded inside its own expansion) applies once, as in the source.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int base = 1;
#define base (base * 10)

static void note(const char *msg, int line)
{
    printf("%s at %d\n", msg, line);
}
#define note(msg) note(msg, __LINE__)

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    int r = await(id(base));
    note("after await");
    printf("%d %d\n", r, base);
    return 0;
}
// CHECK: after await at 26
// CHECK-NEXT: 10 10
