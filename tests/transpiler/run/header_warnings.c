// <asyncc.h> and the headers it includes give no warning of their own to a program built with
// -Wpadded (gcc: 8 warnings from future.h, task.h, runtime.h, tcp.h, signal.h, process.h and
// fs.h before, so -Wpadded -Werror built no program), as plain C, transpiled, and sequential.
// RUN: %cc -Wpadded -fsyntax-only %s
// RUN: %cc -Wpadded -DAC_SEQUENTIAL -fsyntax-only %s
// RUN: %asyncc %s -o %t.c && %cc -Wpadded -c %t.c -o %t.o
#include <asyncc.h>

async int main(void)
{
    await(ac_yield());
    return 0;
}
