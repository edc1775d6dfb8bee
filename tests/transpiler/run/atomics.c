// <stdatomic.h> in async functions: asyncc rewrites text that clang's headers expanded
// (__c11_atomic builtins); gcc compiles it through asyncc/compat.h, clang as it is.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

static atomic_int counter;
static _Atomic long total = 0;

async int bump(int n)
{
    for (int i = 0; i < n; i++) {
        atomic_fetch_add(&counter, 1);
        atomic_fetch_add_explicit(&total, i, memory_order_relaxed);
        await(ac_yield());
    }
    int expected = n;
    /* (no atomic_thread_fence: gcc rejects it under -fsanitize=thread, whatever asyncc does) */
    bool swapped = atomic_compare_exchange_strong(&counter, &expected, 100);
    return swapped ? atomic_load(&counter) + (int)atomic_exchange(&total, 0) : -1;
}

async int main(void)
{
    printf("%d %d\n", await(bump(5)), (int)INT8_MAX);
    return 0;
}
// CHECK: 110 127
