/* C that gcc compiles and clang 14 refuses, in a file without async code (tests/transpiler/run/
 * plain_bodies_clang_refuses.c). */
static int legacy(int n)
{
    int twice(int v) { return 2 * v; }
    if (n < 0)
        return;
    return twice(n);
}

int use_legacy(int n)
{
    return legacy(n);
}
