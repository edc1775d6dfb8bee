/* ac_block_on in a plain function adds no warning to the output: its expansion declared the
 * result after a statement (gcc -Wdeclaration-after-statement, in strict.py's set, which asyncc
 * turns off inside async bodies only) and, its value unused (`ac_block_on(f());`), ended in the
 * result (clang -Wunused-value, -Wall: "expression result unused"; the source's is a call).
 * RUN: bash %S/../strict.sh %s %t c11 gnu17 | %FileCheck %s --check-prefix=STRICT
 * RUN: %run %s %t | %FileCheck %s
 * STRICT: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>
static int calls;
async int f(int x);
async int f(int x)
{
    await(ac_yield());
    calls++;
    return x;
}
static int user(int n);
static int user(int n)
{
    int a = ac_block_on(f(n));
    int b = ac_block_on(f(a + 1)) * 2;
    ac_block_on(f(3));
    (void)ac_block_on(f(4));
    if (n > 1)
        ac_block_on(f(5));
    return a + b;
}
int main(void)
{
    int r = user(2);
    printf("%d %d\n", r, calls);
    return 0;
}
// CHECK: 8 5
// CHECK-NEXT: exit: 0
