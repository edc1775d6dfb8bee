// A statement macro invoked over two lines (gzip's WARN) stays on its first line in the
// preprocessed text, as clang -E writes it: spread over the invocation's lines, its second `if`
// stood where clang's -Wmisleading-indentation took it for a statement indented under the first,
// a warning clang never gives inside the source's own expansions (run.sh compiles the output with
// clang -Wall -Werror). An expression macro over several lines still gets its lines back
// (run/multiline_args_lines.c).
// RUN: %run %s %t 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int quiet, exit_code;
#define WARN(msg) {if (!quiet) printf msg ; if (exit_code == 0) exit_code = 2;}

static async void treat(const char *name)
{
    await(ac_yield());
    WARN(("warned: %s\n",
          name));
    // CHECK: warned: x
}

async int main(void)
{
    await(treat("x"));
    printf("%d\n", exit_code);
    // CHECK: 2
    return 0;
}
