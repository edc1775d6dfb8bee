// asyncc -p DIR takes the file's flags (-I, -D) from DIR/compile_commands.json, as clang tools do.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %python -c "import json,sys; json.dump([{'directory': sys.argv[1], 'file': sys.argv[2], 'arguments': ['cc', '-I' + sys.argv[3], '-DCCDB_VALUE=42', '-c', sys.argv[2], '-o', 'x.o']}], open(sys.argv[4], 'w'))" %S %s %S/Inputs %t.dir/compile_commands.json
// RUN: %asyncc -p %t.dir %s -o %t.c
// RUN: %cc -I%S/Inputs -DCCDB_VALUE=42 %t.c %libs -o %t
// RUN: %t | %FileCheck %s
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=NOFLAGS
#include <asyncc.h>
#include <stdio.h>
#include "ccdb_config.h"

async int value(void)
{
    await(ac_yield());
    return CCDB_VALUE;
}

async int main(void)
{
    printf("%s %d\n", CCDB_GREETING, await(value()));
    return 0;
}
// CHECK: from compile_commands.json 42
// NOFLAGS: fatal error: 'ccdb_config.h' file not found
