// gcc and clang never evaluate the operands of __builtin_classify_type and the pointer operand of
// __builtin_object_size and __builtin_dynamic_object_size; an operand with side effects (an
// await has them) makes the object-size builtins answer "unknown": (size_t)-1 for types 0 and 1,
// 0 for types 2 and 3. An await there must not run, and the answers must be C's (before: every
// await ran, calls=10, and the sizes were those of buf + 1).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;
static char buf[16];
async int one(void) { calls++; await(ac_yield()); return 1; }

async int sizes(void)
{
    long r0 = (long)__builtin_object_size(buf + await(one()), 0);
    long r1 = (long)__builtin_object_size(&buf[await(one())], 1);
    long r2 = (long)__builtin_object_size(buf + await(one()), 2);
    long r3 = (long)__builtin_object_size(buf + await(one()), 3);
    long d0 = (long)__builtin_dynamic_object_size(buf + await(one()), 0);
    long d2 = (long)__builtin_dynamic_object_size(buf + await(one()), 2);
    await(ac_yield());
    long known = (long)__builtin_object_size(buf + 1, 0); /* no side effect: gcc and clang know */
    printf("%ld %ld %ld %ld %ld %ld %ld\n", r0, r1, r2, r3, d0, d2, known);
    return 0;
}

async int classes(void)
{
    int c = __builtin_classify_type(await(one())) == __builtin_classify_type(0);
    int p = __builtin_classify_type(buf + await(one())) == __builtin_classify_type(&buf[0]);
    await(ac_yield());
    return c * 10 + p;
}

async int main(void)
{
    await(sizes());
    int c = await(classes());
    // CHECK: -1 -1 0 0 -1 0 15
    // CHECK-NEXT: classes 11, calls 0
    printf("classes %d, calls %d\n", c, calls);
    return 0;
}
// CHECK: exit: 0
