/* C90 has no line comments: two slashes followed by an empty block comment, between 7 and 2,
 * are a division by 2 there and then that comment, as gcc.dg/cpp's pr61854-1 checks. asyncc's
 * lexer took the two slashes for a line comment in every mode and wrote it out as a block
 * comment: the division and its right operand vanished from the output (i was 7, silently).
 * -std=c89, c90, iso9899:1990, iso9899:199409 and -ansi have no line comments; gnu89 has them,
 * in gcc and clang alike.
 * RUN: %asyncc -std=c89 %s -o %t.c
 * RUN: %cc -std=c89 -Wno-comment %t.c %libs -o %t
 * RUN: %t | %FileCheck %s
 * RUN: %asyncc -ansi %s -o %t.ansi.c
 * RUN: %cc -ansi -Wno-comment %t.ansi.c %libs -o %t.ansi
 * RUN: %t.ansi | %FileCheck %s
 * RUN: %asyncc -std=iso9899:199409 %s -o %t.94.c
 * RUN: %cc -std=iso9899:199409 -Wno-comment %t.94.c %libs -o %t.94
 * RUN: %t.94 | %FileCheck %s
 * RUN: %asyncc -std=gnu89 -DLINE_COMMENTS %s -o %t.gnu.c
 * RUN: %cc -std=gnu89 -DLINE_COMMENTS %t.gnu.c %libs -o %t.gnu
 * RUN: %t.gnu | %FileCheck %s --check-prefix=GNU
 */
#include <asyncc.h>
#include <stdio.h>

static async int id(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    int i = 7 //**/ 2
    ;
    int j;
    j = await(id(9)) //**/ 3
    ;
    await(ac_yield());
    i = i + await(id(1 //**/ 1
    ));
    printf("%d %d\n", i, j);
    /*
     * CHECK: 4 3
     * GNU: 8 9
     */
    return 0;
}
