// `#pragma pack` and async functions. A frame under a file-scope `#pragma pack(push, 1)` was packed
// with it: a `long` local kept across an await lay at an odd address, and a pointer to it was
// misaligned (C's locals never are). A local type defined after a #pragma pack inside the body
// moved to file scope without it (sizeof 8 for the source's 5), even when the pragma popped a push
// made before the function (the file's stack, not only the body's lines, says what is in effect).
// And the pragmas in the lines before a loop that awaits were all dropped with the loop pragmas
// (`GCC unroll`) the rebuilt loop cannot have: a `pack(push)` there went, its `pack(pop)` stayed
// (gcc: "#pragma pack (pop) encountered without matching #pragma pack (push)"), and so did a
// `GCC diagnostic push` and its `ignored`.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

#define PACKED_2 _Pragma("pack(push, two, 2)")

static int calls;
async int id(int x) { calls++; await(ac_yield()); return x; }
static void bump(long *p) { *p += 1; }
static int misaligned(const void *p, size_t align) { return (int)((uintptr_t)p % align); }

#pragma pack(push, 1)
struct wire { char tag; int len; };
async int frame_under_pack(void)
{
    char c = 1;
    long l = 2;
    struct wire w = {3, 4};
    await(ac_yield());
    bump(&l);
    printf("frame %d %ld %d %d %zu %d\n", c, l, w.tag, w.len, sizeof w, misaligned(&l, _Alignof(long)));
    return await(id(w.len));
}
// CHECK: frame 1 3 3 4 5 0
#pragma pack(4)

async int types_in_body(void)
{
    int before = await(id(1));
#pragma pack(pop)
    struct natural { char c; double d; } n = {1, 2};    /* the default again: 16 */
#pragma pack(push, 1)
    struct one { char c; int i; } o = {3, await(id(4))};
    PACKED_2
    struct two { char c; long l; };
    typedef struct { char c; long l; } two_t;
    struct two t = {5, 6};
#pragma pack(pop, two)
    struct back_to_one { char c; short s; } b = {7, 8};
#pragma pack(pop)
    struct natural_again { char c; short s; } a = {9, 10};
    await(ac_yield());
    printf("body %zu %zu %zu %zu %zu %zu %d %d %d\n", sizeof n, sizeof o, sizeof t, sizeof(two_t), sizeof b, sizeof a,
           o.i, (int)t.l, b.s + a.s + before);
#pragma pack(push, 4)
#pragma pack(push, 1)
    return (int)n.d;
}
// CHECK-NEXT: body 16 5 10 10 3 4 4 6 19
#pragma pack(pop)

async int pragmas_before_loops(int n)
{
    int s = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC unroll 2
    for (int i = 0; i < n; i++) {
        int unused;
        s += await(id(i));
    }
#pragma GCC diagnostic pop
#pragma pack(push, 1)
    while (s < 10)
        s += await(id(7));
    struct packed { char c; int i; } p = {1, 2};
#pragma pack(pop)
    printf("loops %d %zu\n", s, sizeof p);
    return s;
}
// CHECK-NEXT: loops 13 5
#pragma pack(pop)

async int main(void)
{
    struct after { char c; long l; };
    await(frame_under_pack());
    await(types_in_body());
    await(pragmas_before_loops(4));
    printf("after %zu calls %d\n", sizeof(struct after), calls);
    return 0;
}
// CHECK-NEXT: after 16 calls 8
// CHECK-NEXT: exit: 0
