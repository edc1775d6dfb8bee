#!/usr/bin/env bash
# test.sh: the cancel sample's output must be expected.txt byte for byte: the order of connects,
# answers and cleanups is the lesson, and the descriptor counts show nothing leaked.
# Usage: test.sh PROGRAM [WRAPPER...] (a wrapper such as valgrind runs the program under it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"${@:2}" "$1" >"$out"
diff -u "$here/expected.txt" "$out"
