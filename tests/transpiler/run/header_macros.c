// Macros of system headers whose expansion names them again (glibc's `#define sa_handler
// __sigaction_handler.sa_handler`, siginfo_t's si_pid and si_status): the generated code is
// already expanded, and where it lands <signal.h>'s macros applied a second time, so any async
// function using struct sigaction or siginfo_t did not compile ("'union <anonymous>' has no
// member named '__sigaction_handler'", gcc's dg test cleanup-10.c made async). Like the input
// file's own macros, they are now undefined around the code that mentions them. `stdin`-like
// macros that expand to their own name alone need nothing.
// RUN: %run %s %t | %FileCheck %s
// RUN: %FileCheck --check-prefix=CODE %s < %t.async.c
#include <asyncc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t got;
static void on_usr1(int sig) { got = sig; }

async int install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    await(ac_yield());
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return -1;
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    await(ac_yield());
    return now.sa_handler == on_usr1;
}

async int fields(void)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_pid = 42;
    si.si_status = 7;
    await(ac_yield());
    fprintf(stdout, "pid %d status %d\n", (int)si.si_pid, si.si_status);
    return 0;
}

async int main(void)
{
    // CHECK: installed 1
    printf("installed %d\n", await(install()));
    raise(SIGUSR1);
    // CHECK-NEXT: got 1
    printf("got %d\n", got == SIGUSR1);
    // CHECK-NEXT: pid 42 status 7
    return await(fields());
}
// CHECK: exit: 0
// CODE: #pragma push_macro("sa_handler")
// CODE: #pragma push_macro("si_pid")
// CODE-NOT: push_macro("std{{out}}")
