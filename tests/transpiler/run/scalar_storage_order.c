// gcc's `#pragma scalar_storage_order` and async functions (clang has no such pragma: the output
// is built with gcc only). A frame under a file-scope `scalar_storage_order big-endian` was laid out
// big-endian, and the output did not compile ("type punning toggles scalar storage order" at the
// frame); a local type defined after the pragma inside the body moved to file scope without it, and
// its bytes came out in the other order (a silent difference).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error=unknown-pragmas %t.c %libs -o %t
// RUN: %t | %FileCheck %s
// RUN: %cc -w -DAC_SEQUENTIAL %s %seqlibs -o %t.seq
// RUN: %t.seq | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x) { await(ac_yield()); return x; }
static void bump(int *p) { *p += 1; }

#pragma scalar_storage_order big-endian
struct be { int v; };
async int around(void)
{
    int l = 2;
    struct be b = {258};
    await(ac_yield());
    bump(&l);
    printf("around %d %d %d\n", l, b.v, ((unsigned char *)&b)[3]);
    return await(id(l));
}
// CHECK: around 3 258 2
#pragma scalar_storage_order default

async int inside(void)
{
    int first = await(id(1));
#pragma scalar_storage_order big-endian
    struct moved { int v; } m = {first + 257};
#pragma scalar_storage_order little-endian
    struct little { int v; } s = {await(id(513))};
#pragma scalar_storage_order default
    await(ac_yield());
    printf("inside %d %d %d %d\n", m.v, ((unsigned char *)&m)[3], s.v, ((unsigned char *)&s)[1]);
    return m.v;
}
// CHECK-NEXT: inside 258 2 513 2

async int main(void)
{
    await(around());
    await(inside());
    return 0;
}
