#!/bin/sh
# test.sh: starts the echo server on a free port of 127.0.0.1, talks to it with socat (or nc),
# then with 1,000 concurrent connections from load_client.py. Usage: test.sh SERVER
set -eu
here=$(dirname "$0")
out=$(mktemp -d)
"$1" >"$out/port" 2>"$out/err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
i=0
until grep -q "^listening on 127.0.0.1:" "$out/port"; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "FAIL: the server did not start: $(cat "$out/err")"; exit 1; }
    sleep 0.05
done
port=$(sed 's/.*://' "$out/port")
echo "server on 127.0.0.1:$port"

printf 'hello\nasync world\n' >"$out/sent"
head -c 100000 /dev/urandom | base64 >>"$out/sent" # larger than one receive buffer
if command -v socat >/dev/null; then
    client="socat -t 5 - TCP:127.0.0.1:$port"
else
    client="nc -N 127.0.0.1 $port"
fi
timeout 20 $client <"$out/sent" >"$out/got"
cmp "$out/sent" "$out/got" || { echo "FAIL: ${client%% *} got back something else"; exit 1; }
echo "ok: ${client%% *} got its $(wc -c <"$out/sent") bytes back"

timeout 90 python3 "$here/load_client.py" "$port" 1000 3
kill -0 $server || { echo "FAIL: the server died: $(cat "$out/err")"; exit 1; }
