// An async prototype whose parameter list is a macro invocation over several lines (zlib's
// `local int updatewindow OF((z_streamp strm, const unsigned char FAR *end,` / `unsigned copy));`).
// clang -E writes the invocation and the `;` after it on the invocation's first line, so the
// prototype's end seemed to be there, and its other lines stayed in the output after the ABI
// declarations that replace it: "expected ';' before ')'" (zlib 1.2.13 made async). Also two
// prototypes sharing the lines, and a plain prototype after them that must stay as written.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#define OF(args) args

static async int add OF((int a,
                         int b));
static async int mul OF((int a,
                         int b)), one OF((void));
int plain OF((int a,
              int b));

async int main(void)
{
    // CHECK: 3 12 1
    printf("%d %d %d\n", await(add(1, 2)), await(mul(3, 4)), await(one()) + plain(1, 1));
    return 0;
}

static async int add(int a, int b)
{
    await(ac_yield());
    return a + b;
}

static async int mul(int a, int b)
{
    return a * b;
}

static async int one(void)
{
    await(ac_yield());
    return 1;
}

int plain(int a, int b)
{
    return a - b;
}
