// Local types of async functions: unnamed structs, unions and enums of locals that live across an
// await move to file scope under a generated name; local typedefs and tags move as they are
// (see run/local_type_renames.c for names file scope already has).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int shapes(void)
{
    struct {
        int w, h;
    } box = {3, 4}, *pbox = &box;
    union {
        int i;
        unsigned char bytes[4];
    } word = {.i = 0x01020304};
    enum { SMALL = 1, LARGE = 100 } size = LARGE;
    struct tagged {
        int v;
    };
    struct tagged tg = {await(id(9))};
    await(ac_yield());
    printf("box %d %d %d\n", box.w * box.h, pbox->w, (int)sizeof box);
    printf("word %d size %d tg %d\n", word.bytes[0] == 4 || word.bytes[0] == 1, size + SMALL, tg.v);
    return box.w;
}

async int main(void)
{
    printf("shapes %d\n", await(shapes()));
    return 0;
}
// CHECK: box 12 3 8
// CHECK-NEXT: word 1 size 101 tg 9
// CHECK-NEXT: shapes 3
