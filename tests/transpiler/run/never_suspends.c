// Async functions that never suspend (no await, or only awaits of earlier functions of this file
// that never suspend) finish in their first poll: an await of one from this file calls its plain C
// twin, ac__now_NAME, with no state and no child frame. Combinators (and spawn, block_on, other
// files) still run the state machine, whose poll calls the same twin: both paths must agree.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
// RUN: %cc -O2 -Wshadow -Wmissing-prototypes -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck --check-prefix=WARN --implicit-check-not=ac__ %s
// The twins warn nothing: the user's functions warn as their source does.
// WARN: never_suspends.c:21:11: warning: no previous prototype for {{.+}}base
// RUN: %asyncc --emit=frames %s | %FileCheck --check-prefix=FRAMES %s
#include <asyncc.h>
#include <stdio.h>

static void release(int *v)
{
    printf("release %d\n", *v);
}

/* A chain that never suspends. */
async int base(int x)
{
    return x * 2;
}

async int plus(int x)
{
    return await(base(x)) + 1;
}

async int chain(int x)
{
    int a = await(plus(x));
    int b = await(plus(a));
    return a * 100 + b;
}

/* A static local is one object, whichever path runs the body. */
async int counter(void)
{
    static int calls;
    return ++calls;
}

/* __func__ names the user's function; a cleanup runs when the scope ends, before the caller
 * goes on. */
async int named(int v)
{
    int guard __attribute__((cleanup(release))) = v;
    printf("%s %d\n", __func__, guard);
    return guard + 1;
}

/* Loops, switch, goto, local types, awaits in conditions, in && and ?:, and in a statement
 * expression: the twin evaluates them in the same order as the state machine. */
async int shapes(int n)
{
    struct pair {
        int a, b;
    } p = {n, 0};
    typedef int score;
    score s = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 3) {
        case 0:
            s += await(base(i));
            break;
        case 1:
            if (await(base(i)) > 1 && await(plus(i)) < 100)
                s += 1;
            break;
        default:
            s += p.a;
        }
    }
    if (n > 2)
        goto done;
    s = -s;
done:
    p.b = ({
        int t = await(plus(s));
        t * 2;
    });
    return p.b + (n ? await(base(n)) : 0);
}

async void note(const char *what)
{
    printf("note %s\n", what);
}

async const char *pick(int i)
{
    static const char *const names[] = {"zero", "one", "two"};
    await(note(names[i % 3]));
    return names[i % 3];
}

/* Values thrown away: no temporary is left set but unused, no statement without effect (an
 * increment that awaits was one, in any function). */
async int discards(int n)
{
    int k = 0;
    for (int i = 0; i < n; await(base(i)), i++)
        k++;
    for (int i = 0; i < n; await(base(i)))
        if (++i > 3)
            break;
    for (int i = 0; i < n; i += 1, await(base(i)))
        k++;
    (void)await(plus(1));
    if (k)
        await(plus(2));
    return k;
}

/* Suspends on odd x, so it keeps its state machine, and so do its callers; their awaits of
 * functions that never suspend are still direct calls. */
async int maybe(int x)
{
    if (x % 2)
        await(ac_yield());
    return x * 3;
}

async int mixed(int x)
{
    int a = await(maybe(x));
    int b = await(plus(x));
    return a + b + await(maybe(x + 1));
}

async int discards_suspending(int n)
{
    int k = 0;
    for (int i = 0; i < n; i += 1, await(maybe(i)))
        k++;
    return k;
}

/* Recursion stays a state machine (its frames come from the task's arena). */
async int fact(int n)
{
    return n <= 1 ? 1 : n * await(fact(n - 1));
}

/* Defined after its caller: awaited through its state machine. */
async int later(int x);

async int early(int x)
{
    return await(later(x)) + 1;
}

async int later(int x)
{
    return x + 40;
}

async int main(void)
{
    printf("chain %d\n", await(chain(3)));
    int first = await(counter());
    await(ac_join(counter(), counter()));
    int last = await(counter());
    printf("counter %d %d\n", first, last);
    printf("named %d\n", await(named(5)));
    for (int n = 0; n < 5; n++)
        printf("shapes(%d) = %d\n", n, await(shapes(n)));
    printf("pick %s\n", await(pick(4)));
    printf("mixed %d %d\n", await(mixed(1)), await(mixed(2)));
    printf("fact %d\n", await(fact(6)));
    printf("discards %d %d\n", await(discards(3)), await(discards_suspending(3)));
    printf("early %d\n", await(early(2)));
    return 0;
}
// CHECK: chain 715
// CHECK-NEXT: counter 1 4
// CHECK-NEXT: named 5
// CHECK-NEXT: release 5
// CHECK-NEXT: named 6
// CHECK-NEXT: shapes(0) = 2
// CHECK-NEXT: shapes(1) = 4
// CHECK-NEXT: shapes(2) = 2
// CHECK-NEXT: shapes(3) = 24
// CHECK-NEXT: shapes(4) = 54
// CHECK-NEXT: note one
// CHECK-NEXT: pick one
// CHECK-NEXT: mixed 12 20
// CHECK-NEXT: fact 720
// CHECK-NEXT: discards 6 3
// CHECK-NEXT: early 43
// CHECK-NEXT: exit: 0

// The twins, and the direct calls (each pattern has a {{}} so that it cannot match its own
// comment, which the output keeps):
// CODE: static int ac__now_{{base}}(int x)
// CODE: static int ac__now_{{plus}}(int x)
// CODE: ac__t1 = ac__now_{{base}}(x);
// CODE: static int ac__now_{{counter}}(void)
// CODE: static int ac__now_{{named}}(int v)
// CODE: {{"named"}}
// CODE: ac__fr->ac__result = ac__now_{{named}}(ac__fr->v);
// CODE-NOT: ac__now_{{maybe|fact|early|main}}
// CODE: ac__t{{[0-9]+}} = ac__now_{{plus}}(x);
// CODE-NOT: ac__now_{{maybe|fact|early|main}}
// CODE: static int ac__now_{{later}}(int x)
// CODE-NOT: ac__now_{{maybe|fact|early|main}}
// CODE: {{^}}AC__GEN_BEGIN static const ac_future_type ac__type_{{main}}

// FRAMES-LABEL: async int plus
// FRAMES: never suspends: its body is the plain C function ac__now_plus; poll calls it
// FRAMES: direct calls (callees that never suspend: no state, no child frame):
// FRAMES-NEXT: never_suspends.c:{{[0-9]+}}  await base()  ->  ac__now_base()
// FRAMES-LABEL: async int mixed
// FRAMES: states:
// FRAMES-NEXT: 0  start
// FRAMES-NEXT: 1  {{.*}}never_suspends.c:{{[0-9]+}}  await maybe()
// FRAMES-NEXT: 2  {{.*}}never_suspends.c:{{[0-9]+}}  await maybe()
// FRAMES-NEXT: ready
// FRAMES-NEXT: direct calls
// FRAMES-NEXT: never_suspends.c:{{[0-9]+}}  await plus()  ->  ac__now_plus()
// FRAMES-LABEL: async int fact
// FRAMES-NOT: never suspends
// FRAMES: 1  {{.*}}never_suspends.c:{{[0-9]+}}  await fact()
// FRAMES-NOT: never suspends
// FRAMES-LABEL: async int early
// FRAMES-NOT: never suspends
// FRAMES: 1  {{.*}}never_suspends.c:{{[0-9]+}}  await later()
// FRAMES-LABEL: async int later
// FRAMES: never suspends
