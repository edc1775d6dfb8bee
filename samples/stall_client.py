#!/usr/bin/env python3
"""stall_client.py: a client that stalls, for the servers' timeout tests. It connects to
127.0.0.1:PORT, sends DATA (Python escapes: 'GET / HTTP/1.1\\r\\n'), one byte every --every
seconds when given (a slowloris) or all at once, then reads and discards whatever comes until
the server closes the connection. It fails unless the close came between MIN and MAX seconds
after the connection was made. With --no-read it never reads (a client that stops taking a
response: the servers' send timeouts) and watches /proc/net/tcp instead for the server's end of
the connection to leave ESTABLISHED (closed with data it could not send, it stays in FIN_WAIT1).
Usage: stall_client.py PORT DATA MIN MAX [--every SECONDS] [--no-read]"""
import argparse
import socket
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("port", type=int)
ap.add_argument("data")
ap.add_argument("min", type=float)
ap.add_argument("max", type=float)
ap.add_argument("--every", type=float, default=0)
ap.add_argument("--no-read", action="store_true")
args = ap.parse_args()
data = args.data.encode().decode("unicode_escape").encode("latin-1")


def server_side_open(client_port):
    """Whether the server's socket of this connection is still ESTABLISHED (/proc/net/tcp)."""
    server, client = f"0100007F:{args.port:04X}", f"0100007F:{client_port:04X}"
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1] == server and fields[2] == client:
                return fields[3] == "01"
    return False


t0 = time.monotonic()
s = socket.socket()
if args.no_read:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # the server's sends fill up soon
s.settimeout(args.max + 5)
s.connect(("127.0.0.1", args.port))
sent, got, closed = 0, 0, False
if args.no_read:
    s.sendall(data)  # all at once: --every is for clients that read
    sent = len(data)
    while not closed and time.monotonic() - t0 < args.max + 5:
        closed = not server_side_open(s.getsockname()[1])
        time.sleep(0.02)
s.setblocking(False)
while not closed and time.monotonic() - t0 < args.max + 5:
    if sent < len(data):
        n = 1 if args.every else len(data) - sent
        try:
            sent += s.send(data[sent : sent + n])
        except (BrokenPipeError, ConnectionResetError):
            closed = True
            break
    deadline = time.monotonic() + (args.every if args.every and sent < len(data) else 0.05)
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except BlockingIOError:
            time.sleep(0.01)
            continue
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            closed = True
            break
        got += len(chunk)
elapsed = time.monotonic() - t0
s.close()
what = f"sent {sent} of {len(data)} bytes, got {got}"
if not closed:
    print(f"FAIL: the server did not close the connection within {args.max + 5:.1f} s ({what})")
    sys.exit(1)
if not args.min <= elapsed <= args.max:
    print(f"FAIL: the server closed after {elapsed:.2f} s, want {args.min}-{args.max} s ({what})")
    sys.exit(1)
print(f"ok: closed by the server after {elapsed:.2f} s ({what})")
