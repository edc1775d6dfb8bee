#!/usr/bin/env bash
# asyncc_cc.sh: asyncc-cc as a compiler driver, from the build tree: outputs where gcc puts them,
# depfiles of the original sources, -E/-S/-MM, -x c, stdin, clang, errors, no temporaries left.
# Usage: asyncc_cc.sh ASYNCC_CC WORK_DIR
set -euo pipefail
cc=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/tmp" "$work/obj" && cd "$work"
cp -a "$here/cc" sub
export TMPDIR=$work/tmp

"$cc" --help >help.txt && grep -q "^usage: asyncc-cc " help.txt || fail "--help: $(head -2 help.txt)"
"$cc" --version >version.txt && tail -1 version.txt | grep -q "^asyncc-cc [0-9]" ||
    fail "--version does not end with asyncc-cc's: $(cat version.txt)"
head -1 version.txt | grep -qv "^asyncc-cc" || fail "--version must start with the real compiler's"
echo "ok: --help is asyncc-cc's; --version the real compiler's, then asyncc-cc's"

"$cc" -Wall -Wextra -Werror sub/a.c -x c sub/b.inc -o prog
[ "$(./prog)" = "sub/a.c 42" ] || fail "prog printed '$(./prog)'"
echo "ok: link of a transpiled and a plain file; quote include beside the source; __FILE__"

"$cc" -c sub/a.c && [ -e a.o ] || fail "-c sub/a.c did not write a.o"
"$cc" -c -x c sub/b.inc && [ -e b.o ] || fail "-c -x c sub/b.inc did not write b.o"
"$cc" a.o b.o -o prog2 && [ "$(./prog2)" = "sub/a.c 42" ] || fail "linking objects"
echo "ok: -c writes a.o and b.o in the current directory; objects link with the runtime"

"$cc" -MD -c sub/a.c -o obj/a.o
head -1 obj/a.d | grep -q "^obj/a.o: sub/a.c" || fail "obj/a.d: $(head -2 obj/a.d)"
grep -q "sub/local.h" obj/a.d || fail "obj/a.d does not list sub/local.h"
! grep -q "$TMPDIR" obj/a.d || fail "obj/a.d names a temporary file"
"$cc" -MMD -MF custom.d -MT custom-target -c sub/a.c -o obj/x.o
grep -q "^custom-target: sub/a.c" custom.d || fail "-MF/-MT: $(head -1 custom.d)"
# -Wp,-MD,FILE (kbuild): the dependencies of sub/a.c, not of the temporary file; other -Wp options stay
"$cc" -Wp,-MD,wp.d,-DWP_KEPT=1 -MT wp-target -c sub/a.c -o obj/wp.o
grep -q "^wp-target: sub/a.c" wp.d || fail "-Wp,-MD: $(head -1 wp.d)"
! grep -q "$TMPDIR" wp.d || fail "-Wp,-MD: wp.d names a temporary file"
echo "ok: -MD/-MMD/-MF/-MT and -Wp,-MD,FILE depfiles describe sub/a.c and its headers"

# Debug information names sub/a.c, not the temporary file (whose name changed every build), also
# through the user's own prefix map: two builds make the same object.
"$cc" -g -c sub/a.c -o obj/g1.o && "$cc" -g -c sub/a.c -o obj/g2.o
cmp -s obj/g1.o obj/g2.o || fail "two -g builds of sub/a.c differ"
readelf --debug-dump=info obj/g1.o >g1.info # (not piped to grep -m1: SIGPIPE under pipefail)
unit=$(grep -m1 DW_AT_name g1.info)
case $unit in *": sub/a.c") ;; *) fail "-g: the unit is named: $unit" ;; esac
"$cc" -g -ffile-prefix-map="$work"=/build -c "$work/sub/a.c" -o obj/g3.o
readelf --debug-dump=info obj/g3.o >g3.info
unit=$(grep -m1 DW_AT_name g3.info)
case $unit in *": /build/sub/a.c") ;; *) fail "-ffile-prefix-map: the unit is named: $unit" ;; esac
! grep -q "asyncc-cc\." obj/g1.o obj/g3.o || fail "an object names the temporary directory"
echo "ok: -g objects name sub/a.c and are reproducible"

"$cc" -E sub/a.c >a.i && grep -q "ac__poll_twice" a.i || fail "-E does not show the transpiled code"
"$cc" -S sub/a.c -o a.s && grep -q "ac__poll_twice" a.s || fail "-S does not compile the transpiled code"
"$cc" -MM sub/a.c >a.mm && grep -q "sub/local.h" a.mm || fail "-MM does not list sub/local.h"
printf '#include <limits.h>\n    Syntax error\n' >probe.c # configure's preprocessor probe
"$cc" -E probe.c >probe.i 2>probe.err || fail "-E failed on C that only the parser rejects: $(cat probe.err)"
grep -q "Syntax error" probe.i && [ ! -s probe.err ] || fail "-E of probe.c: $(cat probe.err)"
echo "ok: -E, -S and -MM; -E preprocesses C that does not parse, silently"

# -E names the user's source in its line markers, as gcc's does, not the temporary file (whose
# name changed every run): ccache hashes this output, and never hit (its direct mode gave up on
# the deleted file it named).
"$cc" -E sub/a.c >a2.i && "$cc" -E sub/a.c -o a3.i
cmp -s a.i a2.i && cmp -s a.i a3.i || fail "two -E runs of sub/a.c differ: $(diff a.i a2.i | head -4)"
head -1 a.i | grep -q '^# 0 "sub/a.c"$' || fail "-E begins with: $(head -1 a.i)"
! grep -q "asyncc-cc\." a.i || fail "-E names the temporary file: $(grep -m1 'asyncc-cc\.' a.i)"
"$cc" -E sub/a.c sub/a.c >a4.i && [ "$(grep -c '^# 0 "sub/a.c"$' a4.i)" = 2 ] || fail "-E of two sources: $(grep '^# 0' a4.i)"
if command -v ccache >/dev/null; then
    export CCACHE_DIR=$work/ccache
    ccache -z >/dev/null
    for i in 1 2; do ccache "$cc" -c sub/a.c -o obj/cached$i.o; done
    cmp -s obj/cached1.o obj/cached2.o || fail "ccache: the cached object differs"
    ccache --print-stats | grep -qE "^(direct|preprocessed)_cache_hit	[1-9]" || fail "ccache never hit: $(ccache -s)"
    unset CCACHE_DIR
    echo "ok: ccache asyncc-cc hits"
fi
echo "ok: -E names sub/a.c, the same each run"

printf -- '-c "sub/a.c"\n-o obj/rsp.o -DUNUSED="a b"\n' >args.rsp
"$cc" @args.rsp && [ -e obj/rsp.o ] || fail "@args.rsp was not expanded"
echo "ok: @response files"

printf 'int main(void) { return 3; }\n' | "$cc" -x c - -o stdin-prog
set +e; ./stdin-prog; rc=$?; set -e
[ $rc -eq 3 ] || fail "a program from standard input exited $rc"
echo "ok: -x c - (standard input) passes through"

# Async code on standard input is transpiled as a file's is (it was compiled as it stood: a bare
# link error, undefined ac_yield): quote includes from the current directory, as gcc takes them
# for standard input, and "<stdin>" in asyncc's diagnostics, __FILE__ and gcc's, as gcc says.
printf '#include "sub/local.h"\nint b_value(void);\n' >stdin-head.h
sed 's|#include "local.h"|#include "stdin-head.h"|' sub/a.c | "$cc" -x c - -x none b.o -o stdin-async 2>err.txt ||
    fail "async code from standard input: $(cat err.txt)"
[ "$(./stdin-async)" = "<stdin> 42" ] || fail "async code from standard input printed '$(./stdin-async)'"
sed 's|#include "local.h"|#include "stdin-head.h"|' sub/a.c | "$cc" -c -x c - -o obj/stdin.o -MD -MF stdin.d ||
    fail "-c of async code from standard input"
grep -q "stdin-head.h" stdin.d || fail "-MD of standard input: $(cat stdin.d)"
printf '#include <asyncc.h>\n#include <unistd.h>\nasync int main(void)\n{\n    sleep(0);\n    return 0;\n}\n' |
    "$cc" -x c - -o stdin-lint 2>err.txt || fail "a lint's warning of standard input stopped it: $(cat err.txt)"
grep -q "^<stdin>:5:5: warning: 'sleep' blocks" err.txt || fail "a lint's warning of standard input: $(cat err.txt)"
printf '#include <asyncc.h>\nasync int main(void)\n{\n    await(ac_yield());\n    return x;\n}\n' |
    "$cc" -x c - -o stdin-bad 2>err.txt && fail "bad async code from standard input compiled"
grep -q "^<stdin>:5:12: error: .*'x'" err.txt && ! grep -q "asyncc-cc\.\|undefined reference" err.txt ||
    fail "an error in standard input: $(cat err.txt)"
echo "ok: async code on standard input (-x c -) is transpiled; includes, __FILE__ and diagnostics as gcc's"

if command -v clang >/dev/null; then
    ASYNCC_REAL_CC=clang "$cc" -Wall -Wextra -Werror sub/a.c -x c sub/b.inc -o prog-clang
    [ "$(./prog-clang)" = "sub/a.c 42" ] || fail "with clang: $(./prog-clang)"
    echo "ok: ASYNCC_REAL_CC=clang"
fi

# The real compiler is what the async code's tests of the compiler are checked against.
printf '#include <asyncc.h>\nasync int main(void)\n{\n    await(ac_yield());\n#ifdef __clang__\n    return 0;\n#else\n    return 0;\n#endif\n}\n' >ident.c
ASYNCC_REAL_CC=gcc "$cc" ident.c -o ident 2>ident.err && fail "an #ifdef __clang__ in async code built for gcc"
grep -q "^ident.c:5:8: error: .*'__clang__'" ident.err || fail "the __clang__ test: $(cat ident.err)"
ASYNCC_REAL_CC=clang-14 "$cc" ident.c -o ident || fail "an #ifdef __clang__ in async code built for clang-14"
echo "ok: async code testing the compiler is refused for gcc, built for clang"

printf '#include <asyncc.h>\nint plain(void);\nasync int f(void)\n{\n    return await(plain());\n}\n' >bad.c
if "$cc" -c bad.c -o bad.o 2>err.txt; then fail "bad.c compiled"; fi
grep -q "^bad.c:5:18: error: " err.txt || fail "diagnostic: $(cat err.txt)"
[ ! -e bad.o ] || fail "bad.o written"
echo "ok: an asyncc error stops the build at bad.c:5:18"

# -MF naming the source: clang's preprocessor wrote the depfile over it (-o naming it: below).
cp sub/a.c same.c
if "$cc" -c same.c -MD -MF same.c -o same.o 2>err.txt; then fail "-MF same.c compiled"; fi
grep -q "refusing to overwrite the input file same.c with the depfile" err.txt || fail "-MF same.c: $(cat err.txt)"
cmp -s same.c sub/a.c || fail "same.c was overwritten"
echo "ok: -MF naming the source is refused, the source kept"

printf '#!/bin/sh\nkill -SEGV $$\n' >dying-asyncc && chmod +x dying-asyncc
if ASYNCC=$PWD/dying-asyncc "$cc" -c sub/a.c -o dead.o 2>err.txt; then fail "a dead asyncc compiled"; fi
grep -q "^asyncc-cc: .*dying-asyncc died of signal 11 .* while transpiling sub/a.c" err.txt ||
    fail "a dead asyncc: '$(cat err.txt)'"
echo "ok: asyncc killed by a signal is reported"

# An output that is the source itself is refused, as gcc refuses it: the real compiler read a
# transpiled copy, and the program (or object) was written over the user's source.
cp sub/a.c victim.c
for mode in "" "-c"; do
    if "$cc" $mode victim.c -o victim.c 2>err.txt; then fail "asyncc-cc $mode victim.c -o victim.c succeeded"; fi
    grep -q "input file 'victim.c' is the same as output file" err.txt || fail "-o over the source: $(cat err.txt)"
    cmp -s sub/a.c victim.c || fail "asyncc-cc $mode victim.c -o victim.c overwrote victim.c"
done
if "$cc" -c victim.c -o ./victim.c 2>err.txt; then fail "asyncc-cc -c victim.c -o ./victim.c succeeded"; fi
cmp -s sub/a.c victim.c || fail "asyncc-cc -c victim.c -o ./victim.c overwrote victim.c"
echo "ok: an output that is the source is refused, the source kept"

printf '#include <asyncc.h>\n#include <unistd.h>\nasync int main(void)\n{\n    sleep(0);\n    return 0;\n}\n' >lint.c
"$cc" -Wall lint.c -o lint 2>err.txt && grep -q "^lint.c:5:5: warning: 'sleep' blocks .*\[-Wasync-blocking\]" err.txt ||
    fail "no -Wasync-blocking warning: $(cat err.txt)"
"$cc" -Wall -Wno-async-blocking lint.c -o lint 2>err.txt && [ ! -s err.txt ] || fail "-Wno-async-blocking: $(cat err.txt)"
if "$cc" -Werror lint.c -o lint 2>err.txt; then fail "-Werror did not stop the build"; fi
grep -q "^lint.c:5:5: error: .*\[-Werror,-Wasync-blocking\]" err.txt || fail "-Werror: $(cat err.txt)"
# A later -Wno-error undoes -Werror for the lints as for gcc's own warnings (CFLAGS=-Werror in a
# Makefile, -Wno-error added by the user): it stopped the build with asyncc's errors before.
"$cc" -Werror -Wno-error lint.c -o lint 2>err.txt || fail "-Werror -Wno-error stopped the build: $(cat err.txt)"
grep -q "^lint.c:5:5: warning: .*\[-Wasync-blocking\]" err.txt || fail "-Werror -Wno-error: $(cat err.txt)"
echo "ok: lint warnings on by default, -Wno-async-blocking (kept from gcc), -Werror and -Wno-error"

# Control reaching the end of a non-void async function: asyncc gives it (the output cannot) when
# the flags given to the compiler ask for -Wreturn-type, and stops the build under -Werror.
printf '#include <asyncc.h>\nasync int f(int x)\n{\n    if (x)\n        return await(ac_yield()), 1;\n}\nasync int main(void)\n{\n    return await(f(1)) - 1;\n}\n' >falloff.c
"$cc" -Wall falloff.c -o falloff 2>err.txt && grep -q "^falloff.c:6:1: warning: .*\[-Wreturn-type\]" err.txt ||
    fail "no -Wreturn-type warning with -Wall: $(cat err.txt)"
"$cc" falloff.c -o falloff 2>err.txt && [ ! -s err.txt ] || fail "-Wreturn-type without -Wall: $(cat err.txt)"
"$cc" -Wall -Wno-return-type falloff.c -o falloff 2>err.txt && [ ! -s err.txt ] || fail "-Wno-return-type: $(cat err.txt)"
if "$cc" -Wall -Werror falloff.c -o falloff 2>err.txt; then fail "-Wall -Werror did not stop the build"; fi
grep -q "^falloff.c:6:1: error: .*\[-Werror,-Wreturn-type\]" err.txt || fail "-Wall -Werror: $(cat err.txt)"
echo "ok: -Wreturn-type at the end of a non-void async function, as -Wall, -Wno-return-type and -Werror ask"

# Flags that change what a macro means reach asyncc too: an async body is expanded as asyncc saw it.
printf '#include <asyncc.h>\n#include <stdio.h>\nasync int w(void)\n{\n    __WCHAR_TYPE__ c = (__WCHAR_TYPE__)~0u;\n    await(ac_yield());\n    return c == __WCHAR_MAX__ && sizeof c == sizeof L"a"[0];\n}\nasync int main(void)\n{\n    printf("%%d\\n", await(w()));\n    return 0;\n}\n' >wchar.c
"$cc" -fshort-wchar wchar.c -o wchar && [ "$(./wchar)" = 1 ] || fail "-fshort-wchar: $(./wchar)"
printf '#include <asyncc.h>\nasync int isa(void)\n{\n#ifdef __SSE4_2__\n    return 42;\n#else\n    return 7;\n#endif\n}\n' >isa.c
"$cc" -msse4.2 -E isa.c >isa.i && grep -q "return 42" isa.i || fail "-msse4.2 did not reach asyncc"
# Every x86 extension's flag, not only the SSE/AVX family's (gcc.target/i386's tests test
# __GFNI__, __RDRND__...); trigraphs are text only -trigraphs makes C (gcc.dg/cpp's trigraphs.c).
printf '#include <asyncc.h>\nasync int isa(void)\n{\n#if defined __GFNI__ && defined __VAES__ && defined __RDRND__ && defined __MOVDIRI__\n    return 42;\n#else\n    return 7;\n#endif\n}\n' >isa2.c
"$cc" -mgfni -mvaes -mrdrnd -mmovdiri -E isa2.c >isa2.i && grep -q "return 42" isa2.i || fail "-mgfni, -mvaes, -mrdrnd, -mmovdiri did not reach asyncc"
printf '#include <asyncc.h>\n#include <stdio.h>\nasync int t(void)\n{\n    int v??(2??) = ??< 4, 2 ??>;\n    await(ac_yield());\n    return v??(0??) ??! v??(1??);\n}\nasync int main(void)\n{\n    printf("%%d\\n", await(t()));\n    return 0;\n}\n' >tri.c
"$cc" -trigraphs -Wno-trigraphs tri.c -o tri 2>err.txt && [ "$(./tri)" = 6 ] || fail "-trigraphs: $(cat err.txt)"
echo "ok: -fshort-wchar, -msse4.2, -mgfni and -trigraphs reach asyncc"

# -Wwrite-strings makes a string literal a `const char[N]` in C, for gcc and clang alike: asyncc
# must type what holds one as the compiler does (the temporary of `"lit" ?: await(...)` was a
# `char *`, an error under -Werror for both compilers).
printf '#include <asyncc.h>\n#include <stdio.h>\nstatic async const char *g(void)\n{\n    await(ac_yield());\n    return "g";\n}\nasync int main(void)\n{\n    const char *s = "lit" ?: await(g());\n    puts(s);\n    return 0;\n}\n' >wstr.c
"$cc" -Wall -Werror -Wwrite-strings wstr.c -o wstr 2>err.txt && [ "$(./wstr)" = lit ] || fail "-Wwrite-strings: $(cat err.txt)"
echo "ok: -Wwrite-strings reaches asyncc"

# -fsanitize= and -fno-sanitize= reach asyncc: an async function defined under gnulib's HAVE_ASAN
# test (grep made async) was another function for asyncc than for gcc, and did not link. (Not
# with a ThreadSanitizer runtime, whose link flags no AddressSanitizer build can take.)
case " ${ASYNCC_RUNTIME_SAN_FLAGS:-} " in
*" -fsanitize=thread"*) echo "ok: -fsanitize=address skipped (the runtime is built with ThreadSanitizer)" ;;
*)
ASAN_OPTIONS=detect_leaks=0 "$cc" -fsanitize=address sub/san.c -o san_on 2>err.txt || fail "-fsanitize=address: $(cat err.txt)"
[ "$(ASAN_OPTIONS=detect_leaks=0 ./san_on)" = "1 42" ] || fail "-fsanitize=address: $(./san_on)"
# Without AddressSanitizer, unless the runtime is built with it: then asyncc-cc's link flags,
# last on the command that compiles too, turn it on again, for asyncc as for the compiler.
off="0 41"
case " ${ASYNCC_RUNTIME_SAN_FLAGS:-} " in *" -fsanitize=address"*) off="1 42" ;; esac
"$cc" -fsanitize=address -fno-sanitize=address sub/san.c -o san_off && [ "$(ASAN_OPTIONS=detect_leaks=0 ./san_off)" = "$off" ] ||
    fail "-fsanitize=address -fno-sanitize=address: $(./san_off)"
"$cc" -fsanitize=undefined sub/san.c -o san_ub && [ "$(ASAN_OPTIONS=detect_leaks=0 ./san_ub)" = "$off" ] ||
    fail "-fsanitize=undefined: $(./san_ub)"
echo "ok: -fsanitize= and -fno-sanitize= reach asyncc (AddressSanitizer on, then off, then UBSan only)"
;;
esac

[ -z "$(ls -A "$TMPDIR")" ] || fail "temporaries left in TMPDIR: $(ls "$TMPDIR")"
echo "ok: no temporaries left"
