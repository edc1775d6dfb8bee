// asyncc prints its own diagnostics and clang's errors, not the preprocessor's warnings about
// the user's text: the compiler that builds the output gives them, and they came twice
// (-Wmacro-redefined of `#define _GNU_SOURCE` under -D_GNU_SOURCE, GNU indent and jq made async).
// With -Werror they stop the build once, at the compiler.
// RUN: %asyncc -D_GNU_SOURCE -Wall -Werror %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ASYNCC --allow-empty
// ASYNCC-NOT: warning
// RUN: %cc -Wno-error -D_GNU_SOURCE -c %t.c -o %t.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
#define _GNU_SOURCE
// CHECK: preprocessor_warnings.c:[[@LINE-1]]:{{.*}}warning: "_GNU_SOURCE" redefined
#include <asyncc.h>
#warning "the user's own"
// CHECK: preprocessor_warnings.c:[[@LINE-1]]:2: warning: #warning "the user's own" [-Wcpp]

async int main(void)
{
    await(ac_yield());
    return 0;
}
