// A local named in its own initializer, which awaits: `struct node *p = await(alloc(sizeof *p));`,
// C's everyday allocation idiom. The variable's scope starts at its declarator, but the await and
// what it reads are evaluated before the declaration the generated code writes: `p` was
// undeclared there (gcc: "'p' undeclared", found by GNU dc made async). Such a local lives in the
// frame, where the hoisted code reaches it: sizeof, a pointer to a variable-length array, its own
// address handed to the awaited call, a const, a second declarator, a loop, a struct.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
    long payload[5];
    struct node *next;
};

async void *alloc(size_t n)
{
    await(ac_yield());
    return calloc(1, n);
}

async size_t ident(size_t n)
{
    await(ac_yield());
    return n;
}

/* writes through the pointer while suspended, then returns a value of its own */
async long fill(long *where)
{
    *where = 7;
    await(ac_yield());
    return *where + 1;
}

async int list(int count)
{
    struct node *head = 0;
    for (int i = 0; i < count; i++) {
        struct node *p = await(alloc(sizeof *p));
        p->payload[4] = i;
        p->next = head;
        head = p;
    }
    int sum = 0;
    while (head) {
        struct node *next = head->next;
        sum += (int)head->payload[4];
        free(head);
        head = next;
    }
    return sum;
}

async int vla_rows(int n)
{
    int (*m)[n] = await(alloc(sizeof *m));
    (*m)[n - 1] = 5;
    int r = (int)sizeof *m + (*m)[n - 1];
    free(m);
    return r;
}

async int kinds(void)
{
    long v = await(fill(&v));
    const size_t c = await(ident(sizeof c + 1));
    int a = 1, *q = await(alloc(sizeof *q)), b = (int)sizeof b;
    struct pair { int x, y; } st = {(int)await(ident(sizeof st)), (int)sizeof st.y};
    *q = a + b;
    int r = (int)v * 1000 + (int)c * 100 + *q * 10 + st.x + st.y;
    free(q);
    return r;
}

async int main(void)
{
    printf("%d %d %d\n", await(list(10)), await(vla_rows(7)), await(kinds()));
    // CHECK: 45 33 8962
    return 0;
}
// CHECK-NEXT: exit: 0
