/* A `for` loop whose head awaits is rebuilt with its increment moved into the body: a comma
 * expression there (`i++, j--`), which clang's -Wcomma leaves alone in a `for` header, was warned
 * of in the output ("possible misuse of comma operator") where the source is quiet. It becomes a
 * statement per operand.
 * RUN: bash %S/../strict.sh %s %t c11 gnu17 | %FileCheck %s --check-prefix=STRICT
 * RUN: %run %s %t | %FileCheck %s
 * STRICT: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>
async int f(int x);
async int f(int x)
{
    await(ac_yield());
    return x;
}
async int g(int n);
async int g(int n)
{
    int t = 0, i, j, k;
    for (i = 0, j = n; i < await(f(j)); i++, j--)
        t += i * 10 + j;
    for (i = 0, j = 0, k = 0; await(f(i)) < n; (i++, j += 2), k++)
        t += j + k;
    for (i = 0; i < n; i++, t += await(f(1)))
        t++;
    return t;
}
async int main(void)
{
    int r = await(g(4));
    printf("%d\n", r);
    return 0;
}
// CHECK: 43
// CHECK-NEXT: exit: 0
