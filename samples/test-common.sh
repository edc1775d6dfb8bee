# samples/test-common.sh: what the network samples' test.sh scripts share, sourced by each one:
# its arguments, a temporary directory, cleanup at exit, fail, skip and starting the server.
#
# Usage, after `set -euo pipefail`, with the script's arguments SERVER [WRAPPER...] (a wrapper
# such as valgrind runs the server under it):
#     . "$(dirname "$0")/../test-common.sh"
# Sets server, wrapper (an array), here (the sample's directory), out (a directory removed at
# exit) and pids (every process in it is killed at exit; start_server adds the server's).
here=$(cd "$(dirname "$0")" && pwd)
server=$1
shift
wrapper=("$@")
out=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$out"
}
trap cleanup EXIT

# fail MESSAGE: says why the test failed and shows what the server wrote on stderr.
fail() {
    echo "FAIL: $*"
    echo "--- server's stderr:"
    cat "$out/err" 2>/dev/null || true
    exit 1
}

# need COMMAND [HOW]: skips the test (exit 77, ctest's SKIP_RETURN_CODE) without COMMAND.
need() {
    command -v "$1" >/dev/null || { echo "SKIP: $1 is not installed${2:+ ($2)}"; exit 77; }
}

# start_server ARGS...: starts the server (under the wrapper) with ARGS, its stdout in
# $out/port and its stderr in $out/err, and waits until it prints "... on 127.0.0.1:PORT".
# Sets server_pid and port. May be called again after the server exited.
start_server() {
    : >"$out/port"
    "${wrapper[@]}" "$server" "$@" >"$out/port" 2>"$out/err" &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 400); do # valgrind takes seconds to start
        grep -q " on 127.0.0.1:" "$out/port" && break
        kill -0 "$server_pid" 2>/dev/null || fail "the server did not start"
        sleep 0.05
    done
    port=$(sed -n 's/.* on 127.0.0.1://p' "$out/port")
    [ -n "$port" ] || fail "the server did not say its port"
}

# wait_for FILE COUNT GREP-ARGS...: waits until COUNT lines of FILE match `grep GREP-ARGS`, at most
# $wait_seconds (60 unless the script sets it); says what it missed on stderr and returns 1 after.
wait_seconds=60
wait_for() {
    local file=$1 count=$2 i
    shift 2
    for ((i = 0; i < 10 * wait_seconds; i++)); do
        [ "$(grep -c "$@" "$file" 2>/dev/null)" -ge "$count" ] && return 0
        sleep 0.1
    done
    echo "never saw $count lines matching '${*: -1}' in $file" >&2
    return 1
}

# stop_server SIGNAL: sends SIGNAL (TERM, INT...) to the server and waits, 30 s at most, for it
# to exit with status 0 (under valgrind, 99 means memcheck found an invalid access or a leak).
stop_server() {
    kill "-$1" "$server_pid"
    timeout 30 tail --pid="$server_pid" -f /dev/null || fail "the server did not exit within 30 s of SIG$1"
    local status=0
    wait "$server_pid" || status=$?
    [ "$status" = 0 ] || fail "the server exited with status $status after SIG$1"
}

# stall DATA MIN MAX [--every SECONDS]: starts ../stall_client.py against the server in the
# background: a client that sends DATA (one byte every SECONDS with --every) and must see the
# server close its connection between MIN and MAX seconds after connecting. wait_stalls waits
# for every one started, shows what each said, and fails with the first that failed.
stalls=()
stall() {
    local i=${#stalls[@]}
    python3 "$here/../stall_client.py" "$port" "$@" >"$out/stall$i" &
    stalls+=("$!")
    pids+=("$!")
}
wait_stalls() {
    local i
    for i in "${!stalls[@]}"; do
        wait "${stalls[$i]}" || fail "stalled client $((i + 1)): $(cat "$out/stall$i")"
        cat "$out/stall$i"
    done
    stalls=()
}

# server_fds: how many descriptors the server has open now.
server_fds() {
    ls "/proc/$server_pid/fd" | wc -l
}

# wait_fds COUNT WHAT: waits until the server has at most COUNT descriptors open again (what it
# had before WHAT), 30 s at most: a connection that ends must leave none behind.
wait_fds() {
    local i
    for ((i = 0; i < 300; i++)); do
        [ "$(server_fds)" -le "$1" ] && return 0
        sleep 0.1
    done
    fail "the server holds $(server_fds) descriptors 30 s after $2, $1 before: $(ls -l "/proc/$server_pid/fd" | tail -5)"
}

# faults ARGS...: runs ../fault_clients.py ARGS (clients that reset, close or half-close in the
# middle of things, many at once) and checks that the server is left with the descriptors it had.
faults() {
    local before
    before=$(server_fds)
    timeout 150 python3 "$here/../fault_clients.py" "$@" >"$out/faults" 2>&1 || fail "fault_clients.py $*: $(cat "$out/faults")"
    cat "$out/faults"
    wait_fds "$before" "fault_clients.py $1"
}

# with_fd_limit N ARGS...: runs ../fault_clients.py ARGS while the server may open only N
# descriptors (prlimit, the soft limit), then gives it its limit back. Skipped (says so) without prlimit, and
# under a wrapper (valgrind keeps descriptors of its own near the top of the limit).
with_fd_limit() {
    local n=$1 soft hard
    shift
    if ! command -v prlimit >/dev/null || [ ${#wrapper[@]} -gt 0 ]; then
        echo "skipped: $* with $n descriptors (no prlimit, or under a wrapper)"
        return 0
    fi
    read -r soft hard < <(prlimit --pid "$server_pid" --nofile --output SOFT,HARD --noheadings)
    prlimit --pid "$server_pid" --nofile="$n:$hard" || fail "prlimit"
    faults "$@"
    prlimit --pid "$server_pid" --nofile="$soft:$hard" || fail "prlimit back"
    echo "ok: served so while limited to $n descriptors (accept met EMFILE)"
}
