// C that does not compile is reported as clang reports it, at the user's line.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void)
{
    return undeclared_name;
    // CHECK: {{.*}}clang_error.c:[[@LINE-1]]:12: error: use of undeclared identifier 'undeclared_name'
}
