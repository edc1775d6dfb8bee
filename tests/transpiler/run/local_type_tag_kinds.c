// C's struct, union and enum tags share one name space: a local type moved to file scope under a
// tag that file scope, or another block's moved type, has as another kind of tag (`union node`
// beside `struct node`, `enum node`) moves under a new name too. The output did not compile
// ("'node' defined as wrong kind of tag"): the names were told apart by their keyword.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdio.h>

struct shape {
    int sides;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

// EMIT: struct node { int a; };
// EMIT: union ac__node_siblings_{{[0-9]+}} { char c[3]; int i; };
// EMIT: enum ac__node_siblings_{{[0-9]+}} { NODE_A = 40, NODE_B };
async int siblings(void)
{
    int total = 0;
    {
        struct node { int a; } n = {await(id(1))};
        total += n.a + (int)sizeof(struct node) * 10;
    }
    {
        union node { char c[3]; int i; } n = {.i = await(id(2))};
        total += n.i * 100 + (int)sizeof(union node) * 1000;
    }
    {
        enum node { NODE_A = 40, NODE_B } n = NODE_B;
        total += await(id(n)) * 10000;
    }
    return total;
}
// CHECK: siblings 414241

// EMIT: union ac__shape_file_scope_{{[0-9]+}} { long l; int i; };
async int file_scope(void)
{
    struct shape s = {await(id(3))};
    {
        union shape { long l; int i; } u = {.l = await(id(7))};
        s.sides += (int)u.l * 10;
    }
    return s.sides;
}
// CHECK: file_scope 73

async int main(void)
{
    printf("siblings %d\n", await(siblings()));
    printf("file_scope %d\n", await(file_scope()));
    return 0;
}
// CHECK: exit: 0
