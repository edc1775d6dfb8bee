// An await that C never evaluates (inside sizeof, typeof, _Alignof or a _Generic's controlling
// expression) and whose value goes unused there: a statement of a statement expression, a
// comma's left operand. Its stand-in in the output (an expression of its type that is never read)
// was a dereference, which gcc's -Wunused-value (-Wall) called a statement with no effect, or a
// value computed and not used, where the source's call has an effect: the output did not build
// with -Werror where the source does. It is cast to void there now. None of these awaits runs.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

async int id(int x)
{
    await(ac_yield());
    calls++;
    return x;
}

async int probe(void)
{
    __typeof__(({ await(id(0)); 3.5f; })) f = 2.25f;
    long size = (long)sizeof(({ await(id(1)); (char)1; }));
    long comma = (long)sizeof((await(id(2)), (short)3));
    long nested = (long)sizeof(((await(id(3))), 0.5));
    long cast = (long)sizeof(({ (void)await(id(4)); 1LL; }));
    long align = (long)_Alignof(__typeof__(({ await(id(5)); (short)1; })));
    int generic = _Generic(({ await(id(6)); 1u; }), unsigned: 7, default: 0);
    printf("%g %ld %ld %ld %ld %ld %d\n", (double)f, size, comma, nested, cast, align, generic);
    return await(id(8));
}

async int main(void)
{
    int r = await(probe());
    printf("%d calls %d\n", r, calls);
    return 0;
}
// CHECK: 2.25 1 2 8 8 2 7
// CHECK-NEXT: 8 calls 1
// CHECK-NEXT: exit: 0
