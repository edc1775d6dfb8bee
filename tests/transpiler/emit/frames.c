// --emit=frames: each frame's size, its fields with offsets (locals of sibling blocks share bytes
// through a union), child frames embedded or in the arena, and one state per await site.
// RUN: %asyncc --emit=frames %s | %FileCheck %s
#include <asyncc.h>

async int leaf(int x)
{
    await(ac_yield());
    return x;
}

async int branches(int c)
{
    if (c) {
        long a = await(leaf(1));
        await(ac_yield());
        return (int)a;
    } else {
        double b = await(leaf(2));
        await(ac_yield());
        return (int)b;
    }
}
// CHECK-LABEL: async int leaf  ({{.*}}frames.c:6)
// CHECK-NEXT: frame struct ac__frame_leaf: 32 bytes, align 16
// CHECK:      0      4  ac__state
// CHECK-NEXT: 4      4  ac__result    {{ *}}int {{ *}}result
// CHECK-NEXT: 8      4  x             {{ *}}int {{ *}}parameter
// CHECK: 16     16  {{ *}}ac__c1   {{ *}}unsigned char[16] {{ *}}child frame, inside this frame (size from its header)
// CHECK:      1  {{.*}}frames.c:8  await ac_yield()
// CHECK-LABEL: async int branches
// CHECK: union {  (members share these bytes)
// CHECK: [[OFF:[0-9]+]]      8      a     {{ *}}long {{ *}}local, lives across an await
// CHECK: [[OFF]]      8      b     {{ *}}double {{ *}}local, lives across an await
// CHECK: states:
// CHECK-NEXT: 0  start
// CHECK-NEXT: 1  {{.*}}frames.c:15  await leaf()
// CHECK-NEXT: 2  {{.*}}frames.c:16  await ac_yield()
// CHECK-NEXT: 3  {{.*}}frames.c:19  await leaf()
// CHECK-NEXT: 4  {{.*}}frames.c:20  await ac_yield()
