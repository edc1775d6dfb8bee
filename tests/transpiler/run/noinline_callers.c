// A `noinline` (or `noipa`, `noclone`) async function keeps its code out of its callers, as a plain one
// does: the attribute follows its body to the function that an await calls (ac__now_f when it
// never suspends, else ac__run_f, then not inline), not to the nested body inside. Left off,
// gcc and clang -O2 copied that code into each awaiting caller, and a return address taken in
// a function it calls named each caller's place (gcc's pr17377 made async, under clang -O2).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
#include <asyncc.h>
#include <stdio.h>

static void *where_called(void) __attribute__((noinline));
static void *where_called(void)
{
    return __builtin_return_address(0);
}

__attribute__((noinline)) async static void *never_suspends(int i)
{
    return (char *)where_called() + i * 0;
}
// CODE: {{^(AC__RUN_BEGIN )?}}__attribute__((noinline)) static void *ac__now_never_suspends(int i)

async static void *suspends(int i) __attribute__((__noinline__));

async static void *suspends(int i)
{
    await(ac_yield());
    return (char *)where_called() + i * 0;
}
// CODE: {{^(AC__RUN_BEGIN )?}}__attribute__((__noinline__)) static int ac__run_suspends(

async static int sum(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += i;
    return s;
}

async int main(void)
{
    void *a = await(never_suspends(1));
    int s = await(sum(3));
    void *b = await(never_suspends(2));
    void *c = await(suspends(s));
    void *d = s > 2 ? await(suspends(4)) : NULL;
    // CHECK: 1 1
    printf("%d %d\n", a == b, c == d);
    return 0;
}
