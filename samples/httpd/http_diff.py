#!/usr/bin/env python3
"""http_diff.py: a differential of httpd against nginx serving the same root. Sends the same raw
requests to both, each case on a fresh connection, parses every response and compares what a
client depends on: the status code, Content-Length, Content-Type, Connection, Location, the
presence and format of Last-Modified and Date, the body of a 2xx, and whether the connection was
closed. Usage: http_diff.py NGINX_PORT HTTPD_PORT [root=DIR] [KEY...] [-v] (KEY: a field not to compare)"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from raw_talk import talk  # noqa: E402

ref_port, our_port = int(sys.argv[1]), int(sys.argv[2])
verbose = "-v" in sys.argv
IMF = re.compile(rb"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$")


def responses(raw, methods):
    """Splits raw into (status, headers dict, body) for each response."""
    out = []
    i = 0
    while i < len(raw):
        end = raw.find(b"\r\n\r\n", i)
        if end < 0:
            out.append((b"garbage", {}, raw[i:]))
            break
        lines = raw[i:end].split(b"\r\n")
        status = lines[0]
        hdrs = {}
        for l in lines[1:]:
            k, _, v = l.partition(b":")
            hdrs.setdefault(k.strip().lower(), v.strip())
        i = end + 4
        code = int(status.split()[1]) if len(status.split()) > 1 and status.split()[1].isdigit() else 0
        m = methods[len(out)] if len(out) < len(methods) else b"GET"
        n = 0 if m == b"HEAD" or code in (100, 204, 304) else int(hdrs.get(b"content-length", b"0") or 0)
        out.append((status, hdrs, raw[i:i + n]))
        i += n
    return out


def summary(raw, closed, methods):
    res = []
    for status, h, body in responses(raw, methods):
        code = status.split()[1] if b" " in status else status
        r = {"status": code}
        for k in (b"content-length", b"content-type", b"location", b"transfer-encoding", b"allow"):
            if k in h:
                r[k.decode()] = h[k]
        # Connection: what it means, not whether it is spelled (1.1 defaults to keep-alive).
        r["close"] = h.get(b"connection", b"").lower() == b"close"
        r["last-modified"] = "imf" if IMF.match(h.get(b"last-modified", b"")) else h.get(b"last-modified")
        r["date"] = "imf" if IMF.match(h.get(b"date", b"")) else h.get(b"date")
        if code.startswith(b"2") or code == b"garbage":
            r["body"] = body if len(body) < 64 else "%d bytes, hash %x" % (len(body), hash(body))
        res.append(r)
    return res, closed


diffs = cases = 0
skip = [k for k in sys.argv[3:] if not k.startswith("-") and "=" not in k]  # keys not to compare
root = ([k[5:] for k in sys.argv[3:] if k.startswith("root=")] or [None])[0]  # root=DIR: both serve it
# The README's "Where it differs from nginx": an encoded '/' refused, an Allow header with 405, no
# chunked bodies, no 100 Continue, no HTTP/0.9 or HTTP/1.10, a header line without a colon
# refused, 431 for a header line too long, no ranges.
known = {"GET /dir%2Findex.html", "HEAD /dir%2Findex.html", "GET /sub/deeper/..%2F..%2Fone.txt",
         "HEAD /sub/deeper/..%2F..%2Fone.txt", "method POST", "method PUT", "method DELETE", "method OPTIONS",
         "method FOO", "method TRACE", "POST with body", "GET chunked body", "Expect 100 no body",
         "Expect 100 with body", "0.9", "1.10", "malformed no version", "header no colon", "header line of 8300",
         "header line of 12000", "header line of 20000", "header line of 40000", "range"}


def case(name, *chunks, methods=None, idle=0.3, half_close=False, ignore=()):
    global diffs, cases
    cases += 1
    if methods is None:
        methods = [m.split(b" ")[0] for c in chunks if isinstance(c, bytes) for m in re.findall(rb"(?:^|\r\n\r\n)([A-Z]+ )", c)]
    a = summary(*talk(ref_port, chunks, idle, half_close), methods)
    b = summary(*talk(our_port, chunks, idle, half_close), methods)
    for r in a[0] + b[0]:
        for k in ignore + tuple(skip):
            if k in skip or not r["status"].startswith(b"2"):
                r.pop(k, None)
        if not r["status"].startswith(b"2"):
            r.pop("content-length", None)  # the length of an error page
        if "location" in r:  # nginx's is absolute, httpd's relative: the same to a client
            r["location"] = re.sub(rb"^http://[^/]*", b"", r["location"])
    if a != b:
        diffs += name not in known
        print(f"{'known' if name in known else 'DIFF'} {name}\n  nginx: {a}\n  httpd: {b}")
    elif verbose:
        print(f"same {name}: {a}")


def get(path, extra=b"", method=b"GET", version=b"HTTP/1.1"):
    return method + b" " + path + b" " + version + b"\r\nHost: localhost\r\n" + extra + b"\r\n"


E = ("content-type",)  # error pages: nginx's are HTML, httpd's text; a client reads the status
for path in [b"/one.txt", b"/empty.txt", b"/64k.bin", b"/10m.bin", b"/index.html", b"/", b"/dir/", b"/dir",
             b"/noindex/", b"/noindex", b"/nosuch", b"/sub/deeper/f.txt", b"/s.css", b"/a.js", b"/a.json",
             b"/a.png", b"/a.jpg", b"/a.svg", b"/a.tar.gz", b"/noext", b"/README.md", b"/a.xml", b"/a.wasm",
             b"/a.pdf", b"/a.mp4", b"/a.ico", b"/UPPER.HTML", b"/a%20b.txt", b"/a b.txt", b"/100%25.txt",
             b"/%6fne.txt", b"/one.txt?x=1&y=../../etc", b"/one.txt#frag", b"/dir?x=1", b"/dir/?x=1",
             b"/dir/index.html", b"/./one.txt", b"/sub/../one.txt", b"/sub/./deeper/../deeper/f.txt",
             b"//one.txt", b"/sub//deeper/f.txt", b"/../h9-outside.txt", b"/../../etc/passwd", b"/%2e%2e/h9-outside.txt",
             b"/sub/%2e%2e/%2e%2e/h9-outside.txt", b"/sub/..%2f..%2fh9-outside.txt", b"/..", b"/sub/..",
             b"/sub/../..", b"/one.txt/", b"/one.txt/..", b"/%00", b"/%zz", b"/%", b"/dir%2Findex.html",
             b"/sub/deeper/..%2F..%2Fone.txt", b"*", b"one.txt", b"http://localhost/one.txt",
             b"http://other/../h9-outside.txt", b"/" + b"a" * 5000, b"/\xff.txt"]:
    for method in (b"GET", b"HEAD"):
        case(method.decode() + " " + repr(path)[2:-1][:60], get(path, method=method), ignore=E)

for method in (b"POST", b"PUT", b"DELETE", b"OPTIONS", b"FOO", b"get", b"TRACE"):
    case("method " + method.decode(), get(b"/one.txt", method=method), ignore=E)
case("POST with body", b"POST /one.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" + get(b"/one.txt"), ignore=E)
case("GET with body", b"GET /one.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" + get(b"/one.txt"), ignore=E)
case("GET chunked body", b"GET /one.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + get(b"/one.txt"), ignore=E)
case("Expect 100 no body", get(b"/one.txt", b"Expect: 100-continue\r\n"))
case("Expect 100 with body", b"POST /one.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n", ignore=E)

# versions and keep-alive
case("1.0 plain", b"GET /one.txt HTTP/1.0\r\n\r\n", get(b"/one.txt"))
case("1.0 keep-alive", b"GET /one.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + get(b"/one.txt"))
case("1.0 keep-alive mixed case", b"GET /one.txt HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n" + get(b"/one.txt"))
case("1.0 host", b"GET /one.txt HTTP/1.0\r\nHost: x\r\n\r\n")
case("1.1 no host", b"GET /one.txt HTTP/1.1\r\n\r\n", ignore=E)
case("1.1 two hosts", b"GET /one.txt HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", ignore=E)
case("1.1 close", get(b"/one.txt", b"Connection: close\r\n") + get(b"/one.txt"))
case("1.1 close token list", get(b"/one.txt", b"Connection: foo, close\r\n"))
case("0.9", b"GET /one.txt\r\n", ignore=E)
case("2.0", b"GET /one.txt HTTP/2.0\r\nHost: x\r\n\r\n", ignore=E)
case("1.2", b"GET /one.txt HTTP/1.2\r\nHost: x\r\n\r\n", ignore=E)
case("1.10", b"GET /one.txt HTTP/1.10\r\nHost: x\r\n\r\n", ignore=E)
case("http lower", b"GET /one.txt http/1.1\r\nHost: x\r\n\r\n", ignore=E)
case("3.0", b"GET /one.txt HTTP/3.0\r\nHost: x\r\n\r\n", ignore=E)
case("pipelined 5", get(b"/one.txt") + get(b"/empty.txt") + get(b"/nosuch") + get(b"/64k.bin") + get(b"/one.txt"), ignore=E)
case("pipelined 3 head", get(b"/one.txt", method=b"HEAD") + get(b"/64k.bin", method=b"HEAD") + get(b"/one.txt"))
case("pipelined with close", get(b"/one.txt") + get(b"/one.txt", b"Connection: close\r\n") + get(b"/one.txt"))
case("split request", b"GET /one", 0.1, b".txt HTTP/1.1\r\nHo", 0.1, b"st: x\r\n\r\n")
case("LF only", b"GET /one.txt HTTP/1.1\nHost: x\n\n", ignore=E)
case("mixed CRLF/LF", b"GET /one.txt HTTP/1.1\r\nHost: x\n\r\n", ignore=E)
case("leading CRLF", b"\r\n" + get(b"/one.txt"), ignore=E)
case("bare CR in header", b"GET /one.txt HTTP/1.1\r\nHost: x\rY\r\n\r\n", ignore=E)
case("half close after request", get(b"/one.txt"), half_close=True)
case("half close mid request", b"GET /one.txt HTTP/1.1\r\nHo", half_close=True, ignore=E)

# malformed request lines
for name, line in [("empty method", b" /one.txt HTTP/1.1"), ("two spaces", b"GET  /one.txt HTTP/1.1"),
                   ("no version", b"GET /one.txt "), ("garbage", b"\x01\x02\x03"), ("tab sep", b"GET\t/one.txt\tHTTP/1.1"),
                   ("trailing space", b"GET /one.txt HTTP/1.1 "), ("space in target", b"GET /a b.txt HTTP/1.1"),
                   ("lower method", b"get /one.txt HTTP/1.1"), ("only method", b"GET")]:
    case("malformed " + name, line + b"\r\nHost: x\r\n\r\n", ignore=E)
# headers
case("header no colon", b"GET /one.txt HTTP/1.1\r\nHost: x\r\nfoo\r\n\r\n", ignore=E)
case("header space before colon", b"GET /one.txt HTTP/1.1\r\nHost: x\r\nFoo : bar\r\n\r\n", ignore=E)
case("header folding", b"GET /one.txt HTTP/1.1\r\nHost: x\r\nFoo: a\r\n b\r\n\r\n", ignore=E)
case("header empty name", b"GET /one.txt HTTP/1.1\r\nHost: x\r\n: bar\r\n\r\n", ignore=E)
for size in (1000, 4000, 7000, 8100, 8300, 12000, 20000, 40000):
    case("header line of %d" % size, get(b"/one.txt", b"X-Long: " + b"a" * size + b"\r\n"), ignore=E)
case("head of 20 x 1000", get(b"/one.txt", b"".join(b"X-H%d: %s\r\n" % (i, b"a" * 1000) for i in range(20))), ignore=E)
case("URI of 7000", get(b"/" + b"a" * 7000), ignore=E)
case("URI of 9000", get(b"/" + b"a" * 9000), ignore=E)
# conditional requests
case("IMS future", get(b"/one.txt", b"If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n"))
case("IMS past", get(b"/one.txt", b"If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n"))
case("IMS garbage", get(b"/one.txt", b"If-Modified-Since: yesterday\r\n"))
if root:
    import email.utils
    import os
    for f in ("one.txt", "64k.bin", "10m.bin"):
        lm = email.utils.formatdate(os.stat(os.path.join(root, f)).st_mtime, usegmt=True).encode()
        case("IMS exact " + f, get(b"/" + f.encode(), b"If-Modified-Since: " + lm + b"\r\n"))
        case("IMS exact HEAD " + f, get(b"/" + f.encode(), b"If-Modified-Since: " + lm + b"\r\n", method=b"HEAD"))
        case("IMS exact then GET " + f, get(b"/" + f.encode(), b"If-Modified-Since: " + lm + b"\r\n") + get(b"/one.txt"))
case("range", get(b"/64k.bin", b"Range: bytes=0-9\r\n"))

print(f"{cases} cases, {diffs} unexpected differences")
sys.exit(1 if diffs else 0)
