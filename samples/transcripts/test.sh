#!/usr/bin/env bash
# test.sh: the transcripts sample prints nine transcripts, one after another (nine 1 s waits: at
# least 9 s) and then twice three at a time (spawned as tasks, and joined in one task: at least
# 3 s each, and far less than the 9 s of one after another). Only the lower bounds are exact: a
# loaded machine or a wrapper makes every time later, by 0.7 s seen in CI under load, so the
# upper bound only tells concurrent waits from sequential ones.
# Usage: test.sh PROGRAM [WRAPPER...] (a wrapper such as valgrind runs the program under it)
set -euo pipefail
out=$("${@:2}" "$1")
echo "$out"
n=$(echo "$out" | grep -c "Transcript for Student 10[123]: 3.8 GPA, 120 credits")
[ "$n" -eq 9 ] || { echo "FAIL: $n transcripts, expected 9"; exit 1; }
# seconds LABEL: the time printed after "LABEL:", in tenths.
seconds() { echo "$out" | sed -n "s/^$1: *\([0-9]*\)\.\([0-9]\) s\$/\1\2/p"; }
within() { # NAME TENTHS LOW HIGH
    [ -n "$2" ] && [ "$2" -ge "$3" ] && [ "$2" -lt "$4" ] || { echo "FAIL: $1 time"; exit 1; }
}
within sequential "$(seconds 'one after another')" 89 200
within concurrent "$(seconds concurrently)" 29 60
within "ac_join" "$(seconds 'joined in a task')" 29 60
