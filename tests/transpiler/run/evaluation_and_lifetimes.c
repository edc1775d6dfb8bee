// What C evaluates and how long what it creates lives, around awaits (each case printed a
// different value, crashed or dangled before):
// - a local read by the expression around a statement expression that awaits stays in the frame;
// - cleanups run in reverse order of declaration when earlier guarded locals live in the frame
//   and later ones would not (they join the frame);
// - the size of a VLA type in sizeof or a pointer declarator runs its await; typeof in a cast or
//   compound literal, __builtin_types_compatible_p and __builtin_constant_p never run theirs;
// - compound literals reached through a member, or passed to the awaited call, live in the frame;
// - the size expression of an array parameter runs on entry.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
#include <asyncc.h>
#include <stdio.h>

static int calls;
async int f(int v) { calls++; await(ac_yield()); return v; }

static void done(int *p) { printf("cleanup %d\n", *p); }

struct s { int x, y; };
async int readp(const int *p) { await(ac_yield()); return *p; }
async int reads(const struct s *p) { await(ac_yield()); return p->x + p->y; }

// CODE-LABEL: struct ac__frame_stmt_expr_read {
// CODE: int x;
// CODE-LABEL: ac__run_stmt_expr_read
async int stmt_expr_read(int q)
{
    int x = q;
    int r = x + ({ int t = await(f(1)); t; });
    return r;
}

async int cleanup_order(void)
{
    {
        int a __attribute__((cleanup(done))) = 1;
        await(ac_yield());
        printf("a %d\n", a);
        int b __attribute__((cleanup(done))) = 2;
        printf("b %d\n", b);
    }
    int c __attribute__((cleanup(done))) = 3;
    await(ac_yield());
    {
        int d __attribute__((cleanup(done))) = 4;
        if (d)
            return c + d;
    }
    return 0;
}

async int vla_sizes(void)
{
    int n = (int)sizeof(char[await(f(7))]);
    int (*p)[await(f(3))] = 0;
    return n * 10 + (int)sizeof *p / (int)sizeof(int);
}

async int never_run(void)
{
    int before = calls;
    long v = (__typeof__(await(f(1))))5;
    struct s lit = (struct s){(int)sizeof((__typeof__(await(f(2)))){0}), 1};
    int c1 = __builtin_types_compatible_p(__typeof__(await(f(3))), int);
    int c2 = __builtin_constant_p(await(f(4)));
    await(ac_yield());
    return (int)v + lit.x + c1 + c2 * 100 + (calls - before) * 1000;
}

/* The local K lives in the frame (renamed), so the enumerator can move to file scope; a K that
 * stayed a C local would hide it there: diag/local_enum_hidden. */
async int enum_scope(void)
{
    int K = 1;
    int r = K;
    {
        enum { K = 50 };
        await(ac_yield());
        r += K;
    }
    return r + K - 1;
}

// CODE-LABEL: struct ac__frame_member_literal {
// CODE: struct s ac__lit1;
// CODE-LABEL: struct ac__frame_literal_arg {
// CODE: struct s ac__lit1;
// CODE: __typeof__(int[1]) ac__lit2;
async int member_literal(void)
{
    int *p = &((struct s){1, 42}).y;
    int v = await(readp(p));
    return v + *p;
}

async int literal_arg(void)
{
    return await(reads(&(struct s){40, 2})) + await(readp((int[]){5}));
}

async int array_param(int i, int a[i++])
{
    await(ac_yield());
    return i + a[0];
}

async int main(void)
{
    // CHECK: stmt_expr_read 11
    // CHECK-NEXT: a 1
    // CHECK-NEXT: b 2
    // CHECK-NEXT: cleanup 2
    // CHECK-NEXT: cleanup 1
    // CHECK-NEXT: cleanup 4
    // CHECK-NEXT: cleanup 3
    // CHECK-NEXT: cleanup_order 7
    // CHECK-NEXT: vla_sizes 73
    // CHECK-NEXT: never_run 10
    // CHECK-NEXT: enum_scope 51
    // CHECK-NEXT: member_literal 84
    // CHECK-NEXT: literal_arg 47
    // CHECK-NEXT: array_param 106
    // CHECK-NEXT: exit: 0
    printf("stmt_expr_read %d\n", await(stmt_expr_read(10)));
    printf("cleanup_order %d\n", await(cleanup_order()));
    printf("vla_sizes %d\n", await(vla_sizes()));
    printf("never_run %d\n", await(never_run()));
    printf("enum_scope %d\n", await(enum_scope()));
    printf("member_literal %d\n", await(member_literal()));
    printf("literal_arg %d\n", await(literal_arg()));
    int arr[3] = {100, 0, 0};
    printf("array_param %d\n", await(array_param(5, arr)));
    return 0;
}
