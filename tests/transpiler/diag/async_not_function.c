// `async` applies to functions. Written on anything else (a member, a local, a parameter, a
// typedef, a tag, an enumerator, a function pointer), in an async function, a plain one or at file
// scope, it is refused at that declaration. Only file-scope variables were before: elsewhere the
// attribute reached the output where gcc does not take it ("expected identifier or '(' before
// '__attribute__'"), or made `struct async pt v;` a new incomplete type (found by fuzz/mutate.py).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>

struct pt {
    int x, async y;
    // CHECK: async_not_function.c:[[@LINE-1]]:18: error: 'y' is a member: async applies to functions
};
typedef async int number;
// CHECK: async_not_function.c:[[@LINE-1]]:19: error: 'number' is a typedef: async applies to functions
enum color { RED async = 1 };
// CHECK: async_not_function.c:[[@LINE-1]]:14: error: 'RED' is an enumerator: async applies to functions
async int (*handler)(int);
// CHECK: async_not_function.c:[[@LINE-1]]:13: error: 'handler' is a variable: async applies to functions; declare it apart from the async function

static async int twice(async int v)
// CHECK: async_not_function.c:[[@LINE-1]]:34: error: 'v' is a parameter: async applies to functions
{
    await(ac_yield());
    return 2 * v;
}

async int main(void)
{
    struct async pt corner = {1, 2}; /* clang drops an attribute of a tag defined before: struct pt */
    async int local = await(twice(corner.x));
    // CHECK: async_not_function.c:[[@LINE-1]]:15: error: 'local' is a variable: async applies to functions
    int *p = &(struct { int a, async b; }){1, 2}.b;
    // CHECK: async_not_function.c:[[@LINE-1]]:38: error: 'b' is a member: async applies to functions
    async int declared_here(int);
    return local + *p;
}

int plain(void)
{
    async int counter = 0;
    // CHECK: async_not_function.c:[[@LINE-1]]:15: error: 'counter' is a variable: async applies to functions
    return counter;
}
