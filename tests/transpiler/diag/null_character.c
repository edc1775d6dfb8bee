// A null character in the input. Compilers skip one (gcc without a word inside a comment), but
// asyncc read the file as a C string: a file with nothing to rewrite came out cut at the null
// character, silently (whatever followed it gone: here `int after`), and so did one with async
// code, which then did not compile. The first is now copied byte for byte; the second is refused
// at the null character's line and column, with no output left behind.
// RUN: printf 'int before;\n/* \000 */ int after;\n' > %t.plain.c
// RUN: %asyncc %t.plain.c -o %t.plain.out.c
// RUN: cmp %t.plain.c %t.plain.out.c
// RUN: printf '#include <asyncc.h>\nasync int f(void)\n{\n    await(ac_yield()); /* \000 */\n    return 1;\n}\n' > %t.async.c
// RUN: rm -f %t.async.out.c
// RUN: not %asyncc %t.async.c -o %t.async.out.c 2>&1 | %FileCheck %s
// RUN: test ! -e %t.async.out.c
// CHECK: {{.*}}.async.c:4:27: error: a null character in a file that asyncc rewrites: it reads the text as C strings and cannot keep it; remove it (or write it as '\0' in a literal){{$}}
