// C2x attribute specifiers on async functions (`[[nodiscard]]`, `[[gnu::cold]]`): libclang's
// extent of a declaration starts after them, so asyncc replaced the declaration from there and
// left `[[gnu::cold, gnu::no_instrument_function]]` standing alone before the generated
// declarations, which did not compile ("expected identifier or '(' before '#pragma'"). They
// are part of the declaration now; the code-generation ones among the `gnu::` attributes follow
// the body into ac__run_f as the GNU spelling does (run/function_attributes), the standard ones
// are about calls, which the future's constructor does not keep.
// RUN: %asyncc -std=c2x %s -o %t.c
// RUN: %cc -std=c2x -O1 %t.c %libs -o %t
// RUN: %t | %FileCheck %s
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
#include <asyncc.h>
#include <stdio.h>

[[gnu::cold, gnu::no_instrument_function]] async static int half(int a)
{
    await(ac_yield());
    return a / 2;
}
// CODE: __attribute__((cold, no_instrument_function)) static {{.*}}int ac__run_half(

[[nodiscard]] [[__gnu__::__hot__]] async static int twice(int a);

[[maybe_unused]] async static int twice(int a)
{
    return 2 * await(half(a));
}
// CODE: __attribute__((__hot__)) static {{.*}}int ac__run_twice(
// CODE-NOT: {{\[\[}}

async int main(void)
{
    // CHECK: 20
    printf("%d\n", await(twice(21)));
    return 0;
}
