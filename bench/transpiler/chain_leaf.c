/* bench/transpiler/chain_leaf.c: the leaf of chain_xfile.c, in a file of its own. */
#include <asyncc.h>

async long f1(long x)
{
    return x ^ 0x5bd1e995;
}
