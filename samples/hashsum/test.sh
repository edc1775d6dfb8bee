#!/usr/bin/env bash
# test.sh: hashsum's output must be byte-identical to coreutils sha256sum's, with the same exit
# status, on awkward files and names, on stdin, and under a small descriptor limit.
# Usage: test.sh HASHSUM [WRAPPER...] (a wrapper such as valgrind runs hashsum under it)
set -euo pipefail
hashsum=("${@:2}" "$(realpath "$1")")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
: >empty
printf x >one
for n in 4095 4096 65536 262144 262145 1048583; do head -c $n /dev/urandom >"size $n"; done
for i in $(seq 1 300); do head -c $((i * 331)) /dev/urandom >"f$i"; done
printf y >'back\slash'
printf z >"$(printf 'new\nline')"
mkdir adir

same() { # same ARGS...: both tools print the same bytes and exit the same way
    local want got
    set +e
    sha256sum "$@" >want.out 2>/dev/null
    want=$?
    "${hashsum[@]}" "$@" >got.out 2>got.err
    got=$?
    set -e
    if ! cmp -s want.out got.out || [ $want -ne $got ]; then
        echo "FAIL on $# names: sha256sum exited $want, hashsum $got; diff:"
        diff want.out got.out | head -20
        cat got.err
        exit 1
    fi
}
same empty one size* f* 'back\slash' "$(printf 'new\nline')"
echo "ok: $(wc -l <got.out) lines identical to sha256sum"
same one missing adir f1
grep -q "hashsum: missing: No such file or directory" got.err
grep -q "hashsum: adir: Is a directory" got.err
echo "ok: missing file and directory: same output and exit status 1"
sha256sum <"size 65536" >want.out
"${hashsum[@]}" <"size 65536" >got.out
cmp want.out got.out
echo "ok: standard input"
# -j bounds the files open at once: 8 open files fit in 32 descriptors, 300 inputs or not.
(ulimit -n 32 && "${hashsum[@]}" -j 8 f* >got.out)
sha256sum f* | cmp - got.out
echo "ok: 300 files with -j 8 under ulimit -n 32"
