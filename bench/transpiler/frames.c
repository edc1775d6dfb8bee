/* bench/transpiler/frames.c: async functions of a few common shapes, whose frame sizes bench/run
 * sets beside the C++20 coroutine frames clang makes for the same functions (frames.cpp). An
 * asyncc frame embeds the frames of the same-file callees it awaits; a C++ coroutine allocates
 * each callee's frame separately, so both its own frame and its peak live bytes are reported.
 * The leaves could suspend (they yield for x == -1, which never comes): a chain of functions that
 * never suspend would have no frames to compare, as asyncc turns it into plain calls. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

async int leaf(int x)
{
    if (x == -1)
        await(ac_yield());
    return x + 1;
}

/* One level of the await chain. */
async int mid(int x)
{
    return await(leaf(x)) * 2;
}

/* Locals live across an await in a loop. */
async int loop(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += await(leaf(i));
    return s;
}

/* A 256-byte buffer live across an await. */
async int buffer(int n)
{
    char b[256];
    memset(b, n, sizeof b);
    await(leaf(n));
    return b[n % 256];
}

/* Two children awaited one after the other (asyncc: they share storage). */
async int two(int x)
{
    int a = await(mid(x));
    int b = await(loop(x));
    return a + b;
}

/* A depth-10 chain (the chain bench's f10). */
async long c1(long x)
{
    if (x == -1)
        await(ac_yield());
    return x ^ 0x5bd1e995;
}
async long c2(long x) { return await(c1(x + 2)) >> 1; }
async long c3(long x) { return await(c2(x + 3)) >> 1; }
async long c4(long x) { return await(c3(x + 4)) >> 1; }
async long c5(long x) { return await(c4(x + 5)) >> 1; }
async long c6(long x) { return await(c5(x + 6)) >> 1; }
async long c7(long x) { return await(c6(x + 7)) >> 1; }
async long c8(long x) { return await(c7(x + 8)) >> 1; }
async long c9(long x) { return await(c8(x + 9)) >> 1; }
async long c10(long x) { return await(c9(x + 10)) >> 1; }

extern const ac_future_type ac__type_leaf, ac__type_mid, ac__type_loop, ac__type_buffer,
    ac__type_two, ac__type_c10;

int main(void)
{
    const ac_future_type *types[] = {&ac__type_leaf, &ac__type_mid, &ac__type_loop,
                                     &ac__type_buffer, &ac__type_two, &ac__type_c10};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        printf("FRAME name=%s size=%zu\n", types[i]->name, types[i]->frame_size);
    return 0;
}
