// `nonnull` on an async function's parameters holds for the functions of the output that take
// them: a null argument was checked by neither -Wnonnull nor -fsanitize=nonnull-attribute (gcc.dg/
// ubsan's nonnull-1/2/3/5 made async printed no error, or exited 0 where the plain build trapped).
// The output's warning and the sanitizer's message name the argument as the source does.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c -DNULL_ARG
// RUN: %cc -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=WARN
// RUN: %asyncc %s -o %t.ub.c -DNULL_VAR
// RUN: %plaincc -fsanitize=nonnull-attribute -fno-sanitize-recover=nonnull-attribute %t.ub.c %libs -o %t.ub
// RUN: not %t.ub 2>&1 | %FileCheck %s --check-prefix=UBSAN
// RUN: %asyncc %s -o %t.ret.c -DNULL_RET
// RUN: %plaincc -fsanitize=returns-nonnull-attribute -fno-sanitize-recover=returns-nonnull-attribute %t.ret.c %libs -o %t.ret
// RUN: not %t.ret 2>&1 | %FileCheck %s --check-prefix=RET
#include <asyncc.h>
#include <stdio.h>

__attribute__((nonnull(1, 3))) static async int sum(int *a, int *b, int *c)
{
    await(ac_yield());
    return *a + (b ? *b : 0) + *c;
}

// never suspends (ac__now_f)
static async int first(int *p, int n) __attribute__((__nonnull__));
static async int first(int *p, int n)
{
    return p[0] + n;
}

// never suspends either: its value is returned, not stored in a frame
__attribute__((returns_nonnull)) static async int *pick(int *p, int *q)
{
    return p ? p : q;
}

static async int spread(int *x,
                        int *y)
{
    return await(sum(x,
                     NULL,
                     y)) + await(first(y, 1));
}

async int main(void)
{
    int one = 1, two = 2;
    int *none = NULL;
    printf("%d\n", await(spread(&one, &two)));
    // CHECK: 6
#ifdef NULL_ARG
    printf("%d\n", await(sum(&one, &two, NULL)));
    // WARN: nonnull_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: argument 3 null where non-null expected [-Wnonnull]
#endif
#ifdef NULL_VAR
    printf("%d\n", await(sum(none, &two, &one)));
    // UBSAN: runtime error: null pointer passed as argument 1, which is declared to never be null
#endif
#ifdef NULL_RET
    printf("%d\n", *await(pick(none, none)));
    // RET: runtime error: null pointer returned from function declared to never return null
#endif
    printf("%d\n", *await(pick(none, &two)));
    // CHECK: 2
    (void)none;
    return 0;
}
