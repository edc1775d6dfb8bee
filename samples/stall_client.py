#!/usr/bin/env python3
"""stall_client.py: a client that stalls, for the servers' timeout tests. It connects to
127.0.0.1:PORT, sends DATA (Python escapes: 'GET / HTTP/1.1\\r\\n'), one byte every --every
seconds when given (a slowloris) or all at once, then reads and discards whatever comes until
the server closes the connection. It fails unless the close came between MIN and MAX seconds
after the connection was made. Usage: stall_client.py PORT DATA MIN MAX [--every SECONDS]"""
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
args = ap.parse_args()
data = args.data.encode().decode("unicode_escape").encode("latin-1")

t0 = time.monotonic()
s = socket.create_connection(("127.0.0.1", args.port), timeout=args.max + 5)
s.setblocking(False)
sent, got, closed = 0, 0, False
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
