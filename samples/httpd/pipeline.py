#!/usr/bin/env python3
"""pipeline.py: the parts of httpd's test curl cannot do (curl no longer pipelines): several
requests in one write answered in order, a request split across writes, HTTP/1.0, a head too
large. Usage: pipeline.py PORT"""
import socket
import sys
import time

port = int(sys.argv[1])


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def connect():
    return socket.create_connection(("127.0.0.1", port), timeout=10)


class Reader:
    """Reads responses (status, headers, body by Content-Length) off one connection."""

    def __init__(self, s):
        self.s, self.buf = s, b""

    def fill(self):
        chunk = self.s.recv(65536)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def response(self, head_only=False):
        while b"\r\n\r\n" not in self.buf:
            if not self.fill():
                fail(f"the connection closed before a response; had {self.buf[:200]!r}")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        n = 0 if head_only else int(headers["content-length"])
        while len(self.buf) < n:
            if not self.fill():
                fail("the connection closed inside a body")
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed(self):
        return self.buf == b"" and not self.fill()


index = open(sys.argv[2], "rb").read()

# 1. Five requests in one write: answered in order, the HEAD without a body, the connection kept.
s = connect()
r = Reader(s)
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
          b"GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
          b"HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n"
          b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n"
          b"GET /sub/../index.html?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
want = [(200, index, False), (404, None, False), (200, b"", True), (405, None, False), (200, index, False)]
for i, (status, body, head_only) in enumerate(want):
    got_status, headers, got_body = r.response(head_only)
    if got_status != status or (body is not None and got_body != body):
        fail(f"pipelined response {i + 1}: status {got_status} (want {status}), body {got_body[:60]!r}")
    if head_only and int(headers["content-length"]) != len(index):
        fail(f"HEAD's Content-Length is {headers['content-length']}, not {len(index)}")
print("ok: 5 pipelined requests (GET, 404, HEAD, 405, GET with ../ and a query) answered in order")

# 2. A request written in three pieces, then one with Connection: close: the server closes.
for piece in (b"GET /ind", b"ex.html HTTP/1.1\r\nHo", b"st: x\r\n\r\n"):
    s.sendall(piece)
if r.response()[2] != index:
    fail("a request split across three writes")
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
status, headers, _ = r.response()
if headers.get("connection") != "close" or not r.closed():
    fail("Connection: close did not close the connection")
print("ok: a request in three pieces; Connection: close closes after the response")

# 3. HTTP/1.0 closes by default and keeps the connection with Connection: keep-alive.
s = connect()
r = Reader(s)
s.sendall(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n")
st1, h1, _ = r.response()
st2, h2, _ = r.response()
if h1.get("connection") != "keep-alive" or not r.closed():
    fail(f"HTTP/1.0: keep-alive then close expected, got {h1} / {h2}")
print("ok: HTTP/1.0 with and without keep-alive")

# 4. Malformed and oversized requests are refused and the connection closed.
for request, status in ((b"GET / HTTP/1.1\r\n\r\n", 400),  # no Host
                        (b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                        (b"GET /a%2f..%2f..%2fetc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                        (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                        (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 501),
                        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413),
                        (b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
                        (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                        (b"get / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n", 431)):
    s = connect()
    r = Reader(s)
    s.sendall(request)
    got = r.response()[0]
    if got != status:
        fail(f"{request[:40]!r}...: status {got}, want {status}")
print("ok: no Host, a bad escape, an encoded '/', HTTP/2.0, a chunked body, a body over 1 MiB, two Hosts, "
      "a space before a colon, a lower-case method, a 9 KB request line and a 9 KB header line are refused")

# 5. The absolute form ("GET http://host/path"), which RFC 9112 says a server must accept: served
#    as its path, with no more way out of the root than the origin form.
s = connect()
r = Reader(s)
s.sendall(b"GET http://x/index.html HTTP/1.1\r\nHost: x\r\n\r\n"
          b"GET HTTPS://x HTTP/1.1\r\nHost: x\r\n\r\n"
          b"GET http://x/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
for i, (status, body) in enumerate([(200, index), (200, index), (400, None)]):
    got_status, _, got_body = r.response()
    if got_status != status or (body is not None and got_body != body):
        fail(f"absolute-form request {i + 1}: status {got_status} (want {status}), body {got_body[:60]!r}")
if not r.closed():  # as nginx, a 400 ends the connection
    fail("the connection stayed open after a 400")
s = connect()
r = Reader(s)
s.sendall(b"GET http://x/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")
if r.response()[0] != 400:
    fail("absolute-form request with an encoded ../: not a 400")
print("ok: absolute-form targets served as their path; ../ in them refused")

# 6. What nginx takes, taken too: lines ended by LF alone, empty lines before a request, repeated
#    spaces in the request line, a head of 20 KB (lines of 1 KB), a body (read and thrown away,
#    the connection kept). A refused HEAD gets no body; a 400 for a path closes the connection.
s = connect()
r = Reader(s)
s.sendall(b"GET / HTTP/1.1\nHost: x\n\n" + b"\r\n\r\nGET  /index.html  HTTP/1.1 \r\nHost: x\r\n\r\n" +
          b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: %s\r\n" % (i, b"a" * 1000) for i in range(20)) + b"\r\n" +
          b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
for i, status in enumerate([200, 200, 200, 405, 200]):
    got_status, _, got_body = r.response()
    if got_status != status or (status == 200 and got_body != index):
        fail(f"request {i + 1} of the lenient pipeline: status {got_status} (want {status}), body {got_body[:60]!r}")
s.sendall(b"HEAD /%zz HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
if r.response(head_only=True)[0] != 400 or not r.closed():
    fail("a HEAD of a bad path: a 400 without a body, then the connection closed, expected")
s = connect()
r = Reader(s)
s.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")
if r.response(head_only=True)[0] != 400 or not r.closed():
    fail("a HEAD with two Hosts: a 400 without a body, then the connection closed, expected")
# A body larger than the input buffer, arriving after its head: the request is still answered
# as asked (its head is kept while the body is thrown away), and the one after it too.
s = connect()
r = Reader(s)
s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + b"b" * 1000)
time.sleep(0.2)
s.sendall(b"b" * 99000 + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
for i in range(2):
    got_status, _, got_body = r.response()
    if got_status != 200 or got_body != index:
        fail(f"request {i + 1} around a 100 KB body sent later: status {got_status}, body {got_body[:60]!r}")
print("ok: LF line ends, empty lines before a request, extra spaces, a 20 KB head and a body taken; "
      "a refused HEAD gets no body")

# 7. Closing with unread input would reset the connection and could destroy the last answer: after
#    Connection: close followed by 1 MB more (pipelined requests the server will not answer), and
#    after a refused head followed by more, the answer arrives whole and the end is a clean close.
for first in (b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"):
    s = connect()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    r = Reader(s)
    try:
        s.sendall(first + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 35000)
        status = r.response()[0]
        closed = r.closed()
    except (ConnectionResetError, BrokenPipeError) as e:
        fail(f"{first[:40]!r} then 1 MB more: {e!r}")
    if status not in (200, 505) or not closed:
        fail(f"{first[:40]!r} then 1 MB more: status {status}, closed {closed}")
print("ok: an answer before a close arrives whole though the client sent more (no reset)")
