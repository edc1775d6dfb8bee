// A frame holds only what lives across an await: a local used only before the await stays on the
// C stack; one used after it, one whose address escapes, and one a loop carries are kept.
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

async int main(void)
{
    printf("%d\n", await(liveness(3)));
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
// OUT: before 6
// OUT-NEXT: 12
