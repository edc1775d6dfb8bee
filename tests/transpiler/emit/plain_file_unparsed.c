// A file in which nothing is asyncc's (no async declaration, await or combinator, in it or in
// its headers) comes out byte for byte without being parsed: libclang is not even loaded, so a
// project that builds every file through asyncc-cc pays only the preprocessor for its plain
// ones, and what clang 14 would refuse there (a gcc extension, or an error) is the compiler's to
// judge, at the same lines.
// RUN: %asyncc %s -o %t.c
// RUN: cmp %s %t.c
// RUN: echo "int broken = ;" > %t.bad.c
// RUN: %asyncc %t.bad.c -o %t.bad.out.c
// RUN: cmp %t.bad.c %t.bad.out.c
// A header's async declaration makes the file asyncc's: a call without await is refused.
// RUN: not %asyncc -I%S/Inputs %S/Inputs/calls_header_async.c -o %t.h.c 2>&1 | %FileCheck %s
// CHECK: calls_header_async.c:6:12: error: call of async function 'remote_step' without await
static int twice(int v)
{
    int add(int w) { return v + w; }
    return add(v);
}

int use_twice(int v)
{
    return twice(v);
}
