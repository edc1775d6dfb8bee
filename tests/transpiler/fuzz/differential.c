// Random async programs (fuzz/gen.py: loops, switches, gotos, shadowing, early returns, awaits in
// every ordered position) must print the same transpiled and built as plain sequential C.
// RUN: %python %S/run.py --seeds 1-40 --keep %t.dir
