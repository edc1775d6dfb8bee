// ac_try_join of futures wider than int (ssize_t, long long): each result was made an int before
// it was judged, differently in the two builds. The sequential build read `(const int[]){...}`,
// so a 3 GiB ssize_t read was an error (-1073741824) where the async build returned 0; and in
// both a negative result whose low 32 bits are 0 (-4294967296) was a success. A result is now
// judged at its own width in both, and the value is it as an int, INT_MIN for one below INT_MIN.
// An enum with a negative enumerator is a signed integer (its type is int) and was refused. So was
// an __int128 (and the sequential build made it an intmax_t: 2^64 - 3 was the error -3, and
// -2^64 + 5 the success 5); it is judged at its own width too.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <limits.h>
#include <stdio.h>
#include <sys/types.h>

static int ran;

async ssize_t sized(long long v)
{
    await(ac_yield());
    ran++;
    return (ssize_t)v;
}

async long long wide(long long v)
{
    await(ac_yield());
    ran++;
    return v;
}

async signed char narrow(int v)
{
    await(ac_yield());
    ran++;
    return (signed char)v;
}

async __int128 huge(__int128 v)
{
    await(ac_yield());
    return v;
}

enum status { FAILED = -1, DONE = 0 };

async enum status step(int ok)
{
    await(ac_yield());
    return ok ? DONE : FAILED;
}

async int main(void)
{
    int r = await(ac_try_join(sized(3221225472LL), sized(5)));
    printf("%d %d\n", r, ran);
    // CHECK: 0 2{{$}}
    r = await(ac_try_join(wide(4294967295LL), narrow(7), wide(LLONG_MAX)));
    printf("%d\n", r);
    // CHECK-NEXT: 0{{$}}
    r = await(ac_try_join(sized(5), sized(-5)));
    printf("%d\n", r);
    // CHECK-NEXT: -5{{$}}
    r = await(ac_try_join(wide(-4294967296LL)));
    printf("%d\n", r == INT_MIN);
    // CHECK-NEXT: 1{{$}}
    r = await(ac_try_join(narrow(-3), wide(-1)));
    printf("%d\n", r);
    // CHECK-NEXT: -3{{$}}
    r = await(ac_try_join(step(1), step(0)));
    printf("%d\n", r);
    // CHECK-NEXT: -1{{$}}
    r = await(ac_try_join(huge(((__int128)1 << 64) - 3), huge(7)));
    printf("%d\n", r);
    // CHECK-NEXT: 0{{$}}
    r = await(ac_try_join(huge(1), huge(-((__int128)1 << 64) + 5)));
    printf("%d\n", r == INT_MIN);
    // CHECK-NEXT: 1{{$}}
    r = await(ac_try_join(huge(-9), wide(-1)));
    printf("%d\n", r);
    // CHECK-NEXT: -9{{$}}
    return 0;
}
// CHECK-NEXT: exit: 0
