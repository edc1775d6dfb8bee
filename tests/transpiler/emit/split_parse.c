// A large file is parsed in two halves at once (transpiler/parse.c): each half keeps every
// declaration but only its own function bodies. Whatever stands at file scope, the output must
// be byte for byte the output of one parse. ASYNCC_SPLIT_MIN=1 splits even this small file.
// RUN: env ASYNCC_SPLIT_MIN=1 ASYNCC_TIMING=1 %asyncc %s -o %t.c 2> %t.timing
// RUN: %FileCheck --check-prefix=SPLIT %s < %t.timing
// RUN: mv %t.c %t.split.c
// RUN: env ASYNCC_SPLIT_MIN=4000000000 ASYNCC_TIMING=1 %asyncc %s -o %t.c 2> %t.timing
// RUN: %FileCheck --check-prefix=WHOLE %s < %t.timing
// RUN: cmp %t.split.c %t.c
// RUN: %run %s %t | %FileCheck %s
// The bench's generated file, large enough to be split by default:
// RUN: %python %S/../../../bench/transpiler/gen_large.py 16 > %t.large.c
// RUN: env ASYNCC_TIMING=1 %asyncc %t.large.c -o %t.c 2> %t.timing
// RUN: %FileCheck --check-prefix=SPLIT %s < %t.timing
// RUN: mv %t.c %t.split.c
// RUN: env ASYNCC_SPLIT_MIN=4000000000 %asyncc %t.large.c -o %t.c
// RUN: cmp %t.split.c %t.c
// SPLIT: asyncc: parse half
// SPLIT: asyncc: analyze+half
// WHOLE: asyncc: parse {{[0-9]}}
#include <asyncc.h>
#include <stdio.h>

/* Braces that are not function bodies: { in a comment } */
struct __attribute__((packed)) {
    char c;
    int i;
} packed_one = {'p', 7};

static int *file_literal = (int[]){1, 2, 3};
static const char *braces = "{ not a body }";
static const char brace_char = '}';

enum __attribute__((unused)) colour { RED, GREEN = 5 };

static int twice(int x)
{
    return 2 * x;
}

static int (*pick(int k))(int)
{
    (void)k;
    return twice;
}

async int first(int x)
{
    await(ac_yield());
    return x + packed_one.i + file_literal[2];
}

static int knr(a)
int a;
{
    return a + 1;
}

async int second(int x)
{
#pragma GCC diagnostic push
    int y = await(first(x)) + GREEN;
#pragma GCC diagnostic pop
    return y + (braces[0] == '{') + (brace_char == '}');
}

async int main(void)
{
    int r = await(second(1));
    printf("%d %d %d\n", r, pick(0)(4), knr(2));
    return 0;
}
// CHECK: 18 8 3
// CHECK-NEXT: exit: 0
