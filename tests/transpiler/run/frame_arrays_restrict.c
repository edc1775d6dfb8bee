// Arrays kept in the frame that a pointer may reach are read through their own type (may_alias,
// run/frame_local_aliasing.c), at the address of their field: gcc -O2 still knows each one's
// bounds. Written as the frame pointer plus the field's offset, both arrays were parts of one
// object of unknown size to gcc, and `snprintf(path, sizeof path, "%s", dir)` warned
// -Wrestrict ("argument 4 may overlap destination object"), an error under -Werror where the
// source is quiet.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O2 -c %t.c -o %t.o
// RUN: %clang -std=gnu11 -O2 -Wall -Wextra -Werror -I%S/../../../include -c %t.c -o %t.clang.o
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static async int name_of(char *out, size_t len, int i)
{
    await(ac_yield());
    return snprintf(out, len, "dir%d", i);
}

async int main(void)
{
    char dir[64], path[80], copy[80];
    await(name_of(dir, sizeof dir, 7));
    snprintf(path, sizeof path, "%s/file", dir);
    await(ac_yield());
    snprintf(copy, sizeof copy, "%s", path);
    memcpy(dir, copy, 4);
    printf("%s %s %.4s\n", path, copy, dir);
    // CHECK: dir7/file dir7/file dir7
    return 0;
}
