// A macro that stringifies an expression holding an await or a combinator after another macro
// passed it on (expanded: a wrapper of assert or of a CHECK or TRACE macro printing what it runs)
// makes the string a compiler makes of the source: asyncc's preprocessor wrote its own marker
// form, "(__asyncc_await, (f()))" for "(f())", so the program printed something else, and sizeof
// of the literal differed.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define TRACE_(e) (printf("%s = %d\n", #e, (int)(e)))
#define TRACE(e) TRACE_(e)
#define CHECK(c) ((c) ? (void)0 : (void)printf("check failed: %s\n", #c))
#define EXPECT_FIVE(e) CHECK((e) == 5)
#define AW(e) await(id(e))

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int quoted(const char *s)
{
    await(ac_yield());
    return s[0];
}

async void nothing(void)
{
    await(ac_yield());
}

async int main(void)
{
    // CHECK: (id(1)) = 1
    TRACE(await(id(1)));
    // CHECK-NEXT: (id(2)) + (id((id(3)))) = 5
    TRACE(await(id(2)) + await(id(await(id(3)))));
    // CHECK-NEXT: check failed: ((id(4))) == 5
    EXPECT_FIVE(await(id(4)));
    // CHECK-NEXT: check failed: await(id(4)) == 5
    CHECK(await(id(4)) == 5);
    // CHECK-NEXT: (quoted(")\"(")) = 41
    TRACE(await(quoted(")\"(")));
    // CHECK-NEXT: (id(6)) 8
    static const char s[] = XSTR(AW(6));
    printf("%s %zu\n", s, sizeof s);
    // CHECK-NEXT: (((void)(nothing(), nothing())))
    puts(XSTR(await(ac_join(nothing(), nothing()))));
    // CHECK-NEXT: (((void)(id(7)), (void)sizeof((void)(id(8), id(9)), 0), ac__plain_value()))
    puts(XSTR(await(ac_select(id(7), id(8), id(9)))));
    // CHECK-NEXT: (((void)(10), (void)(id(11)), ac__plain_value()))
    puts(XSTR(await(ac_timeout(10, id(11)))));
    // CHECK-NEXT: kept: (__asyncc_await, x) (__asyncc_join, a, 0) await(x)
    printf("kept: %s %s %s\n", "(__asyncc_await, x)", "(__asyncc_join, a, 0)", STR(await(x)));
    return 0;
}
