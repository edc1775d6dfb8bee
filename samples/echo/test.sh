#!/usr/bin/env bash
# test.sh: starts the echo server on a free port of 127.0.0.1, talks to it with socat (or nc),
# then with 1,000 concurrent connections from load_client.py (100 under a wrapper such as
# valgrind); SIGTERM with clients connected, and SIGINT, must end it with status 0.
# Usage: test.sh SERVER [WRAPPER...]
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"

start_server
echo "server on 127.0.0.1:$port"

printf 'hello\nasync world\n' >"$out/sent"
head -c 100000 /dev/urandom | base64 >>"$out/sent" # larger than one receive buffer
if command -v socat >/dev/null; then
    client="socat -t 5 - TCP:127.0.0.1:$port"
else
    client="nc -N 127.0.0.1 $port"
fi
timeout 20 $client <"$out/sent" >"$out/got" || fail "${client%% *} exited with $?"
cmp "$out/sent" "$out/got" || fail "${client%% *} got back something else"
echo "ok: ${client%% *} got its $(wc -c <"$out/sent") bytes back"

conns=1000
[ ${#wrapper[@]} -gt 0 ] && conns=100 # valgrind: fewer
timeout 90 python3 "$here/load_client.py" "$port" "$conns" 3 || fail "load_client.py"
kill -0 "$server_pid" || fail "the server died"
# 1,000 clients at once while the server may hold only 128 descriptors: accept meets EMFILE,
# and every client is served in turn.
with_fd_limit 128 burst echo "$port" 1000

# Graceful shutdown: a client in the middle of a line and an idle one are still connected; both
# connections must close and the server exit 0.
sleep 30 2>/dev/null | socat - TCP:127.0.0.1:"$port" >/dev/null &
idle=$!
pids+=("$idle")
{ printf 'no newline yet'; sleep 30; } 2>/dev/null | socat - TCP:127.0.0.1:"$port" >/dev/null &
busy=$!
pids+=("$busy")
sleep 0.5
stop_server TERM
timeout 10 tail --pid="$idle" -f /dev/null || fail "the idle connection stayed open after SIGTERM"
timeout 10 tail --pid="$busy" -f /dev/null || fail "the busy connection stayed open after SIGTERM"
echo "ok: SIGTERM: connections closed, exit status 0"

start_server
echo ping | timeout 20 socat - TCP:127.0.0.1:"$port" >"$out/got" || fail "socat after restart"
[ "$(cat "$out/got")" = ping ] || fail "the second server echoed '$(cat "$out/got")'"
stop_server INT
echo "ok: SIGINT: exit status 0"
