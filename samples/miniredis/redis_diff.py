#!/usr/bin/env python3
"""redis_diff.py: a differential of miniredis against redis-server 7.0. Sends the same corpus of raw
RESP and inline commands to both, each case on a fresh connection, and compares the bytes each
server answered and whether it closed the connection. Differences the README lists as deliberate
are reported as "known"; exits 1 on any other. Usage: redis_diff.py REDIS_PORT MINIREDIS_PORT [-v]
(both servers freshly started: the cases set keys and read them back)."""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from raw_talk import talk  # noqa: E402
from resp_cmd import cmd  # noqa: E402

ref_port, our_port = int(sys.argv[1]), int(sys.argv[2])
verbose = "-v" in sys.argv


def short(b, n=300):
    return repr(b) if len(b) <= n else repr(b[:n]) + "...(%d bytes)" % len(b)


diffs = 0
cases = 0
# The README's "Where it differs": commands miniredis does not have, its stricter CRLF, NUL in
# an inline command, and orders that follow a hash table in Redis.
known = {"inline NUL", "inline NUL quoted", "flushall", "exists", "mget", "select 0", "client setname",
         "hello 3", "hello", "info", "psubscribe", "punsubscribe", "reset", "bulk no crlf", "mbulk cr no lf",
         "subscribe unsubscribe all 2", "config get both"}


def case(name, *chunks, idle=0.25, half_close=False):
    global diffs, cases
    cases += 1
    a = talk(ref_port, chunks, idle, half_close, nodelay=True)
    b = talk(our_port, chunks, idle, half_close, nodelay=True)
    if a != b:
        diffs += name not in known
        print(f"{'known' if name in known else 'DIFF'} {name}\n  redis: {short(a[0])} closed={a[1]}\n  ours:  {short(b[0])} closed={b[1]}")
    elif verbose:
        print(f"same {name}: {short(a[0], 120)} closed={a[1]}")


# --- PING / ECHO / case of names ---
case("ping", cmd("PING"))
case("ping arg", cmd("PING", "hello"))
case("ping 2 args", cmd("PING", "a", "b"))
case("ping lower/mixed", cmd("ping") + cmd("PiNg") + cmd("pInG", "x"))
case("inline PING", b"PING\r\n")
case("inline ping LF only", b"ping\n")
case("inline ping arg", b"PING hello world\r\n")
case("inline empty lines", b"\r\n\r\n\n   \r\nPING\r\n")
case("inline tabs", b"\tECHO\t\tx \r\n")
case("inline vt ff", b"ECHO a\x0bb\r\n" + b"ECHO \x0ca\r\n")
case("inline NUL", b"ECHO a\x00b\r\n")
case("inline NUL quoted", b'ECHO "a\x00b"\r\n')
case("inline quoted", b'ECHO "a b"\r\n' + b"ECHO 'c d'\r\n")
case("inline escapes", b'ECHO "\\x41\\x4g\\n\\t\\z"\r\n')
case("inline unbalanced", b'ECHO "abc\r\n')
case("inline quote then text", b'ECHO "a"b\r\n')
case("inline typed slowly", b"PI", 0.1, b"NG", 0.1, b"\r\n")
case("echo arity", cmd("ECHO") + cmd("ECHO", "a", "b"))
case("echo binary", cmd("ECHO", b"\x00\r\n\xff"))

# --- unknown commands ---
case("unknown", cmd("FOO"))
case("unknown args", cmd("foo", "a", "b", "c"))
case("unknown long arg", cmd("foo", "x" * 200))
case("unknown long name", cmd("f" * 200, "x"))
case("unknown CRLF arg", cmd("foo", "a\r\nb"))
case("unknown many args", cmd("foo", *["arg%d" % i for i in range(50)]))
case("unknown empty name", cmd(""))
case("unknown inline", b"HELLOX there\r\n")
case("flushall", cmd("FLUSHALL"))
case("exists", cmd("EXISTS", "k"))
case("mget", cmd("MGET", "a", "b"))
case("select 0", cmd("SELECT", "0"))
case("client setname", cmd("CLIENT", "SETNAME", "x"))
case("hello 3", cmd("HELLO", "3"))
case("hello", cmd("HELLO"))
case("info", cmd("INFO", "nosuchsection"))

# --- GET / SET ---
case("get missing", cmd("GET", "d:nokey"))
case("get arity", cmd("GET") + cmd("GET", "a", "b"))
case("set get", cmd("SET", "d:k", "v") + cmd("GET", "d:k"))
case("set arity", cmd("SET") + cmd("SET", "k"))
case("set empty", cmd("SET", "d:e", "") + cmd("GET", "d:e"))
case("set empty key", cmd("SET", "", "v") + cmd("GET", ""))
case("set binary", cmd("SET", b"d:\x00\r\nk", b"\x00\r\n\r\n\x00") + cmd("GET", b"d:\x00\r\nk"))
case("set ex", cmd("SET", "d:ex", "v", "EX", "100") + cmd("GET", "d:ex"))
case("set ex lower", cmd("SET", "d:ex", "v", "ex", "100"))
case("set px", cmd("SET", "d:px", "v", "PX", "100000") + cmd("GET", "d:px"))
case("set ex 0", cmd("SET", "d:ex", "v", "EX", "0"))
case("set ex -1", cmd("SET", "d:ex", "v", "EX", "-1"))
case("set px 0", cmd("SET", "d:ex", "v", "PX", "0"))
case("set ex nonnum", cmd("SET", "d:ex", "v", "EX", "abc"))
case("set ex float", cmd("SET", "d:ex", "v", "EX", "1.5"))
case("set ex empty", cmd("SET", "d:ex", "v", "EX", ""))
case("set ex +1", cmd("SET", "d:ex", "v", "EX", "+1"))
case("set ex huge", cmd("SET", "d:ex", "v", "EX", "9223372036854775807"))
case("set ex 2^63", cmd("SET", "d:ex", "v", "EX", "9223372036854775808"))
case("set px huge", cmd("SET", "d:ex", "v", "PX", "9223372036854775000"))
case("set ex missing", cmd("SET", "d:ex", "v", "EX"))
case("set ex ex", cmd("SET", "d:ex", "v", "EX", "10", "EX", "20"))
case("set ex px", cmd("SET", "d:ex", "v", "EX", "10", "PX", "20"))
case("set bogus", cmd("SET", "d:ex", "v", "bogus"))
case("set nx new", cmd("SET", "d:nx", "v", "NX") + cmd("GET", "d:nx"))
case("set nx exists", cmd("SET", "d:nx", "w", "NX") + cmd("GET", "d:nx"))
case("set xx missing", cmd("SET", "d:xx", "v", "XX") + cmd("GET", "d:xx"))
case("set xx exists", cmd("SET", "d:nx", "x", "XX") + cmd("GET", "d:nx"))
case("set nx xx", cmd("SET", "d:nx", "x", "NX", "XX"))
case("set get opt", cmd("SET", "d:g", "1") + cmd("SET", "d:g", "2", "GET") + cmd("SET", "d:gnew", "2", "GET"))
case("set keepttl", cmd("SET", "d:kt", "1", "EX", "100") + cmd("SET", "d:kt", "2", "KEEPTTL") + cmd("GET", "d:kt"))
case("set keepttl ex", cmd("SET", "d:kt", "1", "KEEPTTL", "EX", "100"))
case("set exat", cmd("SET", "d:exat", "1", "EXAT", "99999999999") + cmd("GET", "d:exat"))
case("set pxat", cmd("SET", "d:pxat", "1", "PXAT", "99999999999000") + cmd("GET", "d:pxat"))
case("set exat past", cmd("SET", "d:exatp", "1", "EXAT", "1") + cmd("GET", "d:exatp"))
case("set nx get", cmd("SET", "d:nxg", "1") + cmd("SET", "d:nxg", "2", "NX", "GET") + cmd("GET", "d:nxg"))
case("set ex then expires", cmd("SET", "d:short", "v", "PX", "100"), 0.6, cmd("GET", "d:short"))
case("set ex cleared", cmd("SET", "d:cl", "v", "PX", "100") + cmd("SET", "d:cl", "w"), 0.6, cmd("GET", "d:cl"))
case("get of int", cmd("INCR", "d:int") + cmd("GET", "d:int"))
case("big value 5MB", cmd("SET", "d:big", b"x" * (5 << 20)) + cmd("GET", "d:big"), idle=1.0)
case("big value 5MB split", cmd("SET", "d:big2", b"\x00\r\n" * (2 << 20))[:1000], 0.1,
     cmd("SET", "d:big2", b"\x00\r\n" * (2 << 20))[1000:] + cmd("GET", "d:big2") + cmd("DEL", "d:big", "d:big2"), idle=1.0)

# --- INCR ---
case("incr new", cmd("INCR", "i:a") + cmd("INCR", "i:a"))
case("incr arity", cmd("INCR") + cmd("INCR", "a", "b"))
case("incr str", cmd("SET", "i:s", "abc") + cmd("INCR", "i:s"))
case("incr float", cmd("SET", "i:f", "1.5") + cmd("INCR", "i:f"))
case("incr space", cmd("SET", "i:sp", " 1") + cmd("INCR", "i:sp"))
case("incr plus", cmd("SET", "i:pl", "+1") + cmd("INCR", "i:pl"))
case("incr lead0", cmd("SET", "i:z", "01") + cmd("INCR", "i:z"))
case("incr -0", cmd("SET", "i:m0", "-0") + cmd("INCR", "i:m0"))
case("incr empty", cmd("SET", "i:e", "") + cmd("INCR", "i:e"))
case("incr max", cmd("SET", "i:max", "9223372036854775807") + cmd("INCR", "i:max") + cmd("GET", "i:max"))
case("incr max-1", cmd("SET", "i:m1", "9223372036854775806") + cmd("INCR", "i:m1") + cmd("INCR", "i:m1"))
case("incr min", cmd("SET", "i:min", "-9223372036854775808") + cmd("INCR", "i:min"))
case("incr too big", cmd("SET", "i:tb", "9223372036854775808") + cmd("INCR", "i:tb"))
case("incr neg", cmd("SET", "i:n", "-1") + cmd("INCR", "i:n") + cmd("INCR", "i:n"))
case("incr long", cmd("SET", "i:l", "1" * 30) + cmd("INCR", "i:l"))
case("incr keeps ttl", cmd("SET", "i:t", "5", "PX", "100") + cmd("INCR", "i:t"), 0.6, cmd("GET", "i:t"))
case("incr binary", cmd("SET", "i:b", b"1\x00") + cmd("INCR", "i:b"))

# --- DEL ---
case("del arity", cmd("DEL"))
case("del one", cmd("SET", "x:1", "v") + cmd("DEL", "x:1") + cmd("DEL", "x:1"))
case("del many", b"".join(cmd("SET", "x:%d" % i, "v") for i in range(200)) +
     cmd("DEL", *["x:%d" % i for i in range(300)]))
case("del dup", cmd("SET", "x:d", "v") + cmd("DEL", "x:d", "x:d"))
case("del expired", cmd("SET", "x:e", "v", "PX", "50"), 0.6, cmd("DEL", "x:e"))

# --- PUBLISH / SUBSCRIBE (single connection) ---
case("publish nobody", cmd("PUBLISH", "c:none", "m"))
case("publish arity", cmd("PUBLISH", "c") + cmd("PUBLISH"))
case("subscribe arity", cmd("SUBSCRIBE"))
case("unsubscribe none", cmd("UNSUBSCRIBE"))
case("unsubscribe named none", cmd("UNSUBSCRIBE", "a", "b"))
case("subscribe several", cmd("SUBSCRIBE", "c:a", "c:b", "c:a"))
case("subscribe then cmds", cmd("SUBSCRIBE", "c:a") + cmd("GET", "k") + cmd("SET", "k", "v") + cmd("PUBLISH", "c:a", "m") +
     cmd("PING") + cmd("PING", "x") + cmd("PING", "x", "y") + cmd("ECHO", "x") + cmd("DEL") + cmd("FOO") + cmd("GET") +
     cmd("UNSUBSCRIBE", "c:zz") + cmd("UNSUBSCRIBE") + cmd("PING"))
case("subscribe inline", b"SUBSCRIBE c:in\r\nPING\r\n")
case("subscribe quit", cmd("SUBSCRIBE", "c:q") + cmd("QUIT") + cmd("PING"))
case("subscribe unsubscribe all 2", cmd("SUBSCRIBE", "c:1", "c:2") + cmd("UNSUBSCRIBE") + cmd("UNSUBSCRIBE"))
case("subscribe binary", cmd("SUBSCRIBE", b"c:\x00\r\n") + cmd("PUBLISH", b"c:\x00\r\n", "m"))
case("psubscribe", cmd("PSUBSCRIBE", "c:*"))
case("punsubscribe", cmd("PUNSUBSCRIBE"))
case("reset", cmd("RESET"))

# --- QUIT / closing ---
case("quit", cmd("QUIT") + cmd("PING"))
case("quit arg", cmd("QUIT", "x"))
case("inline quit", b"QUIT\r\n")
case("half close", cmd("PING"), half_close=True)
case("mid-command close", b"*2\r\n$3\r\nGET\r\n$5\r\nab", half_close=True)

# --- protocol errors ---
case("bad mbulk", b"*x\r\n")
case("mbulk -1", b"*-1\r\n" + cmd("PING"))
case("mbulk 0", b"*0\r\n" + cmd("PING"))
case("mbulk huge", b"*2000000\r\n")
case("mbulk INT_MAX+1", b"*2147483648\r\n")
case("mbulk 20 digits", b"*12345678901234567890\r\n")
case("bulk huge", b"*1\r\n$536870913\r\n")
case("bulk 512MB", b"*1\r\n$536870912\r\n")
case("bulk -1", b"*1\r\n$-1\r\n")
case("bulk x", b"*1\r\n$x\r\n")
case("bulk not $", b"*1\r\n:1\r\n")
case("bulk no crlf", b"*1\r\n$4\r\nPINGxx" + cmd("PING"))
case("bulk lf only", b"*1\n$4\nPING\n")
case("mbulk cr no lf", b"*1\rx")
case("mbulk space", b"* 1\r\n$4\r\nPING\r\n")
case("bulk space", b"*1\r\n$ 4\r\nPING\r\n")
case("after error", cmd("PING") + b"*1\r\n$x\r\n" + cmd("PING"))
case("long inline", b"PING " + b"a" * 70000)
case("long inline with nl", b"ECHO " + b"a" * 70000 + b"\r\n", idle=0.5)
case("long mbulk line", b"*" + b"1" * 70000)
case("long bulk line", b"*1\r\n$" + b"1" * 70000)
case("star only", b"*\r\n")
case("dollar only", b"*1\r\n$\r\n")
case("inline star", b"*PING\r\n")
case("inline leading space star", b" *1\r\n")

# --- what redis-cli and redis-benchmark send, CONFIG ---
case("config get save", cmd("CONFIG", "GET", "save"))
case("config get appendonly", cmd("config", "get", "APPENDONLY"))
case("config get both", cmd("CONFIG", "GET", "save", "appendonly"))
case("config get nosuch", cmd("CONFIG", "GET", "nosuch"))
case("config alone", cmd("CONFIG"))
case("config get alone", cmd("CONFIG", "GET"))
case("config foo", cmd("CONFIG", "FOO", "x"))
case("subscribed del arity", cmd("SUBSCRIBE", "c:s") + cmd("DEL") + cmd("NOPE") + cmd("INCR", "x") + cmd("PUBLISH", "c:s"))
case("set many opts", cmd("SET", "o:1", "v", "NX", "EX", "10", "GET"))
case("set xx nx", cmd("SET", "o:1", "v", "XX", "NX"))
case("set keepttl px", cmd("SET", "o:1", "v", "PX", "10", "KEEPTTL"))
case("set exat pxat", cmd("SET", "o:1", "v", "EXAT", "99999999999", "PXAT", "99999999999000"))
case("set exat 0", cmd("SET", "o:1", "v", "EXAT", "0"))
case("set exat huge", cmd("SET", "o:1", "v", "EXAT", "9223372036854776"))
case("set exat max", cmd("SET", "o:1", "v", "EXAT", "9223372036854775") + cmd("GET", "o:1"))
case("set pxat max", cmd("SET", "o:2", "v", "PXAT", "9223372036854775807") + cmd("GET", "o:2"))
case("set get nonnum ex", cmd("SET", "o:3", "v", "GET", "EX", "x"))
case("set get bad opt", cmd("SET", "o:3", "v", "GET", "FOO"))
case("set xx get missing", cmd("SET", "o:4", "v", "XX", "GET") + cmd("GET", "o:4"))
case("set keepttl twice", cmd("SET", "o:5", "v", "KEEPTTL", "KEEPTTL"))
case("set get twice", cmd("SET", "o:5", "w", "GET", "GET"))
case("set nx nx", cmd("SET", "o:6", "w", "NX", "NX"))
case("set lower opts", cmd("SET", "o:7", "w", "nx", "get", "px", "1000", "keepTTL"))
case("set exat then get", cmd("SET", "o:8", "w", "PXAT", "1"), 0.05, cmd("GET", "o:8") + cmd("SET", "o:8", "z", "NX"))

# --- two connections: a subscriber and a publisher ---
def pubsub_case(name, sub_cmds, pub_cmds, after=b""):
    """The subscriber sends sub_cmds, then the publisher pub_cmds, then the subscriber after;
    compares what each connection received."""
    global diffs, cases
    cases += 1
    outs = []
    for port in (ref_port, our_port):
        a = socket.create_connection(("127.0.0.1", port), timeout=10)
        b = socket.create_connection(("127.0.0.1", port), timeout=10)
        a.sendall(sub_cmds)
        time.sleep(0.1)
        b.sendall(pub_cmds)
        time.sleep(0.1)
        if after:
            a.sendall(after)
        got = []
        for c in (a, b):
            c.settimeout(2.0)
            d = b""
            try:
                while True:
                    x = c.recv(1 << 20)
                    c.settimeout(0.2)
                    if not x:
                        break
                    d += x
            except socket.timeout:
                pass
            got.append(d)
            c.close()
        outs.append(got)
    if outs[0] != outs[1]:
        diffs += name not in known
        print(f"{'known' if name in known else 'DIFF'} {name}\n  redis: {outs[0]}\n  ours:  {outs[1]}")
    elif verbose:
        print(f"same {name}")


pubsub_case("publish to one", cmd("SUBSCRIBE", "p:1"), cmd("PUBLISH", "p:1", "m1") + cmd("PUBLISH", "p:2", "m2"))
pubsub_case("publish binary", cmd("SUBSCRIBE", b"p:\x00"), cmd("PUBLISH", b"p:\x00", b"a\r\nb\x00"))
pubsub_case("publish big", cmd("SUBSCRIBE", "p:big"), cmd("PUBLISH", "p:big", b"v" * 300000))
pubsub_case("subscribe twice same", cmd("SUBSCRIBE", "p:t", "p:t") + cmd("SUBSCRIBE", "p:t"), cmd("PUBLISH", "p:t", "once"))
pubsub_case("unsubscribe then publish", cmd("SUBSCRIBE", "p:u", "p:v"), cmd("PUBLISH", "p:u", "a"),
            cmd("UNSUBSCRIBE", "p:u") + cmd("PING"))
pubsub_case("many messages", cmd("SUBSCRIBE", "p:m"), b"".join(cmd("PUBLISH", "p:m", "msg%d" % i) for i in range(500)))
pubsub_case("quit while subscribed", cmd("SUBSCRIBE", "p:q") + cmd("QUIT"), cmd("PUBLISH", "p:q", "x"))
pubsub_case("subscriber inline", b"SUBSCRIBE p:i\r\n", b"PUBLISH p:i hello\r\n", b"PING\r\nUNSUBSCRIBE\r\nPING\r\n")
pubsub_case("resubscribe after all", cmd("SUBSCRIBE", "p:r") + cmd("UNSUBSCRIBE") + cmd("SUBSCRIBE", "p:r2"),
            cmd("PUBLISH", "p:r", "x") + cmd("PUBLISH", "p:r2", "y"))

print(f"{cases} cases, {diffs} unexpected differences")
sys.exit(1 if diffs else 0)
