// Values of unnamed struct, union and enum types kept in the frame between an await and their
// use (the value of a statement expression, of a conditional, a compound literal whose member's
// address is kept): their temporaries were spelled `struct (unnamed struct at f.c:3:5)`. Also
// function declarators among the variables of one declaration (`double h(int), x = await(f());`).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

double h(int);
int k(void);
int e = 1;

double h(int x)
{
    return x * 1.5;
}

int k(void)
{
    return 4;
}

async int f(int x)
{
    await(ac_yield());
    return x;
}

/* never suspends */
async int g(void)
{
    return 7;
}

async int decls(void)
{
    double h(int), x = await(f(3));
    int v = 1, k(void), *p = &v, n = await(f(2)), q = n + k();
    static int s = 5;
    extern int k(void), e;
    await(ac_yield());
    return (int)(h(2) + x) + *p + n + q + s + k() + e;
}

async int values(void)
{
    struct { int a, b; } s = { 1, 2 }, t = { 3, 4 };
    int c = await(f(1));
    t = c ? ({ await(f(0)); s; }) : t;
    s = ({ await(g()); t; });
    int w = ({ await(g()); }) + ({ int z = await(g()); z; });
    __typeof__(s) u = c ? s : ({ await(f(5)); t; });
    await(ac_yield());
    return s.a * 1000 + t.b * 100 + w + u.b;
}

async int lits(void)
{
    int *p = &(struct { int x, y; }){1, 2}.y;
    union { int i; char c; } u = { .i = 65 };
    enum { RED = 3, BLUE } e = BLUE;
    await(ac_yield());
    u = ({ await(f(0)); u; });
    e = await(f(1)) ? ({ await(ac_yield()); e; }) : RED;
    int q = (await(f(1)) ? (__typeof__(u)){5} : u).i;
    return *p + u.i + e + q;
}

async int main(int argc, char *argv[], char *envp[])
{
    // CHECK: 25 1216 76 3
    printf("%d %d %d %d\n", await(decls()), await(values()), await(lits()), argc + (argv[0] != 0) + (envp != 0));
    return 0;
}
