// Digraphs (`<%` `%>` `<:` `:>` `%:` `%:%:`) are the punctuators they stand for: the lexer read
// `<%` as `<` and `%`, so an async function's body written `<% ... %>` kept a stray `%` in the
// output (which did not compile), and blocks, statement expressions, subscripts and directives
// spelled so were not seen for what they are. A `%:define` is a #define: its macro, used only in
// an async body, was not marked used in the output (-Wunused-macros).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wunused-macros -c %t.c -o %t.o
// RUN: %run %s %t | %FileCheck %s
%:include <asyncc.h>
%:include <stdio.h>
%:define CAT(a, b) a %:%: b

async int id(int x)
<%
    await(ac_yield());
    return x;
%>

async int digraphs(int n)
<%
    int arr<:4:> = <% 1, 2, await(id(3)), 4 %>;
    struct pt <% int x, y; %> p = <% .x = n %>;
    int CAT(to, tal) = 0;
    for (int i = 0; i < 4; i++) <%
        int *q = &arr<:i:>;
        CAT(to, tal) += *q * await(id(i));
    %>
    int v = (<% int t = await(id(n)); t * 2; %>);
    %:define TWICE(x) ((x) * 2)
    p.y = TWICE(await(id(v)));
    if (v) <% int w = await(id(1)); total += w; %> else <% total = -1; %>
    printf("%d %d %d %d %zu\n", total, v, p.x, p.y, sizeof arr);
    return arr<:2:>;
%>

async int main(void)
<%
    // CHECK: 21 10 5 20 16
    // CHECK-NEXT: result 3
    printf("result %d\n", await(digraphs(5)));
    return 0;
%>
