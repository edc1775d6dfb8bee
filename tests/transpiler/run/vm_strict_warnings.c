// Variably modified locals and parameters give the output no warning the source does not have:
// a pointer to a VLA kept in the frame (`void *`) and stored through its own type was
// "type-punned" to gcc's -Wstrict-aliasing=2; a function that never suspends passed its VM
// parameter from the frame's void * (gcc's -Wc++-compat: a conversion C++ would not make) and gcc
// said -Wvla of that parameter in future.h, where the last pragma before it was, not at its line
// (at -O2 also in the nested function named for gdb).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O2 -Wstrict-aliasing=2 -Wc++-compat -Wno-jump-misses-init -c %t.c -o %t.o
// RUN: %cc -Wvla -Wno-error=vla -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=VLA --implicit-check-not='future.h:{{.*}}warning'
// RUN: %plaincc -O2 -Wvla -Wno-error=vla -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=VLA --implicit-check-not='future.h:{{.*}}warning'
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int f(int x) { await(ac_yield()); return x; }
async int never(int n, int m[][n]) { return m[1][1]; }
// VLA: vm_strict_warnings.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array 'm'
async int rows(int n, int m[][n]) { await(ac_yield()); return m[1][0]; }
async int corner(int r, int c, const int m[r][c])
// VLA: vm_strict_warnings.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array 'm'
{
    return m[r - 1][c - 1];
}
async int g(int n)
{
    int buf[n][2];
    for (int i = 0; i < n; i++)
        buf[i][0] = buf[i][1] = i + 1;
    int(*p)[await(f(n))][2] = &buf;
    int t = 0;
    for (int i = 0; i < 2; i++)
        t += (*p)[i][1] + await(f(i));
    return t + (int)sizeof *p;
}
async int main(void)
{
    int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
    printf("%d %d %d %d\n", await(never(3, m)), await(rows(3, m)), await(g(3)), await(corner(2, 3, m)));
    // CHECK: 5 4 28 6
    return 0;
}
// CHECK-NEXT: exit: 0
