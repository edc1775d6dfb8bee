// A pointer into a frame local kept through the result of a library function known to keep no
// pointer (strcpy, memcpy and fgets return their first argument). `char *p = strcpy(first, ...)`
// was taken for a result nothing reads, because a declaration is no expression: first's bytes
// were shared with a later local while p still pointed into them, and p read the other local's
// bytes (a silent miscompile of optimized builds, where shared locals are a union: built with -O2
// here). A result only discarded or tested (`if (fgets(...))`) keeps nothing, and such locals
// still share. So with the array as the second operand of a subscript (`&0[first]`, which C
// defines as `&first[0]`): it was taken for the index, whose value is read. And with a function
// of the program's own that has the name of a C library function known to keep nothing (a
// `send` that queues its buffer): only the library's are trusted now (declared in a system
// header, or builtins).
// RUN: %asyncc --emit=frames %s | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O2 %t.c %libs -o %t.o2
// RUN: %t.o2 | %FileCheck %s --check-prefix=OUT
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

// CHECK-LABEL: async int declared
// CHECK: 32  first{{ }}
// CHECK: 32  second{{ }}
async int declared(void)
{
    char first[32];
    char *p = strcpy(first, "first");
    await(ac_yield());
    char second[32];
    memset(second, 'x', sizeof second);
    second[31] = 0;
    await(ac_yield());
    printf("%s %zu\n", p, strlen(second));
    // OUT: first 31{{$}}
    return 0;
}

// CHECK-LABEL: async int cast_and_parenthesized
// CHECK: 32  first{{ }}
// CHECK: 32  second{{ }}
async int cast_and_parenthesized(void)
{
    char first[32];
    const char *p = (const char *)(memcpy(first, "copied", 7));
    await(ac_yield());
    char second[32];
    memset(second, 'y', sizeof second);
    second[31] = 0;
    await(ac_yield());
    printf("%s %zu\n", p, strlen(second));
    // OUT-NEXT: copied 31{{$}}
    return 0;
}

// CHECK-LABEL: async int index_first
// CHECK: 32  first{{ }}
// CHECK: 32  second{{ }}
async int index_first(void)
{
    char first[32];
    strcpy(first, "indexed");
    char *p = &0[first];
    await(ac_yield());
    char second[32];
    memset(second, 'w', sizeof second);
    second[31] = 0;
    await(ac_yield());
    printf("%s %zu\n", p, strlen(second));
    // OUT-NEXT: indexed 31{{$}}
    return 0;
}

struct conn {
    const char *queued;
};
static struct conn the_conn;

static long send(struct conn *c, const char *buf, unsigned long n, int flags)
{
    (void)flags;
    c->queued = buf;
    return (long)n;
}

// CHECK-LABEL: async int own_send
// CHECK: 32  first{{ }}
// CHECK: 32  second{{ }}
async int own_send(void)
{
    char first[32];
    strcpy(first, "queued");
    send(&the_conn, first, 7, 0);
    await(ac_yield());
    char second[32];
    memset(second, 'v', sizeof second);
    second[31] = 0;
    await(ac_yield());
    printf("%s %zu\n", the_conn.queued, strlen(second));
    // OUT-NEXT: queued 31{{$}}
    return 0;
}

// CHECK-LABEL: async int line_kept
// CHECK: 32  buf{{ }}
// CHECK: 32  other{{ }}
async int line_kept(FILE *in)
{
    char buf[32];
    char *line = fgets(buf, sizeof buf, in);
    await(ac_yield());
    char other[32];
    memset(other, 'z', sizeof other);
    other[31] = 0;
    await(ac_yield());
    printf("%s %zu\n", line ? line : "(none)", strlen(other));
    // OUT-NEXT: one line 31{{$}}
    return 0;
}

// CHECK-LABEL: async int only_tested
// CHECK: union {
// CHECK-NEXT: 32    buf{{ }}
// CHECK-NEXT: 32    other{{ }}
async int only_tested(FILE *in)
{
    char buf[32];
    int n = 0;
    if (fgets(buf, sizeof buf, in) != NULL && strcpy(buf, "x"))
        n = (int)strlen(buf);
    await(ac_yield());
    char other[32];
    memset(other, 'z', sizeof other);
    other[31] = 0;
    await(ac_yield());
    printf("%d %zu\n", n, strlen(other));
    // OUT-NEXT: 1 31{{$}}
    return 0;
}

async int main(void)
{
    char text[] = "one line";
    await(declared());
    await(cast_and_parenthesized());
    await(index_first());
    await(own_send());
    FILE *in = fmemopen(text, strlen(text), "r");
    await(line_kept(in));
    rewind(in);
    await(only_tested(in));
    fclose(in);
    return 0;
}
