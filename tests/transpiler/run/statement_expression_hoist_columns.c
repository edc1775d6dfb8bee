// A statement expression with an await, as an operand of operators whose awaits are hoisted
// (`||` and `&&`, `?:`, GNU `?:`, the comma), indented with tabs: the hoists around it indent
// their operands by 4 and go back by 4 after, and the statement expression's block moved the
// column to its own and left it there, so the hoists took 4 off a column smaller than their sum.
// Below 0 it wrapped: asyncc wrote 4 GB of blanks (GNU patch 2.7.6 made async, its
// `|| ({ ... })` four levels in, indented with tabs). Now the code after the block is at the
// column it had before. Before the fix asyncc was killed on this file (its output growing past
// memory); the same shapes around `?:`, GNU `?:` and the comma follow.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static async int id(int x)
{
    await(ac_yield());
    return x;
}

static async int chains(int skip, int merge, int where)
{
	int n = 0;
	if (skip
		|| (merge
		    && (where
			|| ({ int v = await(id(where)); v; }))))
		n = 1;
	if (!skip
		&& (!merge
		    || (where
			&& ({ int v = await(id(where - 1)); v; }))))
		n += 10;
	return n;
}

static async int arms(int c)
{
	int a = c
		? (c > 1
		   ? ({ int v = await(id(c)); v * 2; })
		   : ({ int v = await(id(c)); v + 5; }))
		: 0;
	int b = c
		?: (c
		    ?: ({ int v = await(id(7)); v; }));
	int d = (c
		, (a
		   , ({ int v = await(id(a + b)); v; })));
	return a * 100 + b * 10 + d;
}

async int main(void)
{
	printf("%d %d %d %d\n", await(chains(0, 1, 0)), await(chains(0, 1, 2)), await(chains(1, 0, 0)),
	       await(chains(0, 0, 1)));
	// CHECK: 0 11 1 10
	printf("%d %d %d\n", await(arms(0)), await(arms(1)), await(arms(2)));
	// CHECK: 77 617 426
	return 0;
}
