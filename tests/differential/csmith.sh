#!/usr/bin/env bash
# tests/differential/csmith.sh: the large csmith differential, unattended: N programs (default 10000)
# from seed START (default 1), 2 jobs, default csmith settings (--small: small programs). Resumable:
# run the same command again after a stop and it continues (each result is in OUT/results.jsonl);
# prints each failure as it comes and the counts by class at the end (--summary: only those, while it
# runs). Failing cases are kept in OUT/fail/SEED/ (OUT: build/differential/csmith-SIZE-START-N).
# usage: [BUILD=dir] [JOBS=j] tests/differential/csmith.sh [--small] [N] [START] [more csmith.py options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=default
if [[ ${1:-} == --small ]]; then size=small; shift; fi
n=${1:-10000}
start=${2:-1}
shift $(($# > 2 ? 2 : $#))
build=${BUILD:-$here/../../build}
opts=()
if [[ $size == small ]]; then opts+=(--small); fi
exec python3 "$here/csmith.py" --count "$n" --start "$start" -j "${JOBS:-2}" --resume "${opts[@]}" \
    --build "$build" --out "$build/differential/csmith-$size-$start-$n" "$@"
