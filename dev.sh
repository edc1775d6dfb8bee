#!/usr/bin/env bash
# dev.sh: the README's two commands. `./dev.sh demo` installs what is missing, builds everything
# and runs the demo; `./dev.sh test` installs what is missing, builds everything (plain, ASan+UBSan
# and TSan builds) and runs every test.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

packages="cmake ninja-build gcc gdb clang-14 libclang-14-dev liburing-dev llvm-14-tools python3 pkg-config libssl-dev socat autoconf meson valgrind redis-tools csmith python3-clang-14 clang-format-14 curl openssl"

install_missing() {
    local missing=()
    for p in $packages; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "dev.sh: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() { # build DIR [cmake options...]
    local dir=$1
    shift
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir"
}

demo() {
    install_missing
    build build
    echo "== the transcripts demo (samples/transcripts, built with asyncc_target_sources):"
    echo "   three 3-second transcripts awaited one after another, then concurrently"
    build/samples/transcripts/transcripts
    echo
    echo "== the state machine asyncc generated for it (asyncc --emit=frames)"
    build/transpiler/asyncc --emit=frames -Iinclude samples/transcripts/transcripts.c
}

run_tests() { # run_tests DIR
    ctest --test-dir "$1" --output-on-failure -j2
}

test_all() {
    install_missing
    build build
    run_tests build
    echo "== ASan+UBSan build"
    build build-asan -DASYNCC_SANITIZE=address
    run_tests build-asan # LeakSanitizer is on by default; asyncc itself opts out (main.c)
    echo "== TSan build"
    build build-tsan -DASYNCC_SANITIZE=thread
    TSAN_OPTIONS=halt_on_error=1 run_tests build-tsan
}

case "${1:-}" in
demo) demo ;;
test) test_all ;;
*)
    echo "usage: ./dev.sh demo | ./dev.sh test" >&2
    exit 2
    ;;
esac
