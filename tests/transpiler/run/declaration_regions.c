// A declaration whose initializer awaits has a region of its own for its temporaries and child
// frames, which are dead once it is done: they share bytes with the next statements' (echo's
// frame: 4,400 -> 4,256 bytes), while what outlives it stays apart: the variables it declares, a
// compound literal a pointer keeps, statement expressions' values, the captured size of a
// typedef of run-time size, the other declarators' temporaries of a multi-declarator. A local of
// more than 256 bytes comes after its block's other members (buffered: buf after the child
// frames and the small local, though declared first).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=frames %s | %FileCheck %s --check-prefix=FRAMES
#include <asyncc.h>
#include <stdio.h>

struct pair {
    int a, b;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

async long twice(long x)
{
    await(ac_yield());
    return 2 * x;
}

// FRAMES-LABEL: async int sequence
// FRAMES: union {  (members share these bytes)
// FRAMES: ac__c1 {{.*}}child frame
// FRAMES: ac__c2 {{.*}}child frame
// FRAMES: states:
async int sequence(int n)
{
    int a = await(id(n));
    long b = await(twice(a));
    int c = await(id((int)b + 1)), d = c + await(id(c));
    struct pair *p = &(struct pair){await(id(7)), await(id(8))};
    int e = ({ int t = await(id(3)); t * 10; }) + ({ int u = 5; await(ac_yield()); u; });
    typedef char row[await(id(4))];
    row r;
    int f = await(id(9)) + (int)sizeof(row);
    int arr[3] = {await(id(1)), await(id(2)), await(id(3))};
    for (int i = 0; i < 2; i++) {
        int g = await(id(i)) + await(id(10));
        a += g;
    }
    r[0] = 'x';
    return a + (int)b + c + d + p->a * 100 + p->b * 1000 + e + f + arr[0] + arr[1] * 10 + arr[2] * 100 + r[0];
}

// FRAMES-LABEL: async int buffered
// FRAMES: small {{.*}}local, lives across an await
// FRAMES: ac__c{{[0-9]+}} {{.*}}child frame
// FRAMES: buf {{ *}}char[512]
// FRAMES: states:
async int buffered(int n)
{
    char buf[512];
    int small = n;
    buf[0] = (char)await(id(n));
    small += await(id(buf[0]));
    buf[1] = (char)small;
    return buf[0] + buf[1];
}

async int main(void)
{
    int v = await(sequence(5));
    printf("sequence %d\n", v);
    printf("buffered %d\n", await(buffered(3)));
    return 0;
}
// CHECK: sequence 9258
// CHECK-NEXT: buffered 9
// CHECK-NEXT: exit: 0
