/* gcc's -Wimplicit-fallthrough is quiet about a case that falls into a label whose first
 * statement is `return;` (or a jump): in an async void function the output's return gives the
 * function's result and was two statements there, and warned where the source is quiet. Such a
 * `case K: return;` is a goto to the same return (lw_return_text). GNU indent's parse.c made
 * async (an await after a `break` in an `if` arm, then `default: return;`) warned so. A case
 * that falls into other code warns in both. The same CHECK lines hold for the source compiled
 * as plain C and for the output, and the output runs. */
// RUN: %asyncc %s -o %t.c
// RUN: %plaincc -O2 -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %plaincc -O2 -Wno-error -c %s -o %t.plain.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %cc -Wno-implicit-fallthrough -O1 %t.c -o %t.bin %libs && %t.bin | %FileCheck %s --check-prefix=OUT
// OUT: 3 0 1
#include <asyncc.h>
#include <stdio.h>

static int stack[8] = {2, 1, 2};
static int tos = 2, calls;

static void count(void)
{
    calls++;
}

static async void into_return(int x)
{
    await(ac_yield());
    switch (x) {
    case 1:
        count();
    case 2:
        return;
    case 3:
        count();
        // CHECK: case_return_fallthrough.c:[[@LINE-1]]:{{[0-9]+}}: warning: this statement may fall through [-Wimplicit-fallthrough=]
    case 4:
        count();
        break;
    default:
        break;
    }
    await(ac_yield());
}

static async void reduce(void)
{
    for (;;) {
        await(ac_yield());
        switch (stack[tos]) {
        case 1:
            if (tos == 0)
                return;
            stack[--tos] = 1;
            await(ac_yield());
            break;
        case 2:
            if (stack[tos - 1] == 1) {
                stack[--tos] = 1;
                break;
                await(ac_yield());
            }
            else
                return;
        default:
            return;
        }
    }
}

async int main(void)
{
    await(into_return(1));
    await(into_return(3));
    await(reduce());
    printf("%d %d %d\n", calls, tos, stack[0]);
    return 0;
}
