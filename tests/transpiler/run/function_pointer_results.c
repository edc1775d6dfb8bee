// Async functions whose result is a function pointer or a pointer to an array, written with the
// declarator around the name (`int (*pick(int w))(int, int)`): libclang shows the parameters
// of the result's function type beside the function's own, and those were taken for its
// parameters (the init function got three, "declaration does not declare anything").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static void note(int x) { printf("note %d\n", x); }
static int table[2][3] = {{1, 2, 3}, {4, 5, 6}};
static int (*plain_pick(int w))(int, int) { return w ? sub : add; }

async int (*pick(int w))(int, int)
{
    await(ac_yield());
    return w ? add : sub;
}

/* never suspends: lowered as a plain C function */
static async int (*pick_now(int w))(int, int)
{
    return w ? sub : add;
}

/* a parameter that is itself a function pointer, and a result of the same shape as signal() */
static async void (*handler(int sig, void (*h)(int)))(int)
{
    await(ac_yield());
    h(sig);
    return h;
}

async int (*row(int i))[3]
{
    await(ac_yield());
    return &table[i];
}

/* a pointer to a function returning a function pointer */
static async int (*(*chooser(void))(int))(int, int)
{
    await(ac_yield());
    return plain_pick;
}

async int main(void)
{
    int (*fp)(int, int) = await(pick(1));
    int total = fp(2, 3) + await(pick(0))(5, 1) * 10 + await(pick_now(1))(9, 2) * 100;
    void (*h)(int) = await(handler(7, note));
    h(8);
    int (*r)[3] = await(row(1));
    // CHECK: note 7
    // CHECK: note 8
    // CHECK: 745 6 13
    printf("%d %d %d\n", total, (*r)[2], await(chooser())(0)(6, 7));
    return 0;
}
