// <stdatomic.h> on an _Atomic struct in an async function: clang's header expands atomic_load,
// atomic_store, atomic_exchange and atomic_compare_exchange_* to __c11_atomic builtins, which
// asyncc/compat.h gave gcc as the __atomic_*_n ones, for integers and pointers only (the output
// did not compile with gcc); now as gcc's own <stdatomic.h> does, through the generic builtins.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

struct pair {
    int a, b;
};

static _Atomic struct pair shared;

async int id(int v)
{
    await(ac_yield());
    return v;
}

async int main(void)
{
    _Atomic struct pair local;
    atomic_init(&local, ((struct pair){1, 2}));
    struct pair p = atomic_load(&local);
    p.a += await(id(10));
    atomic_store(&local, p);
    atomic_store_explicit(&shared, ((struct pair){await(id(3)), 4}), memory_order_release);
    struct pair old = atomic_exchange(&local, ((struct pair){5, 6}));
    // CHECK: 11 2 3 4 5 6
    struct pair now = atomic_load_explicit(&local, memory_order_acquire), sh = atomic_load(&shared);
    printf("%d %d %d %d %d %d\n", old.a, old.b, sh.a, sh.b, now.a, now.b);
    struct pair expected = {5, 6}, wrong = {0, 0};
    bool swapped = atomic_compare_exchange_strong(&local, &expected, ((struct pair){await(id(7)), 8}));
    bool refused = !atomic_compare_exchange_weak(&local, &wrong, ((struct pair){9, 9}));
    now = atomic_load(&local);
    // CHECK-NEXT: 1 1 7 8 wrong 7 8
    printf("%d %d %d %d wrong %d %d\n", swapped, refused, now.a, now.b, wrong.a, wrong.b);
    /* integers as before */
    _Atomic int n = 1;
    atomic_store(&n, await(id(41)));
    int one = 41;
    atomic_compare_exchange_strong(&n, &one, atomic_load(&n) + 1);
    // CHECK-NEXT: 42 42
    printf("%d %d\n", atomic_exchange(&n, 0) + atomic_load(&n), one + 1);
    return 0;
}
// CHECK-NEXT: exit: 0
