// A static local declared together with the struct it defines (`static struct tally { int n; } t;`,
// nasm's assemble.c keeps its last debug location so). The type moves to file scope, where the
// frame can name it; the declaration was then written anew from the type and the name alone, and
// lost its `static`: t was a new automatic variable at each poll, its count never kept (a silent
// miscompile). It is copied as written now, the definition replaced by the type's name.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct tally {
    long unrelated[4];
};

async int counter(void)
{
    static struct tally { int n; } t;
    static const volatile struct cv { int k; } c = {3};
    static _Thread_local union u1 { int v; } tl;
    static struct { int m; } unnamed = {100};
    struct pair { int x; } a = {1}, b = {2};
    await(ac_yield());
    tl.v++;
    unnamed.m++;
    return ++t.n * 10 + c.k + a.x + b.x + unnamed.m * 1000;
}

async int main(void)
{
    int x = await(counter()), y = await(counter()), z = await(counter());
    struct tally file_scope = {{7}};
    printf("%d %d %d %ld\n", x, y, z, file_scope.unrelated[0]);
    // CHECK: 101016 102026 103036 7
    return 0;
}
// CHECK-NEXT: exit: 0
