#!/usr/bin/env bash
# test.sh: starts the chat server on 127.0.0.1 and connects three real clients (socat, or nc) at
# once; each joins, says a line and leaves on a schedule; checks what each one saw. Usage: test.sh SERVER
set -euo pipefail
out=$(mktemp -d)
"$1" >"$out/port" 2>"$out/err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 100); do grep -q "^chat on 127.0.0.1:" "$out/port" && break; sleep 0.05; done
port=$(sed -n 's/^chat on 127.0.0.1://p' "$out/port")
[ -n "$port" ] || { echo "FAIL: the server did not start: $(cat "$out/err")"; exit 1; }
if command -v socat >/dev/null; then connect="socat -t 3 - TCP:127.0.0.1:$port"; else connect="nc -N 127.0.0.1 $port"; fi

# client NAME JOIN_AT SAY_AT LEAVE_AT: a real client whose input is timed by sleeps (0.6 s steps).
client() {
    { sleep "$2"; echo "$1"; sleep "$3"; echo "hello from $1"; sleep "$4"; } |
        timeout 30 $connect >"$out/$1" &
}
client alice 0 1.8 3.6      # joins at 0,   says at 1.8, leaves at 5.4
client bob 0.6 1.8 1.8      # joins at 0.6, says at 2.4, leaves at 4.2
client carol 1.2 1.8 0.6    # joins at 1.2, says at 3.0, leaves at 3.6
wait $(jobs -p | grep -v "^$server$") 2>/dev/null || true
sleep 0.2

check() { # check CLIENT EXPECTED-LINES...: the client saw exactly these lines, in this order
    local who=$1
    shift
    printf '%s\n' "$@" >"$out/$who.want"
    if ! diff -u "$out/$who.want" "$out/$who"; then echo "FAIL: $who saw something else"; exit 1; fi
    echo "ok: $who saw $# lines"
}
check alice "name?" "* bob joined" "* carol joined" "bob: hello from bob" "carol: hello from carol" \
    "* carol left" "* bob left"
check bob "name?" "* carol joined" "alice: hello from alice" "carol: hello from carol" "* carol left"
check carol "name?" "alice: hello from alice" "bob: hello from bob"
kill -0 $server || { echo "FAIL: the server died: $(cat "$out/err")"; exit 1; }
