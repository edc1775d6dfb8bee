// What asyncc cannot turn into working code at file scope is an error at the user's line: an
// await in a type (typedef, struct member, prototype; these were accepted and reached the
// compiler as the marker), and the address of an async function in an initializer (a dispatch
// table: gcc said "undeclared", since the function became a state machine).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void);

typedef __typeof__(await(f())) result_t;
// CHECK: file_scope_misuse.c:[[@LINE-1]]:32: error: await and the combinators can only be used inside functions
struct holder {
    char b[sizeof(await(f()))];
};
// CHECK: file_scope_misuse.c:[[@LINE-3]]:8: error: await and the combinators can only be used inside functions
void takes(int a[sizeof(await(f()))]);
// CHECK: file_scope_misuse.c:[[@LINE-1]]:6: error: await and the combinators can only be used inside functions

static int (*const table[])(void) = {f, 0};
// CHECK: file_scope_misuse.c:[[@LINE-1]]:38: error: taking the address of async function 'f' is not supported; call it with await

async int f(void)
{
    await(ac_yield());
    return 1;
}
