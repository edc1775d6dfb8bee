/* The arms of a conditional or of && and || whose other operand awaits are written at their own
 * lines, as statements of an if: a warning about an arm on the line after its condition was said
 * at the condition's line (c-testsuite 00213 made async: `1 ?` then `printf("%ld", unsigned)` on
 * the next line, gcc's -Wformat one line up). The same CHECK lines hold for the source compiled
 * as plain C and for the output, with gcc and clang. */
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
// RUN: %cc -Wno-error -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -I%S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
#include <asyncc.h>
#include <stdio.h>

static async int f(int v)
{
    await(ac_yield());
    return v;
}

async int main(void)
{
    long wide = 2;
    int n = 1 ?
        printf("%d\n", wide) :
        // WARN: arm_lines.c:[[@LINE-1]]:{{[0-9]+}}: warning: format {{.*}}[-Wformat
        await(f(0));
    n += n > 0 &&
         printf("%d\n", wide + 1);
    // WARN: arm_lines.c:[[@LINE-1]]:{{[0-9]+}}: warning: format {{.*}}[-Wformat
    n += await(f(0)) ||
         printf("%d\n", wide + 2);
    // WARN: arm_lines.c:[[@LINE-1]]:{{[0-9]+}}: warning: format {{.*}}[-Wformat
    n += n ? await(f(1)) :
        printf("%d\n", wide + 3);
    // WARN: arm_lines.c:[[@LINE-1]]:{{[0-9]+}}: warning: format {{.*}}[-Wformat
    return n > 0 ? 0 : 1;
}
