// A bit-field has, for gcc, a type of the field's width, which its value keeps where no promotion
// applies (the value of a statement expression): for one wider than int (`uint64_t off : 48`)
// arithmetic on its value wraps there, and beside an operand of another type it converts by that
// width; `({ ...; s.three_bits; }) - 5` is an int for gcc (the 3-bit type promotes), an unsigned
// int for clang (so for a field of an enum of unsigned int). clang, which asyncc reads the code
// with, types a field as declared. The temporary that holds
// the value of a ?:, a GNU ?: or a statement expression whose operands await was spelled with
// clang's type, so the output built by gcc computed clang's answer: `k ? e.off : await(f())`, f
// returning long, was never negative (an unsigned long long for clang, a long for gcc), and
// `({ ...; e.off; }) * 2` did not wrap at 2^48. The temporary's type is now a typeof of the
// expression's shape, which each compiler answers as it does for the source (the sequential build
// of this test is gcc's; clang's output is checked to compile).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

struct entry {
    uint64_t off : 48;
    uint64_t gen : 16;
    int64_t delta : 40;
    uint64_t small : 20;
    uint64_t half : 32;
    unsigned three : 3;
    enum { OFF, ON, GONE } mode : 4;
};

async long lookup(long v)
{
    await(ac_yield());
    return v;
}

async int id(int v)
{
    await(ac_yield());
    return v;
}

// EMIT-LABEL: struct ac__frame_probe
// EMIT: __typeof__(__extension__ ((0 ? ((void)0, ((struct { unsigned long ac__b : 48; } *)0)->ac__b) : (long)0))))
async void probe(int cached)
{
    struct entry e = {(1ULL << 47) + 5, 3, -3, 7, 9, 3, ON};
    // the common type: long for gcc
    int negative = (cached ? e.off : await(lookup(-2))) < 0;
    long long wide = cached ? e.off : await(lookup(-2));
    // wrapping at the field's width
    unsigned long long twice = ({ await(id(0)); e.off; }) * 2;
    unsigned long long sum = (cached ? e.off + e.off : await(lookup(1))) + 0;
    unsigned long long inc = (cached ? (e.off += 1) : await(lookup(1))) * 2;
    // against an int: unsigned of 48 bits, for gcc
    long long mixed = cached ? await(id(-8)) : e.off;
    long long elvis = e.off ?: await(lookup(-1));
    long long shifted = (cached ? e.off << 1 : await(lookup(1))) >> 1;
    // a signed field wider than int, one narrower than int and one of 32 bits
    long long sdelta = (cached ? e.delta : await(id(1))) * 1000000000LL;
    long long narrow = cached ? await(id(-1)) : e.small;
    long long at32 = cached ? await(id(-1)) : e.half;
    long long comma = (await(id(0)), cached ? -(long)e.gen : e.off);
    // a narrow one, not promoted as a statement expression's value
    long long three = ({ await(id(0)); e.three; }) - 5;
    long long assigned = ({ await(id(0)); e.three = 2; }) - 5;
    // an enum's, of unsigned int, promoted by gcc as a narrow field
    long long mode = ({ await(id(0)); e.mode; }) - 5;
    printf("%d %lld %llu %llu %llu %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld\n", negative, wide, twice, sum, inc,
           mixed, elvis, shifted, sdelta, narrow, at32, comma, three, assigned, mode);
}
// CHECK: 1 -2 10 1 2 140737488355333 140737488355333 0 1000000000 7 9 140737488355333 -2 -3 -4
// CHECK-NEXT: 0 140737488355333 10 10 281474976710668 281474976710648 140737488355334 6 -3000000000 -1 4294967295 -3 -2 -3 -4

// Never suspending: its temporaries are locals of a plain function, typed the same way.
async long long now(int cached)
{
    struct entry e = {3, 0, 0, 0, 0, 0, OFF};
    return (cached ? e.off : await(lookup(-2))) < 0 ? -1 : (long long)(cached ? e.off : await(lookup(-2)));
}
// CHECK-NEXT: now -1 3

async int main(void)
{
    await(probe(0));
    await(probe(1));
    printf("now %lld %lld\n", await(now(0)), await(now(1)));
    return 0;
}
// CHECK: exit: 0
