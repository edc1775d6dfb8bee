#!/usr/bin/env bash
# test.sh: starts the chat server on 127.0.0.1 and connects three real clients (socat, or nc) at
# once; each joins, says a line and leaves in a set order; checks what each one saw. Then 1,000
# clients that leave at once (../fault_clients.py). Then SIGTERM with two clients in the room,
# and SIGINT, must end the server with status 0.
# Usage: test.sh SERVER [WRAPPER...]
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"

start_server
if command -v socat >/dev/null; then connect="socat -t 3 - TCP:127.0.0.1:$port"; else connect="nc -N 127.0.0.1 $port"; fi
pause=1
[ ${#wrapper[@]} -gt 0 ] && pause=3 # valgrind

# Each client's input waits for what it must have seen before its next line (a schedule of
# fixed sleeps failed under TSan on a loaded machine). The one order nobody can see is alice's
# join before bob's (the server answers a join to the others only): bob connects a pause after
# alice gave her name.
wait_line() { # wait_line CLIENT LINE: until CLIENT has received LINE (60 s at most)
    wait_for "$out/$1" 1 -xF -- "$2"
}
clients=()
client() { # client NAME: a real client whose input is the function NAME_says
    : >"$out/$1"
    "$1_says" | timeout 120 $connect >"$out/$1" &
    clients+=("$!")
}
alice_says() {
    wait_line alice "name?" && echo alice
    wait_line alice "* carol joined" && echo "hello from alice"
    wait_line alice "* bob left"
}
bob_says() {
    wait_line bob "name?" && echo bob
    wait_line bob "alice: hello from alice" && echo "hello from bob"
    wait_line bob "* carol left"
}
carol_says() {
    wait_line carol "name?" && echo carol
    wait_line carol "bob: hello from bob" && echo "hello from carol"
    wait_line alice "carol: hello from carol" && wait_line bob "carol: hello from carol"
}
client alice
wait_line alice "name?"
sleep "$pause"
client bob
wait_line alice "* bob joined"
client carol
wait "${clients[@]}" 2>/dev/null || true

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

# Clients that join, say a line and leave at once (half with a reset): a client's reader may
# see the end before its writer task ever ran. Each subscription must still be closed (the
# leak check at exit under ASan or valgrind) and each descriptor.
quick=1000
[ ${#wrapper[@]} -gt 0 ] && quick=200
faults chat-quick "$port" "$quick"

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
