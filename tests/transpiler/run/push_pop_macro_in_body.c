// `#pragma push_macro` and `pop_macro` inside an async function act on the rest of the file, as
// #define and #undef there do: after the function, the output's `WHO` in plain code was the
// body's last definition, where the source's pops had restored the first (c-testsuite 00206 made async). A
// definition the body uses before replacing it is used in the output too (-Wunused-macros: the
// output's body is expanded, and those definitions warned there alone). The same CHECK lines
// hold for the source compiled as plain C and for the output.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wunused-macros -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wunused-macros -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
#include <asyncc.h>
#include <stdio.h>

static async void show(void)
{
#define WHO "first"
    await(ac_yield());
    printf("%s\n", WHO);
#pragma push_macro("WHO")
#undef WHO
#define WHO "second"
    printf("%s\n", WHO);
#pragma push_macro("WHO")
#undef WHO
#define WHO "third"
    await(ac_yield());
    printf("%s\n", WHO);
#pragma pop_macro("WHO")
#pragma pop_macro("WHO")
#define NEVER 1
    // WARN: push_pop_macro_in_body.c:[[@LINE-1]]: warning: macro "NEVER" is not used [-Wunused-macros]
}

static const char *after(void) /* plain: kept as written */
{
    return WHO;
}

async int main(void)
{
    await(show());
    printf("after: %s %s\n", WHO, after());
    return 0;
}
// CHECK: first
// CHECK-NEXT: second
// CHECK-NEXT: third
// CHECK-NEXT: after: first first
