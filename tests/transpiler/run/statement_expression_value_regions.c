// The last expression of a statement expression, which gives its value, has a region of its own
// for its temporaries and child frames. The blocks of the statement expressions inside it went
// beside that region, in a union with it, where they go under a statement's: they run while the
// values of the operands before them wait there. `a + await(f()) + ({ ...await(g())... })` read
// f's result from a child frame whose bytes g's block had written since (a silent miscompile,
// also at -O0: 401 for 306). So with the temporary of a ?: or && with an await, the value of an
// inner statement expression, and one level deeper.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=frames %s | %FileCheck %s --check-prefix=FRAMES
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

// FRAMES-LABEL: async int child_result
// FRAMES-NOT: union
// FRAMES: states:
async int child_result(int k)
{
    int v = ({
        int a = k;
        a + await(id(5)) + ({
            int b[8];
            for (int i = 0; i < 8; i++)
                b[i] = await(id(i * 100));
            b[3];
        });
    });
    return v;
}
// CHECK: 306

async int temporaries(int k)
{
    int sum = 0;
    for (int j = 0; j < 2; j++)
        sum += ({
            long w = j;
            (k ? await(id(7)) : 0) * 1000 + (j && await(id(1))) * 100000 + ({
                long big[4] = {await(id(1)), await(id(2)), await(id(3)), w};
                (int)(big[0] + big[1] + big[2] + big[3]);
            });
        });
    return sum;
}
// CHECK: 114013

async int nested(int k)
{
    return ({
        int x = await(id(k));
        x * 10 + ({
            int y = await(id(2));
            y * 100 + ({
                int z[6] = {await(id(3)), await(id(4))};
                z[0] + z[1];
            });
        });
    }) + ({ await(id(1000)); });
}
// CHECK: 1237

async int main(void)
{
    printf("%d\n", await(child_result(1)));
    printf("%d\n", await(temporaries(1)));
    printf("%d\n", await(nested(3)));
    return 0;
}
// CHECK: exit: 0
