#!/usr/bin/env bash
# tests/differential/torture.sh DIR: gcc's runtime torture tests (DIR: gcc/testsuite/gcc.c-torture/
# execute of a gcc source tree, e.g. from `apt-get source gcc-12`) made async and run against their
# plain builds; see torture.py. Counts by class at the end; failing cases in OUT/fail/NAME/
# (OUT: BUILD/differential/torture).
# usage: [BUILD=dir] [JOBS=j] tests/differential/torture.sh DIR [torture.py options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: torture.sh DIR (gcc/testsuite/gcc.c-torture/execute)}
shift
build=${BUILD:-$here/../../build}
exec python3 "$here/torture.py" "$dir" -j "${JOBS:-2}" --build "$build" "$@"
