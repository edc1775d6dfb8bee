// Every position an await can take in an expression or a statement head, one small function
// each: operands of every binary operator on either side, compound assignment to locals, array
// elements, members, bit-fields and through pointers, unary operators and casts, unevaluated
// operands (sizeof, _Generic), ?: and ?:'s GNU form, arguments, initializers, compound literals,
// statement expressions, loop and switch heads, VLA sizes. Values and the order of the awaited
// calls must be the sequential build's (every case leaves C no choice of order).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
struct S { int a; int b; int bf : 5; };
static int trace[4096], ntrace;
static int g2(int a, int b) { return a * 7 - b; }
static int fa(int a, int b) { return a + b; }
static int fm(int a, int b) { return a * b; }
static int (*const fns[2])(int, int) = {fa, fm};
async int f(int x) { trace[ntrace++ % 4096] = x; if (x % 2) await(ac_yield()); return x; }
async int case0(void) { int a = 13; return a + await(f(3)); }
async int case1(void) { int a = 2; return await(f(5)) + a; }
async int case2(void) { int a = 0; return a + await(f(0)); }
async int case3(void) { int a = 13; return a - await(f(3)); }
async int case4(void) { int a = 2; return await(f(5)) - a; }
async int case5(void) { int a = 0; return a - await(f(0)); }
async int case6(void) { int a = 13; return a * await(f(3)); }
async int case7(void) { int a = 2; return await(f(5)) * a; }
async int case8(void) { int a = 0; return a * await(f(0)); }
async int case9(void) { int a = 13; return a / await(f(3)); }
async int case10(void) { int a = 2; return await(f(5)) / a; }
async int case11(void) { int a = 13; return a % await(f(3)); }
async int case12(void) { int a = 2; return await(f(5)) % a; }
async int case13(void) { int a = 13; return a << await(f(3)); }
async int case14(void) { int a = 2; return await(f(5)) << a; }
async int case15(void) { int a = 0; return a << await(f(0)); }
async int case16(void) { int a = 13; return a >> await(f(3)); }
async int case17(void) { int a = 2; return await(f(5)) >> a; }
async int case18(void) { int a = 0; return a >> await(f(0)); }
async int case19(void) { int a = 13; return a < await(f(3)); }
async int case20(void) { int a = 2; return await(f(5)) < a; }
async int case21(void) { int a = 0; return a < await(f(0)); }
async int case22(void) { int a = 13; return a > await(f(3)); }
async int case23(void) { int a = 2; return await(f(5)) > a; }
async int case24(void) { int a = 0; return a > await(f(0)); }
async int case25(void) { int a = 13; return a <= await(f(3)); }
async int case26(void) { int a = 2; return await(f(5)) <= a; }
async int case27(void) { int a = 0; return a <= await(f(0)); }
async int case28(void) { int a = 13; return a >= await(f(3)); }
async int case29(void) { int a = 2; return await(f(5)) >= a; }
async int case30(void) { int a = 0; return a >= await(f(0)); }
async int case31(void) { int a = 13; return a == await(f(3)); }
async int case32(void) { int a = 2; return await(f(5)) == a; }
async int case33(void) { int a = 0; return a == await(f(0)); }
async int case34(void) { int a = 13; return a != await(f(3)); }
async int case35(void) { int a = 2; return await(f(5)) != a; }
async int case36(void) { int a = 0; return a != await(f(0)); }
async int case37(void) { int a = 13; return a & await(f(3)); }
async int case38(void) { int a = 2; return await(f(5)) & a; }
async int case39(void) { int a = 0; return a & await(f(0)); }
async int case40(void) { int a = 13; return a ^ await(f(3)); }
async int case41(void) { int a = 2; return await(f(5)) ^ a; }
async int case42(void) { int a = 0; return a ^ await(f(0)); }
async int case43(void) { int a = 13; return a | await(f(3)); }
async int case44(void) { int a = 2; return await(f(5)) | a; }
async int case45(void) { int a = 0; return a | await(f(0)); }
async int case46(void) { int a = 13; return a && await(f(3)); }
async int case47(void) { int a = 2; return await(f(5)) && a; }
async int case48(void) { int a = 0; return a && await(f(0)); }
async int case49(void) { int a = 13; return a || await(f(3)); }
async int case50(void) { int a = 2; return await(f(5)) || a; }
async int case51(void) { int a = 0; return a || await(f(0)); }
async int case52(void) { int a = 13; return a , await(f(3)); }
async int case53(void) { int a = 2; return await(f(5)) , a; }
async int case54(void) { int a = 0; return a , await(f(0)); }
async int case55(void) { int x = 40; x += await(f(2)); return x; }
async int case56(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] += 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case57(void) { struct S s = {5, 6, 7}; s.b += await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case58(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf += await(f(1)); return p->bf; }
async int case59(void) { long v = 9; long *p = &v; *p += await(f(4)); return (int)v; }
async int case60(void) { int x = 40; x -= await(f(2)); return x; }
async int case61(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] -= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case62(void) { struct S s = {5, 6, 7}; s.b -= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case63(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf -= await(f(1)); return p->bf; }
async int case64(void) { long v = 9; long *p = &v; *p -= await(f(4)); return (int)v; }
async int case65(void) { int x = 40; x *= await(f(2)); return x; }
async int case66(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] *= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case67(void) { struct S s = {5, 6, 7}; s.b *= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case68(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf *= await(f(1)); return p->bf; }
async int case69(void) { long v = 9; long *p = &v; *p *= await(f(4)); return (int)v; }
async int case70(void) { int x = 40; x /= await(f(2)); return x; }
async int case71(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] /= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case72(void) { struct S s = {5, 6, 7}; s.b /= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case73(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf /= await(f(1)); return p->bf; }
async int case74(void) { long v = 9; long *p = &v; *p /= await(f(4)); return (int)v; }
async int case75(void) { int x = 40; x %= await(f(2)); return x; }
async int case76(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] %= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case77(void) { struct S s = {5, 6, 7}; s.b %= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case78(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf %= await(f(1)); return p->bf; }
async int case79(void) { long v = 9; long *p = &v; *p %= await(f(4)); return (int)v; }
async int case80(void) { int x = 40; x <<= await(f(2)); return x; }
async int case81(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] <<= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case82(void) { struct S s = {5, 6, 7}; s.b <<= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case83(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf <<= await(f(1)); return p->bf; }
async int case84(void) { long v = 9; long *p = &v; *p <<= await(f(4)); return (int)v; }
async int case85(void) { int x = 40; x >>= await(f(2)); return x; }
async int case86(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] >>= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case87(void) { struct S s = {5, 6, 7}; s.b >>= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case88(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf >>= await(f(1)); return p->bf; }
async int case89(void) { long v = 9; long *p = &v; *p >>= await(f(4)); return (int)v; }
async int case90(void) { int x = 40; x &= await(f(2)); return x; }
async int case91(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] &= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case92(void) { struct S s = {5, 6, 7}; s.b &= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case93(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf &= await(f(1)); return p->bf; }
async int case94(void) { long v = 9; long *p = &v; *p &= await(f(4)); return (int)v; }
async int case95(void) { int x = 40; x ^= await(f(2)); return x; }
async int case96(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] ^= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case97(void) { struct S s = {5, 6, 7}; s.b ^= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case98(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf ^= await(f(1)); return p->bf; }
async int case99(void) { long v = 9; long *p = &v; *p ^= await(f(4)); return (int)v; }
async int case100(void) { int x = 40; x |= await(f(2)); return x; }
async int case101(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] |= 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case102(void) { struct S s = {5, 6, 7}; s.b |= await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case103(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf |= await(f(1)); return p->bf; }
async int case104(void) { long v = 9; long *p = &v; *p |= await(f(4)); return (int)v; }
async int case105(void) { int x = 40; x = await(f(2)); return x; }
async int case106(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4] = 3; return arr[0]*1000+arr[1]*100+arr[2]*10+arr[3]; }
async int case107(void) { struct S s = {5, 6, 7}; s.b = await(f(1)); return s.a*100+s.b*10+s.bf; }
async int case108(void) { struct S s = {5, 6, 3}; struct S *p = &s; p->bf = await(f(1)); return p->bf; }
async int case109(void) { long v = 9; long *p = &v; *p = await(f(4)); return (int)v; }
async int case110(void) { return -await(f(3)); }
async int case111(void) { return !await(f(3)); }
async int case112(void) { return ~await(f(3)); }
async int case113(void) { return (unsigned char)(await(f(3)) + 300); }
async int case114(void) { int n = sizeof(await(f(3))); return n; }
async int case115(void) { int arr[8] = {0}; int *q = &arr[await(f(2)) % 8]; *q = 5; return (int)(q - arr) * 10 + arr[2 % 8]; }
async int case116(void) { int arr[4] = {1,2,3,4}; arr[await(f(1)) % 4]++; return arr[1] + arr[3]*10; }
async int case117(void) { int arr[4] = {1,2,3,4}; ++arr[await(f(2)) % 4]; return arr[2]; }
async int case118(void) { int arr[4] = {1,2,3,4}; int r = arr[await(f(2)) % 4]--; return r * 10 + arr[2]; }
async int case119(void) { int k = 1; return k ? await(f(4)) : 99; }
async int case120(void) { int k = 0; return k ? 99 : await(f(4)); }
async int case121(void) { return await(f(0)) ? 11 : 22; }
async int case122(void) { return await(f(7)) ?: 33; }
async int case123(void) { return await(f(0)) ?: await(f(8)); }
async int case124(void) { return g2(await(f(1)), 10); }
async int case125(void) { return g2(10, await(f(1))); }
async int case126(void) { return fns[await(f(1)) & 1](3, 4); }
async int case127(void) { return (struct S){await(f(1)), 2, 3}.a + (struct S){1, await(f(2)), 3}.b; }
async int case128(void) { int a[3] = {await(f(1)), [2] = await(f(2))}; return a[0]*100 + a[1]*10 + a[2]; }
async int case129(void) { struct S v = {.b = await(f(3)), .a = 1}; return v.a * 10 + v.b; }
async int case130(void) { return ({ int t = await(f(2)); t + 1; }) * 2; }
async int case131(void) { return 5 + ({ int t = await(f(2)); t; }); }
async int case132(void) { return _Generic(await(f(3)), int: 7, default: 8); }
async int case133(void) { int s = 0; for (int i = await(f(0)), j = 0; i < await(f(3)) % 7; i += 1 + await(f(0)) % 2, j++) s += i * j; return s; }
async int case134(void) { int s = 0, i = 0; while (await(f(i)) % 5 != 0 && i < 10) s += i++; return s; }
async int case135(void) { int s = 0, i = 0; do { s += i; } while (++i < await(f(2)) % 9); return s; }
async int case136(void) { switch (await(f(2)) % 3) { case 0: return 1; case 1: return 2; default: return 3; } }
async int case137(void) { if (await(f(3)) > 5) return 1; else if (await(f(4)) > 5) return 2; return 3; }
async int case138(void) { return await(f(await(f(2)) % 6)); }
async int case139(void) { int n = await(f(2)) % 5 + 1; int v[n]; for (int i = 0; i < n; i++) v[i] = i; return v[n-1] + (int)sizeof v; }
async int case140(void) { double d = 1.5; d *= await(f(2)); return (int)(d * 10); }
async int case141(void) { unsigned char u = 250; u += await(f(3)); return u; }
async int case142(void) { long long L = 1LL << 40; L += await(f(1)); return (int)(L >> 30); }
async int case143(void) { _Bool b = await(f(2)); return b + 10; }
async int case144(void) { struct S s = {1, 2, 3}, t; t = s; t.a = await(f(2)); return s.a * 10 + t.a; }
async int case145(void) { int x = 5; return (x += await(f(1)), x *= 2, x); }
async int case146(void) { int x = 1; return x++ + await(f(1)); }
async int case147(void) { static int calls; calls += await(f(1)); return calls; }
async int case148(void) { int m[2][3] = {{1,2,3},{4,5,6}}; return m[await(f(1)) % 2][await(f(2)) % 3]; }
async int case149(void) { return (await(f(1)) > 0) + (await(f(0)) > 0) * 2 + (await(f(2)) == 2) * 4; }
async int case150(void) { int a = 7; return a > 3 && await(f(a)) < 100 || await(f(1)) == 0; }
async int case151(void) { int a = 0; return a > 3 && await(f(a)) < 100 || await(f(1)) == 0; }
async int case152(void) { int r = 0; goto L; r = await(f(9)); L: r += await(f(1)); return r; }
async int case153(void) { return (int)(long)(char *)(long)(0 + await(f(3))); }
async int case154(void) { return __builtin_expect(await(f(4)), 1) + __builtin_constant_p(await(f(2))); }
async int main(void) {
    { int r = await(case0()); printf("case0 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case1()); printf("case1 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case2()); printf("case2 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case3()); printf("case3 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case4()); printf("case4 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case5()); printf("case5 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case6()); printf("case6 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case7()); printf("case7 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case8()); printf("case8 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case9()); printf("case9 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case10()); printf("case10 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case11()); printf("case11 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case12()); printf("case12 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case13()); printf("case13 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case14()); printf("case14 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case15()); printf("case15 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case16()); printf("case16 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case17()); printf("case17 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case18()); printf("case18 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case19()); printf("case19 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case20()); printf("case20 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case21()); printf("case21 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case22()); printf("case22 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case23()); printf("case23 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case24()); printf("case24 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case25()); printf("case25 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case26()); printf("case26 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case27()); printf("case27 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case28()); printf("case28 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case29()); printf("case29 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case30()); printf("case30 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case31()); printf("case31 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case32()); printf("case32 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case33()); printf("case33 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case34()); printf("case34 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case35()); printf("case35 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case36()); printf("case36 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case37()); printf("case37 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case38()); printf("case38 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case39()); printf("case39 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case40()); printf("case40 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case41()); printf("case41 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case42()); printf("case42 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case43()); printf("case43 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case44()); printf("case44 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case45()); printf("case45 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case46()); printf("case46 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case47()); printf("case47 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case48()); printf("case48 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case49()); printf("case49 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case50()); printf("case50 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case51()); printf("case51 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case52()); printf("case52 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case53()); printf("case53 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case54()); printf("case54 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case55()); printf("case55 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case56()); printf("case56 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case57()); printf("case57 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case58()); printf("case58 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case59()); printf("case59 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case60()); printf("case60 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case61()); printf("case61 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case62()); printf("case62 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case63()); printf("case63 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case64()); printf("case64 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case65()); printf("case65 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case66()); printf("case66 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case67()); printf("case67 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case68()); printf("case68 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case69()); printf("case69 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case70()); printf("case70 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case71()); printf("case71 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case72()); printf("case72 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case73()); printf("case73 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case74()); printf("case74 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case75()); printf("case75 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case76()); printf("case76 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case77()); printf("case77 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case78()); printf("case78 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case79()); printf("case79 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case80()); printf("case80 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case81()); printf("case81 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case82()); printf("case82 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case83()); printf("case83 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case84()); printf("case84 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case85()); printf("case85 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case86()); printf("case86 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case87()); printf("case87 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case88()); printf("case88 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case89()); printf("case89 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case90()); printf("case90 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case91()); printf("case91 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case92()); printf("case92 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case93()); printf("case93 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case94()); printf("case94 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case95()); printf("case95 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case96()); printf("case96 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case97()); printf("case97 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case98()); printf("case98 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case99()); printf("case99 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case100()); printf("case100 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case101()); printf("case101 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case102()); printf("case102 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case103()); printf("case103 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case104()); printf("case104 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case105()); printf("case105 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case106()); printf("case106 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case107()); printf("case107 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case108()); printf("case108 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case109()); printf("case109 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case110()); printf("case110 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case111()); printf("case111 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case112()); printf("case112 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case113()); printf("case113 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case114()); printf("case114 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case115()); printf("case115 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case116()); printf("case116 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case117()); printf("case117 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case118()); printf("case118 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case119()); printf("case119 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case120()); printf("case120 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case121()); printf("case121 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case122()); printf("case122 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case123()); printf("case123 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case124()); printf("case124 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case125()); printf("case125 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case126()); printf("case126 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case127()); printf("case127 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case128()); printf("case128 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case129()); printf("case129 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case130()); printf("case130 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case131()); printf("case131 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case132()); printf("case132 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case133()); printf("case133 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case134()); printf("case134 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case135()); printf("case135 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case136()); printf("case136 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case137()); printf("case137 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case138()); printf("case138 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case139()); printf("case139 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case140()); printf("case140 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case141()); printf("case141 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case142()); printf("case142 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case143()); printf("case143 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case144()); printf("case144 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case145()); printf("case145 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case146()); printf("case146 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case147()); printf("case147 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case148()); printf("case148 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case149()); printf("case149 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case150()); printf("case150 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case151()); printf("case151 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case152()); printf("case152 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case153()); printf("case153 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    { int r = await(case154()); printf("case154 %d trace", r); for (int k = 0; k < ntrace; k++) printf(" %d", trace[k]); printf("\n"); ntrace = 0; }
    return 0;
}

// CHECK: case0 16 trace 3{{$}}
// CHECK-NEXT: case1 7 trace 5{{$}}
// CHECK-NEXT: case2 0 trace 0{{$}}
// CHECK-NEXT: case3 10 trace 3{{$}}
// CHECK-NEXT: case4 3 trace 5{{$}}
// CHECK-NEXT: case5 0 trace 0{{$}}
// CHECK-NEXT: case6 39 trace 3{{$}}
// CHECK-NEXT: case7 10 trace 5{{$}}
// CHECK-NEXT: case8 0 trace 0{{$}}
// CHECK-NEXT: case9 4 trace 3{{$}}
// CHECK-NEXT: case10 2 trace 5{{$}}
// CHECK-NEXT: case11 1 trace 3{{$}}
// CHECK-NEXT: case12 1 trace 5{{$}}
// CHECK-NEXT: case13 104 trace 3{{$}}
// CHECK-NEXT: case14 20 trace 5{{$}}
// CHECK-NEXT: case15 0 trace 0{{$}}
// CHECK-NEXT: case16 1 trace 3{{$}}
// CHECK-NEXT: case17 1 trace 5{{$}}
// CHECK-NEXT: case18 0 trace 0{{$}}
// CHECK-NEXT: case19 0 trace 3{{$}}
// CHECK-NEXT: case20 0 trace 5{{$}}
// CHECK-NEXT: case21 0 trace 0{{$}}
// CHECK-NEXT: case22 1 trace 3{{$}}
// CHECK-NEXT: case23 1 trace 5{{$}}
// CHECK-NEXT: case24 0 trace 0{{$}}
// CHECK-NEXT: case25 0 trace 3{{$}}
// CHECK-NEXT: case26 0 trace 5{{$}}
// CHECK-NEXT: case27 1 trace 0{{$}}
// CHECK-NEXT: case28 1 trace 3{{$}}
// CHECK-NEXT: case29 1 trace 5{{$}}
// CHECK-NEXT: case30 1 trace 0{{$}}
// CHECK-NEXT: case31 0 trace 3{{$}}
// CHECK-NEXT: case32 0 trace 5{{$}}
// CHECK-NEXT: case33 1 trace 0{{$}}
// CHECK-NEXT: case34 1 trace 3{{$}}
// CHECK-NEXT: case35 1 trace 5{{$}}
// CHECK-NEXT: case36 0 trace 0{{$}}
// CHECK-NEXT: case37 1 trace 3{{$}}
// CHECK-NEXT: case38 0 trace 5{{$}}
// CHECK-NEXT: case39 0 trace 0{{$}}
// CHECK-NEXT: case40 14 trace 3{{$}}
// CHECK-NEXT: case41 7 trace 5{{$}}
// CHECK-NEXT: case42 0 trace 0{{$}}
// CHECK-NEXT: case43 15 trace 3{{$}}
// CHECK-NEXT: case44 7 trace 5{{$}}
// CHECK-NEXT: case45 0 trace 0{{$}}
// CHECK-NEXT: case46 1 trace 3{{$}}
// CHECK-NEXT: case47 1 trace 5{{$}}
// CHECK-NEXT: case48 0 trace{{$}}
// CHECK-NEXT: case49 1 trace{{$}}
// CHECK-NEXT: case50 1 trace 5{{$}}
// CHECK-NEXT: case51 0 trace 0{{$}}
// CHECK-NEXT: case52 3 trace 3{{$}}
// CHECK-NEXT: case53 2 trace 5{{$}}
// CHECK-NEXT: case54 0 trace 0{{$}}
// CHECK-NEXT: case55 42 trace 2{{$}}
// CHECK-NEXT: case56 1534 trace 1{{$}}
// CHECK-NEXT: case57 577 trace 1{{$}}
// CHECK-NEXT: case58 4 trace 1{{$}}
// CHECK-NEXT: case59 13 trace 4{{$}}
// CHECK-NEXT: case60 38 trace 2{{$}}
// CHECK-NEXT: case61 934 trace 1{{$}}
// CHECK-NEXT: case62 557 trace 1{{$}}
// CHECK-NEXT: case63 2 trace 1{{$}}
// CHECK-NEXT: case64 5 trace 4{{$}}
// CHECK-NEXT: case65 80 trace 2{{$}}
// CHECK-NEXT: case66 1634 trace 1{{$}}
// CHECK-NEXT: case67 567 trace 1{{$}}
// CHECK-NEXT: case68 3 trace 1{{$}}
// CHECK-NEXT: case69 36 trace 4{{$}}
// CHECK-NEXT: case70 20 trace 2{{$}}
// CHECK-NEXT: case71 1034 trace 1{{$}}
// CHECK-NEXT: case72 567 trace 1{{$}}
// CHECK-NEXT: case73 3 trace 1{{$}}
// CHECK-NEXT: case74 2 trace 4{{$}}
// CHECK-NEXT: case75 0 trace 2{{$}}
// CHECK-NEXT: case76 1234 trace 1{{$}}
// CHECK-NEXT: case77 507 trace 1{{$}}
// CHECK-NEXT: case78 0 trace 1{{$}}
// CHECK-NEXT: case79 1 trace 4{{$}}
// CHECK-NEXT: case80 160 trace 2{{$}}
// CHECK-NEXT: case81 2634 trace 1{{$}}
// CHECK-NEXT: case82 627 trace 1{{$}}
// CHECK-NEXT: case83 6 trace 1{{$}}
// CHECK-NEXT: case84 144 trace 4{{$}}
// CHECK-NEXT: case85 10 trace 2{{$}}
// CHECK-NEXT: case86 1034 trace 1{{$}}
// CHECK-NEXT: case87 537 trace 1{{$}}
// CHECK-NEXT: case88 1 trace 1{{$}}
// CHECK-NEXT: case89 0 trace 4{{$}}
// CHECK-NEXT: case90 0 trace 2{{$}}
// CHECK-NEXT: case91 1234 trace 1{{$}}
// CHECK-NEXT: case92 507 trace 1{{$}}
// CHECK-NEXT: case93 1 trace 1{{$}}
// CHECK-NEXT: case94 0 trace 4{{$}}
// CHECK-NEXT: case95 42 trace 2{{$}}
// CHECK-NEXT: case96 1134 trace 1{{$}}
// CHECK-NEXT: case97 577 trace 1{{$}}
// CHECK-NEXT: case98 2 trace 1{{$}}
// CHECK-NEXT: case99 13 trace 4{{$}}
// CHECK-NEXT: case100 42 trace 2{{$}}
// CHECK-NEXT: case101 1334 trace 1{{$}}
// CHECK-NEXT: case102 577 trace 1{{$}}
// CHECK-NEXT: case103 3 trace 1{{$}}
// CHECK-NEXT: case104 13 trace 4{{$}}
// CHECK-NEXT: case105 2 trace 2{{$}}
// CHECK-NEXT: case106 1334 trace 1{{$}}
// CHECK-NEXT: case107 517 trace 1{{$}}
// CHECK-NEXT: case108 1 trace 1{{$}}
// CHECK-NEXT: case109 4 trace 4{{$}}
// CHECK-NEXT: case110 -3 trace 3{{$}}
// CHECK-NEXT: case111 0 trace 3{{$}}
// CHECK-NEXT: case112 -4 trace 3{{$}}
// CHECK-NEXT: case113 47 trace 3{{$}}
// CHECK-NEXT: case114 4 trace{{$}}
// CHECK-NEXT: case115 25 trace 2{{$}}
// CHECK-NEXT: case116 43 trace 1{{$}}
// CHECK-NEXT: case117 4 trace 2{{$}}
// CHECK-NEXT: case118 32 trace 2{{$}}
// CHECK-NEXT: case119 4 trace 4{{$}}
// CHECK-NEXT: case120 4 trace 4{{$}}
// CHECK-NEXT: case121 22 trace 0{{$}}
// CHECK-NEXT: case122 7 trace 7{{$}}
// CHECK-NEXT: case123 8 trace 0 8{{$}}
// CHECK-NEXT: case124 -3 trace 1{{$}}
// CHECK-NEXT: case125 69 trace 1{{$}}
// CHECK-NEXT: case126 12 trace 1{{$}}
// CHECK-NEXT: case127 3 trace 1 2{{$}}
// CHECK-NEXT: case128 102 trace 1 2{{$}}
// CHECK-NEXT: case129 13 trace 3{{$}}
// CHECK-NEXT: case130 6 trace 2{{$}}
// CHECK-NEXT: case131 7 trace 2{{$}}
// CHECK-NEXT: case132 7 trace{{$}}
// CHECK-NEXT: case133 5 trace 0 3 0 3 0 3 0 3{{$}}
// CHECK-NEXT: case134 0 trace 0{{$}}
// CHECK-NEXT: case135 1 trace 2 2{{$}}
// CHECK-NEXT: case136 3 trace 2{{$}}
// CHECK-NEXT: case137 3 trace 3 4{{$}}
// CHECK-NEXT: case138 2 trace 2 2{{$}}
// CHECK-NEXT: case139 14 trace 2{{$}}
// CHECK-NEXT: case140 30 trace 2{{$}}
// CHECK-NEXT: case141 253 trace 3{{$}}
// CHECK-NEXT: case142 1024 trace 1{{$}}
// CHECK-NEXT: case143 11 trace 2{{$}}
// CHECK-NEXT: case144 12 trace 2{{$}}
// CHECK-NEXT: case145 12 trace 1{{$}}
// CHECK-NEXT: case146 2 trace 1{{$}}
// CHECK-NEXT: case147 1 trace 1{{$}}
// CHECK-NEXT: case148 6 trace 1 2{{$}}
// CHECK-NEXT: case149 5 trace 1 0 2{{$}}
// CHECK-NEXT: case150 1 trace 7{{$}}
// CHECK-NEXT: case151 0 trace 1{{$}}
// CHECK-NEXT: case152 1 trace 1{{$}}
// CHECK-NEXT: case153 3 trace 3{{$}}
// CHECK-NEXT: case154 4 trace 4{{$}}
// CHECK-NEXT: exit: 0{{$}}
