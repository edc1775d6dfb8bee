#!/usr/bin/env bash
# test.sh: starts the chat server on 127.0.0.1 and connects three real clients (socat, or nc) at
# once; each joins, says a line and leaves on a schedule; checks what each one saw. Then SIGTERM
# with two clients in the room, and SIGINT, must end the server with status 0.
# Usage: test.sh SERVER [WRAPPER...]
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"

start_server
if command -v socat >/dev/null; then connect="socat -t 3 - TCP:127.0.0.1:$port"; else connect="nc -N 127.0.0.1 $port"; fi
tenths=8                               # a step: 0.8 s
[ ${#wrapper[@]} -gt 0 ] && tenths=15 # valgrind: every step takes longer

# client NAME JOIN_AT SAY_AT LEAVE_AT: a real client whose input is timed by sleeps (in steps,
# each after the previous one; in plain shell arithmetic, so that no client waits for a fork).
clients=()
client() {
    local d=() n
    for n in "$2" "$3" "$4"; do d+=("$((n * tenths / 10)).$((n * tenths % 10))"); done
    { sleep "${d[0]}"; echo "$1"; sleep "${d[1]}"; echo "hello from $1"; sleep "${d[2]}"; } |
        timeout 60 $connect >"$out/$1" &
    clients+=("$!")
}
client alice 0 3 6   # joins at step 0, says at 3, leaves at 9
client bob 1 3 3     # joins at 1, says at 4, leaves at 7
client carol 2 3 1   # joins at 2, says at 5, leaves at 6
wait "${clients[@]}" 2>/dev/null || true
sleep 0.2

check() { # check CLIENT EXPECTED-LINES...: the client saw exactly these lines, in this order
    local who=$1
    shift
    printf '%s\n' "$@" >"$out/$who.want"
    diff -u "$out/$who.want" "$out/$who" || fail "$who saw something else"
    echo "ok: $who saw $# lines"
}
check alice "name?" "* bob joined" "* carol joined" "bob: hello from bob" "carol: hello from carol" \
    "* carol left" "* bob left"
check bob "name?" "* carol joined" "alice: hello from alice" "carol: hello from carol" "* carol left"
check carol "name?" "alice: hello from alice" "bob: hello from bob"
kill -0 "$server_pid" || fail "the server died"

# Graceful shutdown: dave is in the room, erin has not given her name yet; both connections
# must close.
{ echo dave; sleep 60; } 2>/dev/null | timeout 60 $connect >"$out/dave" &
dave=$!
pids+=("$dave")
sleep 60 2>/dev/null | timeout 60 $connect >"$out/erin" &
erin=$!
pids+=("$erin")
for _ in $(seq 200); do grep -q "name?" "$out/erin" && break; sleep 0.05; done
stop_server TERM
timeout 10 tail --pid="$dave" -f /dev/null || fail "dave's connection stayed open after SIGTERM"
timeout 10 tail --pid="$erin" -f /dev/null || fail "erin's connection stayed open after SIGTERM"
echo "ok: SIGTERM: connections closed, exit status 0"

start_server
stop_server INT
echo "ok: SIGINT: exit status 0"
