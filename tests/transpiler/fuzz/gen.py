#!/usr/bin/env python3
"""gen.py SEED: prints a random async C program for the differential test (fuzz/run.py).

Functions mix loops, switches with fallthrough, gotos, shadowed locals, early returns, awaits
as statements, in initializers, in conditions, under && || ?: and as arguments. About a third
never yield themselves (they await earlier functions only): those whose callees never suspend
either are lowered to plain C twins, and awaits of them to direct calls. Every
expression is free of undefined behaviour (values stay small) and holds awaits only where C
fixes the order, so the transpiled program and its sequential build must print the same."""
import random
import sys

MOD = 10007


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.nvar = 0
        self.nlabel = 0
        self.fn = 0  # index of the function being written; it may await f0..f(fn-1)
        self.counters = set()  # loop counters: never assigned in their loop, so loops end
        self.seed = seed
        self.quiet = False  # the function being written never awaits ac_yield()

    def line(self, depth, text):
        self.out.append("    " * depth + text)

    def var(self, scope):
        return self.r.choice(scope) if scope else str(self.r.randint(0, 9))

    def simple(self, scope, depth=0):
        r = self.r.random()
        if depth > 2 or r < 0.3:
            return self.var(scope) if self.r.random() < 0.7 else str(self.r.randint(0, 99))
        op = self.r.choice(["+", "-", "*", "%", "^", "&", "|"])
        a, b = self.simple(scope, depth + 1), self.simple(scope, depth + 1)
        if op == "%":
            return f"(({a}) % (({b}) % 7 + 8))"
        if op in "^&|":
            return f"((({a}) {op} ({b})) % {MOD})"
        return f"((({a}) {op} ({b})) % {MOD})"

    def combinator(self, scope):
        """An await of a combinator over a call of an earlier function, whose result lands in the
        function's `w` and is the expression's value. Each is one whose outcome the sequential
        build gives too: the call wins the select against a sleep that never ends, finishes
        within the timeout, and its join partner is a yield that prints nothing."""
        callee = self.r.randrange(self.fn)
        call = f"w = f{callee}({self.simple(scope)}, {self.expr(scope) if self.r.random() < 0.2 else self.simple(scope)})"
        k = self.r.randrange(6)
        if k == 0:
            return f"(await(ac_select({call}, ac_sleep_ms(100000))), w)"
        if k == 1:
            return f"(await(ac_select({call}, ac_sleep_ms(100000))) == 0 ? w : -1)"
        if k == 2:
            return f"(await(ac_timeout(100000, {call})) == -ETIMEDOUT ? -2 : w)"
        if k == 3:
            return f"(await(ac_timeout(100000, {call})) ? -3 : w)"
        if k == 4:
            return f"(await(ac_join({call}, ac_yield())), w)"
        return f"(await(ac_try_join({call})) < 0 ? -w : w)"

    def awaited(self, scope):
        """One await: of an earlier function, of a combinator over one, or of a yield wrapped in
        a comma."""
        if self.fn > 0 and not self.quiet and self.r.random() < 0.2:
            return self.combinator(scope)
        if self.fn > 0 and (self.r.random() < 0.7 or self.quiet):
            callee = self.r.randrange(self.fn)
            return f"await(f{callee}({self.simple(scope)}, {self.simple(scope)}))"
        if self.quiet:
            return f"({self.simple(scope)})"
        return f"(await(ac_yield()), {self.simple(scope)})"

    def expr(self, scope):
        """An expression with at most one await outside short-circuit and conditional arms."""
        r = self.r.random()
        if r < 0.35:
            return self.simple(scope)
        if r < 0.6:
            return f"(({self.awaited(scope)} + {self.simple(scope)}) % {MOD})"
        if r < 0.7:
            return f"(({self.simple(scope)} % 3 == 0) && ({self.awaited(scope)} % 2 == 0))"
        if r < 0.8:
            return f"(({self.simple(scope)} % 2 == 0) || ({self.awaited(scope)} % 3 == 1))"
        if r < 0.9:
            return f"({self.simple(scope)} % 2 ? {self.awaited(scope)} : {self.awaited(scope)})"
        return f"({self.simple(scope)}, {self.awaited(scope)})"

    def new_var(self):
        self.nvar += 1
        return f"v{self.nvar}"

    def block(self, depth, scope, budget, in_loop, in_switch):
        scope = list(scope)
        # Names declared in this very block may not be declared again in it; a function's
        # outermost block shares its scope with the parameters.
        self.locals = ["a", "b"] if depth == 1 else []
        saved = getattr(self, "locals_stack", [])
        self.locals_stack = saved + [self.locals]
        n = self.r.randint(1, 4)
        for _ in range(n):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            self.stmt(depth, scope, budget, in_loop, in_switch)
        self.locals_stack = saved
        self.locals = saved[-1] if saved else []
        return scope

    def stmt(self, depth, scope, budget, in_loop, in_switch):
        r = self.r.random()
        if r < 0.18 or not scope:
            v = self.new_var()
            outer = [x for x in scope if x not in self.locals and x not in self.counters]
            if outer and self.r.random() < 0.15:
                v = self.r.choice(outer)  # shadows an outer local of the same name
            # In C the new name is in scope in its own initializer: keep it out of it.
            self.line(depth, f"int {v} = {self.expr([x for x in scope if x != v])};")
            self.locals.append(v)
            scope.append(v)
        elif r < 0.22 and scope:
            # an array, a struct and a pointer to a local, all used across awaits
            kind = self.r.randrange(3)
            v = self.new_var()
            if kind == 0:
                self.line(depth, f"int {v}[3] = {{{self.simple(scope)}, {self.expr(scope)}, 3}};")
                self.line(depth, f"{v}[({self.simple(scope)} % 3 + 3) % 3] += {self.expr(scope)} % 100;")
                self.line(depth, f'printf("arr %d %d %d\\n", {v}[0], {v}[1], {v}[2]);')
            elif kind == 1:
                self.line(depth, f"struct pair {v} = {{.y = {self.simple(scope)}, .x = {self.expr(scope)}}};")
                self.line(depth, f"{v}.x = ({v}.x + {self.expr(scope)}) % {MOD};")
                self.line(depth, f'printf("pair %d %d\\n", {v}.x, {v}.y);')
            else:
                target = self.r.choice([x for x in scope if x not in self.counters] or ["a"])
                self.line(depth, f"int *{v} = &{target};")
                self.line(depth, ";" if self.quiet else "await(ac_yield());")
                self.line(depth, f"*{v} = (*{v} + {self.expr(scope)}) % {MOD};")
                self.line(depth, f'printf("ptr %d\\n", {target});')
        elif r < 0.32 and [x for x in scope if x not in self.counters]:
            v = self.r.choice([x for x in scope if x not in self.counters])
            op = self.r.choice(["=", "+=", "^="])
            self.line(depth, f"{v} {op} {self.expr(scope)};")
            self.line(depth, f"{v} %= {MOD};")
        elif r < 0.40:
            self.line(depth, f'printf("%d\\n", {self.expr(scope)});')
        elif r < 0.46:
            self.line(depth, ";" if self.quiet else "await(ac_yield());")
        elif r < 0.56 and depth < 5:
            self.line(depth, f"if ({self.expr(scope)}) {{")
            self.block(depth + 1, scope, budget, in_loop, in_switch)
            if self.r.random() < 0.5:
                self.line(depth, "} else {")
                self.block(depth + 1, scope, budget, in_loop, in_switch)
            self.line(depth, "}")
        elif r < 0.64 and depth < 5:
            i = self.new_var()
            self.counters.add(i)
            bound = self.r.randint(1, 4)
            cond = f"{i} < {bound}"
            if self.r.random() < 0.3:
                cond = f"{i} < {bound} && {self.awaited(scope)} >= -{MOD}"
            self.line(depth, f"for (int {i} = 0; {cond}; {i}++) {{")
            self.block(depth + 1, scope + [i], budget, True, False)
            if self.r.random() < 0.3:
                self.line(depth + 1, f"if ({i} == {bound - 1}) continue;")
            self.line(depth, "}")
        elif r < 0.70 and depth < 5:
            c = self.new_var()
            self.counters.add(c)
            self.line(depth, f"int {c} = 0;")
            self.locals.append(c)
            scope.append(c)
            self.line(depth, f"while ({c} < {self.r.randint(1, 3)}) {{")
            self.line(depth + 1, f"{c}++;")
            self.block(depth + 1, scope, budget, True, False)
            self.line(depth, "}")
        elif r < 0.75 and depth < 5:
            c = self.new_var()
            self.counters.add(c)
            self.line(depth, f"int {c} = 0;")
            self.locals.append(c)
            scope.append(c)
            self.line(depth, "do {")
            self.line(depth + 1, f"{c}++;")
            self.block(depth + 1, scope, budget, True, False)
            self.line(depth, f"}} while ({c} < 2 && {self.awaited(scope)} != -1);")
        elif r < 0.82 and depth < 5:
            self.line(depth, f"switch ((({self.expr(scope)}) % 4 + 4) % 4) {{")
            for case in range(3):
                self.line(depth, f"case {case}: {{")
                self.block(depth + 1, scope, budget, in_loop, True)
                if self.r.random() < 0.6:
                    self.line(depth + 1, "break;")
                self.line(depth, "}")
            self.line(depth, "default:")
            self.line(depth + 1, f'printf("default %d\\n", {self.simple(scope)});')
            self.line(depth, "}")
        elif r < 0.86 and depth < 5:
            self.nlabel += 1
            label = f"skip{self.nlabel}"
            self.line(depth, "{")
            self.line(depth + 1, f"if ({self.expr(scope)} % 3 == 0) goto {label};")
            self.block(depth + 1, scope, budget, in_loop, in_switch)
            self.line(depth, f"{label}:;")
            self.line(depth, "}")
        elif r < 0.90 and in_loop:
            self.line(depth, f"if ({self.simple(scope)} % 5 == 0) break;")
        elif r < 0.93 and depth > 1:
            self.line(depth, f"if ({self.simple(scope)} % 7 == 0) return {self.expr(scope)};")
        else:
            self.line(depth, "{")
            self.block(depth + 1, scope, budget, in_loop, in_switch)
            self.line(depth, "}")

    def program(self):
        self.out += ["#include <asyncc.h>", "#include <errno.h>", "#include <stdio.h>", "", "struct pair {", "    int x, y;", "};", ""]
        nfn = self.r.randint(2, 5)
        for k in range(nfn):
            self.fn = k
            # its own generator, so that the other functions stay as they were
            self.quiet = random.Random(self.seed * 1000 + k).random() < 0.35
            self.out.append(f"async int f{k}(int a, int b)")
            self.out.append("{")
            budget = [self.r.randint(8, 25)]
            self.line(1, "int w = 0; /* what a combinator's call returned */")
            scope = self.block(1, ["a", "b"], budget, False, False)
            self.line(1, "(void)w;")
            self.line(1, f'printf("f{k} %d\\n", {self.simple(scope)});')
            self.line(1, f"return {self.expr(scope)};")
            self.out.append("}")
            self.out.append("")
        self.fn = nfn
        self.quiet = False
        self.out.append("async int main(void)")
        self.out.append("{")
        for k in range(nfn):
            self.line(1, f'printf("main %d\\n", await(f{k}({k}, {k * 7 + 1})));')
        self.line(1, "return 0;")
        self.out.append("}")
        return "\n".join(self.out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(Gen(int(sys.argv[1])).program())
