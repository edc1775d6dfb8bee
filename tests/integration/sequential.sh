#!/usr/bin/env bash
# sequential.sh: asyncc-cc --sequential builds every sample as plain C against the sequential
# library (no transpiling: the binary has no state machines), and the deterministic ones behave
# as their transpiled builds: hashsum passes its own test (byte-identical to sha256sum); cancel
# prints what its combinators do there, and leaks no descriptor.
# Usage: sequential.sh ASYNCC_CC SAMPLES_DIR WORK_DIR
set -euo pipefail
cc=$1 samples=$2 work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
built=0
for dir in "$samples"/*/; do
    name=$(basename "$dir")
    srcs=$(ls "$dir"*.c 2>/dev/null || true)
    [ -n "$srcs" ] || continue
    libs=
    grep -q "openssl/" $srcs && libs=-lcrypto
    grep -q "openssl/ssl.h" $srcs && libs="-lssl -lcrypto"
    # shellcheck disable=SC2086
    "$cc" --sequential -g -O1 -Wall -Wextra -Werror -I"$dir" $srcs $libs -o "$work/$name" 2>"$work/$name.err" ||
        fail "the sequential build of samples/$name: $(cat "$work/$name.err")"
    # Nothing was transpiled: no frame or poll function of the user's code is in the binary.
    ! nm "$work/$name" | grep -q " ac__type_main$" || fail "samples/$name was transpiled"
    built=$((built + 1))
done
[ $built -ge 5 ] || fail "only $built samples built"
echo "ok: $built samples built with asyncc-cc --sequential, none transpiled"

# cancel under the sequential build: its timeouts never fire and select runs its first future
# only (docs/guide.md), so it prints expected-sequential.txt; its descriptor counts show that
# nothing leaks there either, the runtime's own descriptors (opened at the first call of a
# runtime function, before the sample counts) aside.
if [ -x "$work/cancel" ]; then
    "$work/cancel" >"$work/cancel.out" 2>&1 || fail "the sequential cancel exited with $?: $(cat "$work/cancel.out")"
    diff -u "$samples/cancel/expected-sequential.txt" "$work/cancel.out" ||
        fail "the sequential cancel's output differs from samples/cancel/expected-sequential.txt"
    echo "ok: the sequential cancel prints expected-sequential.txt, open fds +0 at each step"
fi

if [ -x "$work/hashsum" ]; then
    bash "$samples/hashsum/test.sh" "$work/hashsum" >"$work/hashsum.log" 2>&1 ||
        fail "the sequential hashsum: $(tail -20 "$work/hashsum.log")"
    echo "ok: the sequential hashsum prints what sha256sum (and the transpiled hashsum) print"
fi

# A task group in the sequential build: an error at the user's line that says why (it was a link
# error on an undefined ac__seq_task_group_is_not_sequential), with gcc and with clang.
printf '#include <asyncc.h>\nasync int job(void) { return 1; }\nasync int main(void)\n{\n    ac_task_group *g = ac_task_group_new();\n    ac_task_group_add(g, ac_spawn(job()));\n    ac_task_group_spawn(g, job());\n    ac_task_group_free(g);\n    return 0;\n}\n' >"$work/group.c"
for real in cc clang; do
    command -v "$real" >/dev/null || continue
    if ASYNCC_REAL_CC=$real "$cc" --sequential -c "$work/group.c" -o "$work/group.o" 2>"$work/group.err"; then
        fail "a task group compiled in the sequential build with $real"
    fi
    grep -q "group.c:6:5: error: .*task groups are not available in the sequential build" "$work/group.err" ||
        fail "a task group in the sequential build with $real: $(cat "$work/group.err")"
    grep -q "group.c:7:5: " "$work/group.err" ||
        fail "ac_task_group_spawn in the sequential build with $real: $(cat "$work/group.err")"
done
"$cc" -c "$work/group.c" -o "$work/group.o" || fail "the async build of a task group"
echo "ok: a task group in the sequential build is an error at its line"
