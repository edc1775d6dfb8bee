// asyncc never replaces or removes an output that is not a regular file (/dev/null, a FIFO) or
// is a symbolic link (/dev/stdout): it writes into it in place, and leaves it alone (a link's file
// emptied) when transpiling fails. (The broken file has async code: one without any comes out
// unparsed, emit/plain_file_unparsed.c.)
// RUN: printf '#include <asyncc.h>\nasync int broken(void) { return 1 +; }\n' > %t.bad.c
// RUN: %python %S/Inputs/special_output.py %asyncc %s %t.bad.c %t.dir | %FileCheck %s
#include <asyncc.h>

async int f(void)
{
    await(ac_yield());
    return 1;
}
// CHECK: ok run: True
// CHECK-NEXT: still a fifo: True
// CHECK-NEXT: received the code: True
// CHECK-NEXT: failed run: True
// CHECK-NEXT: fifo kept after failure: True
// CHECK-NEXT: ok run through a link: True
// CHECK-NEXT: still a link: True
// CHECK-NEXT: target received the code: True
// CHECK-NEXT: failed run through a link: True
// CHECK-NEXT: link kept after failure: True
// CHECK-NEXT: stale code gone from the target: True
