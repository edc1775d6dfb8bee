// gdb stopped in an async function prints, by their own names, the variables that live in the
// frame alone (fields of ac__fr in the generated code): an array, a struct and a union (with
// members and elements), an address-taken scalar, a const, a volatile, a cleanup-guarded local,
// a struct parameter and a name an inner block declares again, after an await, with their
// declared types; `info locals` lists them; up/down follow the selected frame. The gdb extension
// (auto-loaded from the program) defines them from the names asyncc writes (AC__DEBUG_NAME),
// which cost no code: the -O2 text is the same without them.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: %t | %FileCheck --check-prefix=OUT %s
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break gdb_frame_names.c:50 if i == 1" -ex "break gdb_frame_names.c:52" -ex run -ex "print name" -ex "ptype name" -ex "print sizeof name" -ex "print p" -ex "print p.y" -ex "print origin.x" -ex "print w.b[0]" -ex "print taken" -ex "print &taken == at" -ex "print limit" -ex "ptype limit" -ex "print flag" -ex "ptype flag" -ex "print guard" -ex "print got" -ex "info locals" -ex up -ex "print p" -ex down -ex "print p.x" -ex continue -ex "print name" -ex "ptype name" -ex "print taken" %t 2>&1 | %FileCheck %s
// RUN: %cc -g -O2 -c %t.c -o %t.o
// RUN: %cc -g -O2 -c "-DAC__DEBUG_NAME(T,M)=" %t.c -o %t.none.o
// RUN: objcopy -O binary --only-section=.text %t.o %t.text
// RUN: objcopy -O binary --only-section=.text %t.none.o %t.none.text
// RUN: cmp %t.text %t.none.text
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };
union word { int i; unsigned char b[4]; };

static void release(int *p) { *p = -1; }

async int tick(int v)
{
    await(ac_yield());
    return v + 1;
}

async int kinds(int n, struct pt origin)
{
    char name[8] = "outer";
    struct pt p = {n, 2 * n};
    union word w = {.i = 0x01020304};
    int taken = n;
    int *at = &taken;
    const int limit = 40 + n;
    volatile int flag = 6;
    int guard __attribute__((cleanup(release))) = 5;
    ++flag;
    await(ac_yield());
    for (int i = 0; i < 2; i++) {
        char name[4] = {0};
        name[0] = 'i', name[1] = (char)('0' + i), name[2] = 0;
        int got = await(tick(i));
        *at += got;
        p.y += got;
        name[0] = 'j';
    }
    return taken + p.x + p.y + limit + flag + guard + (w.b[0] == 4) + origin.x + (name[0] == 'o');
}

async int main(void)
{
    struct pt o = {100, 200};
    printf("total %d\n", await(kinds(3, o)));
    return 0;
}
// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_frame_names.c:50
// CHECK-NEXT: 50 name[0] = 'j';
// CHECK-NEXT: $1 = "i1\000"
// CHECK-NEXT: type = char [4]
// CHECK-NEXT: $2 = 4
// CHECK-NEXT: $3 = {x = 3, y = 9}
// CHECK-NEXT: $4 = 9
// CHECK-NEXT: $5 = 100
// CHECK-NEXT: $6 = 4
// CHECK-NEXT: $7 = 6
// CHECK-NEXT: $8 = 1
// CHECK-NEXT: $9 = 43
// CHECK-NEXT: type = const int
// CHECK-NEXT: $10 = 7
// CHECK-NEXT: type = volatile int
// CHECK-NEXT: $11 = 5
// CHECK-NEXT: $12 = 2
// The C locals first (as gdb lists them), then those of the frame, innermost block first, each
// block in declaration order; an outer name the inner block hides is listed too, as gdb does.
// CHECK-NEXT: got = 2
// CHECK-NEXT: i = 1
// CHECK:      name = "i1\000"
// CHECK-NEXT: origin = {x = 100, y = 200}
// CHECK-NEXT: name = "outer\000\000"
// CHECK-NEXT: p = {x = 3, y = 9}
// CHECK-NEXT: w = {i = 16909060, b = "\004\003\002\001"}
// CHECK-NEXT: taken = 6
// CHECK-NEXT: limit = 43
// CHECK-NEXT: flag = 7
// CHECK-NEXT: guard = 5
// main's frame has no p: the name is gone there, and back after down.
// CHECK:      No symbol "p" in current context.
// CHECK:      $13 = 3
// CHECK: hit Breakpoint 2, {{.*}} at {{.*}}gdb_frame_names.c:52
// CHECK-NEXT: 52 return
// CHECK-NEXT: $14 = "outer\000\000"
// CHECK-NEXT: type = char [8]
// CHECK-NEXT: $15 = 6
// OUT: total 175
