// After the analysis, the passes that take one function at a time (plan, lints, lowering) run on
// two threads when the file was parsed in two halves, each thread the functions of one half
// (transpiler/halves.c). What they report comes out in the order of the functions, as on one
// thread, and the output is the same byte for byte. ASYNCC_SPLIT_MIN=1 splits even this file;
// ASYNCC_ONE_THREAD=1 keeps the passes on one thread.
// RUN: env ASYNCC_SPLIT_MIN=1 ASYNCC_TIMING=1 %asyncc %s -o %t.c 2> %t.timing
// RUN: %FileCheck --check-prefix=THREADS %s < %t.timing
// THREADS: asyncc: plan,lint x2
// THREADS: asyncc: lower x2
// RUN: env ASYNCC_SPLIT_MIN=1 %asyncc %s -o %t.c 2> %t.split
// RUN: mv %t.c %t.split.c
// RUN: env ASYNCC_SPLIT_MIN=1 ASYNCC_ONE_THREAD=1 %asyncc %s -o %t.c 2> %t.one
// RUN: cmp %t.split.c %t.c
// RUN: diff %t.one %t.split
// RUN: env ASYNCC_SPLIT_MIN=4000000000 %asyncc %s -o %t.c 2> %t.whole
// RUN: cmp %t.split.c %t.c
// RUN: diff %t.whole %t.split
// RUN: %FileCheck %s < %t.split
// A lint made an error stops the file before any code is written, in either half:
// RUN: not env ASYNCC_SPLIT_MIN=1 %asyncc -Werror=async-blocking %s -o %t.c 2> %t.errors
// RUN: not env ASYNCC_SPLIT_MIN=1 ASYNCC_ONE_THREAD=1 %asyncc -Werror=async-blocking %s -o %t.c 2> %t.errors.one
// RUN: diff %t.errors.one %t.errors
// RUN: test ! -e %t.c
#include <asyncc.h>
#include <unistd.h>

#define STEP(name, prev)                                                                            \
    async int name(int x)                                                                           \
    {                                                                                               \
        int kept = x;                                                                               \
        if (x > 0)                                                                                  \
            kept += await(prev(x - 1));                                                         \
        await(ac_sleep_ms(0));                                                                      \
        return kept + x;                                                                            \
    }

async int s0(int x)
{
    sleep(0); /* blocks the worker */
    await(ac_yield());
    return x;
}
// CHECK: split_threads.c:[[@LINE-4]]:5: warning: {{.*}}sleep
STEP(s1, s0)
STEP(s2, s1)
async int s3(int x)
{
    usleep(0);
    return await(s2(x)) + 1;
}
// CHECK: split_threads.c:[[@LINE-3]]:5: warning: {{.*}}usleep
STEP(s4, s3)
STEP(s5, s4)
STEP(s6, s5)
STEP(s7, s6)
async int s8(int x)
{
    int total = await(s7(x));
    sleep(0);
    return total;
}
// CHECK: split_threads.c:[[@LINE-3]]:5: warning: {{.*}}sleep
STEP(s9, s8)
STEP(s10, s9)
STEP(s11, s10)
async int s12(int x)
{
    usleep(0);
    return await(s11(x));
}
// CHECK: split_threads.c:[[@LINE-3]]:5: warning: {{.*}}usleep

async int main(void)
{
    return await(s12(2)) == 0;
}
