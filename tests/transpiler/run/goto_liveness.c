// Liveness with gotos (transpiler/jumps.c): a local lives across an await only when a use can
// follow the await, in the text or through a loop or a goto back inside its scope. Labels no
// longer keep every local of the function: forward gotos add nothing, and a goto back keeps what
// it runs again. Each case prints a wrong value (or the wrong frame) if decided wrongly: a use
// reached only through two overlapping gotos back, a local live across an await that comes
// before its declaration (a goto back over it, then a goto forward past it), a compound literal
// made after such an await, and a local of a block that a goto back leaves.
// RUN: %run %s %t | %FileCheck %s
// RUN: %cc -O2 %t.async.c %libs -o %t.O2 && %t.O2 | %FileCheck %s
// RUN: %asyncc --emit=frames %s | %FileCheck %s --check-prefix=FRAMES
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

/* The error-handling idiom: forward gotos only. */
async int forward_only(int n)
{
    int before = n * 3;
    printf("before %d\n", before);
    if (n < 0)
        goto fail;
    int r = await(id(n));
    return r;
fail:
    return -1;
}

/* Forward gotos to labels on both sides of the await: `lbl` comes before it, but only a jump
 * forward reaches it. Every goto counted as a computed one until 2026-12-04 (jumps.c compared
 * its label with clang_equalCursors, which never matched), and that kept `a` in the frame. */
async int forward_past_label(int n)
{
    int a = n * 2;
    if (n == 3)
        goto lbl;
    n++;
lbl:
    printf("a %d\n", a);
    int b = await(id(n));
    if (b > 100)
        goto done;
    n += b;
done:
    return n;
}

/* A goto back carries acc, read only before the await in the text. */
async int goto_loop(int n)
{
    int acc = 0, i = 0;
top:
    acc += i;
    printf("acc %d\n", acc);
    await(id(i));
    if (++i < n)
        goto top;
    return i;
}

/* x is read only at `a`, before the await, which the goto back to `c` reaches only through the
 * goto back to `a`: the two spans chain. */
async int chained(void)
{
    int x = 0, n = 0;
a:
    printf("x %d\n", x);
    n++;
c:
    if (n > 5)
        goto out;
    if (n % 2)
        goto a;
    x = n * 10;
    await(id(n));
    if (n < 4) {
        n++;
        goto c;
    }
out:
    return n;
}

/* x holds k + 7 at the await, which comes before its declaration: the goto back to `again` went
 * over it, and the goto forward to `use` skips its initializer. */
async int past_decl(int k)
{
    int n = 0;
    {
    again:
        if (n == 1) {
            await(id(k));
            goto use;
        }
        int x = k;
        x += 7;
        n++;
        if (n < 2)
            goto again;
    use:
        return x + n;
    }
}

/* The compound literal is made after the await in the text, on the first pass; the second pass
 * reads it after the await. */
async int literal_back(void)
{
    int *p = 0, rounds = 0;
again:
    if (p) {
        await(id(0));
        printf("literal %d\n", *p);
        return rounds;
    }
    p = &(int){42};
    rounds++;
    goto again;
}

/* t is made again each time the goto back enters its block: it does not live across the await. */
async int inner_scope(int n)
{
    int i = 0;
again:
    {
        int t = i * 2;
        printf("t %d\n", t);
        await(id(i));
    }
    if (++i < n)
        goto again;
    return i;
}

async int main(void)
{
    printf("%d\n", await(forward_only(4)));
    printf("%d\n", await(forward_past_label(4)));
    printf("%d\n", await(forward_past_label(3)));
    printf("%d\n", await(goto_loop(4)));
    printf("%d\n", await(chained()));
    printf("%d\n", await(past_decl(5)));
    printf("%d\n", await(literal_back()));
    printf("%d\n", await(inner_scope(2)));
    return 0;
}
// CHECK: before 12
// CHECK-NEXT: 4
// CHECK-NEXT: a 8
// CHECK-NEXT: 10
// CHECK-NEXT: a 6
// CHECK-NEXT: 6
// CHECK-NEXT: acc 0
// CHECK-NEXT: acc 1
// CHECK-NEXT: acc 3
// CHECK-NEXT: acc 6
// CHECK-NEXT: 4
// CHECK-NEXT: x 0
// CHECK-NEXT: x 0
// CHECK-NEXT: x 20
// CHECK-NEXT: 4
// CHECK-NEXT: 13
// CHECK-NEXT: literal 42
// CHECK-NEXT: 1
// CHECK-NEXT: t 0
// CHECK-NEXT: t 2
// CHECK-NEXT: 2

// FRAMES-LABEL: async int forward_only
// FRAMES-NOT: before
// FRAMES-LABEL: async int forward_past_label
// FRAMES-NOT: {{ }}a {{ *}}int
// FRAMES-LABEL: async int goto_loop
// FRAMES: acc {{ *}}int {{ *}}local, lives across an await
// FRAMES-LABEL: async int chained
// FRAMES: x {{ *}}int {{ *}}local, lives across an await
// FRAMES-LABEL: async int past_decl
// FRAMES: x {{ *}}int {{ *}}local, lives across an await
// FRAMES-LABEL: async int literal_back
// FRAMES-LABEL: async int inner_scope
// FRAMES-NOT: {{ }}t {{ *}}int
// FRAMES-LABEL: async int main
