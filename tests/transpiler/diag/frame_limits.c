// A frame cannot hold a local aligned beyond the 16 bytes frames guarantee: an error rather than
// a misaligned object; smaller explicit alignments are fine.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    _Alignas(64) char line[64] = {1};
    // CHECK: {{.*}}frame_limits.c:[[@LINE-1]]:23: error: 'line' asks for an alignment that a frame does not guarantee
    _Alignas(8) long fine = 2;
    // CHECK-NOT: 'fine' asks
    await(ac_yield());
    return line[0] + (int)fine + n;
}
