// Locals carried by an outer loop whose await sits in an inner loop or in a do { } while (0)
// macro stay in the frame; a statement expression whose value is a labeled expression statement
// (the __label__ idiom) gives that value.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define RETRY(e)                                                                                   \
    do {                                                                                           \
        (void)await(e);                                                                            \
    } while (0)

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    int sum = 0;
    for (int i = 0; i < 4; i++) {
        printf("%d\n", i);
        sum += i;
        RETRY(id(i));
    }
    printf("sum %d\n", sum);
    // CHECK: 0
    // CHECK-NEXT: 1
    // CHECK-NEXT: 2
    // CHECK-NEXT: 3
    // CHECK-NEXT: sum 6
    int x = 0, outer = 0;
    for (int i = 0; i < 3; i++) {
        x += i;
        outer++;
        for (int j = 0; j < 2; j++)
            await(id(j));
    }
    printf("%d %d\n", x + 3, outer + 1);
    // CHECK-NEXT: 6 4
    int v = ({
        __label__ out;
        int t = await(id(3));
        goto out;
    out:
        t * 10;
    });
    printf("%d\n", v);
    // CHECK-NEXT: 30
    return 0;
}
