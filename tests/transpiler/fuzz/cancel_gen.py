#!/usr/bin/env python3
"""cancel_gen.py SEED: prints a random async C program that cancels itself at every await point
(the cancellation test, fuzz/run.py --cancel).

Every block may hold a `cleanup` local whose initializer pushes its id on a stack and whose
cleanup pops it, checking that it is the top: cleanups run in reverse order of construction, each
once. Functions await yields, earlier functions and combinators, in blocks, loops, statement
expressions and switches, and leave them by break, continue, goto, return and falling off. main
runs the last function under `ac_select(f(...), stop_after(n))` for n = 0, 1, 2, ...: stop_after
yields n times and then wins, so the function is dropped at its n-th await point, until it wins
itself; then it spawns the function as a task and cancels it after n yields of its own (the task
runs on another worker meanwhile). After each drop the stack must be empty; the program prints BAD and exits non-zero on a
cleanup out of order, one left over or one run twice."""
import random
import sys

PRELUDE = r"""#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static int stack[1024], depth;
static long made, undone;

static int enter(int id)
{
    if (depth == 1024)
        exit(5);
    stack[depth++] = id;
    made++;
    return id;
}

static void leave(int *id)
{
    if (depth == 0 || stack[depth - 1] != *id) {
        printf("BAD: cleanup %d runs, the top is %d\n", *id, depth ? stack[depth - 1] : -1);
        exit(3);
    }
    depth--;
    undone++;
}

/* wins a select after n yields */
async int stop_after(int n)
{
    for (int i = 0; i < n; i++)
        await(ac_yield());
    return 0;
}
"""


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.ids = 0
        self.labels = 0
        self.fn = 0

    def line(self, depth, text):
        self.out.append("    " * depth + text)

    def guard(self):
        return f"(a + {self.r.randint(0, 6)}) % {self.r.randint(2, 5)} == 0"

    def cleanup_local(self, depth):
        self.ids += 1
        self.line(depth, f"int c{self.ids} __attribute__((cleanup(leave))) = enter({self.ids});")

    def awaited(self):
        r = self.r.random()
        if self.fn == 0 or r < 0.4:
            return "(await(ac_yield()), 1)"
        callee = f"g{self.r.randrange(self.fn)}(a + {self.r.randint(0, 3)})"
        if r < 0.8:
            return f"await({callee})"
        if r < 0.9:
            return f"(await(ac_select(w = {callee}, stop_after({self.r.randint(0, 4)}))) ? 7 : w)"
        return f"(await(ac_join(w = {callee}, ac_yield())), w)"

    def block(self, depth, budget, in_loop, labels):
        n = self.r.randint(1, 4)
        if self.r.random() < 0.7:
            self.cleanup_local(depth)
        for _ in range(n):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            self.stmt(depth, budget, in_loop, labels)

    def stmt(self, depth, budget, in_loop, labels):
        r = self.r.random()
        if r < 0.3 or depth > 5:
            self.line(depth, f"a = (a + {self.awaited()}) % 1000;")
        elif r < 0.42:
            self.line(depth, "{")
            self.block(depth + 1, budget, in_loop, labels)
            self.line(depth, "}")
        elif r < 0.54:
            self.ids += 1
            i = self.ids
            self.line(depth, f"for (int i{i} = 0; i{i} < {self.r.randint(1, 3)}; i{i}++) {{")
            self.block(depth + 1, budget, True, labels)
            if self.r.random() < 0.5:
                self.line(depth + 1, f"if ({self.guard()}) {self.r.choice(['break', 'continue'])};")
            self.line(depth, "}")
        elif r < 0.62 and in_loop:
            self.line(depth, f"if ({self.guard()}) {self.r.choice(['break', 'continue'])};")
        elif r < 0.66:
            self.line(depth, f"if ({self.guard()}) return a + {self.awaited()};")
        elif r < 0.78:
            # a goto out of the blocks opened since the label's block
            self.labels += 1
            label = f"out{self.labels}"
            self.line(depth, "{")
            self.block(depth + 1, budget, in_loop, labels + [label])
            self.line(depth + 1, f"if ({self.guard()}) goto {label};")
            self.line(depth + 1, f"a = (a + {self.awaited()}) % 1000;")
            self.line(depth, "}")
            self.line(depth, f"{label}:;")
        elif r < 0.84 and labels:
            self.line(depth, f"if ({self.guard()}) goto {self.r.choice(labels)};")
        elif r < 0.92:
            self.ids += 1
            self.line(depth, f"a = (a + ({{ int c{self.ids} __attribute__((cleanup(leave))) = enter({self.ids}); "
                             f"{self.awaited()} + c{self.ids} % 2; }})) % 1000;")
        else:
            self.line(depth, f"switch (a % 3) {{")
            for case in range(2):
                self.line(depth, f"case {case}: {{")
                self.block(depth + 1, budget, in_loop, labels)
                self.line(depth + 1, self.r.choice(["break;", "/* fallthrough */"]))
                self.line(depth, "}")
            self.line(depth, "default:")
            self.line(depth + 1, f"a = (a + {self.awaited()}) % 1000;")
            self.line(depth, "}")

    def program(self):
        self.out.append(PRELUDE)
        nfn = self.r.randint(2, 5)
        for k in range(nfn):
            self.fn = k
            self.out.append(f"async int g{k}(int a)")
            self.out.append("{")
            self.line(1, "int w = 0;")
            self.block(1, [self.r.randint(8, 20)], False, [])
            if k > 0:  # the chain of frames grows with each function
                self.line(1, f"a = (a + await(g{k - 1}(a + 1))) % 1000;")
            self.line(1, "return a + w;")
            self.out.append("}")
            self.out.append("")
        arg = self.r.randint(0, 9)
        self.out.append("async int main(void)")
        self.out.append("{")
        self.line(1, "for (int n = 0; n < 100000; n++) {")
        self.line(2, "int v = -1;")
        self.line(2, f"int won = await(ac_select(v = g{nfn - 1}({arg}), stop_after(n)));")
        self.line(2, "if (depth != 0) {")
        self.line(3, 'printf("BAD: %d cleanups left after a drop at await %d\\n", depth, n);')
        self.line(3, "return 4;")
        self.line(2, "}")
        self.line(2, "if (won == 0) {")
        self.line(3, 'printf("finished after %d drops: %d\\n", n, v);')
        self.line(3, "break;")
        self.line(2, "}")
        self.line(1, "}")
        # the same function as a task of its own, cancelled from this one after n yields: on
        # another worker at once, at whatever await it has reached
        self.line(1, "for (int n = 0; n < 40; n++) {")
        self.line(2, f"ac_task *t = ac_spawn(g{nfn - 1}({arg}));")
        self.line(2, "for (int i = 0; i < n; i++)")
        self.line(3, "await(ac_yield());")
        self.line(2, "ac_task_cancel(t);")
        self.line(2, "int v = -1, rc = await(ac_task_join(t, &v));")
        self.line(2, "if (depth != 0 || (rc != 0 && rc != -ECANCELED)) {")
        self.line(3, 'printf("BAD: join %d, %d cleanups left after a task cancelled at yield %d\\n", rc, depth, n);')
        self.line(3, "return 4;")
        self.line(2, "}")
        self.line(1, "}")
        self.line(1, 'printf("made %ld undone %ld\\n", made, undone);')
        self.line(1, "return made == undone ? 0 : 6;")
        self.out.append("}")
        return "\n".join(self.out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(Gen(int(sys.argv[1])).program())
