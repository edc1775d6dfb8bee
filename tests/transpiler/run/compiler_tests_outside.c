// The way out of diag/compiler_identity.c's refusal: a test of the compiler outside async
// functions (a plain helper, a file-scope constant) is kept as written, so the compiler of the
// output decides it, as it decides the sequential build; a test that clang and gcc decide alike
// may stay inside. run.sh builds the output with gcc (asyncc's default --cc is cc) and with clang,
// and compares with the sequential build.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static const char *compiler(void)
{
#if defined(__clang__)
    return "clang";
#elif defined(__GNUC__)
    return "gcc";
#else
    return "other";
#endif
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 5
static const int gcc5 = 1;
#else
static const int gcc5 = 0;
#endif

static async int report(int n)
{
    await(ac_yield());
    int r = n;
#if defined(__GNUC__) || defined(__clang__)
    r += 1; /* decided alike */
#endif
    printf("%s %d %d\n", compiler(), gcc5, r);
    return strcmp(compiler(), "gcc") == 0 ? gcc5 : !gcc5;
}

async int main(void)
{
    return await(report(41)) == 1 ? 0 : 1;
    // CHECK: gcc 1 42
    // CHECK: exit: 0
}
