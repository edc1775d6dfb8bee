// An await in an `if` arm that a constant condition never takes: clang drops the arm from the
// function's CFG and with it the warnings it keeps for code that runs ("runtime behavior":
// -Warray-bounds here, -Wtautological-constant-compare in csmith seed 200499). The dispatch's
// `case N: goto ac__resume_N;` made the arm reachable again, so clang -Werror failed on the
// output of a program it compiles cleanly. Such a state's case no longer jumps there (the arm
// never runs, so its await never suspends); an arm a goto or case enters from outside keeps it.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

async static int step(int v)
{
    await(ac_yield());
    calls++;
    return v;
}

async static int dead_then(int a)
{
    int sum = a;
    if (sizeof(long) < 2) {
        sum += await(step(1));
        int past[2] = {0, 0};
        past[2] = sum; /* never runs: no warning in C */
        sum += past[0];
    }
    sum += await(step(2));
    return sum;
}

async static int dead_else(int a)
{
    int sum = a;
    if ((a++, 1)) {
        sum += await(step(3));
    } else {
        int past[2] = {a, 0};
        sum += await(step(4));
        past[3] = sum;
        sum += past[1];
    }
    return sum + a;
}

/* A condition whose comma's left operand awaits folds all the same: its value is the right
 * operand's (csmith seed 101631, small: clang's -Wconstant-conversion in the arm). */
async static int await_in_comma(int a)
{
    int sum = a;
    if ((a ^= await(step(a)), 2L)) {
        sum += a;
    } else {
        int past[2] = {a, 0};
        sum += await(step(4));
        past[3] = sum;
        sum += past[1];
    }
    return sum;
}

/* The operand a folded `&&`, `||` or `?:` never evaluates (csmith seed 102391, small: the
 * conversion of a const int32_t to a short parameter, clang's -Wconstant-conversion, in
 * `4294967289UL || await(f(...))`). */
async static int narrow(short v)
{
    await(ac_yield());
    calls++;
    return v;
}

static const int big = 1950466134;

async static int dead_operands(int a)
{
    int r = (4294967289UL || await(narrow(big)));
    int s = (0 && await(narrow(big)));
    int u = 1 ? a : await(narrow(big));
    int w = 0 ? await(narrow(big)) : await(step(a));
    return r + s + u + w;
}

/* A folded equality in parentheses from a macro: asyncc drops the parentheses of an `if`'s
 * equality (they would warn -Wparentheses-equality there), and with them the rewrite that keeps
 * it folded once `&a` is a frame member's address (csmith seed 103435, small:
 * `if (((void*)0 == &p_14))`, -Wtautological-constant-compare in the arm). */
#define SAME(x, y) ((x) == (y))
static int glob;

async static int folded_equality(int a)
{
    int sum = a;
    if (SAME(&glob, &a)) {
        int past[2] = {0, 0};
        sum += await(step(6));
        past[2] = sum; /* never runs */
        sum += past[0];
    }
    sum += await(step(7));
    return sum;
}

/* A dead arm a goto enters still resumes there. */
async static int entered(int a)
{
    int sum = 0;
    if (a > 0)
        goto inside;
    if (0) {
    inside:
        sum += await(step(5));
    }
    return sum;
}

/* Awaits after a statement that never ends (csmith seed 100551, small: `if (l_9) break;` of a
 * const l_9 with a constant initializer, then a loop of awaits): clang's CFG drops what follows
 * it in its block, but the dispatch's cases reached it. After a `break` of a switch, the next
 * case still enters. */
async static int after_exit(int a)
{
    const int stop = 1;
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        sum += await(step(i));
        if (stop)
            break;
        for (int j = 0; j < 2; j++) {
            int past[2] = {0, 0};
            sum += await(step(j));
            past[2] = sum; /* never runs */
            sum += past[0];
        }
    }
    switch (a) {
    case 1:
        sum += 10;
        break;
        sum += await(step(100)); /* never runs */
        break;
    case 2:
        sum += await(step(20));
        break;
    }
    return sum;
}

/* The arm a constant condition never takes, entered by a goto: control goes on after the `if`,
 * and the await there runs. */
async static int exit_arm_entered(int a)
{
    int sum = 0;
    if (a > 0)
        goto inside;
    if (1) {
        sum += 1;
        return sum;
    } else {
    inside:
        sum += 2;
    }
    sum += await(step(30));
    return sum;
}

async int main(void)
{
    // CHECK: 12 24 5 0 calls 3
    int a = await(dead_then(10)), b = await(dead_else(10)), c = await(entered(1)), d = await(entered(0));
    printf("%d %d %d %d calls %d\n", a, b, c, d, calls);
    // CHECK: 10 20 calls 6
    a = await(after_exit(1));
    b = await(after_exit(2));
    printf("%d %d calls %d\n", a, b, calls);
    // CHECK: 32 1 calls 7
    a = await(exit_arm_entered(1));
    b = await(exit_arm_entered(0));
    printf("%d %d calls %d\n", a, b, calls);
    // CHECK: 6 calls 8
    a = await(await_in_comma(6));
    printf("%d calls %d\n", a, calls);
    // CHECK: 15 calls 9
    a = await(dead_operands(7));
    printf("%d calls %d\n", a, calls);
    // CHECK: 15 calls 10
    a = await(folded_equality(8));
    printf("%d calls %d\n", a, calls);
    return 0;
}
