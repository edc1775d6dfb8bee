// Results of every type: integers, double, pointers, structs by value, void, and async recursion
// (direct and mutual) with no boxing by the user.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct big {
    int v[8];
    double d;
};

async double half(double x)
{
    await(ac_yield());
    return x / 2;
}

async const char *name(int i)
{
    static const char *names[] = {"zero", "one"};
    await(ac_yield());
    return names[i];
}

async struct big make_big(int seed)
{
    struct big b;
    for (int i = 0; i < 8; i++)
        b.v[i] = seed + i;
    b.d = await(half(seed));
    return b;
}

async unsigned long long fib(int n)
{
    if (n < 2)
        return (unsigned long long)n;
    return await(fib(n - 1)) + await(fib(n - 2));
}

async int is_odd(int n);

async int is_even(int n)
{
    if (n == 0)
        return 1;
    return await(is_odd(n - 1));
}

async int is_odd(int n)
{
    if (n == 0)
        return 0;
    return await(is_even(n - 1));
}

async void nothing(void)
{
    await(ac_yield());
}

async int main(void)
{
    printf("%.2f %s %s\n", await(half(5)), await(name(0)), await(name(1)));
    struct big b = await(make_big(3));
    printf("%d %d %.1f\n", b.v[0], b.v[7], b.d);
    printf("fib %llu\n", await(fib(20)));
    printf("even %d %d\n", await(is_even(10)), await(is_even(7)));
    await(nothing());
    printf("done\n");
    return 3;
}
// CHECK: 2.50 zero one
// CHECK-NEXT: 3 10 1.5
// CHECK-NEXT: fib 6765
// CHECK-NEXT: even 1 0
// CHECK-NEXT: done
// CHECK-NEXT: exit: 3
