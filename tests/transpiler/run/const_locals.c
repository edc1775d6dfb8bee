// A const local or parameter that lives across an await keeps its const: the frame field cannot
// be const (its initializer becomes an assignment), so every use reads it through a const lvalue.
// __typeof__, _Generic and &x see the type the user declared.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

/* "const" when x is a const lvalue of one of these types, "mutable" otherwise */
#define CONSTNESS(x)                                                                               \
    _Generic(&(x), const int *: "const", const char *: "const", const struct point *: "const",  \
             const char *const *: "const", char *const *: "const", int (*const *)(int): "const",  \
             default: "mutable")

struct point {
    int x, y;
};

typedef const int cint;

static int twice(int v)
{
    return 2 * v;
}

static void done(const int *v)
{
    printf("done %d\n", *v);
}

async int consts(const int p, int q)
{
    const int n = p + q;
    const struct point pt = {p, q};
    const char *const name = "pt";
    char *const buffer = (char[4]){"abc"};
    int (*const fn)(int) = twice;
    cint typed = 7;
    const int list[3] = {1, 2, 3};
    const int *where = &n;
    const int guard __attribute__((cleanup(done))) = 99;
    await(ac_yield());
    printf("n %s %d, p %s %d, q %s\n", CONSTNESS(n), n, CONSTNESS(p), p, CONSTNESS(q));
    printf("pt %s %d %d, pt.x %s\n", CONSTNESS(pt), pt.x, pt.y, CONSTNESS(pt.x));
    printf("name %s %s, *name %s\n", CONSTNESS(name), name, CONSTNESS(*name));
    printf("buffer %s %s, *buffer %s\n", CONSTNESS(buffer), buffer, CONSTNESS(*buffer));
    printf("fn %s %d, typed %s %d, list[1] %s %d\n", CONSTNESS(fn), fn(n), CONSTNESS(typed), typed,
           CONSTNESS(list[1]), list[1]);
    printf("&n still %d, same object %d, guard %s\n", *where, where == &n, CONSTNESS(guard));
    __typeof__(n) copy = n;
    __typeof__(name) other = "other";
    printf("typeof(n) %s, typeof(name) %s %s, sizeof n %zu\n", CONSTNESS(copy), CONSTNESS(other), other, sizeof n);
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        const int step = i * 10;
        await(ac_yield());
        sum += step;
        printf("step %s %d\n", CONSTNESS(step), step);
    }
    return sum + n;
}

async int main(void)
{
    printf("result %d\n", await(consts(2, 3)));
    return 0;
}
// CHECK: n const 5, p const 2, q mutable
// CHECK-NEXT: pt const 2 3, pt.x const
// CHECK-NEXT: name const pt, *name const
// CHECK-NEXT: buffer const abc, *buffer mutable
// CHECK-NEXT: fn const 10, typed const 7, list[1] const 2
// CHECK-NEXT: &n still 5, same object 1, guard const
// CHECK-NEXT: typeof(n) const, typeof(name) const other, sizeof n 4
// CHECK-NEXT: step const 0
// CHECK-NEXT: step const 10
// CHECK-NEXT: step const 20
// CHECK-NEXT: done 99
// CHECK-NEXT: result 35
// CHECK-NEXT: exit: 0
