// Types built on the type of an expression over a bit-field, which gcc types by the field's width
// (run/bit_field_values.c, run/bit_field_typeof_locals.c), reached through what the output spells
// elsewhere than the source did:
// - a local struct, union or typedef moving to file scope with a member `__typeof__(e.off + 0) v`
//   of a local e: its typeof was spelled as clang's type (unsigned long), so in gcc's build r.v * 2
//   stopped wrapping at 2^48 (silent), also with two such members, and of a parameter's field;
// - a local typed by one of those (`__typeof__(a) c`, `__auto_type b = a;`, `__typeof__(&a) pp`,
//   `__auto_type q = &a;`, `T d` of such a typedef, `__auto_type g = d * 2;`, `__auto_type i =
//   &r.w;`) or a function pointer with two typeofs: clang's type in the frame (the pointers did
//   not compile, the values did not wrap);
// - a ?: or statement-expression temporary holding such a local or member (`k ? r.v : await(...)`,
//   `({ await(...); *i; })`): clang's type (silent, or a -Wtype-limits error).
// Such a value is now spelled in a type as an lvalue of its own type, the local's (`(*(__typeof__(
// T) *)0)`) or the member's (`((struct rec *)0)->v`), in the expression's shape.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

struct entry {
    uint64_t off : 48;
    unsigned small : 3;
    int64_t neg : 40;
};

async long lookup(long x)
{
    await(ac_yield());
    return x;
}

async long now(long x)
{
    return x;
}

static void touch(const void *p)
{
    (void)p;
}

static unsigned long long twice(unsigned long long x)
{
    return x * 2;
}

static unsigned long long u(unsigned long long x)
{
    return x;
}

// EMIT: struct rec { __typeof__(__typeof__(__extension__ ((((void)0, ((struct { unsigned long ac__b : 48; } *)0)->ac__b) + (int)0)))) v; T w; __typeof__(int) k; __typeof__(__typeof__(__extension__ ((((void)0, ((struct { unsigned int ac__b : 3; } *)0)->ac__b) + (int)0)))) s; }
// EMIT: __typeof__(__typeof__(__extension__ ((&(((struct rec *)0)->w))))) i;
async int types(int k)
{
    struct entry e = {(1ULL << 47) + 1, 5, -3};
    int n = 4;
    typedef __typeof__(e.off + 0) T;
    T d = e.off;
    touch(&d);
    __auto_type g = d * 2;
    touch(&g);
    __typeof__(e.off + 0) a = e.off;
    __typeof__(a) c = a;
    touch(&c);
    __auto_type b = a;
    touch(&b);
    __typeof__(&a) pp = &a;
    __auto_type q = &a;
    __typeof__(e.off + 0) rows[2] = {e.off, e.off};
    struct rec { __typeof__(e.off + 0) v; T w; __typeof__(n) k; __typeof__(e.small + 0) s; } r = {e.off, e.off, 9, e.small};
    union un { __typeof__(e.neg + 0) x; __typeof__(n) y; } uu = {e.neg};
    __auto_type i = &r.w;
    __typeof__(e.off + 0) (*fp)(__typeof__(e.small + 0)) = 0;
    touch(&fp);
    await(lookup(0));
    printf("%llu %llu %llu %llu %llu %llu\n", u(d * 2), u(g * 2), u(c * 2), u(b * 2), u(*pp * 2), u(*q * 2));
    printf("%llu %llu %llu %d %d %d\n", u(r.v * 2), u(r.w * 2), u(*i * 2), r.k, r.s - 6 < 0, fp == 0);
    printf("%lld\n", (long long)(uu.x * 0x100000));
    printf("%d %d %d %d %d\n", (k ? a : await(lookup(-2))) < 0, (k ? r.v : await(lookup(-2))) < 0,
           (k ? d : await(lookup(-2))) < 0, (k ? rows[1] : await(lookup(-2))) < 0, (k ? *pp : await(lookup(-2))) < 0);
    printf("%llu %llu %llu %llu\n", u(({ await(lookup(1)); a; }) * 2), u(({ await(lookup(1)); r.v; }) * 2),
           u(({ await(lookup(1)); *i; }) * 2), twice(({ await(lookup(1)); uu.x; })));
    return 0;
}

// A parameter's field, a type moved from an inner block, and a function that never suspends
// (its temporaries are C locals).
async int param(struct entry e, int k)
{
    struct rec { __typeof__(e.off + 0) v; } r = {e.off};
    __auto_type q = &r;
    await(lookup(0));
    {
        struct inner { __typeof__(q->v * 2) w; __typeof__(e.small - 0) s; } in = {q->v * 2, e.small};
        printf("%llu %d\n", u(in.w * 2), in.s - 6 < 0);
    }
    return (k ? r.v : await(lookup(-2))) < 0;
}

async int twin(struct entry e, int k)
{
    struct rec { __typeof__(e.off + 0) v; } r = {e.off};
    __typeof__(e.off + 0) a = e.off;
    return (k ? r.v : await(now(-2))) < 0 && (k ? a : await(now(-2))) < 0;
}

// In a parameter's type the typeof keeps clang's type, where gcc would say of the shape's struct
// "declared inside parameter list" (no option turns that warning off).
async int callbacks(struct entry e)
{
    struct cbs { unsigned long (*cb)(__typeof__(e.off + 0)); __typeof__(e.off + 0) v; } c = {0, e.off};
    typedef unsigned long fn_t(__typeof__(e.off + 0) x);
    fn_t *g = 0;
    __typeof__(e.off + 0) (*h)(__typeof__(e.off + 0)) = 0;
    touch(&h);
    await(lookup(0));
    struct { __typeof__(e.off + 0) v, w; } an = {e.off, e.off}; /* unnamed, two declarators */
    __typeof__(e.off + 0) a = e.off, *b = &a, rows[2] = {e.off, e.off};
    touch(&an);
    touch(&b);
    touch(&rows);
    await(lookup(0));
    printf("%d %llu %d %d\n", c.cb == 0, u(c.v * 2), g == 0, h == 0);
    printf("%llu %llu %llu %llu\n", u(an.v * 2), u(an.w * 2), u(*b * 2), u(rows[1] * 2));
    return 0;
}

async int main(void)
{
    struct entry e = {(1ULL << 47) + 1, 5, -3};
    await(types(0));
    await(types(1));
    printf("%d %d\n", await(param(e, 0)), await(param(e, 1)));
    printf("%d %d\n", await(twin(e, 0)), await(twin(e, 1)));
    await(callbacks(e));
    return 0;
}
// CHECK: 2 4 2 2 2 2
// CHECK-NEXT: 2 2 2 9 1 1
// CHECK-NEXT: -3145728
// CHECK-NEXT: 1 1 1 1 1
// CHECK-NEXT: 2 2 2 18446744073709551610
// CHECK-NEXT: 2 4 2 2 2 2
// CHECK-NEXT: 2 2 2 9 1 1
// CHECK-NEXT: -3145728
// CHECK-NEXT: 0 0 0 0 0
// CHECK-NEXT: 2 2 2 18446744073709551610
// CHECK-NEXT: 4 1
// CHECK-NEXT: 4 1
// CHECK-NEXT: 1 0
// CHECK-NEXT: 1 0
// CHECK-NEXT: 1 2 1 1
// CHECK-NEXT: 2 2 2 2
// CHECK-NEXT: exit: 0
