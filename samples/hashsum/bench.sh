#!/usr/bin/env bash
# bench.sh: times coreutils sha256sum, openssl dgst (the same digest code, one file after another)
# and hashsum on the same files, best of 5 runs with the files in the page cache (warm) and after
# evicting them with posix_fadvise(DONTNEED) before each run (cold). Usage: bench.sh HASHSUM [DIR]
set -euo pipefail
hashsum=$1
dir=${2:-$(mktemp -d)}
mkdir -p "$dir/small" "$dir/large"
[ -e "$dir/small/f2000" ] || for i in $(seq 1 2000); do head -c 65536 /dev/urandom >"$dir/small/f$i"; done
[ -e "$dir/large/f8" ] || for i in $(seq 1 8); do head -c $((32 << 20)) /dev/urandom >"$dir/large/f$i"; done

evict() { # evict FILES...: drop them from the page cache (no root needed)
    python3 -c 'import os, sys
for f in sys.argv[1:]:
    fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$@"
}
best() { # best CMD...: the fastest of 5 runs, in seconds (cold: files evicted before each)
    local b=999 t
    for _ in 1 2 3 4 5; do
        [ "$cache" = warm ] || evict *
        t=$( { /usr/bin/time -f %e "$@" >/dev/null; } 2>&1 | tail -1)
        b=$(echo "$t $b" | awk '{print ($1 < $2) ? $1 : $2}')
    done
    echo "$b"
}
printf '%-24s %-5s %-32s %8s %8s\n' files cache tool seconds speedup
sync
for cache in warm cold; do
for set in "small:2000 files of 64 KiB" "large:8 files of 32 MiB"; do
    d=$dir/${set%%:*} what=${set#*:}
    cd "$d"
    sha256sum * >"$dir/expected"
    "$hashsum" * >"$dir/got"
    cmp -s "$dir/expected" "$dir/got" || { echo "hashsum's output differs from sha256sum's" >&2; exit 1; }
    s=$(best sha256sum *)
    ossl=$(best openssl dgst -sha256 *)
    one=$(ASYNCC_WORKERS=1 best "$hashsum" -j 1 *)
    h=$(best "$hashsum" *)
    for row in "sha256sum (coreutils):$s" "openssl dgst -sha256:$ossl" "hashsum -j 1, ASYNCC_WORKERS=1:$one" \
        "hashsum (default: -j 64):$h"; do
        t=${row##*:}
        printf '%-24s %-5s %-32s %8s %7.1fx\n' "$what" $cache "${row%:*}" "$t" "$(echo "$s $t" | awk '{print $1 / $2}')"
    done
done
done
