#!/usr/bin/env bash
# tests/differential/csmith.sh: the large csmith differential, unattended: N programs (default 10000)
# from seed START (default 1), 2 jobs, default csmith settings (--small: small programs; --set NAME:
# one of csmith.py's named option sets, OPTION_SETS: no-packed, deep, funcs20, inline, no-arrays,
# bitfields, volatile, float, exprs, random). Resumable: run the same command again after a stop and
# it continues (each result is in OUT/results.jsonl); prints each failure as it comes and the counts
# by class at the end (--summary: only those, while it runs). Failing cases are kept in OUT/fail/SEED/
# (OUT: build/differential/csmith-SET-START-N, SET being default, small or the set's name).
# usage: [BUILD=dir] [JOBS=j] tests/differential/csmith.sh [--small|--set NAME] [N] [START] [more csmith.py options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=default
opts=()
if [[ ${1:-} == --small ]]; then size=small; shift; fi
if [[ ${1:-} == --set ]]; then size=${2:?--set NAME}; shift 2; fi
if [[ $size != default ]]; then opts+=(--set "$size"); fi
n=${1:-10000}
start=${2:-1}
shift $(($# > 2 ? 2 : $#))
build=${BUILD:-$here/../../build}
exec python3 "$here/csmith.py" --count "$n" --start "$start" -j "${JOBS:-2}" --resume "${opts[@]}" \
    --build "$build" --out "$build/differential/csmith-$size-$start-$n" "$@"
