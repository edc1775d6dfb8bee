#!/usr/bin/env python3
# fault_clients.py: clients that fail the ways real ones do (reset with SO_LINGER 0, close or
# half-close in the middle of an answer, a handshake or a record, all at once), for the network
# samples' tests; each mode then checks that a well-behaved client is still served exactly.
#
#   fault_clients.py burst echo|redis|http PORT N [PATH]   N clients at once, one request each
#   fault_clients.py http-cut PORT N PATH SIZE            N clients leave a SIZE-byte file early
#   fault_clients.py tls PORT N CAFILE                    N TLS clients, 8 ways of ending
#   fault_clients.py pubsub PORT N M                      N subscribers, M messages, then gone
#   fault_clients.py chat-quick PORT N                    N chat clients that leave at once
#   fault_clients.py flood PORT SECONDS                   connect and close from 16 threads
#                                                         (says "flooding" a second in)
# Exits 0, or 1 with the reason on stdout.
import asyncio
import os
import random
import resource
import selectors
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "miniredis"))
from resp_cmd import cmd as resp  # noqa: E402  (a command as a RESP array of bulk strings)

DEADLINE = 120  # seconds for any one mode; far above what each takes under valgrind


def fail(why):
    print(f"FAIL: {why}")
    sys.exit(1)


def reset(s):
    """Closes s with a reset (RST) instead of a FIN."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def run_threads(target, n):
    errors = []

    def guarded(i):
        try:
            target(i)
        except Exception as e:  # noqa: BLE001: every failure of a good client is reported
            errors.append(f"client {i}: {e!r}")

    threads = [threading.Thread(target=guarded, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    end = time.monotonic() + DEADLINE
    for t in threads:
        t.join(max(0, end - time.monotonic()))
        if t.is_alive():
            fail(f"a client still ran after {DEADLINE} s")
    return errors


# ---- burst: N clients connect at once, each asks once and reads its whole answer ----


def burst(kind, port, n, path="/"):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))

    async def one(i):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        if kind == "echo":
            line = b"client %d\n" % i
            w.write(line)
            got = await r.readline()
            ok = got == line
        elif kind == "redis":
            w.write(resp("ECHO", "client %d" % i))
            got = await r.readuntil(b"\r\n") + await r.readuntil(b"\r\n")
            ok = got == b"$%d\r\nclient %d\r\n" % (len(b"client %d" % i), i)
        else:
            w.write(b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path.encode())
            got = await r.read()
            ok = got.startswith(b"HTTP/1.1 200 ")
        w.close()
        return None if ok else f"client {i} got {got[:60]!r}"

    async def main():
        return await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(n)), return_exceptions=True), DEADLINE)

    bad = [repr(x) if isinstance(x, Exception) else x for x in asyncio.run(main()) if x is not None]
    if bad:
        fail(f"{len(bad)} of {n} clients not served, e.g. {bad[:2]}")
    print(f"ok: {n} {kind} clients at once, each answered")


# ---- http-cut: clients that leave in the middle of a large file ----


def fetch_whole(port, path):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path.encode())
    data = b""
    while chunk := s.recv(1 << 20):
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], len(body)


def http_cut(port, n, path, size):
    def client(i):
        rnd = random.Random(i)
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rnd.choice([65536, 262144, 1048576]))
        asks = rnd.choice([1, 1, 3])  # 3: pipelined, the cut may fall in any of them
        s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path.encode() * asks)
        want, got = rnd.randrange(0, size * asks), 0
        while got < want:
            chunk = s.recv(65536)
            if not chunk:
                raise AssertionError(f"closed after {got} of {want} bytes")
            got += len(chunk)
        how = i % 4
        if how == 0:
            reset(s)
        elif how == 1:
            s.close()
        elif how == 2:
            s.shutdown(socket.SHUT_WR)
            s.close()
        else:
            s.shutdown(socket.SHUT_RDWR)
            s.close()

    errors = run_threads(client, n)
    if errors:
        fail(f"{len(errors)} cut clients failed early, e.g. {errors[:2]}")
    status, length = fetch_whole(port, path)
    if not status.startswith(b"HTTP/1.1 200") or length != size:
        fail(f"after the cut clients: {status!r} with {length} of {size} bytes")
    print(f"ok: {n} clients left {path} early (reset, close, half-close); then it came whole")


# ---- tls: handshakes and records cut short, beside good clients ----


def tls(port, n, cafile):
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cafile)
    ctx.check_hostname = False

    def client(i):
        rnd = random.Random(i)
        kind = i % 8
        raw = socket.create_connection(("127.0.0.1", port), timeout=30)
        try:
            if kind == 0:  # a partial ClientHello, then a reset
                raw.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(20))
                return reset(raw)
            if kind == 1:  # a partial ClientHello, then a half-close: the server must close
                raw.sendall(b"\x16\x03\x01\x02\x00\x01")
                raw.shutdown(socket.SHUT_WR)
                while raw.recv(100):
                    pass
                return raw.close()
            t = ctx.wrap_socket(raw, server_hostname="localhost", do_handshake_on_connect=False)
            if kind == 2:  # the ClientHello out, then a reset in the middle of the handshake
                t.setblocking(False)
                try:
                    t.do_handshake()
                except ssl.SSLWantReadError:
                    pass
                time.sleep(rnd.random() * 0.05)
                return reset(raw)
            t.settimeout(30)
            t.do_handshake()
            data = os.urandom(rnd.randrange(1, 200000))
            if kind == 3:  # data, then a reset without reading the echo
                t.sendall(data)
                return reset(raw)
            if kind == 4:  # half an application record, then a reset or a close
                raw.sendall(b"\x17\x03\x03\x40\x00" + os.urandom(1000))
                return reset(raw) if i % 16 < 8 else raw.close()
            if kind == 6:  # data, then a TCP half-close without close_notify
                t.sendall(data)
                raw.shutdown(socket.SHUT_WR)
                try:
                    while t.recv(65536):
                        pass
                except (ssl.SSLError, OSError):
                    pass
                return raw.close()
            # 5 and 7: good clients, their bytes must come back exactly
            t.sendall(data)
            got = b""
            while len(got) < len(data):
                chunk = t.recv(65536)
                if not chunk:
                    raise AssertionError(f"closed after {len(got)} of {len(data)} bytes")
                got += chunk
            if got != data:
                raise AssertionError("the echo differs")
            if kind == 7:
                t.unwrap()
            raw.close()
        except (ssl.SSLError, OSError):
            if kind in (5, 7):
                raise

    errors = run_threads(client, n)
    if errors:
        fail(f"{len(errors)} good TLS clients failed, e.g. {errors[:2]}")
    print(f"ok: {n} TLS clients (handshakes and records cut short by resets and half-closes); the good ones echoed exactly")


# ---- pubsub: many subscribers, every message to each, then they vanish in every way ----

CHANNEL = "fault_clients"  # a channel of its own: the test's other subscribers may still listen


def pubsub(port, n, m):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    subs = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(resp("SUBSCRIBE", CHANNEL))
        subs.append(s)
    for s in subs:
        got = b""
        while not got.endswith(b":1\r\n"):
            chunk = s.recv(4096)
            if not chunk:
                fail("a subscriber was closed before its confirmation")
            got += chunk
    pub = socket.create_connection(("127.0.0.1", port), timeout=30)

    def publish(msg):
        pub.sendall(resp("PUBLISH", CHANNEL, msg))
        r = b""
        while not r.endswith(b"\r\n"):
            r += pub.recv(100)
        return r

    messages = [b"message %d " % j + b"x" * (j % 300) for j in range(m)]
    for msg in messages:
        if publish(msg) != b":%d\r\n" % n:
            fail(f"PUBLISH did not count {n} subscribers")
    want = b"".join(resp("message", CHANNEL, msg) for msg in messages)
    sel = selectors.DefaultSelector()
    got = {}
    for s in subs:
        sel.register(s, selectors.EVENT_READ)
        got[s] = b""
    end = time.monotonic() + DEADLINE
    while sel.get_map() and time.monotonic() < end:
        for key, _ in sel.select(1):
            chunk = key.fileobj.recv(1 << 16)
            if not chunk:
                fail("a subscriber was closed while messages came")
            got[key.fileobj] += chunk
            if len(got[key.fileobj]) >= len(want):
                sel.unregister(key.fileobj)
    if any(g != want for g in got.values()):
        fail(f"{sum(g != want for g in got.values())} subscribers did not get exactly the {m} messages")
    # Now a quarter each: reset, closed, half-closed (must see the server close), shut down.
    for i, s in enumerate(subs):
        if i % 4 == 0:
            reset(s)
        elif i % 4 == 1:
            s.close()
        elif i % 4 == 2:
            s.shutdown(socket.SHUT_WR)
        else:
            s.shutdown(socket.SHUT_RDWR)
            s.close()
    while publish(b"anyone?") != b":0\r\n":
        if time.monotonic() > end:
            fail("subscribers that left were still counted")
        time.sleep(0.02)
    for s in subs[2::4]:
        while s.recv(65536):
            pass
        s.close()
    pub.close()
    print(f"ok: {n} subscribers got {m} messages each exactly; reset, closed or half-closed, each left its channel")


# ---- chat-quick: chat clients that join, say a line and leave before anything comes back ----


def chat_quick(port, n):
    def client(i):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"quick%d\nhello from quick%d\n" % (i, i))
        if i % 2:
            reset(s)
        else:
            s.close()

    def batch(k):
        for i in range(k, n, 8):
            client(i)

    errors = run_threads(batch, 8)
    if errors:
        fail(f"{len(errors)} quick chat clients failed, e.g. {errors[:2]}")
    # Someone who stays is still served: asked for a name, then told of a newcomer.
    a = socket.create_connection(("127.0.0.1", port), timeout=30)
    f = a.makefile("rb")
    if f.readline() != b"name?\n":
        fail("a client after the quick ones was not asked its name")
    a.sendall(b"stayer\n")
    b = socket.create_connection(("127.0.0.1", port), timeout=30)
    b.makefile("rb").readline()
    b.sendall(b"newcomer\n")
    line = f.readline()
    while line.startswith(b"* quick") or line.startswith(b"quick") or line.startswith(b"(missed"):
        line = f.readline()  # what the quick ones said, still on its way
    if line != b"* newcomer joined\n":
        fail(f"the stayer saw {line!r}, not the newcomer's join")
    b.close()
    a.close()
    print(f"ok: {n} chat clients joined, said a line and left at once; the room still works")


# ---- flood: connections made and closed as fast as 16 threads can, for a signal to meet ----


def flood(port, seconds):
    start = time.monotonic()
    end = start + seconds
    made = [0]
    said = threading.Event()

    def loop(_):
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
            except OSError:
                return  # the server has gone (the signal the flood was for)
            made[0] += 1
            # A second in, the server's backlog has filled: its accept loop takes many at once.
            if time.monotonic() - start > 1 and not said.is_set():
                said.set()
                print("flooding", flush=True)

    run_threads(loop, 16)
    print(f"ok: {made[0]} connections made and closed")


def main(argv):
    mode = argv[1]
    if mode == "burst":
        burst(argv[2], int(argv[3]), int(argv[4]), *argv[5:6])
    elif mode == "http-cut":
        http_cut(int(argv[2]), int(argv[3]), argv[4], int(argv[5]))
    elif mode == "tls":
        tls(int(argv[2]), int(argv[3]), argv[4])
    elif mode == "pubsub":
        pubsub(int(argv[2]), int(argv[3]), int(argv[4]))
    elif mode == "flood":
        flood(int(argv[2]), float(argv[3]))
    elif mode == "chat-quick":
        chat_quick(int(argv[2]), int(argv[3]))
    else:
        fail(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
