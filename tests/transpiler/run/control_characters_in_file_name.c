// An input whose file name has a control character in it (a newline, a tab): the name is written
// in the output's #line directives and await-site tables as a C string, where only `"` and `\`
// were escaped, so a newline ended the directive and the output did not compile. Control
// characters are written as octal escapes now, which gcc and clang read back as the name.
// RUN: %python -c "import shutil,subprocess,sys; f=sys.argv[2]+chr(10)+'name'+chr(9)+'x.c'; shutil.copy(sys.argv[1], f); subprocess.check_call([sys.argv[3], f, '-o', sys.argv[2]+'.out.c'])" %s %t %asyncc
// RUN: %cc %t.out.c %libs -o %t.bin
// RUN: %t.bin | %FileCheck %s
// RUN: grep -q 'name\\011x.c' %t.out.c
#include <asyncc.h>
#include <stdio.h>

async int twice(int x)
{
    await(ac_yield());
    return 2 * x;
}

async int main(void)
{
    printf("%d\n", await(twice(21)));
    // CHECK: 42{{$}}
    return 0;
}
