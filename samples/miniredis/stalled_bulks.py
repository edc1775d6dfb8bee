#!/usr/bin/env python3
"""stalled_bulks.py: clients that announce big arguments and stall. 100 announce a 60 MB value
and send 64 KB of it, 100 announce 512 MB (Redis's proto-max-bulk-len, the most it accepts) and
send 1 KB, 20 announce a million arguments and send one; all then stall while redis-cli PING
is still answered. Unless --no-memory (under valgrind, whose numbers are its own), the server's
VmRSS and VmSize (from /proc/PID/status) must have grown by less than 64 MB and 256 MB: the
server grows a buffer as bytes arrive instead of reserving what a client announced (it reserved
60 MB of address space per client). One byte past 512 MB gets Redis's error and a close.
Usage: stalled_bulks.py PORT PID [--no-memory]"""
import socket
import subprocess
import sys
import time

port, pid = int(sys.argv[1]), int(sys.argv[2])
check_memory = "--no-memory" not in sys.argv


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def status_kb(field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    fail(f"no {field} in /proc/{pid}/status")


def ping():
    out = subprocess.run(["redis-cli", "-p", str(port), "PING"], capture_output=True, text=True, timeout=30)
    if out.stdout.strip() != "PONG":
        fail(f"PING while clients stall: {out.stdout!r} {out.stderr!r}")


def set_head(length):
    return b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$%d\r\n" % length


ping()
rss0, vm0 = status_kb("VmRSS"), status_kb("VmSize")
clients = []
for head, body, count in [
    (set_head(60_000_000), b"x" * 65536, 100),
    (set_head(512 * 1024 * 1024), b"x" * 1024, 100),
    (b"*1000000\r\n", b"$1\r\nx\r\n", 20),
]:
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(head + body)
        clients.append(s)
time.sleep(1)  # let the server read what was sent
ping()
rss1, vm1 = status_kb("VmRSS"), status_kb("VmSize")
grew = f"VmRSS {rss0} -> {rss1} kB, VmSize {vm0} -> {vm1} kB with {len(clients)} stalled clients"
if check_memory and (rss1 - rss0 > 64 * 1024 or vm1 - vm0 > 256 * 1024):
    fail(grew)

# One byte more than Redis accepts: its error, then the connection closes.
s = socket.create_connection(("127.0.0.1", port), timeout=30)
s.sendall(set_head(512 * 1024 * 1024 + 1))
got = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    got += chunk
if got != b"-ERR Protocol error: invalid bulk length\r\n":
    fail(f"a bulk of 512 MB + 1: {got!r}")
for c in clients:
    c.close()
ping()
print(f"ok: {grew}; 512 MB + 1 refused with Redis's error")
