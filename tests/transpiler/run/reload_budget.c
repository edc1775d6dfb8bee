// A C local (lower_locals.c) is loaded back after each await that a later use needs it after:
// one merge per await and local, which past a few dozen per function made gcc -O2 several times
// slower than on the plain source. Past 48 reloads in a function, the locals reloaded after the
// most awaits live in the frame alone (read and written there, printed by name through the
// debug name): here six are reloaded after 12 awaits each, and the first three of those (p,
// hot_a, hot_b) leave 48; the others, `cold` (one reload) and all of `few` (under the budget)
// stay C locals. Every kind of write of a frame-only local
// (initializer, none, =, op=, ++/--, a for loop's variable, a parameter) runs as written.
// RUN: %asyncc --emit=c %s | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
// RUN: %cc -O2 -c %t.async.c -o %t.o
#include <asyncc.h>
#include <stdio.h>

// CHECK-LABEL: {{^static}} int ac__run_many(
// CHECK: {{^ +}}int cold = ac__fr->p + 1; ac__fr->cold = cold;
// CHECK-NEXT: {{^ +}}ac__fr->hot_a = ac__fr->p * 3;
// CHECK: {{^ *({ )?}}long hot_c = 10;
// CHECK: {{^ +}}ac__resume_1:
// CHECK-NEXT: {{^ +}}cold = ac__fr->cold; hot_c = ac__fr->hot_c; hot_d = ac__fr->hot_d; hot_e = ac__fr->hot_e;
// CHECK: {{^ +}}ac__fr->hot_a += ac__fr->p + cold;
// CHECK: {{^ +}}ac__fr->hot_b -= ac__fr->hot_a; hot_c++;
// CHECK-LABEL: {{^static}} __inline__ int ac__poll_many(
async long many(int p)
{
    int cold = p + 1;
    int hot_a = p * 3, hot_b;
    long hot_c = 10;
    unsigned hot_d = 1u;
    double hot_e = 0.5;
    hot_b = cold * 2;
    await(ac_yield());
    hot_a += p + cold;
    await(ac_yield());
    hot_b -= hot_a; hot_c++;
    await(ac_yield());
    for (int i = 0; i < 3; i++) {
        hot_d *= 3u;
        await(ac_yield());
        hot_e += i;
    }
    await(ac_yield());
    --hot_c; hot_a ^= 5;
    await(ac_yield());
    p += hot_a;
    await(ac_yield());
    hot_b = hot_b * 2 + p;
    await(ac_yield());
    hot_e /= 2;
    await(ac_yield());
    hot_d += (unsigned)hot_c;
    await(ac_yield());
    hot_c = hot_c * hot_a + hot_b;
    await(ac_yield());
    hot_a++;
    await(ac_yield());
    hot_b--;
    return hot_a + hot_b + hot_c + (long)hot_d + (long)(hot_e * 8) + p;
}

// CHECK-LABEL: {{^static}} int ac__run_few(
// CHECK: {{^ +}}ac__resume_1:
// CHECK-NEXT: {{^ +}}x = ac__fr->x; y = ac__fr->y;
async int few(int x)
{
    int y = x * 2;
    await(ac_yield());
    x += y;
    await(ac_yield());
    return x + y;
}

async int main(void)
{
    // OUT: many 2: 233
    // OUT: few 5: 25
    printf("many 2: %ld\n", await(many(2)));
    printf("few 5: %d\n", await(few(5)));
    return 0;
}
