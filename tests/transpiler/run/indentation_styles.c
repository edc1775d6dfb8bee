// Indentation is not meaning: statements written at column 0, with tabs, all on one line, in
// K&R and GNU brace styles transpile to the same program (column 0 made asyncc allocate until
// it ran out of memory: the label before a resumption point went two columns left of column 1).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int leaf(int x)
{
await(ac_yield());
return x + 1;
}

async int column_zero(int n)
{
int s = 0;
for (int i = 0; i < n; i++) {
if (i % 2)
s += await(leaf(i));
else
await(ac_yield());
}
switch (n) {
case 3:
s += await(leaf(100));
break;
default:
break;
}
again:
if (s < 200) { s += await(leaf(s)); goto again; }
do s += await(leaf(0)); while (s < 300);
return s;
}
async int tabs(int n)
{
	int s = 0;
	while (n-- > 0) {
		s += await(leaf(n));
		await(ac_yield());
	}
	return s;
}

async int one_line(int n) { int s = 0; for (int i = 0; i < n; i++) { s += await(leaf(i)); await(ac_yield()); } if (s) { s *= await(leaf(1)); } return s; }

async int knr(n)
int n;
{
    int s = 0;
    while (n > 0) {
        s += await(leaf(n--));
    }
    return s;
}

async int
gnu_style (int n)
{
  int s = 0;
  for (int i = 0; i < n; i++)
    {
      if (i & 1)
        {
          s += await (leaf (i));
        }
      else
        await (ac_yield ());
    }
  return s;
}

async int main(void)
{
printf("column zero %d\n", await(column_zero(3)));
	printf("tabs %d\n", await(tabs(4)));
  printf("one line %d\n", await(one_line(3)));
    printf("k&r %d\n", await(knr(3)));
 printf("gnu %d\n", await(gnu_style(5)));
return 0;
}
// CHECK: column zero 300
// CHECK-NEXT: tabs 10
// CHECK-NEXT: one line 12
// CHECK-NEXT: k&r 9
// CHECK-NEXT: gnu 6
// CHECK-NEXT: exit: 0
