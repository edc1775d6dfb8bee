#!/usr/bin/env bash
# test.sh: tls-echo against openssl s_client (TLS 1.3 and 1.2, certificate verified against the
# self-signed certificate made here, key updates mid-stream) and socat's OPENSSL client (1 MB round
# trips, 20 at once); a client speaking plain TCP and one leaving mid-handshake; SIGTERM exits 0;
# handshakes that stall past --handshake-timeout closed (../stall_client.py).
# Usage: test.sh SERVER [WRAPPER...] (e.g. valgrind)
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"
need openssl

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/key.pem" -out "$out/cert.pem" -days 2 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>"$out/req.err" || fail "openssl req: $(cat "$out/req.err")"

start_server --port 0 --cert "$out/cert.pem" --key "$out/key.pem"
echo "server on 127.0.0.1:$port"
slow=1
[ ${#wrapper[@]} -gt 0 ] && slow=4 # valgrind: give every step more time
wait_seconds=$((60 * slow))

# s_client LINES... [-- OPTIONS]: feeds the lines to openssl s_client one by one into $out/got
# (its stderr into $out/brief), each after the previous one came back (or, for the key update
# commands k and K, after s_client reported it), then ends its input, on which it sends
# close_notify. Pauses of fixed length failed under valgrind on a loaded machine: s_client read
# every line and the end of input at once after a slow handshake and left before the echo came.
s_client() {
    local lines=() opts=() updates=0
    while [ $# -gt 0 ] && [ "$1" != -- ]; do lines+=("$1"); shift; done
    [ $# -gt 0 ] && { shift; opts=("$@"); }
    : >"$out/got"
    : >"$out/brief"
    # s_client takes a command only at the start of what one read of its input returns: waiting
    # for each line's effect keeps each line a read of its own.
    for l in "${lines[@]}"; do
        echo "$l"
        case "$l" in
        k | K) updates=$((updates + 1)) && wait_for "$out/brief" "$updates" -F KEYUPDATE || true ;;
        *) wait_for "$out/got" 1 -F -- "$l" || true ;;
        esac
    done | timeout $((120 * slow)) openssl s_client -connect "127.0.0.1:$port" -servername localhost \
        -CAfile "$out/cert.pem" -verify_hostname localhost -verify_return_error -brief -no_ign_eof \
        "${opts[@]}" >>"$out/got" 2>>"$out/brief"
}

s_client "hello over TLS" "a second line" || fail "s_client: $(cat "$out/brief")"
printf 'hello over TLS\na second line\n' | cmp - "$out/got" || fail "s_client got back: $(cat "$out/got")"
grep -q 'Protocol version: TLSv1.3' "$out/brief" || fail "not TLS 1.3: $(cat "$out/brief")"
grep -q 'Verification: OK' "$out/brief" || fail "the certificate did not verify: $(cat "$out/brief")"
echo "ok: s_client, TLS 1.3, certificate verified: two lines echoed"

s_client "before the key updates" k "between them" K "after them" || fail "s_client: $(cat "$out/brief")"
printf 'before the key updates\nbetween them\nafter them\n' | cmp - "$out/got" || fail "with key updates: $(cat "$out/got")"
grep -q 'KEYUPDATE' "$out/brief" || fail "s_client did not update keys: $(cat "$out/brief")"
echo "ok: TLS 1.3 key updates mid-stream, one of them asking the server for its own"

s_client "over TLS 1.2" -- -tls1_2 || fail "s_client -tls1_2: $(cat "$out/brief")"
[ "$(cat "$out/got")" = "over TLS 1.2" ] || fail "TLS 1.2: $(cat "$out/got")"
grep -q 'Protocol version: TLSv1.2' "$out/brief" || fail "not TLS 1.2: $(cat "$out/brief")"
echo "ok: s_client -tls1_2"

# A client that is no TLS client, and one that leaves in the middle of the handshake: the server
# drops them and goes on.
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 socat -t 2 - TCP:127.0.0.1:"$port" >/dev/null 2>&1 || true
timeout 10 openssl s_client -connect "127.0.0.1:$port" </dev/null >/dev/null 2>&1 &
sleep 0.1
kill $! 2>/dev/null || true
kill -0 "$server_pid" 2>/dev/null || fail "the server died"

# Bulk: 1 MB there and back through socat's OpenSSL client (s_client reads k, K, Q and R at the
# start of a line as commands, so it cannot carry arbitrary data), alone and 20 at once.
if command -v socat >/dev/null; then
    n=20
    [ ${#wrapper[@]} -gt 0 ] && n=3
    head -c 750000 /dev/urandom | base64 >"$out/big"
    tls="OPENSSL:127.0.0.1:$port,cafile=$out/cert.pem,commonname=localhost"
    timeout $((30 * slow)) socat -t 10 - "$tls" <"$out/big" >"$out/big.got" || fail "socat: $?"
    cmp "$out/big" "$out/big.got" || fail "1 MB came back different"
    clients=()
    for i in $(seq "$n"); do
        (head -c $((10000 * i)) "$out/big"; echo " client $i") >"$out/in$i"
        timeout $((60 * slow)) socat -t 10 - "$tls" <"$out/in$i" >"$out/out$i" &
        clients+=("$!")
    done
    for c in "${clients[@]}"; do wait "$c" || fail "a concurrent socat client failed"; done
    for i in $(seq "$n"); do cmp "$out/in$i" "$out/out$i" || fail "client $i got back something else"; done
    echo "ok: 1 MB echoed through socat's OPENSSL client; $n clients at once, each its own bytes"
fi

# Many clients at once, most of them leaving badly (in the handshake, in a record, with a reset
# or a half-close): the good ones among them echo exactly, and no descriptor is left behind.
n=200
[ ${#wrapper[@]} -gt 0 ] && n=40
faults tls "$port" "$n" "$out/cert.pem"

stop_server TERM
echo "ok: SIGTERM: exit status 0"

# SIGTERM while connections pour in: tasks spawned for the last of them may be dropped with the
# runtime before their first poll; nothing of theirs may leak (the leak check at exit under ASan
# or valgrind: the accept loop made their SSLs).
start_server --port 0 --cert "$out/cert.pem" --key "$out/key.pem"
python3 "$here/../fault_clients.py" flood "$port" $((10 * slow)) >"$out/flood" 2>&1 &
flood=$!
pids+=("$flood")
wait_for "$out/flood" 1 -F flooding || fail "the flood did not start: $(cat "$out/flood")"
stop_server TERM
wait "$flood" || fail "the flood: $(cat "$out/flood")"
echo "ok: SIGTERM under a flood of connections: exit status 0"

# --handshake-timeout: a client that connects and sends nothing, one that sends a TLS record's
# header (a handshake record of 512 bytes) and one byte of it, and one that trickles 60 bytes of
# it, one every 0.1 s, are all closed once the timeout has passed; s_client is served meanwhile.
ht=$slow # seconds: valgrind's handshakes take longer
start_server --port 0 --cert "$out/cert.pem" --key "$out/key.pem" --handshake-timeout "$ht"
min=$(awk "BEGIN { print 0.9 * $ht }")
max=$((ht + 2 * slow))
record='\x16\x03\x01\x02\x00'
stall '' "$min" "$max"
stall "${record}x" "$min" "$max"
stall "$record$(printf 'x%.0s' $(seq 60))" "$min" "$max" --every 0.1
s_client "served while others stall" || fail "s_client during the stalls: $(cat "$out/brief")"
[ "$(cat "$out/got")" = "served while others stall" ] || fail "during the stalls: $(cat "$out/got")"
wait_stalls
echo "ok: handshakes not done in $ht s closed (silent, partial, trickling); s_client served meanwhile"
stop_server TERM
