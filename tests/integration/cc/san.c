/* san.c: an async function defined per build, on whether AddressSanitizer is on, with the test
 * gnulib's HAVE_ASAN makes (gcc says __SANITIZE_ADDRESS__, clang __has_feature). */
#include <asyncc.h>
#include <stdio.h>
#ifndef __has_feature
#define __has_feature(f) 0
#endif
#if defined __SANITIZE_ADDRESS__ || __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#else
#define HAVE_ASAN 0
#endif

#if HAVE_ASAN
static async int guard(int v)
{
    await(ac_yield());
    return v + 1;
}
#else
static async int guard(int v)
{
    return v;
}
#endif

async int main(void)
{
    printf("%d %d\n", HAVE_ASAN, await(guard(41)));
    return 0;
}
