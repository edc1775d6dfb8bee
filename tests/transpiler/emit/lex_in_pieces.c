// The preprocessed text is lexed as it comes from the preprocessor, piece by piece
// (transpiler/pp.c: pp_finish_lexed; tokens.c: tk_lex_part): a token that ends near a piece's
// end is lexed again with the next piece. ASYNCC_CHECK_LEX=1 takes the text 61 bytes at a time
// and stops on any token that differs from a lexing of the whole text; the output is the same
// with the check or without, and the program runs. Tokens in every shape that looks past its
// end: comments over many lines, directives continued on the next line, strings with escapes
// and prefixes, digraphs, numbers with exponents, three-character punctuators, line
// continuations in code.
// RUN: env ASYNCC_CHECK_LEX=1 %asyncc --emit=c --lines %s > %t.checked.c
// RUN: %asyncc --emit=c --lines %s > %t.c
// RUN: cmp %t.checked.c %t.c
// RUN: env ASYNCC_CHECK_LEX=1 ASYNCC_SPLIT_MIN=1 %asyncc --emit=c --lines %s > %t.split.c
// RUN: cmp %t.split.c %t.c
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* A comment over lines, with what looks like its end in a string: "*\/" and a quote " and
 * slashes // and a star * / and more lines to go past several pieces of 61 bytes each, so that
 * the lexer meets its end in a piece of its own ................................. the end */
#pragma GCC diagnostic push \
    /* a directive continued on the next line */
#pragma GCC diagnostic pop

static const char *words[] = {"a \"quoted\" word", "tab\tand\\backslash", u8"utf-8", "//not a comment",
                              "/* nor this */", "x\
y"};
static const wchar_t *wide = L"wide";
static int sum(int n, ...) { return n; }
static const double numbers[] = {1e+5, 2.5E-3, 0x1p-3, 0x1.8P+1, .5, 1.};

async int step(int x)
{
    await(ac_yield());
    return x;
}

async int run(void)
{
    int a<::> = {1, 2, 3};
    int acc = 0;
    acc += await(step(a<:1:>));      // a line comment that ends a line
    acc <<= 2; acc >>= 1;            /* <<= and >>= */
    acc += await(step((int)strlen(words[0]))) + \
        await(step(3));
    for (int i = 0; i < 3; i++) <%
        acc += a[i] > 0 ? a[i] : 0;
    %>
    acc += (int)numbers[4 % 6] + (int)(numbers[0] / 1e5) + (int)wide[0];
    return acc + (int)strlen(words[5]) + sum(1, 2, 3);
}

async int main(void)
{
    printf("%d\n", await(run()));
    return 0;
}
// CHECK: 151
// CHECK-NEXT: exit: 0
