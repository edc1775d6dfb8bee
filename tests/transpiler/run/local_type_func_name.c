// `sizeof __func__` (and __FUNCTION__, __PRETTY_FUNCTION__) in a local type that moves to file
// scope: there it named no function (gcc: "'__func__' is not defined outside of function scope",
// a warning, and its size was that of "" or "top level"), so `enum { LEN = sizeof __func__ - 1 }`
// was 0 and a member `char name[sizeof __func__]` held one byte (silent without -Werror). It
// names the function's own name array, as the body's uses do.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

async int id(int x) { await(ac_yield()); return x; }

async int fname(int k)
{
    struct tag { char name[sizeof __func__]; int k; } t = {"", await(id(k))};
    enum { LEN = sizeof(__FUNCTION__) - 1 };
    typedef char buf_t[sizeof __PRETTY_FUNCTION__];
    buf_t b;
    memcpy(t.name, __func__, sizeof t.name);
    strcpy(b, __PRETTY_FUNCTION__);
    await(ac_yield());
    printf("%s %d %d %zu %s\n", t.name, t.k, LEN, sizeof b, b);
    return 0;
}
// CHECK: fname 9 5 6 fname

async int main(void)
{
    await(fname(9));
    return 0;
}
// CHECK-NEXT: exit: 0
