// `async` on a declaration that also declares a variable (`async int f(int a), b;`, as a test
// suite made async writes it) applies to the variable too: refused at the variable, where the
// output used to keep a lone `, b;` that gcc rejected.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int a), b;
// CHECK: async_variable.c:[[@LINE-1]]:21: error: 'b' is a variable: async applies to functions; declare it apart from the async function

async int f(int a)
{
    await(ac_yield());
    return a + b;
}
