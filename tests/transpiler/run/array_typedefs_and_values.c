// Generated code that did not compile or warned (gcc and clang, -Werror):
// - parameters and locals of array typedef type (an array of function pointers, a const array,
//   a function typedef) are adjusted to pointers as C does, const elements kept;
// - a statement expression whose value is discarded does not leave a read of its temporary
//   behind (-Wunused-value);
// - ({ await(g()); }) as a value where g never suspends keeps g's result.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

typedef int (*fp4[4])(int);
typedef double vec3[3];
typedef const int cvec[2];
typedef int fn_t(int);

static int inc(int x)
{
    return x + 1;
}

async int typedef_params(fp4 fp, int i, vec3 v, cvec c, fn_t g)
{
    await(ac_yield());
    v[1] += 1.5;
    return (*fp)(i) + fp[3](i) + (int)v[1] + c[1] + g(i);
}

/* never suspends: awaits of it are direct calls */
async int plus_one(int x)
{
    return x + 1;
}

async int three(void)
{
    await(ac_yield());
    return 3;
}

async int values(void)
{
    int r = 42;
    ({
        await(ac_yield());
        r;
    });
    ({
        r++;
        await(three());
    });
    int v = ({ await(plus_one(4)); });
    int w = ({
        int q = await(plus_one(v));
        await(plus_one(q));
    });
    (void)({
        await(three());
        r;
    });
    return r - 43 + v + w;
}

async int main(void)
{
    fp4 t = {inc, inc, inc, inc};
    vec3 v = {1, 2, 3};
    cvec c = {5, 6};
    int r = await(typedef_params(t, -1, v, c, inc));
    // CHECK: typedef_params 9 3.5
    printf("typedef_params %d %.1f\n", r, v[1]);
    // CHECK: values 12
    printf("values %d\n", await(values()));
    return 0;
}
// CHECK: exit: 0
