// Indentation that mixes tabs and spaces: the output's lines of an async body keep the user's
// leading whitespace. The preprocessor wrote one space for each byte of it, tabs too, so
// `\t\treturn 0;` under an unbraced `if` landed in the column of a statement after it indented
// with two spaces, and -Wmisleading-indentation (clang -Wall, run.sh's -Werror) failed the
// output of a source that reads clearly (xz, pcre2).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: grep -c "^		return " %t.c | %FileCheck %s --check-prefix=TAB
// RUN: grep -c "^		\*out = escape;$" %t.c | %FileCheck %s --check-prefix=TAB
// TAB: 1
#include <asyncc.h>
#include <stdio.h>

#define TWICE(v) ((v) * 2)

async int step(int x)
{
	await(ac_yield());
	return x + 1;
}

/* xz: tabs, and one statement after an if indented with two spaces */
async int f(int x)
{
	x = await(step(x));
	if (x < 0)
		return 0;
  x = TWICE(x);
	return x;
}

/* pcre2: no indentation, and a statement after an if indented with two tabs */
async static int set_escape(unsigned *out, unsigned escape)
{
await(ac_yield());
if (escape > 255)
  return -1;
		*out = escape;
return 0;
}

/* a statement over several lines, and tabs after spaces */
async int g(int a, int b)
{
    int s = await(step(a)) +
	    await(step(b));
    for (int i = 0; i < 2; i++)
    	s += await(step(i));
  	if (s > 100)
	    s = 100;
    return s;
}

async int main(void)
{
	unsigned e = 0;
	int r = await(set_escape(&e, 42));
	printf("%d %u %d %d\n", r, e, await(f(1)), await(g(1, 2)));
	// CHECK: 0 42 4 8
	return 0;
}
