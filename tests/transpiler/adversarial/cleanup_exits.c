// Adversarial: cleanup locals on break/continue/return/goto/switch exits and block ends
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
async int id(int x) { await(ac_yield()); return x; }
static void done(int *p) { printf("cleanup %d\n", *p); }
static void freep(char **p) { printf("free %s\n", *p ? *p : "(null)"); free(*p); }
async int exits(int mode)
{
    int outer __attribute__((cleanup(done))) = 100 + mode;
    for (int i = 0; i < 3; i++) {
        int inl __attribute__((cleanup(done))) = 200 + i;
        await(ac_yield());
        if (mode == 1 && i == 1) break;
        if (mode == 2 && i == 0) continue;
        if (mode == 3 && i == 1) return await(id(-3));
        if (mode == 4 && i == 2) goto out;
        switch (mode) {
        case 5: {
            int sw __attribute__((cleanup(done))) = 500;
            await(ac_yield());
            if (i == 1) break;
            printf("case5 %d\n", i);
            break;
        }
        /* fallthrough */
        case 6: {
            char *m __attribute__((cleanup(freep))) = malloc(4);
            m[0] = 'm'; m[1] = '0' + i; m[2] = 0;
            await(ac_yield());
            if (i == 2) return 66;
        }
        }
        printf("body %d %d\n", mode, i);
    }
    {
        int blk __attribute__((cleanup(done))) = 300;
        await(ac_yield());
        while (await(id(blk)) < 302) {
            int w __attribute__((cleanup(done))) = blk;
            blk++;
            if (blk == 301) continue;
            await(ac_yield());
        }
    }
out:
    printf("out %d\n", mode);
    return mode;
}
async int main(void)
{
    for (int m = 0; m <= 6; m++)
        printf("ret %d\n", await(exits(m)));
    return 0;
}
// CHECK: body 0 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: body 0 1
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: body 0 2
// CHECK-NEXT: cleanup 202
// CHECK-NEXT: cleanup 300
// CHECK-NEXT: cleanup 301
// CHECK-NEXT: cleanup 302
// CHECK-NEXT: out 0
// CHECK-NEXT: cleanup 100
// CHECK-NEXT: ret 0
// CHECK-NEXT: body 1 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: cleanup 300
// CHECK-NEXT: cleanup 301
// CHECK-NEXT: cleanup 302
// CHECK-NEXT: out 1
// CHECK-NEXT: cleanup 101
// CHECK-NEXT: ret 1
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: body 2 1
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: body 2 2
// CHECK-NEXT: cleanup 202
// CHECK-NEXT: cleanup 300
// CHECK-NEXT: cleanup 301
// CHECK-NEXT: cleanup 302
// CHECK-NEXT: out 2
// CHECK-NEXT: cleanup 102
// CHECK-NEXT: ret 2
// CHECK-NEXT: body 3 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: cleanup 103
// CHECK-NEXT: ret -3
// CHECK-NEXT: body 4 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: body 4 1
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: cleanup 202
// CHECK-NEXT: out 4
// CHECK-NEXT: cleanup 104
// CHECK-NEXT: ret 4
// CHECK-NEXT: case5 0
// CHECK-NEXT: cleanup 500
// CHECK-NEXT: body 5 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: cleanup 500
// CHECK-NEXT: body 5 1
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: case5 2
// CHECK-NEXT: cleanup 500
// CHECK-NEXT: body 5 2
// CHECK-NEXT: cleanup 202
// CHECK-NEXT: cleanup 300
// CHECK-NEXT: cleanup 301
// CHECK-NEXT: cleanup 302
// CHECK-NEXT: out 5
// CHECK-NEXT: cleanup 105
// CHECK-NEXT: ret 5
// CHECK-NEXT: free m0
// CHECK-NEXT: body 6 0
// CHECK-NEXT: cleanup 200
// CHECK-NEXT: free m1
// CHECK-NEXT: body 6 1
// CHECK-NEXT: cleanup 201
// CHECK-NEXT: free m2
// CHECK-NEXT: cleanup 202
// CHECK-NEXT: cleanup 106
// CHECK-NEXT: ret 66
// CHECK-NEXT: exit: 0
