// A file with no async code passes through unchanged, byte for byte.
// RUN: %asyncc %s -o %t.c
// RUN: cmp %s %t.c
#include <stdio.h>

int main(void)
{
    printf("plain\n");
    return 0;
}
