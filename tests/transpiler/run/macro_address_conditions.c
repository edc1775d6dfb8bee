// A macro that gives a member's address or NULL (yajl's public `#define YAJL_GET_OBJECT(v)
// (YAJL_IS_OBJECT(v) ? &(v)->u.object : NULL)`) used as a condition, `if (YAJL_GET_OBJECT(v))`,
// is `if (((v)->type == 2 ? &(v)->u.object : NULL))` in asyncc's output, written from the
// preprocessed text; gcc's -Waddress (in -Wall) keeps quiet about the source, where the address
// comes from a macro, and warned on the output ("the address of 'object' will never be NULL";
// yajl 2.1.0 made async, yajl_tree_free). So did clang's -Wtautological-pointer-compare (on by
// default) on `&(v)->u.n != NULL` from a macro, and -Wpointer-bool-conversion on `if (&...)`.
// future.h's AC__RUN_EXPANDED turns them off inside bodies (the guide's "Not honoured"); run.sh
// compiles the output with gcc and clang -Werror. The source gives none of them (plain, below).
// RUN: %plaincc -DAC_SEQUENTIAL -fsyntax-only %s
// RUN: %clang -std=gnu11 -Wall -Wextra -Werror -DAC_SEQUENTIAL -I%S/../../../include -fsyntax-only %s
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stddef.h>
#include <stdio.h>

struct val {
    int type;
    union {
        int n;
        struct {
            int len;
        } object;
    } u;
};

#define GET_OBJECT(v) ((v)->type == 2 ? &(v)->u.object : NULL)
#define HAS_NUMBER(v) (&(v)->u.n != NULL)
#define NUMBER_AT(v) (&(v)->u.n)

static async int size_of(struct val *v)
{
    await(ac_yield());
    if (GET_OBJECT(v))
        return GET_OBJECT(v)->len;
    while (HAS_NUMBER(v)) {
        await(ac_yield());
        if (NUMBER_AT(v))
            return *NUMBER_AT(v);
    }
    return -1;
}

async int main(void)
{
    struct val o = {2, {.object = {7}}}, n = {1, {.n = 35}};
    printf("%d\n", await(size_of(&o)) + await(size_of(&n)));
    // CHECK: 42
    return 0;
}
