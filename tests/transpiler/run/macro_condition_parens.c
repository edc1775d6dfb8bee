// A condition that is a macro expanding to a parenthesized equality (duktape's
// `if (DUK_TVAL_IS_BUFFER(tv))`) is `if (((tv)->t == 10))` in asyncc's output, written from the
// preprocessed text; clang's -Wparentheses-equality (on by default) keeps quiet about the source,
// where the parentheses come from the macro, and warned on the output (run.sh compiles it with
// clang -Werror). future.h's AC__RUN_BEGIN turns it off inside bodies (the guide's "Not honoured").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct tv {
    int t;
};
#define IS_BUF(tv) ((tv)->t == 10)

static async int is_buf(struct tv *tv)
{
    await(ac_yield());
    if (IS_BUF(tv))
        return 1;
    while (!IS_BUF(tv))
        tv->t++;
    return 0;
}

async int main(void)
{
    struct tv a = {10}, b = {3};
    int x = await(is_buf(&a)), y = await(is_buf(&b));
    printf("%d %d %d\n", x, y, b.t);
    // CHECK: 1 0 10
    return 0;
}
