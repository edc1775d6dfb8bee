// gdb prints by name the locals that a function past the budget of reloads keeps in the frame
// alone (run/reload_budget.c: p, hot_a and hot_b of many()), at -O0 and at -O2, as it prints
// the C locals next to them (which -O2 may optimize out, as in plain C).
// REQUIRES: gdb
// RUN: %asyncc %S/../run/reload_budget.c -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break reload_budget.c:39" -ex run -ex "print hot_a" -ex "print hot_b" -ex "print p" -ex "print hot_c" -ex "print cold" %t 2>&1 | %FileCheck --check-prefixes=CHECK,O0 %s
// RUN: %cc -g -O2 %t.c %libs -o %t.O2
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.O2" -ex "break reload_budget.c:39" -ex run -ex "print hot_a" -ex "print hot_b" -ex "print p" %t.O2 2>&1 | %FileCheck %s
// CHECK: $1 = 11
// CHECK-NEXT: $2 = -5
// CHECK-NEXT: $3 = 2
// O0-NEXT: $4 = 11
// O0-NEXT: $5 = 3
