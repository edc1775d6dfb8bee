// `struct ATTRS tag v;` names a type declared before it, as `struct tag v;` does: clang records a
// redeclaration of the tag there (one that defines nothing), and asyncc took it for a local type
// defined with the variable. It moved a new, incomplete `struct ac__pt_main_1` to file scope and
// gave the frame a field of it: "field 'corner' has incomplete type" (found by fuzz/mutate.py).
// The variable is of the type declared before, here or at file scope, under its new name if it
// moved; nothing is moved or declared for it.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct pt {
    int x, y;
};
union word {
    int i;
    unsigned char b[4];
};
enum color { RED = 2, GREEN = 5 };

static async int id(int v)
{
    await(ac_yield());
    return v;
}

async int main(void)
{
    struct __attribute__((unused)) pt corner;            /* in the frame */
    union __attribute__((unused)) word w = {.i = 7};     /* in the frame, with an initializer */
    enum __attribute__((unused)) color c = GREEN, d = RED; /* several declarators */
    corner.x = await(id(3));
    corner.y = 4;
    {
        struct __attribute__((unused)) pt near = {1, 2}; /* a block without awaits: copied */
        corner.y += near.x + near.y;
    }
    int sum = 0;
    {
        struct pt {
            long a;
        } local = {10}; /* a local type hiding the file's: it moves under a new name */
        struct __attribute__((unused)) pt also = {await(id(20))};
        sum = (int)(local.a + also.a) + (int)sizeof also;
    }
    printf("%d %d %d %d %d %d\n", corner.x, corner.y, w.i, c, d, sum);
    // CHECK: 3 7 7 5 2 38
    return 0;
}
// CHECK-NEXT: exit: 0
