#!/usr/bin/env bash
# test.sh: udp-echo against socat (datagrams from the command line) and a Python client (sizes
# from 0 to 65,507 bytes, 8 clients at once, each getting exactly its own datagrams back); a
# client that vanishes does not stop the server; SIGTERM exits 0. Usage: test.sh SERVER [WRAPPER...]
set -euo pipefail
. "$(dirname "$0")/../test-common.sh"
need socat
start_server --port 0
echo "server on 127.0.0.1:$port"

# socat sends what it reads as one datagram and prints the answer.
got=$(printf 'ping over udp' | timeout 10 socat -t 2 - UDP:127.0.0.1:"$port")
[ "$got" = "ping over udp" ] || fail "socat got back '$got'"
echo "ok: socat: a datagram and its echo"

timeout 120 python3 - "$port" <<'PY' || fail "the Python client"
import os, socket, sys, threading
port = int(sys.argv[1])
addr = ("127.0.0.1", port)

def roundtrip(s, data):
    s.sendto(data, addr)
    got, frm = s.recvfrom(70000)
    if got != data or frm != addr:
        print(f"FAIL: sent {len(data)} bytes, got {len(got)} from {frm}")
        sys.exit(1)

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)
for size in (0, 1, 100, 1472, 1473, 9000, 65507):
    roundtrip(s, os.urandom(size))
print("ok: datagrams of 0, 1, 100, 1472, 1473, 9000 and 65507 bytes come back whole")

# A client that sends and goes away before the answer: the server's send fails (or its next
# receive sees the ICMP error) and it goes on.
gone = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
gone.sendto(b"nobody will read this", addr)
gone.close()
roundtrip(s, b"still there?")

# Eight clients at once, 200 datagrams each, each tagged: every client gets its own back.
errors = []
def client(k):
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.settimeout(10)
    try:
        for i in range(200):
            msg = b"client %d datagram %d " % (k, i) + os.urandom(i % 64)
            c.sendto(msg, addr)
            got, _ = c.recvfrom(70000)
            if got != msg:
                errors.append(f"client {k}: datagram {i} came back as {got[:30]!r}")
                return
    except socket.timeout:
        errors.append(f"client {k}: no answer to datagram {i}")
threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    print("FAIL: " + "; ".join(errors[:3]))
    sys.exit(1)
print("ok: a vanished client changes nothing; 8 clients x 200 datagrams, each its own back")
PY

stop_server TERM
echo "ok: SIGTERM: the receivers are cancelled, exit status 0"
