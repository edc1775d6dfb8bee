#!/usr/bin/env bash
# run.sh: the integration tests: install asyncc into a temporary prefix and build project/ against
# it with CMake (find_package), Make, Meson and autoconf (CC=asyncc-cc). Usage: run.sh PHASE BUILD WORK
set -euo pipefail
phase=$1 build=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
prefix=$work/prefix

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_output() { # expect_output PROGRAM EXPECTED
    local got
    got=$("$1") || fail "$1 exited with $?"
    [ "$got" = "$2" ] || fail "$1 printed '$got', expected '$2'"
    echo "ok: $1 printed '$got'"
}
fresh_copy() { rm -rf "$1" && cp -a "$here/project" "$1"; }
set_squares() { sed -i "s/#define SQUARES .*/#define SQUARES $2/" "$1/include/config.h"; }

case $phase in
install)
    rm -rf "$work" && mkdir -p "$work"
    cmake --install "$build" --prefix "$prefix" >/dev/null
    for f in bin/asyncc bin/asyncc-cc include/asyncc.h include/asyncc/future.h lib*/libasyncc.a lib*/libasyncc-seq.a \
        lib*/cmake/asyncc/asyncc-config.cmake lib*/pkgconfig/asyncc.pc; do
        compgen -G "$prefix/$f" >/dev/null || fail "cmake --install did not install $f"
    done
    echo "ok: installed into $prefix"
    ;;
cmake)
    src=$work/cmake-src bin=$work/cmake-build
    fresh_copy "$src"
    rm -rf "$bin"
    gen="Unix Makefiles"
    command -v ninja >/dev/null && gen=Ninja
    cmake -S "$src" -B "$bin" -G "$gen" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
    cmake --build "$bin" >/dev/null
    expect_output "$bin/app" "hello from cmake: 4 squares sum to 30"
    # The gdb extension: installed with the package for `source`, and inside every program
    # (libasyncc's .debug_gdb_scripts section), which gdb runs once the program is trusted.
    script=$prefix/share/asyncc/gdb/asyncc-gdb.py
    [ -f "$script" ] || fail "the gdb extension is not installed at $script"
    if command -v gdb >/dev/null; then
        out=$(gdb -nx -batch -iex "add-auto-load-safe-path $bin/app" -ex "info auto-load python-scripts" "$bin/app" 2>&1)
        grep -q "^Yes *asyncc-gdb.py" <<<"$out" || fail "gdb did not auto-load the extension from app: $out"
        out=$(gdb -nx -batch -ex "source $script" -ex "help asyncc task" "$bin/app" 2>&1)
        grep -q "await chain" <<<"$out" || fail "sourcing $script defined no asyncc command: $out"
        echo "ok: gdb loads the extension from the program and from the installed script"
    fi
    # compile_commands.json lists the generated app.c; asyncc -p finds its flags for the user's.
    (cd "$src" && "$prefix/bin/asyncc" -p "$bin" --emit=frames app.c >"$work/frames.txt" 2>&1) ||
        fail "asyncc -p $bin app.c: $(cat "$work/frames.txt")"
    grep -q "^async " "$work/frames.txt" || fail "asyncc -p printed no frames: $(cat "$work/frames.txt")"
    echo "ok: asyncc -p maps the generated file in compile_commands.json back to app.c"
    # Nothing changed: nothing is transpiled again.
    out=$(cmake --build "$bin")
    ! grep -q Transpiling <<<"$out" || fail "a build with nothing changed transpiled again: $out"
    # A header that app.c includes (and squares.c does not) changed: app.c alone is transpiled.
    set_squares "$src" 5
    out=$(cmake --build "$bin")
    grep -q "Transpiling app.c" <<<"$out" || fail "editing config.h did not transpile app.c: $out"
    ! grep -q "Transpiling squares.c" <<<"$out" || fail "editing config.h transpiled squares.c: $out"
    expect_output "$bin/app" "hello from cmake: 5 squares sum to 55"
    ;;
cmake_sequential)
    # -DASYNCC_SEQUENTIAL=ON: the same project as plain C against the sequential library.
    src=$work/cmake-seq-src bin=$work/cmake-seq-build
    fresh_copy "$src"
    rm -rf "$bin"
    cmake -S "$src" -B "$bin" -DCMAKE_PREFIX_PATH="$prefix" -DASYNCC_SEQUENTIAL=ON >/dev/null
    out=$(cmake --build "$bin")
    ! grep -q Transpiling <<<"$out" || fail "the sequential build transpiled: $out"
    expect_output "$bin/app" "hello from cmake: 4 squares sum to 30"
    ! nm "$bin/app" | grep -q " ac__type_main$" || fail "the sequential app has a state machine"
    ;;
async_tests)
    # AC_TEST: one ctest entry per test (asyncc_discover_tests), and the binary as a harness alone.
    src=$work/tests-src bin=$work/tests-build
    rm -rf "$src" "$bin" && cp -a "$here/async-tests" "$src"
    cmake -S "$src" -B "$bin" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    # Before the build, ctest runs and says the binary is not built (it stopped with a CMake
    # Error, include could not find the list, before).
    if (cd "$bin" && ctest >"$work/unbuilt.log" 2>&1); then fail "ctest passed before the build"; fi
    ! grep -q "CMake Error" "$work/unbuilt.log" || fail "ctest before the build: $(cat "$work/unbuilt.log")"
    grep -q "tests_NOT_BUILT" "$work/unbuilt.log" || fail "ctest before the build: $(cat "$work/unbuilt.log")"
    # An argument asyncc_discover_tests does not know is an error, not ignored.
    if cmake -S "$src" -B "$work/tests-bad" -DCMAKE_PREFIX_PATH="$prefix" -DBAD_ARGUMENT=ON >"$work/bad.log" 2>&1; then
        fail "asyncc_discover_tests(tests TIMEOUT 30) was accepted"
    fi
    grep -q "unknown arguments: TIMEOUT;30" "$work/bad.log" || fail "bad argument: $(cat "$work/bad.log")"
    cmake --build "$bin" >/dev/null
    # PROPERTIES reach every test.
    labelled=$(cd "$bin" && ctest -N -L async | grep -c "Test *#") || true
    [ "$labelled" = 3 ] || fail "ctest -L async lists $labelled tests, expected 3: $(cd "$bin" && ctest -N -L async)"
    (cd "$bin" && ctest --show-only=json-v1) | grep -q '"name" : "TIMEOUT",' || fail "no TIMEOUT property"
    listed=$(cd "$bin" && ctest -N | grep -c "Test *#") || true
    [ "$listed" = 3 ] || fail "ctest lists $listed tests, expected 3: $(cd "$bin" && ctest -N)"
    (cd "$bin" && ctest -R "tests\.(sleeps|spawns)$" >/dev/null) || fail "the passing async tests failed"
    if (cd "$bin" && ctest -R "tests\.fails$" --output-on-failure >"$work/fails.log"); then
        fail "tests.fails passed"
    fi
    grep -q "tests.c:.*: check failed: 1 + 1 == 3" "$work/fails.log" || fail "no check message: $(cat "$work/fails.log")"
    echo "ok: ctest runs each AC_TEST as its own test; a failing check fails it with its line"
    # Make users: the binary is the harness.
    "$prefix/bin/asyncc-cc" "$src/tests.c" -o "$work/tests-cc"
    [ "$("$work/tests-cc" --list | tr '\n' ' ')" = "sleeps spawns fails " ] || fail "--list: $("$work/tests-cc" --list)"
    "$work/tests-cc" sleeps spawns >/dev/null || fail "./tests sleeps spawns failed"
    if "$work/tests-cc" >"$work/all.log" 2>&1; then fail "./tests passed with a failing test"; fi
    grep -q "^3 tests, 1 failed$" "$work/all.log" || fail "summary: $(cat "$work/all.log")"
    # Two files with a test of one name: both ran for that name and ctest registered it twice
    # (the passing one failed with the other); the binary now refuses, naming both files.
    printf '#include <asyncc/test.h>\nAC_TEST(sleeps)\n{\n    await(ac_yield());\n}\n' >"$work/again.c"
    "$prefix/bin/asyncc-cc" "$src/tests.c" "$work/again.c" -o "$work/tests-twice"
    if "$work/tests-twice" --list >"$work/twice.log" 2>&1; then fail "--list with two tests named sleeps passed"; fi
    grep -q "two tests are named 'sleeps', in .*tests.c and in .*again.c" "$work/twice.log" ||
        fail "two tests of one name: $(cat "$work/twice.log")"
    echo "ok: the test binary lists, runs all or some, and fails when a test fails"
    ;;
make)
    src=$work/make-src
    fresh_copy "$src"
    make -s -C "$src" CC="$prefix/bin/asyncc-cc" >/dev/null
    expect_output "$src/app" "hello from make: 4 squares sum to 30"
    grep -q "app.o: app.c" "$src/app.d" || fail "app.d does not describe app.c: $(cat "$src/app.d")"
    grep -q "include/config.h" "$src/app.d" || fail "app.d does not list include/config.h"
    ! grep -q "asyncc-cc\." "$src/app.d" || fail "app.d names a temporary file: $(cat "$src/app.d")"
    make -q -C "$src" CC="$prefix/bin/asyncc-cc" || fail "make has work left right after a build"
    set_squares "$src" 6
    make -q -C "$src" CC="$prefix/bin/asyncc-cc" && fail "make does not see the edit of config.h"
    make -s -C "$src" CC="$prefix/bin/asyncc-cc" >/dev/null
    expect_output "$src/app" "hello from make: 6 squares sum to 91"
    ;;
pkgconfig)
    # By hand: asyncc, then the compiler with the flags pkg-config gives for the runtime.
    src=$work/pc-src
    fresh_copy "$src"
    export PKG_CONFIG_PATH=$(dirname "$(compgen -G "$prefix/lib*/pkgconfig/asyncc.pc")")
    cflags=$(pkg-config --cflags asyncc) libs=$(pkg-config --libs asyncc)
    [ "$(pkg-config --variable=asyncc asyncc)" -ef "$prefix/bin/asyncc" ] || fail "asyncc.pc's asyncc variable"
    cd "$src"
    for f in app squares util; do
        "$prefix/bin/asyncc" -Iinclude '-DGREETING="hello from pkg-config"' $f.c -o $f.async.c
    done
    # shellcheck disable=SC2086
    cc -Iinclude -I. $cflags '-DGREETING="hello from pkg-config"' app.async.c squares.async.c util.async.c $libs -o app
    expect_output "$src/app" "hello from pkg-config: 4 squares sum to 30"
    ;;
cmake_cc)
    # CMake with CC=asyncc-cc and plain add_executable: the compiler itself transpiles.
    src=$work/cmake-cc-src bin=$work/cmake-cc-build
    fresh_copy "$src"
    rm -rf "$bin"
    cat >"$src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(asyncc_user_cc LANGUAGES C)
add_executable(app app.c squares.c util.c)
target_include_directories(app PRIVATE include)
target_compile_definitions(app PRIVATE GREETING="hello from cmake with asyncc-cc")
CMAKE
    CC="$prefix/bin/asyncc-cc" cmake -S "$src" -B "$bin" >/dev/null
    cmake --build "$bin" >/dev/null
    expect_output "$bin/app" "hello from cmake with asyncc-cc: 4 squares sum to 30"
    set_squares "$src" 2
    cmake --build "$bin" >/dev/null
    expect_output "$bin/app" "hello from cmake with asyncc-cc: 2 squares sum to 5"
    ;;
relocated)
    # The installed tree moved elsewhere still works: every tool finds its files beside itself.
    moved=$work/moved-prefix src=$work/relocated-src
    rm -rf "$moved" && cp -a "$prefix" "$moved"
    fresh_copy "$src"
    ASYNCC_CC_VERBOSE=1 make -s -C "$src" CC="$moved/bin/asyncc-cc" >/dev/null 2>"$work/relocated.log"
    expect_output "$src/app" "hello from make: 4 squares sum to 30"
    ! grep -q "$prefix/" "$work/relocated.log" || fail "the moved asyncc-cc used $prefix: $(grep "$prefix/" "$work/relocated.log" | head -3)"
    grep -q "$moved/bin/asyncc " "$work/relocated.log" || fail "the moved asyncc-cc did not run the moved asyncc"
    grep -q "$moved/lib[^ ]*/libasyncc.a" "$work/relocated.log" || fail "the moved asyncc-cc did not link the moved library"
    echo "ok: a moved installation uses only its own files"
    ;;
meson)
    command -v meson >/dev/null || { echo "skipped: no meson (apt-get install meson)"; exit 77; }
    src=$work/meson-src
    fresh_copy "$src"
    CC="$prefix/bin/asyncc-cc" meson setup "$src/build" "$src" >"$work/meson.log" 2>&1 ||
        fail "meson setup with CC=asyncc-cc: $(tail -20 "$work/meson.log")"
    meson compile -C "$src/build" >/dev/null
    expect_output "$src/build/app" "hello from meson: 4 squares sum to 30"
    set_squares "$src" 3
    meson compile -C "$src/build" >/dev/null
    expect_output "$src/build/app" "hello from meson: 3 squares sum to 14"
    ;;
autotools)
    command -v autoconf >/dev/null || { echo "skipped: no autoconf (apt-get install autoconf)"; exit 77; }
    src=$work/autotools-src
    fresh_copy "$src"
    cd "$src"
    autoconf
    ./configure CC="$prefix/bin/asyncc-cc" >"$work/configure.log" 2>&1 ||
        fail "./configure CC=asyncc-cc: $(tail -20 config.log)"
    grep -q "checking for ac_runtime_stats_get... yes" "$work/configure.log" || fail "configure did not link libasyncc"
    grep -q "how to run the C preprocessor... .*asyncc-cc -E" "$work/configure.log" ||
        fail "configure did not take asyncc-cc -E as its preprocessor: $(grep preprocessor "$work/configure.log")"
    make -s -f autotools.mk >/dev/null
    expect_output "$src/app" "hello from autoconf: 4 squares sum to 30"
    ;;
cmake_flags)
    # What the build's flags say reaches asyncc, which expands the macros of an async body: in a
    # Release build (CMAKE_C_FLAGS_RELEASE: -O3 -DNDEBUG) an assert in an async function still
    # aborted the program, and a -D of CMAKE_C_FLAGS or target_compile_options was undefined
    # there. Also with a multi-config generator, where the configuration is chosen at build time.
    src=$work/flags-src
    rm -rf "$src" && mkdir -p "$src"
    # -Wwrite-strings types a string literal `const char[N]`: the temporary of `"" ?: await(...)`
    # was a `char *` for asyncc, an error under -Werror.
    printf '#include <asyncc.h>\n#include <assert.h>\n#include <stdio.h>\n#include <string.h>\nstatic async const char *none(void)\n{\n    await(ac_yield());\n    return "none";\n}\nasync int check(int x)\n{\n    const char *s = "" ?: await(none());\n    assert(x == 1);\n    return x + FROM_FLAGS + FROM_OPTIONS + (int)strlen(s);\n}\nasync int main(void)\n{\n    printf("%%d\\n", await(check(2)));\n    return 0;\n}\n' >"$src/app.c"
    cat >"$src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(asyncc_flags LANGUAGES C)
find_package(asyncc REQUIRED)
add_executable(app)
target_compile_options(app PRIVATE -DFROM_OPTIONS=30 -Wall -Wwrite-strings -Werror)
asyncc_target_sources(app PRIVATE app.c)
CMAKE
    bin=$work/flags-release
    rm -rf "$bin"
    cmake -S "$src" -B "$bin" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-DFROM_FLAGS=10" \
        -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    cmake --build "$bin" >/dev/null 2>"$work/flags.err" || fail "the Release build: $(cat "$work/flags.err")"
    expect_output "$bin/app" 42
    if command -v ninja >/dev/null; then
        bin=$work/flags-multi
        rm -rf "$bin"
        cmake -S "$src" -B "$bin" -G "Ninja Multi-Config" -DCMAKE_C_FLAGS="-DFROM_FLAGS=10" \
            -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
        cmake --build "$bin" --config Release >/dev/null 2>"$work/flags.err" ||
            fail "the multi-config Release build: $(cat "$work/flags.err")"
        expect_output "$bin/Release/app" 42
        cmake --build "$bin" --config Debug >/dev/null 2>"$work/flags.err" ||
            fail "the multi-config Debug build: $(cat "$work/flags.err")"
        set +e
        "$bin/Debug/app" >/dev/null 2>"$work/flags.err"
        rc=$?
        set -e
        [ $rc -ne 0 ] && grep -q "Assertion" "$work/flags.err" || fail "the Debug build's assert did not fire (exit $rc)"
    fi
    echo "ok: CMAKE_C_FLAGS, CMAKE_C_FLAGS_<CONFIG> and target_compile_options (-D, -Wwrite-strings) reach asyncc"
    ;;
sample)
    # A sample directory copied out of the tree builds on its own against the installed package.
    src=$work/sample-src bin=$work/sample-build
    rm -rf "$src" "$bin" && cp -a "$here/../../samples/cancel" "$src"
    cmake -S "$src" -B "$bin" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    cmake --build "$bin" >/dev/null
    "$bin/cancel" | diff -u "$src/expected.txt" - || fail "the standalone cancel sample printed something else"
    echo "ok: samples/cancel builds and runs standalone"
    ;;
diagnostics)
    # A mistake in async code: asyncc-cc reports it at the user's line and writes nothing.
    dir=$work/diag
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    printf '#include <asyncc.h>\nint plain(void) { return 1; }\nasync int f(void)\n{\n    return await(plain());\n}\n' >bad.c
    if "$prefix/bin/asyncc-cc" -c bad.c -o bad.o 2>err.txt; then fail "asyncc-cc accepted bad.c"; fi
    grep -q "^bad.c:5:[0-9]*: error: 'await' of 'plain', which is not an async function" err.txt ||
        fail "unexpected diagnostic: $(cat err.txt)"
    [ ! -e bad.o ] || fail "bad.o was written"
    # An error the real compiler finds, in code around an async function, is at the user's line.
    printf '#include <asyncc.h>\nasync int f(void)\n{\n    await(ac_yield());\n    return 1;\n}\nint g(void) { return f; }\n' >late.c
    if "$prefix/bin/asyncc-cc" -c late.c -o late.o 2>err.txt; then fail "asyncc-cc accepted late.c"; fi
    grep -q "^late.c:7:" err.txt || fail "the compiler's error is not at late.c:7: $(cat err.txt)"
    echo "ok: diagnostics at bad.c:5 and late.c:7"
    ;;
sanitizers)
    # -fsanitize=thread links libasyncc-tsan and -fsanitize=address libasyncc-asan, the runtime
    # built for each, with asyncc-cc and with CMake (CMAKE_C_FLAGS): TSan sees the runtime's
    # synchronization and reports nothing; ASan sees task frames and reports a read of a dead one.
    compgen -G "$prefix/lib*/libasyncc-tsan.a" >/dev/null || { echo "skipped: no libasyncc-tsan.a (a sanitizer build)"; exit 77; }
    dir=$work/sanitizers
    rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
    export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
    "$prefix/bin/asyncc-cc" -g -fsanitize=thread "$here/sanitizers/threads.c" -o threads
    expect_output ./threads "joined 161608 sent 161608 total 1612"
    "$prefix/bin/asyncc-cc" -g -fsanitize=address "$here/sanitizers/frame_uaf.c" -o frame_uaf
    if ./frame_uaf >uaf.out 2>uaf.err; then fail "ASan missed the read of a dead frame: $(cat uaf.out)"; fi
    grep -q "ERROR: AddressSanitizer: heap-use-after-free" uaf.err || fail "frame_uaf: $(head -3 uaf.err)"
    echo "ok: ASan reports the read of a finished task's local"
    for san in thread address; do
        src=$work/san-$san-src bin=$work/san-$san-build
        fresh_copy "$src"
        rm -rf "$bin"
        cmake -S "$src" -B "$bin" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS=-fsanitize=$san >/dev/null
        cmake --build "$bin" >/dev/null
        expect_output "$bin/app" "hello from cmake: 4 squares sum to 30"
        nm "$bin/app" >"$dir/app-$san.nm"
        # The runtime's atomics instrumented for TSan are calls of __tsan_atomic*; its globals
        # instrumented for ASan have __odr_asan twins.
        if [ $san = thread ]; then
            grep -q " U __tsan_atomic" "$dir/app-$san.nm" || fail "the CMake app did not link libasyncc-tsan"
        else
            grep -q " __odr_asan.ac__debug_chunks$" "$dir/app-$san.nm" || fail "the CMake app did not link libasyncc-asan"
        fi
    done
    ;;
*) fail "unknown phase $phase" ;;
esac
