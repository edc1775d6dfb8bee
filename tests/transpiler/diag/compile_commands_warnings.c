// asyncc -p DIR takes the warning flags of the file's compile command too, as the command line's:
// -Wall and -Werror make the fall-off below an error, -Wno-async-blocking silences the lint on
// sleep(). The command line comes after them and overrides them (-Wno-error, -w, -Wasync-blocking).
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %python -c "import json,sys; json.dump([{'directory': sys.argv[1], 'file': sys.argv[2], 'arguments': ['gcc', '-Wall', '-Werror', '-Wno-async-blocking', '-c', sys.argv[2], '-o', 'x.o']}], open(sys.argv[3], 'w'))" %S %s %t.dir/compile_commands.json
// RUN: not %asyncc -p %t.dir --cc=gcc %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR --implicit-check-not=warning:
// ERR: compile_commands_warnings.c:[[@LINE+17]]:1: error: non-void function does not return a value in all control paths [-Werror,-Wreturn-type]
// RUN: %asyncc -p %t.dir --cc=gcc -Wno-error %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=error:
// WARN-NOT: sleep
// WARN: compile_commands_warnings.c:[[@LINE+14]]:1: warning: non-void function does not return a value in all control paths [-Wreturn-type]
// RUN: %asyncc -p %t.dir --cc=gcc -w %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=SILENT --allow-empty
// SILENT-NOT: {{warning|error}}
// RUN: not %asyncc -p %t.dir --cc=gcc -Wasync-blocking %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=LINT
// LINT: compile_commands_warnings.c:[[@LINE+6]]:5: error: 'sleep' blocks the worker thread
#include <asyncc.h>
#include <unistd.h>

async int half(int x)
{
    sleep(0);
    await(ac_yield());
    if (x)
        return x / 2;
}

async int main(void)
{
    return await(half(4)) != 2;
}
