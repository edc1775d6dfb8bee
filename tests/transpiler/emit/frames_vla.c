// --emit=frames of a variable-length array that lives across an await: its field is the address
// of storage allocated when the declaration runs, beside the captured size.
// RUN: %asyncc --emit=frames %s | %FileCheck %s
#include <asyncc.h>

async int fill(char *buf, int n);

async int load(int n)
{
    char buf[n + 1];
    return await(fill(buf, n));
}
// CHECK: async int load
// CHECK: ac__vs1 __SIZE_TYPE__ a size of a variably modified type
// CHECK-NEXT: buf char[n + 1] local, lives across an await: the address of its storage, allocated when its declaration runs
