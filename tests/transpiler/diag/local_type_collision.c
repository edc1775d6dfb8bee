// A local type moves to file scope with the frame: a name already there is reported, not
// silently merged.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

struct node {
    int v;
};

async int f(void)
{
    struct node {
        // CHECK: {{.*}}local_type_collision.c:[[@LINE-1]]:12: error: local type 'struct node' of an async function moves to file scope, where 'struct node' already exists; rename one
        double d;
    };
    struct node n = {1.5};
    await(ac_yield());
    return (int)n.d;
}

async int g(void)
{
    enum { RED, BLUE };
    typedef int count_t;
    count_t c = BLUE;
    await(ac_yield());
    return c;
}

async int h(void)
{
    typedef long count_t;
    // CHECK: {{.*}}local_type_collision.c:[[@LINE-1]]:18: error: local type 'count_t' of an async function moves to file scope, where 'count_t' already exists; rename one
    count_t c = 1;
    await(ac_yield());
    return (int)c;
}
