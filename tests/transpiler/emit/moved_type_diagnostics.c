// A local type moves to file scope with the `#pragma GCC diagnostic` lines of the body that are
// in effect at its definition: before, it lost them, and gcc -Wpadded (or -Wpedantic of a
// zero-length array) warned of the output where the source had silenced it; a pop inside the
// body ends one as in C (`struct loud` warns in both).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wpadded -Wpedantic -isystem %S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wpadded -Wpedantic -isystem %S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wpadded -Wpedantic -isystem %S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
#include <asyncc.h>

async int id(int x) { await(ac_yield()); return x; }

async int quiet(int k)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpadded"
    struct hdr { char c; int i; } h = {1, await(id(k))};
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
    struct blob { int n; char data[0]; };
#pragma GCC diagnostic pop
    struct blob b = {await(id(2))};
#pragma GCC diagnostic pop
    struct loud { char c; long l; } l = {3, 4};
    // CHECK: moved_type_diagnostics.c:[[@LINE-1]]:{{[0-9]+}}: warning: padding struct to align 'l' [-Wpadded]
    // CLANG: moved_type_diagnostics.c:[[@LINE-2]]:{{[0-9]+}}: warning: padding struct 'struct loud' with 7 bytes to align 'l' [-Wpadded]
    await(ac_yield());
    return h.c + h.i + b.n + l.c;
}
