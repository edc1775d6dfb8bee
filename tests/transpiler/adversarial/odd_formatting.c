#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
#define AW(x) await(id(x))
#define TWICE(x) (AW(x) + AW(x))
async int weird(int n)
{
	int /* c1 */ a /* c2 */ = /* c3 */ AW(n) /* c4 */ ; // trailing
#pragma GCC diagnostic push
	int unused = 3;
#pragma GCC diagnostic pop
	(void)unused;
	printf("line %d\n", __LINE__);
	if /* x */ (a
	    >
	    await(
	        id(
	            1)))
	{
		printf("line %d %d\n", __LINE__, AW(a));
	}
	_Pragma("GCC diagnostic push")
	int b = TWICE(a);
	printf("%d %d\n", b, __LINE__);
	const char *s = "await(id(1)) /* not a comment */ // nor this";
	char c = '"';
	int brace = AW('}');
	printf("%s %c %d\n", s, c, brace);
	return a + b + \
	    AW(2);
}
async int main(void)
{
	printf("%d\n", await(weird(5)));
	return 0;
}
// Adversarial: tabs, comments inside declarations and conditions, pragmas in bodies, __LINE__, line continuations, macros wrapping awaits
// RUN: %run %s %t  | %FileCheck %s
// CHECK: line 13
// CHECK-NEXT: line 20 5
// CHECK-NEXT: 10 24
// CHECK-NEXT: await(id(1)) /* not a comment */ // nor this " 125
// CHECK-NEXT: 17
// CHECK-NEXT: exit: 0
