#!/usr/bin/env bash
# strict.sh SRC TMP STD...: under each -std, SRC built as plain C (its sequential build) must be
# free of warnings under tests/differential/strict.py's warning sets (gcc's list, clang's
# -Weverything), with -Werror; then asyncc's output of SRC must be too: generated code adds no
# warning to a program that builds cleanly.
set -euo pipefail
src=$1 tmp=$2
shift 2
here=$(dirname "$0")
export STRICT_ALL=1 # every flag: the test program has none of the unhonoured cases
for std in "$@"; do
    # shellcheck disable=SC2046
    gflags=$(python3 "$here/../differential/strict.py" --print-flags gcc "$std")
    cflags=$(python3 "$here/../differential/strict.py" --print-flags clang "$std")
    # shellcheck disable=SC2086
    "$ASYNCC_CC" -std="$std" -O2 $gflags -Werror -DAC_SEQUENTIAL -I"$ASYNCC_INCLUDE" -c "$src" -o "$tmp.$std.seq.o"
    # shellcheck disable=SC2086
    "$ASYNCC_TEST_CLANG" -std="$std" $cflags -Werror -DAC_SEQUENTIAL -I"$ASYNCC_INCLUDE" -fsyntax-only "$src"
    "$ASYNCC" -std="$std" "$src" -o "$tmp.$std.c"
    # shellcheck disable=SC2086
    "$ASYNCC_CC" -std="$std" -O2 $gflags -Werror -I"$ASYNCC_INCLUDE" -c "$tmp.$std.c" -o "$tmp.$std.o"
    # shellcheck disable=SC2086
    "$ASYNCC_TEST_CLANG" -std="$std" $cflags -Werror -I"$ASYNCC_INCLUDE" -fsyntax-only "$tmp.$std.c"
done
echo "strict: clean"
