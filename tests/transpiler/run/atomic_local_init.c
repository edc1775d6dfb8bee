// An _Atomic local kept in the frame is initialized as its declaration initializes it, not stored
// to: the output's `ac__fr->at = 5;` was a sequentially consistent store that clang's
// -Watomic-implicit-seq-cst (-Weverything) warned of where the source has none. So is an _Atomic
// parameter's field: init and args read the parameter with an explicit load (`ac__fr->p = p;` was an
// implicit load and an implicit store).
// RUN: %asyncc %s -o %t.c
// RUN: %clang -std=gnu11 -Wall -Wextra -Watomic-implicit-seq-cst -Werror -I%S/../../../include -fsyntax-only %t.c
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>
struct pt {
    int x, y;
};
typedef _Atomic long along;
async int f(int x)
{
    await(ac_yield());
    return x;
}
async int g(int n)
{
    _Atomic int at = 5;
    atomic_int ai = n;
    along al = n * 2;
    _Atomic(char) ac = 'a';
    _Atomic struct pt ap = (struct pt){1, 2};
    atomic_fetch_add_explicit(&at, await(f(1)), memory_order_seq_cst);
    atomic_fetch_add_explicit(&ai, await(f(2)), memory_order_relaxed);
    struct pt v = atomic_load_explicit(&ap, memory_order_relaxed);
    return atomic_load_explicit(&at, memory_order_relaxed) + atomic_load_explicit(&ai, memory_order_relaxed) +
           (int)atomic_load_explicit(&al, memory_order_relaxed) + atomic_load_explicit(&ac, memory_order_relaxed) + v.y;
}
async int h(_Atomic int p, atomic_long q, _Atomic struct pt s)
{
    await(ac_yield());
    struct pt v = atomic_load_explicit(&s, memory_order_relaxed);
    return atomic_load_explicit(&p, memory_order_relaxed) + (int)atomic_load_explicit(&q, memory_order_relaxed) + v.x;
}
async int main(void)
{
    printf("%d\n", await(g(3)));
    // CHECK: 116
    printf("%d\n", await(h(10, 20, (struct pt){30, 40})));
    // CHECK-NEXT: 60
    return 0;
}
// CHECK-NEXT: exit: 0
