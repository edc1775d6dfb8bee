// Adversarial: mutual static recursion, deep recursion, tree recursion, async main with argc/argv
// RUN: %run %s %t one two | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
static async int is_even(int n);
static async int is_odd(int n) { if (n == 0) return 0; return await(is_even(n - 1)); }
static async int is_even(int n) { if (n == 0) return 1; await(ac_yield()); return await(is_odd(n - 1)); }
async long fib(int n)
{
    if (n < 2) return n;
    long a = await(fib(n - 1));
    return a + await(fib(n - 2));
}
async int depth(int n) { char pad[64]; memset(pad, n & 0xff, sizeof pad); if (n == 0) return 0; int r = await(depth(n - 1)); return r + (pad[63] == (char)(n & 0xff)); }
struct tree { int v; struct tree *l, *r; };
async int sum(struct tree *t) { if (!t) return 0; int s = await(sum(t->l)); s += t->v; return s + await(sum(t->r)); }
async int main(int argc, char **argv)
{
    printf("argc %d %s\n", argc, argc > 1 ? argv[1] : "-");
    printf("%d %d\n", await(is_even(101)), await(is_odd(101)));
    printf("%ld\n", await(fib(18)));
    printf("%d\n", await(depth(20000)));
    struct tree n[7] = {{1, &n[1], &n[2]}, {2, &n[3], &n[4]}, {3, &n[5], &n[6]}, {4, 0, 0}, {5, 0, 0}, {6, 0, 0}, {7, 0, 0}};
    printf("%d\n", await(sum(&n[0])));
    for (int i = 0; i < argc; i++) printf("argv %d %s\n", i, i ? argv[i] : "prog");
    return argc + 3;
}
// CHECK: argc 3 one
// CHECK-NEXT: 0 1
// CHECK-NEXT: 2584
// CHECK-NEXT: 20000
// CHECK-NEXT: 28
// CHECK-NEXT: argv 0 prog
// CHECK-NEXT: argv 1 one
// CHECK-NEXT: argv 2 two
// CHECK-NEXT: exit: 6
