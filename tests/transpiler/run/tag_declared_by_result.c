// An async prototype whose result type is the first mention of a struct or union tag declares
// the tag at file scope, as in C: `async struct config *first(void);` before any `struct config`
// (lemon's Configlist_add). The generated declarations that replace the prototype did not name
// the result type, so the next prototype's `struct config *` parameter declared a new type of
// prototype scope: "conflicting types for 'ac__init_eat'" (found by sqlite's lemon made async).
// A result type that defines its struct or enum lost the definition with the prototype. An enum
// referred to before its definition (a GNU forward reference) is declared as an enum.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

async struct config *first(int v);
async int eat(struct config *c);
async union value *pick(union value *from);
async struct box **(*opener(void))(int);
async struct pt { int x, y; } mk(int v);
async enum mood *mood_of(void);
async int calm(enum mood *m);

struct config {
    int v;
    struct config *next;
};

union value {
    int i;
    char c[8];
};

static struct config one = {41, 0};

enum mood { CALM = 4 };
static enum mood the_mood = CALM;

async enum mood *mood_of(void)
{
    await(ac_yield());
    return &the_mood;
}

async int calm(enum mood *m)
{
    await(ac_yield());
    return (int)*m;
}

async struct config *first(int v)
{
    await(ac_yield());
    one.v += v;
    return &one;
}

async int eat(struct config *c)
{
    await(ac_yield());
    return c->v;
}

async union value *pick(union value *from)
{
    await(ac_yield());
    return from;
}

/* a definition that is the first mention of its result's tag */
async struct later *make_later(struct later *prev, int v)
{
    await(ac_yield());
    (void)prev;
    return (struct later *)(long)v;
}

struct box {
    int n;
};

static struct box b = {7}, *pb = &b;

static struct box **open_box(int n)
{
    b.n += n;
    return &pb;
}

async struct box **(*opener(void))(int)
{
    await(ac_yield());
    return open_box;
}

async struct pt mk(int v)
{
    await(ac_yield());
    struct pt p = {v, v + 1};
    return p;
}

async enum shade { DARK = 3, LIGHT = 5 } shade_of(int light)
{
    await(ac_yield());
    return light ? LIGHT : DARK;
}

async int main(void)
{
    struct pt p = await(mk(3));
    enum shade s = await(shade_of(1));
    printf("%d %d %d %d\n", p.x + p.y, s, DARK, await(calm(await(mood_of()))));
    // CHECK: 7 5 3 4
    union value u = {.i = 5};
    struct box **(*o)(int) = await(opener());
    printf("%d %d %ld %d\n", await(eat(await(first(1)))), await(pick(&u))->i,
           (long)await(make_later(0, 9)), (*o(3))->n);
    // CHECK-NEXT: 42 5 9 10
    return 0;
}
// CHECK-NEXT: exit: 0
