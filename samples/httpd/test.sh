#!/usr/bin/env bash
# test.sh: httpd against curl: files, 404, 301, HEAD, 405, no escape from the root, keep-alive
# reuse, a 20 MB file by checksum (also 4 at once), parallel transfers; pipeline.py for what curl
# cannot do (pipelining, split requests, HTTP/1.0, refusals); a FIFO, a device and a socket under
# the root (404 at once); SIGTERM exits 0; idle and stalled connections closed, and one whose
# client stops reading a response (stall_client.py); a slow reader of a large file is not.
# Usage: test.sh SERVER [WRAPPER...] (e.g. valgrind)
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"
need curl

# The site: an index, a subdirectory, a name with a space, a large file, and a secret outside.
www=$out/www
mkdir -p "$www/sub" "$www/with space"
echo '<h1>hello from asyncc</h1>' >"$www/index.html"
echo 'body { color: red }' >"$www/sub/style.css"
echo 'sub index' >"$www/sub/index.html"
echo 'spaced out' >"$www/with space/file.txt"
head -c 20000000 /dev/urandom >"$www/large.bin"
head -c 65536 /dev/urandom >"$www/exactly64k.bin" # the edge between read whole and sendfile
echo 'do not serve me' >"$out/secret.txt"

start_server --port 0 --root "$www"
url=http://127.0.0.1:$port
echo "server on $url"

# status URL...: the HTTP status curl gets (paths as given: no ../ cleaning by curl).
status() { curl -s -o /dev/null --path-as-is -w '%{http_code}' "$@"; }
expect_status() {
    local want=$1 got
    shift
    got=$(status "$@")
    [ "$got" = "$want" ] || fail "curl $*: status $got, want $want"
}

[ "$(curl -s "$url/")" = '<h1>hello from asyncc</h1>' ] || fail "GET / is not index.html"
curl -s -D "$out/h" -o /dev/null "$url/sub/style.css"
grep -qi '^Content-Type: text/css' "$out/h" || fail "style.css: $(cat "$out/h")"
grep -qi '^Content-Length: 20' "$out/h" || fail "style.css's length: $(cat "$out/h")"
grep -qi '^Date: ' "$out/h" || fail "no Date header"
[ "$(curl -s "$url/with%20space/file.txt")" = 'spaced out' ] || fail "a percent-encoded name"
[ "$(curl -sL "$url/sub")" = 'sub index' ] || fail "/sub did not redirect to /sub/"
curl -s -D "$out/h" -o /dev/null "$url/sub"
grep -q '^HTTP/1.1 301' "$out/h" && grep -qi '^Location: /sub/' "$out/h" || fail "/sub: $(cat "$out/h")"
expect_status 404 "$url/nope.html"
expect_status 404 "$url/sub/nope/"
expect_status 405 -X POST "$url/"
curl -sI "$url/large.bin" >"$out/h"
grep -qi '^Content-Length: 20000000' "$out/h" || fail "HEAD large.bin: $(cat "$out/h")"
# As nginx: its Content-Types (no charset), a 403 for a directory without an index, the query
# kept by the 301, Last-Modified and a 304 for an If-Modified-Since of that time (curl -z), files
# of 0 and 1 bytes, HTTP/1.0 with and without keep-alive.
mkdir -p "$www/noindex"
: >"$www/empty.txt"
printf x >"$www/one.txt"
for f in a.html a.txt a.js a.json a.png a.jpg a.svg a.xml a.mp4 a.woff2 a.unknown; do echo x >"$www/$f"; done
types=""
for f in sub/style.css a.html a.txt a.js a.json a.png a.jpg a.svg a.xml a.mp4 a.woff2 a.unknown; do
    types+="$(curl -s -o /dev/null -w '%{content_type}' "$url/$f") "
done
[ "$types" = "text/css text/html text/plain application/javascript application/json image/png image/jpeg image/svg+xml text/xml video/mp4 font/woff2 application/octet-stream " ] ||
    fail "Content-Types: $types"
expect_status 403 "$url/noindex/"
curl -s -D "$out/h" -o /dev/null "$url/sub?a=1&b=2"
grep -qi '^Location: /sub/?a=1&b=2' "$out/h" || fail "/sub?a=1&b=2: $(cat "$out/h")"
curl -s -D "$out/h" -o /dev/null "$url/one.txt"
lm=$(date -u -r "$www/one.txt" '+%a, %d %b %Y %H:%M:%S GMT')
grep -qi "^Last-Modified: $lm" "$out/h" || fail "one.txt's Last-Modified, want $lm: $(cat "$out/h")"
expect_status 304 -z "$www/one.txt" "$url/one.txt"
expect_status 304 -z "$www/large.bin" "$url/large.bin"
expect_status 200 -z "$(date -u -d @0 '+%a, %d %b %Y %H:%M:%S GMT')" "$url/one.txt"
[ "$(curl -s "$url/one.txt")" = x ] && [ "$(curl -s "$url/empty.txt" | wc -c)" = 0 ] || fail "files of 1 and 0 bytes"
curl -s -0 -D "$out/h" -o /dev/null "$url/one.txt"
grep -qi '^Connection: close' "$out/h" || fail "HTTP/1.0 without keep-alive: $(cat "$out/h")"
curl -s -0 -H 'Connection: keep-alive' -D "$out/h" -o /dev/null "$url/one.txt"
grep -qi '^Connection: keep-alive' "$out/h" || fail "HTTP/1.0 with keep-alive: $(cat "$out/h")"
echo "ok: files with their types and lengths, a directory's index, 301, 403, 404, 405, HEAD, Last-Modified and 304"

# No way out of the root, however the dots are spelled.
for path in /../secret.txt /sub/../../secret.txt /%2e%2e/secret.txt /sub/%2E%2E/%2e%2e/secret.txt \
    /..%2fsecret.txt; do
    got=$(curl -s --path-as-is "$url$path")
    [ "$got" != 'do not serve me' ] || fail "$path served the file outside the root"
    expect_status 400 "$url$path"
done
expect_status 200 "$url/sub/../index.html"
echo "ok: ../ above the root is refused (5 spellings); ../ inside it works"

# Keep-alive: curl reuses one connection for several URLs.
curl -sv "$url/" "$url/sub/style.css" "$url/nope" -o /dev/null -o /dev/null -o /dev/null 2>"$out/v"
[ "$(grep -c 'Re-using existing connection' "$out/v")" = 2 ] || fail "curl did not reuse the connection: $(grep -i connect "$out/v")"
echo "ok: keep-alive: three requests on one connection"

# A large file comes back whole (sendfile), alone and four at once; the 64 KiB edge too.
want=$(sha256sum <"$www/large.bin" | cut -d' ' -f1)
got=$(curl -s "$url/large.bin" | sha256sum | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "large.bin's checksum differs"
downloads=()
for i in 1 2 3 4; do
    curl -s "$url/large.bin" -o "$out/dl$i" &
    downloads+=("$!")
done
for job in "${downloads[@]}"; do wait "$job" || fail "a concurrent download failed"; done
for i in 1 2 3 4; do
    [ "$(sha256sum <"$out/dl$i" | cut -d' ' -f1)" = "$want" ] || fail "concurrent download $i differs"
done
cmp <(curl -s "$url/exactly64k.bin") "$www/exactly64k.bin" || fail "exactly64k.bin differs"
echo "ok: a 20 MB file by sha256, alone and 4 at once; a file of exactly 64 KiB"

# A path once found large is opened and sent without a read first: when it has become small, a
# directory or nothing since, the answer is still right.
head -c 100000 /dev/urandom >"$www/changes.bin"
cmp <(curl -s "$url/changes.bin") "$www/changes.bin" || fail "changes.bin (large) differs"
echo 'small now' >"$www/changes.bin.new" && mv "$www/changes.bin.new" "$www/changes.bin"
[ "$(curl -s "$url/changes.bin")" = 'small now' ] || fail "changes.bin grown small: $(curl -s "$url/changes.bin" | head -c 80)"
head -c 70000 /dev/urandom >"$www/changes.bin"
cmp <(curl -s "$url/changes.bin") "$www/changes.bin" || fail "changes.bin (large again) differs"
rm "$www/changes.bin" && mkdir "$www/changes.bin" && echo 'a dir now' >"$www/changes.bin/index.html"
curl -s -D "$out/h" -o /dev/null "$url/changes.bin"
grep -q '^HTTP/1.1 301' "$out/h" || fail "changes.bin become a directory: $(cat "$out/h")"
head -c 70000 /dev/urandom >"$www/gone.bin"
curl -s -o /dev/null "$url/gone.bin" && rm "$www/gone.bin"
expect_status 404 "$url/gone.bin"
echo "ok: a large file that became small, a directory, or was removed"

# Many small requests over parallel connections.
urls=()
for i in $(seq 200); do urls+=("$url/sub/style.css"); done
curl -s -Z --parallel-max 20 "${urls[@]}" >"$out/par" 2>/dev/null
[ "$(grep -c 'color: red' "$out/par")" = 200 ] || fail "200 parallel requests: $(grep -c 'color: red' "$out/par") answers"
echo "ok: 200 requests over 20 parallel connections"

# wrk with 50 connections (not under valgrind; wrk is not in dev.sh's list): every answer a 200, none
# later than 10 s (wrk's default of 2 s timed out all 50 once on a machine loaded by other builds).
if [ ${#wrapper[@]} -eq 0 ] && command -v wrk >/dev/null; then
    for f in sub/style.css exactly64k.bin; do
        timeout 40 wrk -t 2 -c 50 -d 2 --timeout 10 "$url/$f" >"$out/wrk" 2>&1 || fail "wrk $f: $(cat "$out/wrk")"
        grep -q 'requests in' "$out/wrk" && ! grep -qE 'Non-2xx|Socket errors' "$out/wrk" || fail "wrk $f: $(cat "$out/wrk")"
    done
    echo "ok: wrk -c 50: $(grep -h 'Requests/sec' "$out/wrk" | tr -s ' ') on the 64 KiB file, no error"
fi

timeout 60 python3 "$here/pipeline.py" "$port" "$www/index.html" || fail "pipeline.py"

# A FIFO, a link to a device and a socket under the root are 404s at once, as with nginx (the
# FIFO's read waited for a writer for ever); the large path's open refuses them too.
mkfifo "$www/fifo"
ln -s /dev/zero "$www/zero"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$www/sock"
for name in fifo zero sock; do expect_status 404 -m 5 "$url/$name"; done
head -c 70000 /dev/urandom >"$www/was-large" && curl -s -o /dev/null "$url/was-large"
rm "$www/was-large" && mkfifo "$www/was-large" # hinted large: opened, fstat, refused
expect_status 404 -m 5 "$url/was-large"
echo "ok: a FIFO, a device and a socket: 404 at once"

# Clients that leave in the middle of the 20 MB file (reset, close, half-close; some after
# pipelining three requests), 1,000 small requests at once: no descriptor left behind.
cut=60
[ ${#wrapper[@]} -gt 0 ] && cut=12
faults http-cut "$port" "$cut" /large.bin 20000000
faults burst http "$port" 1000 /index.html

stop_server TERM
echo "ok: SIGTERM: exit status 0"

# Timeouts: a connection idle between requests for --idle-timeout (2 s) is closed, one whose
# head is incomplete after --header-timeout (3 s) too, even while it trickles a byte every 0.1 s;
# one whose client stops reading the 20 MB file after --send-timeout (1.5 s), and one that stops
# reading a small answer (which the socket's buffers take whole) as an idle one; one that asks
# every 0.6 s stays open, and others are served meanwhile; then one reading a 2 MB file slowly
# (4 s in all) gets it whole.
head -c 2000000 /dev/urandom >"$www/2mb.bin"
start_server --port 0 --root "$www" --idle-timeout 2 --header-timeout 3 --send-timeout 1.5
url=http://127.0.0.1:$port
stall 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' 1.9 5
stall '' 1.9 5
stall 'GET / HTTP/1.1\r\nHost: x\r\n' 2.9 5.5 --every 0.1
stall 'GET /large.bin HTTP/1.1\r\nHost: x\r\n\r\n' 1.4 4 --no-read
stall 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' 1.9 5 --no-read
python3 - "$port" <<'EOF' || fail "a connection asking every 0.6 s was closed"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
for i in range(4):
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    r = b""
    while b"hello from asyncc" not in r:
        chunk = s.recv(4096)
        if not chunk:
            sys.exit(f"FAIL: closed before response {i + 1}")
        r += chunk
    time.sleep(0.6)
EOF
[ "$(curl -s -m 2 "$url/")" = '<h1>hello from asyncc</h1>' ] || fail "not served while clients stall"
wait_stalls
# The slow reader after the stalls: under valgrind alone (which lacks cachestat(2), so
# ac_sendfile splices through a pipe), serving it made their timers 2-3 s late.
python3 - "$port" "$www/2mb.bin" <<'EOF' || fail "a slow reader of a 2 MB file"
import socket, sys, time
want = open(sys.argv[2], "rb").read()
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)  # the rest waits in the server
s.settimeout(5)
s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /2mb.bin HTTP/1.1\r\nHost: x\r\n\r\n")
r = b""
while b"\r\n\r\n" not in r or len(r) - r.index(b"\r\n\r\n") - 4 < len(want):
    chunk = s.recv(50000)  # 500 kB/s: 4 s in all, 256 KiB of sendfile in 0.5 s
    if not chunk:
        sys.exit(f"FAIL: closed after {len(r)} bytes")
    r += chunk
    time.sleep(0.1)
if r[r.index(b"\r\n\r\n") + 4:] != want:
    sys.exit("FAIL: the body differs")
EOF
echo "ok: idle (after a request, and with none), stalled heads and a client not reading closed; an active connection and a slow reader kept"
stop_server TERM
