#!/bin/sh
# test.sh: the transcripts sample prints nine transcripts, about 9 s one after another, about 3 s
# spawned as tasks and about 3 s joined in one task. Usage: test.sh PROGRAM
set -e
out=$("$1")
echo "$out"
n=$(echo "$out" | grep -c "Transcript for Student 10[123]: 3.8 GPA, 120 credits")
[ "$n" -eq 9 ] || { echo "FAIL: $n transcripts, expected 9"; exit 1; }
echo "$out" | grep -Eq "^one after another: (8\.9|9\.[0-4]) s$" || { echo "FAIL: sequential time"; exit 1; }
echo "$out" | grep -Eq "^concurrently: +(2\.9|3\.[0-4]) s$" || { echo "FAIL: concurrent time"; exit 1; }
echo "$out" | grep -Eq "^joined in a task: +(2\.9|3\.[0-4]) s$" || { echo "FAIL: ac_join time"; exit 1; }
