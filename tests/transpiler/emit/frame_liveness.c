// A frame holds only what lives across an await: a local used only before the await stays on the
// C stack; one used after it, one whose address escapes, and one a loop carries are kept. A local
// read only by the arguments of the call an await starts is read before it can suspend (echo's
// `n`), unlike one read elsewhere in the await's statement or by a combinator's target.
// RUN: %asyncc --emit=frames %s | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>

async int liveness(int n)
{
    int before_only = n * 2;
    printf("before %d\n", before_only);
    int after = n + 1;
    int escapes = 0;
    int *p = &escapes;
    int carried = 0;
    for (int i = 0; i < n; i++) {
        carried += i;
        await(ac_yield());
    }
    *p = 5;
    return after + escapes + carried;
}

async long source(int round)
{
    await(ac_yield());
    return round < 3 ? 10 * round + 1 : 0;
}

async int sink(long v)
{
    await(ac_yield());
    printf("sink %ld\n", v);
    return v == 21 ? -1 : 0;
}

async int echo_like(void)
{
    int rounds = 0;
    for (;;) {
        long n = await(source(rounds++));
        if (n <= 0)
            break;
        if (await(sink(n)) < 0)
            break;
    }
    return rounds;
}

async int read_after(int k)
{
    long m = k * 2L;
    long got = m + await(sink(m));
    int slot[2] = {0, 0};
    int i = k & 1;
    await(ac_join(slot[i] = sink(i)));
    return (int)got + slot[1];
}

async int main(void)
{
    printf("%d\n", await(liveness(3)));
    printf("rounds %d\n", await(echo_like()));
    printf("read_after %d\n", await(read_after(3)));
    return 0;
}
// CHECK-LABEL: async int liveness
// CHECK-NOT: before_only
// CHECK: after {{ *}}int {{ *}}local, lives across an await
// CHECK: escapes {{ *}}int {{ *}}local, lives across an await
// CHECK: p {{ *}}int * {{ *}}local, lives across an await
// CHECK: carried {{ *}}int {{ *}}local, lives across an await
// CHECK: i {{ *}}int {{ *}}local, lives across an await
// CHECK-LABEL: states:
// CHECK-LABEL: async int echo_like
// CHECK: rounds {{ *}}int {{ *}}local, lives across an await
// CHECK-NOT: {{ n }}
// CHECK-LABEL: states:
// CHECK-LABEL: async int read_after
// CHECK: m {{ *}}long {{ *}}local, lives across an await
// CHECK: i {{ *}}int {{ *}}local, lives across an await
// CHECK-LABEL: states:
// OUT: before 6
// OUT-NEXT: 12
// OUT-NEXT: sink 1
// OUT-NEXT: sink 11
// OUT-NEXT: sink 21
// OUT-NEXT: rounds 3
// OUT-NEXT: sink 6
// OUT-NEXT: sink 1
// OUT-NEXT: read_after 6
