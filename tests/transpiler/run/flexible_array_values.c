// A struct with a flexible array member held by value (C copies its fixed part): a local across
// an await, a parameter and a result of async functions. Each is a member of a frame, and a
// frame one of its caller's, which clang reported by default (-Wgnu-variable-sized-type-not-at-end)
// and gcc under -Wpedantic, about code asyncc made up: the output did not compile with -Werror.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

struct msg {
    int len;
    char text[];
};

async struct msg header(int len)
{
    await(ac_yield());
    struct msg m = {len};
    return m;
}

async int twice(struct msg m)
{
    await(ac_yield());
    return 2 * m.len;
}

async int main(void)
{
    struct msg h = await(header(5));
    struct msg *full = malloc(sizeof *full + 6);
    *full = h; /* the fixed part */
    snprintf(full->text, 6, "hello");
    int doubled = await(twice(*full));
    await(ac_yield());
    // CHECK: 5 10 hello
    printf("%d %d %s\n", h.len, doubled, full->text);
    free(full);
    return 0;
}
// CHECK-NEXT: exit: 0
