// __attribute__((cleanup)) on locals kept in the frame: runs when the scope ends normally, on
// return, break, continue and goto out of the scope, and when the future is cancelled at an await
// (here by ac_select and ac_timeout). NO-SEQUENTIAL (cancellation has no sequential twin)
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static void release(int *id)
{
    printf("release %d\n", *id);
}

async int hold(int id, int ms)
{
    int res __attribute__((cleanup(release))) = id;
    await(ac_sleep_ms((unsigned long)ms));
    printf("hold %d done\n", res);
    return res;
}

async int scopes(int mode)
{
    for (int i = 0; i < 3; i++) {
        int r __attribute__((cleanup(release))) = 100 + i;
        await(ac_yield());
        if (mode == 1 && i == 0)
            continue;
        if (mode == 2 && i == 1)
            break;
        if (mode == 3)
            return r;
        if (mode == 4)
            goto out;
    }
out:
    return -1;
}

async int main(void)
{
    int v = await(hold(1, 1));
    // CHECK: hold 1 done
    // CHECK-NEXT: release 1
    printf("got %d\n", v);
    // CHECK-NEXT: got 1
    int w = -1;
    int which = await(ac_select(w = hold(2, 5000), w = hold(3, 10)));
    printf("select %d w=%d\n", which, w);
    // CHECK-NEXT: hold 3 done
    // CHECK-NEXT: release 3
    // CHECK-NEXT: release 2
    // CHECK-NEXT: select 1 w=3
    int rc = await(ac_timeout(20, hold(4, 5000)));
    printf("timeout %d\n", rc);
    // CHECK-NEXT: release 4
    // CHECK-NEXT: timeout -110
    printf("continue %d\n", await(scopes(1)));
    // CHECK-NEXT: release 100
    // CHECK-NEXT: release 101
    // CHECK-NEXT: release 102
    // CHECK-NEXT: continue -1
    printf("break %d\n", await(scopes(2)));
    // CHECK-NEXT: release 100
    // CHECK-NEXT: release 101
    // CHECK-NEXT: break -1
    printf("return %d\n", await(scopes(3)));
    // CHECK-NEXT: release 100
    // CHECK-NEXT: return 100
    printf("goto %d\n", await(scopes(4)));
    // CHECK-NEXT: release 100
    // CHECK-NEXT: goto -1
    return 0;
}
// CHECK-NEXT: exit: 0
