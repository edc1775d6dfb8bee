// Random async programs that drop themselves at every await point (fuzz/cancel_gen.py: cleanup
// locals in blocks, loops, switches and statement expressions, left by break, continue, goto and
// return, under chains of frames and inner selects and joins): every cleanup runs once, in
// reverse order of construction, and none is left after a drop.
// RUN: %python %S/run.py --cancel --seeds 1-30 --keep %t.dir
