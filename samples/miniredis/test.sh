#!/usr/bin/env bash
# test.sh: miniredis against the real clients: redis-cli for every command, pipelining (--pipe),
# pub/sub between two clients, expiry and shutdown on SIGTERM and SIGINT; raw_client.py for the
# byte-exact parts; a short redis-benchmark. Usage: test.sh SERVER [WRAPPER...] (e.g. valgrind)
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"
need redis-cli "apt-get install redis-tools"

cli() { timeout 20 redis-cli -p "$port" --no-raw "$@"; }

# check WANT ARGS...: runs redis-cli ARGS and compares its output with WANT.
check() {
    local want=$1 got
    shift
    got=$(cli "$@" 2>&1) || fail "redis-cli $* exited with $?: $got"
    [ "$got" = "$want" ] || fail "redis-cli $*: expected '$want', got '$got'"
}

# wait_line FILE PATTERN: waits until FILE has a line matching PATTERN (10 s at most).
wait_line() {
    local wait_seconds=10
    wait_for "$1" 1 -- "$2" || fail "waited 10 s for '$2' in $(basename "$1"): $(cat "$1")"
}

start_server --port 0
echo "server on 127.0.0.1:$port"

# Every command; the answers are redis-server's (7.0), errors included.
check PONG ping
check '"hello world"' ping "hello world"
check OK set foo bar
check '"bar"' get foo
check '(nil)' get nosuchkey
check OK set foo "a longer value replaces it"
check '"a longer value replaces it"' get foo
check '(integer) 1' incr counter
check '(integer) 2' incr counter
check '(error) ERR value is not an integer or out of range' incr foo
check OK set big 9223372036854775807
check '(error) ERR increment or decrement would overflow' incr big
check OK set neg -5
check '(integer) -4' incr neg
check '(integer) 3' del foo counter big nosuchkey
check '(nil)' get foo
check '(integer) 0' del foo
check '"echoed"' echo echoed
check "(error) ERR wrong number of arguments for 'get' command" get
check "(error) ERR wrong number of arguments for 'set' command" set onlykey
check "(error) ERR unknown command 'frobnicate', with args beginning with: 'a' 'b' " frobnicate a b
check '(error) ERR syntax error' set k v bogus
check '(error) ERR syntax error' set k v ex 10 px 100
check OK set k v ex 10 ex 20
check "(error) ERR invalid expire time in 'set' command" set k v ex 0
check "(error) ERR invalid expire time in 'set' command" set k v px 9223372036854775000
check '(error) ERR value is not an integer or out of range' set k v ex soon
# SET's options as Redis 7.0 has them: NX, XX, GET, KEEPTTL, EXAT, PXAT (and their conflicts).
check OK set opt v nx
check '(nil)' set opt w nx
check '"v"' get opt
check '(nil)' set nosuchopt v xx
check '(nil)' get nosuchopt
check OK set opt w xx
check '"w"' set opt x get
check '(nil)' set optnew x get
check '"x"' set opt y nx get
check '"x"' get opt
check OK set opt z px 100000
check OK set opt z2 keepttl
check '(error) ERR syntax error' set opt v nx xx
check '(error) ERR syntax error' set opt v keepttl ex 10
check '(error) ERR syntax error' set opt v exat 99999999999 px 10
check OK set opt v exat 99999999999
check '"v"' get opt
check OK set opt v pxat 1
check '(nil)' get opt
check "(error) ERR invalid expire time in 'set' command" set opt v exat 0
check "(error) ERR wrong number of arguments for 'config|get' command" config get
check "(error) ERR unknown subcommand 'bogus'. Try CONFIG HELP." config bogus
check $'1) "APPENDONLY"\n2) "no"' config get APPENDONLY
echo "ok: PING, SET (NX, XX, GET, KEEPTTL, EX, PX, EXAT, PXAT), GET, INCR, DEL, ECHO, CONFIG and their errors"

# Binary-safe values: 1 MB through redis-cli -x (bigger than any one read of the server).
head -c 768000 /dev/urandom | base64 -w0 >"$out/big"
check OK -x set bigvalue <"$out/big"
timeout 20 redis-cli -p "$port" --raw get bigvalue >"$out/big.got"
cmp <(cat "$out/big"; echo) "$out/big.got" || fail "GET returned another 1 MB value than SET stored"
echo "ok: a $(wc -c <"$out/big")-byte value stored and read back"

# Expiry: EX in seconds, PX in milliseconds; a later SET without them clears the expiry. The keys
# are set and first read in one redis-cli session (one connection, no process start in between);
# a "still there" is asserted only when the clock says it must be (a loaded machine may be slow).
ms_now() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms_now)
printf 'SET shortlived v EX 3\nSET shorter v PX 1000\nGET shorter\nSET kept v PX 1000\nSET kept w\nSET keptttl v PX 1000\nSET keptttl w KEEPTTL\n' |
    cli >"$out/exp" 2>&1 || fail "redis-cli with SET EX/PX: $(cat "$out/exp")"
t1=$(ms_now)
printf 'OK\nOK\n"v"\nOK\nOK\nOK\nOK\n' | cmp -s - "$out/exp" || [ $((t1 - t0)) -ge 1000 ] || fail "SET EX/PX, GET: $(cat "$out/exp")"
sleep 1.5
check '(nil)' get shorter
check '"w"' get kept
[ $((t1 - t0)) -ge 1000 ] || check '(nil)' get keptttl
got=$(cli get shortlived)
[ "$got" = '"v"' ] || [ $(($(ms_now) - t0)) -ge 3000 ] || fail "GET shortlived before its 3 s: '$got'"
while [ $(($(ms_now) - t1)) -lt 3200 ]; do sleep 0.2; done
check '(nil)' get shortlived
echo "ok: SET EX and PX expire on time; SET without them keeps a key, SET KEEPTTL its expiry"

# Pipelining, as redis-cli --pipe does it: 100,000 commands (RESP, written ahead of the
# replies), then the ECHO that --pipe sends to know it has every reply.
n=100000
[ ${#wrapper[@]} -gt 0 ] && n=5000 # valgrind: fewer
python3 - "$n" >"$out/pipe" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
for i in range(n):
    k, v = b"key:%d" % i, b"value:%d" % i
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
for i in range(n):
    out.write(b"*2\r\n$4\r\nINCR\r\n$7\r\npipeinc\r\n")
PY
timeout 60 redis-cli -p "$port" --pipe <"$out/pipe" >"$out/pipe.out" 2>&1 || fail "redis-cli --pipe: $(cat "$out/pipe.out")"
grep -q "errors: 0, replies: $((2 * n))" "$out/pipe.out" || fail "redis-cli --pipe: $(cat "$out/pipe.out")"
check "\"value:$((n - 1))\"" get "key:$((n - 1))"
check "\"$n\"" get pipeinc
echo "ok: redis-cli --pipe: $((2 * n)) pipelined commands, $((2 * n)) replies, no error"

# Pub/sub between two redis-cli clients: one subscribes to two channels, the other publishes.
timeout 30 redis-cli -p "$port" subscribe news sports >"$out/sub" 2>&1 &
sub=$!
pids+=("$sub")
wait_line "$out/sub" '^sports$'
check '(integer) 1' publish news "first headline"
check '(integer) 1' publish sports "a score"
check '(integer) 0' publish weather "nobody listens"
timeout 30 redis-cli -p "$port" subscribe news >"$out/sub2" 2>&1 &
sub2=$!
pids+=("$sub2")
wait_line "$out/sub2" '^news$'
check '(integer) 2' publish news "second headline"
wait_line "$out/sub" '^second headline$'
wait_line "$out/sub2" '^second headline$'
printf '%s\n' subscribe news 1 subscribe sports 2 message news "first headline" message sports \
    "a score" message news "second headline" >"$out/sub.want"
cmp "$out/sub.want" "$out/sub" || fail "the subscriber saw: $(cat "$out/sub")"
kill "$sub2"
wait "$sub2" 2>/dev/null || true
# The server sees the subscriber go away on its own time: wait until PUBLISH counts one.
for _ in $(seq 100); do
    [ "$(cli publish news ping)" = "(integer) 1" ] && break
    sleep 0.05
done
check '(integer) 1' publish news "third headline"
echo "ok: pub/sub: two redis-cli subscribers, messages in order, counts right after one leaves"

# The byte-exact parts: split and merged pipelines, protocol errors, UNSUBSCRIBE, ordering.
timeout 60 python3 "$here/raw_client.py" "$port" || fail "raw_client.py"

# Clients announcing big arguments and stalling cost the server little memory (not checked
# under valgrind, whose numbers are its own); past 512 MB, Redis's error.
memory=()
[ ${#wrapper[@]} -gt 0 ] && memory=(--no-memory)
timeout 120 python3 "$here/stalled_bulks.py" "$port" "$server_pid" "${memory[@]}" || fail "stalled_bulks.py"

# Many clients at once: redis-benchmark, pipelined and not, with 50 and 500 clients (skipped
# under valgrind: too slow). bench TESTS LINES ARGS...: redis-benchmark -t TESTS ARGS... must
# finish and report LINES results.
bench() {
    local tests=$1 lines=$2
    shift 2
    timeout 60 redis-benchmark -p "$port" -t "$tests" -n 20000 -q "$@" >"$out/bench" 2>&1 ||
        fail "redis-benchmark $*: $(tail -3 "$out/bench")"
    [ "$(tr '\r' '\n' <"$out/bench" | grep -c 'requests per second')" -ge "$lines" ] ||
        fail "redis-benchmark $*: $(tr '\r' '\n' <"$out/bench" | tail -5)"
}
if [ ${#wrapper[@]} -eq 0 ] && command -v redis-benchmark >/dev/null; then
    bench set,get,incr,ping 5 -c 50 -P 1
    bench set,get,incr,ping 5 -c 50 -P 16
    bench set,ping 3 -c 500
    bench set,get,incr,ping 5 -c 50 -d 4096
    echo "ok: redis-benchmark -c 50: SET, GET, INCR and PING at -P 1 and -P 16 and with 4 KB values; -c 500: SET and PING"
fi

# 1,000 subscribers (100 under valgrind) get every message exactly, then leave in every way:
# each one's channel forgets it and its descriptor is closed. Then 1,000 clients at once while
# the server may hold only 128 descriptors: accept meets EMFILE and serves them all in turn.
subs=1000
[ ${#wrapper[@]} -gt 0 ] && subs=100
faults pubsub "$port" "$subs" 50
with_fd_limit 128 burst redis "$port" 1000

# Graceful shutdown on SIGTERM: a subscriber is still connected (its redis-cli must see the
# connection close) and so is an idle client; the server exits with status 0.
sleep 30 2>/dev/null | socat - TCP:127.0.0.1:"$port" >/dev/null 2>&1 &
idle=$!
pids+=("$idle")
sleep 0.2
stop_server TERM
grep -q "shutting down" "$out/err" || fail "the server did not say it was shutting down"
timeout 10 tail --pid="$sub" -f /dev/null || fail "the subscriber's connection stayed open after shutdown"
echo "ok: SIGTERM: connections closed, exit status 0"

# And SIGINT (Ctrl-C) while a client is connected and, outside valgrind, 50 more keep sending.
start_server --port 0
sleep 30 2>/dev/null | socat - TCP:127.0.0.1:"$port" >/dev/null 2>&1 &
pids+=("$!")
check OK set k v
if [ ${#wrapper[@]} -eq 0 ] && command -v redis-benchmark >/dev/null; then
    timeout 60 redis-benchmark -p "$port" -t set,get -n 100000000 -c 50 -P 16 -q >"$out/busy" 2>&1 &
    busy=$!
    pids+=("$busy")
    wait_for "$out/busy" 1 'rps=' || fail "redis-benchmark did not start: $(cat "$out/busy")"
fi
stop_server INT
[ -z "${busy:-}" ] || timeout 10 tail --pid="$busy" -f /dev/null || fail "redis-benchmark still ran 10 s after the server exited"
echo "ok: SIGINT: exit status 0${busy:+, with redis-benchmark sending on 50 connections}"
