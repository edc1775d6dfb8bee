#!/bin/sh
# test.sh: the transcripts sample prints six transcripts, about 9 s one after another and about
# 3 s when spawned as tasks. Usage: test.sh PROGRAM
set -e
out=$("$1")
echo "$out"
n=$(echo "$out" | grep -c "Transcript for Student 10[123]: 3.8 GPA, 120 credits")
[ "$n" -eq 6 ] || { echo "FAIL: $n transcripts, expected 6"; exit 1; }
echo "$out" | grep -Eq "^one after another: (8\.9|9\.[0-4]) s$" || { echo "FAIL: sequential time"; exit 1; }
echo "$out" | grep -Eq "^concurrently: +(2\.9|3\.[0-4]) s$" || { echo "FAIL: concurrent time"; exit 1; }
