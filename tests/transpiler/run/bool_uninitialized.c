// A _Bool local declared without an initializer, given its value only after some awaits (cmark's
// finalize(): `bool has_content;`, assigned in one case of a switch). As a C local kept across
// awaits it started with its frame field's bytes, stored back at each suspension; a callee's
// frame that shared those bytes left 32 there, and a _Bool of 32 is no value: -fsanitize=bool
// aborted ("load of value 32, which is not a valid value for type '_Bool'") where the program
// never reads it. It starts at 0 now, and the -O0 debug copies of _Bool locals go by bytes.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O0 -g -fsanitize=bool -fno-sanitize-recover=bool %t.c %libs -o %t.O0 && %t.O0 | %FileCheck %s
// RUN: %cc -O2 -fsanitize=bool -fno-sanitize-recover=bool %t.c %libs -o %t.O2 && %t.O2 | %FileCheck %s
// RUN: %clang -std=gnu11 -O1 -fsanitize=bool -fno-sanitize-recover=bool -I%S/../../../include %t.c %libs -o %t.clang && %t.clang | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* leaves bytes that are neither 0 nor 1 where the next callee's frame goes */
static async void dirty(void)
{
    char buf[64];
    memset(buf, ' ', sizeof buf);
    await(ac_yield());
    if (buf[0] != ' ')
        puts("?");
}

static async bool check(int x)
{
    await(ac_yield());
    return x > 0;
}

static async int finalize(int x)
{
    bool has_content;
    bool unused_before; /* a plain local in scope at the awaits: its -O0 debug copy */
    await(ac_yield());
    switch (x) {
    case 1:
        has_content = await(check(x));
        break;
    default:
        has_content = false;
    }
    unused_before = !has_content;
    await(ac_yield());
    return has_content ? 1 + unused_before : 0;
}

async int main(void)
{
    await(dirty());
    printf("%d\n", await(finalize(1)));
    await(dirty());
    printf("%d\n", await(finalize(2)));
    return 0;
}
// CHECK: 1
// CHECK-NEXT: 0
