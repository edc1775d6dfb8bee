// A const-qualified pointer result whose type has parentheses (a const function pointer through a
// typedef, `typedef size_t (*const lenfn)(const char *)`, a const pointer to const function
// pointers, a const pointer to an array): the result slot took the type with its top-level const,
// found as the first `const` after the spelling's last `*`, which here is a parameter's or absent,
// and the output did not compile ("assignment of read-only member 'ac__result'"). The cast's
// type (`__typeof__((T)0)`) is the unqualified one now.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

/* The plain source warns of these top-level qualifiers too (-Wextra): they are the point here. */
#pragma GCC diagnostic ignored "-Wignored-qualifiers"

typedef size_t (*const lenfn)(const char *);
static int first(const char *s) { return s[0]; }
static int second(const char *s) { return s[1]; }
static int (*const table[])(const char *) = {first, second};
static int row[2] = {7, 8};

async lenfn get_len(void)
{
    await(ac_yield());
    return strlen;
}

async int (*const *const get_table(void))(const char *)
{
    await(ac_yield());
    return table;
}

async int (*const get_row(void))[2]
{
    await(ac_yield());
    return &row;
}

async char *(*const get_fn(int k))(char *, const char *)
{
    await(ac_yield());
    return k ? strcpy : strcat;
}

async int main(void)
{
    lenfn f = await(get_len());
    char buf[16] = "ab";
    printf("%zu %zu\n", f("abc"), await(get_len())("hello"));
    // CHECK: 3 5{{$}}
    printf("%c %c\n", (*await(get_table()))("xy"), await(get_table())[1]("xy"));
    // CHECK-NEXT: x y{{$}}
    printf("%d %d\n", (*await(get_row()))[1], **await(get_row()));
    // CHECK-NEXT: 8 7{{$}}
    printf("%s\n", await(get_fn(0))(buf, "cd"));
    // CHECK-NEXT: abcd{{$}}
    return 0;
}
// CHECK-NEXT: exit: 0
