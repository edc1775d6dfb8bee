// Documentation comments right before an async function (`///`, `//!`, slash-star-star,
// slash-star-bang) are written as plain comments of the same length: the generated declarations
// come between them and the function in the output, and clang's -Wdocumentation took them for
// those declarations' (xz: "'\param' command used in a comment that is not attached to a
// function declaration").
// RUN: %asyncc %s -o %t.c
// RUN: %clang -fsyntax-only -Wdocumentation -Werror -I%S/../../../include %t.c
// RUN: %FileCheck %s --check-prefix=OUT < %t.c
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

/// \brief  Adds one.
/// \param  x  The value
async static int step(int x)
{
    await(ac_yield());
    return x + 1;
}

/**
 * \param x   The value
 * \param out Where the result goes
 */
async static int apply(int x, int *out)
{
    x = await(step(x));
    *out = x;
    return x;
}

//! \param n  How many
/*! \param m  How many more */
/**/ /* an ordinary one */
async static int twice(int n, int m)
{
    return await(step(n)) + await(step(m));
}

async int main(void)
{
    int seen = 0;
    int r = await(apply(1, &seen));
    printf("%d %d %d\n", r, seen, await(twice(1, 2)));
    // CHECK: 2 2 5
    return 0;
}
// OUT: //  \brief  Adds one.
// OUT: /*{{ }}
// OUT: //  \param n  How many
// OUT: /*  \param m  How many more */
// OUT: /**/ /* an ordinary one */
