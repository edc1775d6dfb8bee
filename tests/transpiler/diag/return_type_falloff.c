// Control reaching the end of a non-void async function: the output cannot carry gcc's
// -Wreturn-type there (the code after the body's last statement completes the future inside the
// poll), so asyncc gives clang's judgement of the source at the closing brace, as the flags ask:
// gcc enables it with -Wall or -Wreturn-type, clang by default; -Wno-return-type and -w silence
// it; -Werror and -Werror=return-type make it an error. Plain functions keep the compiler's own
// warning (not repeated), and the other -Wreturn-type cases survive in the output.
// RUN: %asyncc -Wall --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A file parsed in two halves (parse.c: each with the other's bodies blanked, which clang says
// this of) gives the same; it gave it of every non-void async function (cpio's copyin.c made async):
// RUN: env ASYNCC_SPLIT_MIN=1 %asyncc -Wall --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %asyncc --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=OFF --allow-empty
// RUN: %asyncc -Wall -Wno-return-type --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=OFF --allow-empty
// RUN: %asyncc -Wall -w --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: {{warning|error}}
// RUN: %asyncc --cc=/usr/bin/clang-14 %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: not %asyncc -Wall -Werror --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %asyncc -Werror=return-type --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR
// ERR: return_type_falloff.c:[[@LINE+25]]:1: error: non-void function does not return a value in all control paths [-Werror,-Wreturn-type]
// RUN: %asyncc -Wall -Werror -Wno-error=return-type --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s
// The output itself says nothing of it (were it to, the warning would come twice):
// RUN: %asyncc -w %s -o %t.c && %cc -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=OUT --allow-empty
// OUT-NOT: return_type_falloff.c:{{(43|49):}}
#include <asyncc.h>
#include <stdlib.h>

async int half(int x)
{
    await(ac_yield());
    return x / 2;
}

async _Noreturn void die(int code)
{
    await(ac_yield());
    exit(code);
}

async int sometimes(int x)
{
    if (x > 3)
        return await(half(x));
    await(ac_yield());
}
// CHECK: return_type_falloff.c:[[@LINE-1]]:1: warning: non-void function does not return a value in all control paths [-Wreturn-type]

async int never(int x)
{
    await(half(x));
}
// CHECK: return_type_falloff.c:[[@LINE-1]]:1: warning: non-void function does not return a value [-Wreturn-type]

async int loops(int x)
{
    for (;;)
        if (await(half(x)) > 1)
            return x;
}

async int switched(int x)
{
    switch (await(half(x))) {
    case 0:
        return 1;
    default:
        return 2;
    }
}

async int dies(int x)
{
    if (x)
        return await(half(x));
    await(die(3));
}

async void nothing(int x)
{
    await(half(x));
}

int plain(int x)
{
    if (x)
        return 1;
}

async int main(void)
{
    await(nothing(1));
    return await(sometimes(8)) + await(never(1)) * 0 + await(loops(4)) + await(switched(2)) +
           await(dies(2)) + plain(1) - 12;
}
