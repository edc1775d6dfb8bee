/* tests/gdb/backtrace.c: a chain of async functions stopped in a plain one, for gdb's `bt` through
 * the extension's frame filter (tests/gdb/CMakeLists.txt: gdb.backtrace): each async function's
 * frame is named as the source names it, with its parameters, not ac__run_f (ac__fr, ac__cx...). */
#include <asyncc.h>
#include <stdio.h>

/* A breakpoint goes here; noinline keeps the call. */
__attribute__((noinline)) void bt_stop(int v);
__attribute__((noinline)) void bt_stop(int v)
{
    __asm__ volatile("" : : "r"(v) : "memory");
}

static async int leaf(int n)
{
    await(ac_yield());
    bt_stop(n);
    return n * 2;
}

static async int mid(int n, const char *tag)
{
    int k = await(leaf(n + 1));
    printf("%s %d\n", tag, k);
    return k;
}

async int main(void)
{
    return await(mid(3, "hi")) == 8 ? 0 : 1;
}
