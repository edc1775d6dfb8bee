// Locals across awaits: shadowing, same names in sibling blocks, every initializer form, sizeof
// and & of locals, pointers to locals kept across awaits, static locals, local types.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct point {
    int x, y;
};

union num {
    int i;
    float f;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int counter(void)
{
    static int calls;
    await(ac_yield());
    return ++calls;
}

async int main(void)
{
    int x = 1;
    {
        int x = 2; /* shadows */
        await(ac_yield());
        printf("inner x %d\n", x);
    }
    printf("outer x %d\n", x);
    // CHECK: inner x 2
    // CHECK-NEXT: outer x 1
    for (int i = 0; i < 2; i++) {
        int v = i * 10;
        await(ac_yield());
        printf("sibling-a %d\n", v);
    }
    for (int i = 0; i < 2; i++) {
        double v = i + 0.5;
        await(ac_yield());
        printf("sibling-b %.1f\n", v);
    }
    // CHECK-NEXT: sibling-a 0
    // CHECK-NEXT: sibling-a 10
    // CHECK-NEXT: sibling-b 0.5
    // CHECK-NEXT: sibling-b 1.5
    char greeting[] = "hello";
    char padded[16] = "hi";
    int list[] = {1, 2, 3, 4};
    struct point p = {.y = 7, .x = 3};
    struct point q = (struct point){5, 6};
    union num u = {.f = 1.5f};
    int *ptr = &list[2];
    const int fixed = 42;
    typedef struct {
        int a, b;
    } pair_t;
    enum color { RED, GREEN = 5 };
    pair_t pr = {await(id(8)), 9};
    enum color col = GREEN;
    await(ac_yield());
    printf("%s %s %zu %zu\n", greeting, padded, sizeof greeting, sizeof padded);
    printf("%zu %d %d\n", sizeof list / sizeof list[0], list[3], *ptr);
    printf("%d %d %d %d %.1f %d\n", p.x, p.y, q.x, q.y, u.f, fixed);
    printf("%d %d %d\n", pr.a, pr.b, col);
    // CHECK-NEXT: hello hi 6 16
    // CHECK-NEXT: 4 4 3
    // CHECK-NEXT: 3 7 5 6 1.5 42
    // CHECK-NEXT: 8 9 5
    int *where = &x;
    await(ac_yield());
    *where = 77;
    printf("through pointer %d\n", x);
    // CHECK-NEXT: through pointer 77
    char buf[32];
    snprintf(buf, sizeof buf, "%d", await(id(123)));
    await(ac_yield());
    printf("buf %s %zu\n", buf, strlen(buf));
    // CHECK-NEXT: buf 123 3
    int a = await(counter()), b = await(counter());
    printf("static %d %d\n", a, b);
    // CHECK-NEXT: static 1 2
    return 0;
}
// CHECK: exit: 0
