// GNU local labels (`__label__`) in async functions: gcc takes their declaration only at the
// start of a block, and the parameters kept as C locals were declared before it at the start of
// the body ("expected expression before '__label__'", gcc torture 980526-1). Also: the same
// local label in two blocks (a macro's), in a statement expression that awaits, in a function
// that never suspends, and computed gotos (`&&l`, `goto *p`) whose target address lives across
// awaits.
// Also built at -O2, where gcc's build nests the body in a function named for gdb after a
// pragma, which ended the start of the block that a __label__ declaration must open.
// RUN: %run %s %t | %FileCheck %s
// RUN: %cc -O2 %t.async.c %libs -o %t.o2
// RUN: %t.o2 > %t.o2.out
// RUN: diff %t.out %t.o2.out
#include <asyncc.h>
#include <stdio.h>

#define RETRY_SUM(n)                                                                              \
    ({                                                                                            \
        __label__ again;                                                                          \
        int i_ = 0, s_ = 0;                                                                       \
    again:                                                                                        \
        s_ += await(val(i_));                                                                     \
        if (++i_ < (n))                                                                           \
            goto again;                                                                           \
        s_;                                                                                       \
    })

static async int val(int i)
{
    await(ac_yield());
    return i * 10;
}

static async int dispatch(int x)
{
    __label__ l1, l2;
    static void *tab[] = {&&l1, &&l2};
    await(ac_yield());
    goto *tab[x];
l1:
    return 1;
l2:
    return 2;
}

static async int two_blocks(int x)
{
    int r = 0;
    {
        __label__ again;
        int n = 0;
    again:
        await(ac_yield());
        if (++n < x)
            goto again;
        r += n;
    }
    {
        __label__ again;
        int n = 0;
    again:
        if (++n < x)
            goto again;
        r += 10 * n;
    }
    return r;
}

/* never suspends: its body becomes a plain C function */
static async int plain(int x)
{
    __label__ done;
    if (x > 3)
        goto done;
    x *= 2;
done:
    return x;
}

static async int computed(int x)
{
    __label__ a, b, out;
    void *where = x ? &&b : &&a;
    int acc = 0;
    await(ac_yield());
    goto *where;
a:
    acc += 1;
    where = &&out;
    await(ac_yield());
    goto *where;
b:
    acc += 100;
    where = &&a;
    await(ac_yield());
    goto *where;
out:
    return acc + await(plain(x));
}

async int main(void)
{
    int s = RETRY_SUM(3);
    int t = RETRY_SUM(2) + 1;
    printf("%d %d\n", s, t);
    // CHECK: 30 11
    printf("%d %d %d\n", await(dispatch(0)), await(dispatch(1)), await(two_blocks(3)));
    // CHECK-NEXT: 1 2 33
    printf("%d %d %d\n", await(computed(0)), await(computed(1)), await(plain(5)));
    // CHECK-NEXT: 1 103 5
    return 0;
}
// CHECK-NEXT: exit: 0
