#!/usr/bin/env bash
# test.sh: the transcripts sample prints nine transcripts, about 9 s one after another, about 3 s
# spawned as tasks and about 3 s joined in one task (up to 0.4 s late; 0.9 s under a wrapper).
# Usage: test.sh PROGRAM [WRAPPER...] (a wrapper such as valgrind runs the program under it)
set -euo pipefail
out=$("${@:2}" "$1")
echo "$out"
late='[0-4]'
[ $# -gt 1 ] && late='[0-9]' # valgrind: the program starts and switches threads slower
n=$(echo "$out" | grep -c "Transcript for Student 10[123]: 3.8 GPA, 120 credits")
[ "$n" -eq 9 ] || { echo "FAIL: $n transcripts, expected 9"; exit 1; }
echo "$out" | grep -Eq "^one after another: (8\.9|9\.$late) s$" || { echo "FAIL: sequential time"; exit 1; }
echo "$out" | grep -Eq "^concurrently: +(2\.9|3\.$late) s$" || { echo "FAIL: concurrent time"; exit 1; }
echo "$out" | grep -Eq "^joined in a task: +(2\.9|3\.$late) s$" || { echo "FAIL: ac_join time"; exit 1; }
