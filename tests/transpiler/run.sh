#!/usr/bin/env bash
# run.sh SRC TMP [ARGS...]: the run test of one async program. Transpiles SRC, compiles the
# output with gcc and clang (-Wall -Wextra -Werror), runs it, and also builds SRC as plain
# sequential C against the sequential library (asyncc-cc --sequential: await is the identity,
# every async function of the runtime blocks, a spawn runs at once): both must print the same,
# and so must the output built at -O2. Prints the async program's output for FileCheck; fails on any difference.
set -euo pipefail
src=$1 tmp=$2
shift 2
warn="-std=gnu11 -Wall -Wextra -Wshadow -Werror"
"$ASYNCC" "$src" -o "$tmp.async.c"
libs="$ASYNCC_RUNTIME_LIB -luring -lpthread"
# shellcheck disable=SC2086
"$ASYNCC_CC" $warn $ASYNCC_SAN_FLAGS -g -I"$ASYNCC_INCLUDE" "$tmp.async.c" $libs -o "$tmp.async"
# shellcheck disable=SC2086
"$ASYNCC_TEST_CLANG" $warn -fsyntax-only -I"$ASYNCC_INCLUDE" "$tmp.async.c"
status=0
"$tmp.async" "$@" > "$tmp.out" || status=$?
if [ "${ASYNCC_NO_SEQ:-}" != 1 ] && ! grep -q "NO-SEQUENTIAL" "$src"; then
    # shellcheck disable=SC2086
    "$ASYNCC_CC" -std=gnu11 -w -DAC_SEQUENTIAL $ASYNCC_SAN_FLAGS -I"$ASYNCC_INCLUDE" "$src" "$ASYNCC_SEQ_LIB" $libs -o "$tmp.seq"
    seq_status=0
    "$tmp.seq" "$@" > "$tmp.seq.out" || seq_status=$?
    if ! diff -u "$tmp.seq.out" "$tmp.out" >&2; then
        echo "run.sh: the async program and its sequential build print different things" >&2
        exit 1
    fi
    if [ "$status" != "$seq_status" ]; then
        echo "run.sh: exit status $status async, $seq_status sequential" >&2
        exit 1
    fi
    # The same output optimized: there frame locals whose uses never overlap share bytes
    # (AC__SHARED is a union, a struct at -O0) and gcc nests each body in a function named for
    # gdb (AC__NAMED_BODY). It must print the same. (Its warnings are judged above and by
    # strict.sh; gcc's -O2 value-range warnings are documented limits.)
    # shellcheck disable=SC2086
    "$ASYNCC_CC" -std=gnu11 -O2 -w $ASYNCC_SAN_FLAGS -I"$ASYNCC_INCLUDE" "$tmp.async.c" $libs -o "$tmp.async.o2"
    o2_status=0
    "$tmp.async.o2" "$@" > "$tmp.o2.out" || o2_status=$?
    if ! diff -u "$tmp.out" "$tmp.o2.out" >&2 || [ "$status" != "$o2_status" ]; then
        echo "run.sh: the async program built at -O2 behaves differently (exit status $o2_status, $status at -O0)" >&2
        exit 1
    fi
fi
cat "$tmp.out"
echo "exit: $status"
