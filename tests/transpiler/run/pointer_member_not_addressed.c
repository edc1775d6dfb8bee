// An array member reached through a pointer (`p->name`, `s.p->name`, `p[1].name`) is the
// pointee's, not the pointer's: the pointer stays a C local of its name (only stored to its
// frame field when the function suspends). It was taken for a local whose address is kept and
// lived in the frame alone, so gcc -O2 read `strncpy(ac__fr->info->ident, s, sizeof ...)` then
// `ac__fr->info->ident[31] = 0` through a frame the call may have changed and warned
// -Wstringop-truncation (jimtcl's syslog -ident). Arrays and array members of the function's
// own locals still keep their address across awaits.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck %s --check-prefix=OUT < %t.c
// RUN: %plaincc -O2 -c %t.c -o %t.o
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct info {
    char ident[8];
    int opened;
};

struct holder {
    struct info *p;
};

async int step(int x)
{
    await(ac_yield());
    return x + 1;
}

async int set_ident(struct info *info, const char *s)
{
    int n = await(step(1));
    // OUT: strncpy(info->ident, s, sizeof(info->ident));
    strncpy(info->ident, s, sizeof(info->ident));
    info->ident[sizeof(info->ident) - 1] = 0;
    return n;
}

async int through(struct holder h, struct info *many)
{
    int n = await(step(2));
    strncpy(h.p->ident, "held", sizeof(h.p->ident));
    strncpy(many[1].ident, "second", sizeof(many[1].ident));
    return n;
}

/* A local's own array member, and a local array: a pointer into them is kept across an await. */
async int own(void)
{
    struct info local = {"", 0};
    int a[4] = {0, 1, 2, 3};
    char *name = local.ident;
    int *q = &a[1];
    await(step(0));
    strcpy(name, "mine");
    *q = 42;
    await(step(0));
    printf("%s %d\n", local.ident, a[1]);
    return 0;
}

async int main(void)
{
    struct info one = {"", 0}, pair[2] = {{"", 0}, {"", 0}};
    struct holder h = {&one};
    int n = await(set_ident(&one, "a long identifier"));
    printf("%d %s\n", n, one.ident);
    // CHECK: 2 a long
    n = await(through(h, pair));
    printf("%d %s %s\n", n, one.ident, pair[1].ident);
    // CHECK: 3 held second
    await(own());
    // CHECK: mine 42
    return 0;
}
