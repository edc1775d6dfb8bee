// Bad and odd input never crashes asyncc (fuzz/mutate.py): every run test and adversarial program,
// mutated at the token level (tokens deleted, doubled, swapped, replaced; async and await( put
// anywhere; the file cut short), is refused with a diagnostic at a place, or transpiled to C that
// compiles wherever the mutant compiles as plain C. mutate.py --seeds A-B runs more.
// RUN: %python %S/mutate.py --asyncc %asyncc --include %S/../../../include --seeds 1-1 --per-file 1 %S/../run/*.c %S/../adversarial/*.c
