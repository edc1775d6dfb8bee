#!/usr/bin/env bash
# tests/differential/csmith.sh: the large csmith differential: N programs (default 10000) from
# seed START (default 1), default csmith settings, 2 jobs. Prints each failure as it comes and the
# counts by class at the end; failing cases are kept in build/differential/csmith-N/fail/SEED/.
# usage: tests/differential/csmith.sh [N] [START] [more csmith.py options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-10000}
start=${2:-1}
shift $(($# > 2 ? 2 : $#))
exec python3 "$here/csmith.py" --count "$n" --start "$start" -j "${JOBS:-2}" \
    --out "$here/../../build/differential/csmith-$n" "$@"
