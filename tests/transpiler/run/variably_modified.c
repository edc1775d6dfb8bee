// Variably modified types in async functions: pointers to variable-length arrays, parameters
// like `int m[r][c]`, typedefs of run-time size in a block, and such declarators beside others
// (`int a = await(f()), v[n];`). A frame field cannot have such a type and a resumption may not
// jump into the scope of one: the sizes are captured when the declaration runs, as C does, and
// later changes of the variables they were computed from do not change the type.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static int width = 4;
static int freed;

static void release(int (**p)[2])
{
    free(*p);
    freed++;
}

async int id(int x)
{
    await(ac_yield());
    return x;
}

/* a 2-D parameter of run-time size: the pointer's row length is c, captured on entry */
async int sum(int r, int c, int m[r][c])
{
    int s = 0;
    c++; /* the type of m keeps the size it was declared with */
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c - 1; j++)
            s += m[i][j] * await(id(1));
    return s + (int)sizeof *m;
}

/* never suspends: lowered as a plain C function, its parameter as written */
async int corner(int r, int c, const int m[r][c])
{
    return m[r - 1][c - 1];
}

/* a pointer to rows, and a parameter that is already such a pointer */
static async long rows(int n, int (*q)[n], int count)
{
    long s = 0;
    int (*p)[n] = q, a = await(id(1)), *last = &q[count - 1][n - 1];
    n = 100;
    while (count-- > 0) {
        await(ac_yield());
        s += (*p)[0] + (long)sizeof *p;
        p++;
    }
    return s + *last + a;
}

async int local_typedefs(int n)
{
    typedef int row[width]; /* of a file-scope variable's size */
    typedef row mat[n];     /* of a parameter's, built on the first */
    width = 1;
    mat *m = malloc(sizeof *m);
    row *r = *m;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 4; j++)
            (*m)[i][j] = i * 10 + j;
    await(ac_yield());
    int t = (int)(sizeof(mat) + sizeof(row)) + r[n - 1][3] + await(id((int)(sizeof *r)));
    {
        typedef char line[t % 7 + 1];
        line *l = 0;
        await(ac_yield());
        t += (int)sizeof *l;
    }
    free(m);
    return t;
}

async int declarators(void)
{
    int n = 3, t;
    {
        /* one declarator of run-time size among others, after an await */
        int a = await(id(2)), v[n], (*p)[n] = &v, w = a + 1;
        for (int i = 0; i < n; i++)
            (*p)[i] = i * a;
        t = v[2] + w;
    }
    int x = await(id(5)), (*q)[await(id(2))] = 0;
    int k = n + 1, y[k];
    y[k - 1] = x;
    return t + y[k - 1] + (int)sizeof *q;
}

/* GNU style, a declarator over several lines, a const pointer, a cleanup, a loop variable, typeof,
 * a statement expression */
async int
styles (int n,
        int k)
{
  int (*
       p)
    [n]
    = malloc (sizeof *p * 2);
  int (*const cp)[n] = p;
  __attribute__((cleanup(release))) int (*owned)[k] = malloc(sizeof *owned);
  int t = 0;
  for (int (*it)[n] = p; it < p + 2; it++)
    {
      (*it)[n - 1] = await (id (t + 1));
      t += (*it)[n - 1];
    }
  (*owned)[0] = 7;
  __typeof__(p) again = cp + 1;
  t += ({ int (*s)[n] = again; await (id (0)); (int)sizeof *s + (*s)[n - 1]; });
  n = 1;
  await (ac_yield ());
  t += (int)sizeof *p + (int)sizeof *cp + (*owned)[0] + (int)sizeof *again;
  free (p);
  return t;
}

async int jumps(int n)
{
  int (*p)[n] = calloc(3, sizeof *p), i = 0, t = 0;
again:
  t += (int)sizeof p[i];
  if (await(id(i)) < 2) {
    i++;
    goto again;
  }
  free(p);
  return t;
}

/* assigned inside an expression that awaits (its value cannot be kept: diag/variably_modified_values) */
async int assigned(int n, int (*q)[n])
{
    int (*t)[n];
    ({ await(ac_yield()); t = q + 1; });
    return (*t)[0] + (int)sizeof *t;
}

/* a K&R definition, and layouts without spaces and with spaces everywhere */
async int kr(n, m) int n; int m[][n];
{
    await(ac_yield());
    return m[1][n - 1] + (int)sizeof m[0];
}
async int tight(int n,int(*q)[n]){int(*p)[n]=q;int t=0;await(ac_yield());t+=(*p)[n-1];return t+(int)sizeof*p;}
async int spaced(int n, int ( * q ) [ n ])
{
    int ( * p ) [ n ] = q + 1 ;
    await ( ac_yield ( ) ) ;
    return ( * p ) [ 0 ] ;
}
async int main(void)
{
    int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
    int grid[3][2] = {{1, 2}, {3, 4}, {5, 6}};
    // CHECK: sum 33 corner 6
    printf("sum %d corner %d\n", await(sum(2, 3, m)), await(corner(2, 3, m)));
    // CHECK: rows 40 assigned 11
    printf("rows %ld assigned %d\n", await(rows(2, grid, 3)), await(assigned(2, grid)));
    // CHECK: typedefs 109
    printf("typedefs %d\n", await(local_typedefs(3)));
    // CHECK: declarators 20
    printf("declarators %d\n", await(declarators()));
    // CHECK: styles 60 freed 1 jumps 60
    int st = await(styles(3, 2));
    printf("styles %d freed %d jumps %d\n", st, freed, await(jumps(5)));
    // CHECK: layouts 18 15 4
    printf("layouts %d %d %d\n", await(kr(3, m)), await(tight(3, m)), await(spaced(3, m)));
    return 0;
}
