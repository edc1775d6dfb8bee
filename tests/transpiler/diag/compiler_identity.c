// asyncc expands an async function's code with clang's preprocessor, while gcc compiles the
// output: a test of the compiler there (`#ifdef __clang__`, `__GNUC__`) that the two decide
// differently would silently follow clang. It is refused at its line; a macro of the user's that
// such a test defines differently is warned about at its use (lz4's xxhash.c made async called a
// function gcc never saw), -Wasync-compiler-macros. Tests that both decide alike, and
// _FORTIFY_SOURCE's printf (a macro for clang, an inline function for gcc), say nothing.
// RUN: not %asyncc --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: not %asyncc --cc=gcc -O2 -D_FORTIFY_SOURCE=2 %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: env ASYNCC_REAL_CC=gcc not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: not %asyncc --cc=gcc -DONLY_MACRO -Werror=async-compiler-macros %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=WERROR
// RUN: %asyncc --cc=gcc -DONLY_MACRO -Wno-async-compiler-macros %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=QUIET
// The output compiled by clang 14 itself follows clang, rightly.
// RUN: %asyncc --cc=%clang %s -o %t.c
// RUN: env ASYNCC_REAL_CC=%clang %asyncc %s -o %t.c
// QUIET-NOT: warning
#include <asyncc.h>
#include <stdio.h>

#if defined(__GNUC__) && (__GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 3))
#define SWAP32(x) __builtin_bswap32(x)
#else
static unsigned SWAP32(unsigned x)
{
    return (x << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | (x >> 24);
}
#endif

#if __GNUC__ >= 3
#define LIKELY(x) __builtin_expect(!!(x), 1)
#endif

#ifndef ONLY_MACRO
static async int which(void)
{
    await(ac_yield());
#ifdef __clang__
    // CHECK: compiler_identity.c:[[@LINE-1]]:8: error: this async function's code depends on '__clang__', which asyncc's preprocessor (clang 14.{{.*}}) defines as 1 and the compiler of the output (gcc {{.*}}) as nothing: the output would follow clang's; test the compiler outside async functions
    return 1;
#else
    return 2;
#endif
}
#endif

static async unsigned swapped(unsigned v)
{
    await(ac_yield());
    return SWAP32(v);
    // CHECK: compiler_identity.c:[[@LINE-1]]:12: warning: this async function's code uses 'SWAP32', which a test of the compiler defines differently for asyncc's preprocessor (clang 14.{{.*}}) than for the compiler of the output (gcc {{.*}}){{.*}} [-Wasync-compiler-macros]
    // WERROR: compiler_identity.c:[[@LINE-2]]:12: error: this async function's code uses 'SWAP32'{{.*}} [-Werror,-Wasync-compiler-macros]
}

#ifndef ONLY_MACRO
static async void version(void)
{
    await(ac_yield());
    puts(__VERSION__);
    // CHECK: compiler_identity.c:[[@LINE-1]]:10: error: this async function's code depends on '__VERSION__', which asyncc's preprocessor
}
#else
static async void version(void)
{
}
static async int which(void)
{
    return 0;
}
#endif

/* Decided alike: __GNUC__ is 4 for clang, more for gcc. */
static async int alike(int v)
{
    await(ac_yield());
#if __GNUC__ >= 2
    v++;
#endif
    if (LIKELY(v))
        printf("%d\n", v);
    return v;
}

async int main(void)
{
    await(version());
    return await(which()) + (int)await(swapped(1)) + await(alike(1));
}
