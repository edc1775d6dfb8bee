// Functions the program calls as plain C functions cannot be async: a constructor or destructor
// (run before or after main; made async, its body silently never ran: gcc's dg test
// constructor-1.c made async printed the wrong value) and a cleanup function (called at the end
// of the scope; the output called a name that no longer exists: "implicit declaration of
// function", or "cleanup argument not a function" in gcc's cleanup-*.c made async). Each refused
// at the attribute or the variable; an attribute a definition inherits from its prototype is
// reported once.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

static int y;
__attribute__((constructor)) async void init(void) { y = 5; }
// CHECK: plain_calls_only.c:[[@LINE-1]]:16: error: async function 'init' cannot be a constructor: the program calls it as a plain function, and made async it only returns a future that nothing runs; make it a plain function
async void fini(void) __attribute__((__destructor__(200)));
// CHECK: plain_calls_only.c:[[@LINE-1]]:38: error: async function 'fini' cannot be a destructor
async void fini(void) { y = 6; }

async void elsewhere(int *p);
async void release(int *p) { await(ac_yield()); (*p)--; }
static void plain_release(int *p) { (*p)--; }

async int main(void)
{
    int a __attribute__((cleanup(plain_release))) = 1;
    int b __attribute__((cleanup(release))) = 2;
    // CHECK: plain_calls_only.c:[[@LINE-1]]:9: error: cleanup function 'release' is async: C calls a cleanup as a plain function at the end of the scope, which an async function is not; make it a plain function
    {
        int c __attribute__((__cleanup__(elsewhere))) = 3;
        // CHECK: plain_calls_only.c:[[@LINE-1]]:13: error: cleanup function 'elsewhere' is async
        await(ac_yield());
        a += c;
    }
    return a + b + y;
}
// CHECK-NOT: error
