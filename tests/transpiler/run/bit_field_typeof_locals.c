// A local typed by an expression over a bit-field wider than int (`__typeof__(e.off + 0) v`, a
// pointer or an array of that type, `__auto_type v = e.off + 0;`): gcc types the expression by the
// field's width, so v * 2 wraps at 2^48 in gcc's build of the source; clang's spelling, which the
// frame's field took, is the declared type's (unsigned long), and a local living in the frame alone
// (its address taken) did not wrap in gcc's build of the output. Its type is now clang's spelling
// with the typeof written as the expression's shape (run/bit_field_values.c), which each compiler
// types as it types the source. Other typeof locals keep their spelling.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

struct entry {
    uint64_t off : 48;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

static void touch(const void *p)
{
    (void)p;
}

// EMIT: __typeof__(__typeof__(__extension__ ((((void)0, ((struct { unsigned long ac__b : 48; } *)0)->ac__b) + (int)0)))) v;
// EMIT: __typeof__(__typeof__(__extension__ ((((void)0, ((struct { unsigned long ac__b : 48; } *)0)->ac__b) + (int)0)))[2]) rows;
// EMIT: __typeof__(__typeof__(__extension__ ((((void)0, ((struct { unsigned long ac__b : 48; } *)0)->ac__b) + (int)0))) *) p;
async int main(void)
{
    struct entry e = {(1ULL << 47) + 1};
    __typeof__(e.off + 0) v = e.off;
    touch(&v);
    const __typeof__(e.off + 0) c = e.off;
    touch(&c);
    __auto_type a = e.off + 0;
    touch(&a);
    __typeof__(e.off + 0) rows[2] = {e.off, e.off};
    __typeof__(e.off + 0) *p = &v;
    int plain = 5;
    __typeof__(plain + 0) q = 7;
    touch(&q);
    await(id(0));
    printf("%llu %llu %llu %llu %llu %d\n", (unsigned long long)(v * 2), (unsigned long long)(c * 2),
           (unsigned long long)(a * 2), (unsigned long long)(rows[1] * 2), (unsigned long long)(*p * 2), q + plain);
    return 0;
}
// CHECK: 2 2 2 2 2 12
// CHECK-NEXT: exit: 0
