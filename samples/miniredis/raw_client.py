#!/usr/bin/env python3
"""raw_client.py: the byte-exact parts of miniredis's test, which redis-cli cannot express: a
pipeline written in pieces that split commands anywhere, replies compared byte for byte, and a
subscriber that unsubscribes while another client publishes. Usage: raw_client.py PORT"""
import socket
import subprocess
import sys

from resp_cmd import cmd

port = int(sys.argv[1])


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def expect(s, want, what):
    got = read_exactly(s, len(want))
    if got != want:
        print(f"FAIL: {what}:\n  expected {want!r}\n  got      {got!r}")
        sys.exit(1)


def bulk(b):
    return b"$%d\r\n%s\r\n" % (len(b), b)


def publish(channel, message):
    """PUBLISH through redis-cli, the real client: returns its integer reply."""
    r = subprocess.run(["redis-cli", "-p", str(port), "publish", channel, message],
                       capture_output=True, text=True, timeout=10)
    return int(r.stdout.strip())


# 1. A pipeline of mixed commands, RESP and inline, written one byte at a time and then in
#    one piece: the same replies, in order, either way.
value = bytes(range(256)) * 4  # binary, with CR, LF and NUL inside
pipeline = (cmd("SET", "raw:a", value) + cmd("GET", "raw:a") + b"PING\r\n" + cmd("INCR", "raw:n") +
            b"INCR raw:n\r\n" + cmd("GET", "raw:missing") + cmd("DEL", "raw:a", "raw:n", "raw:x") +
            cmd("ECHO", "") + b"\r\n" + cmd("NOSUCH", "x") + cmd("PING", "hi"))
replies = (b"+OK\r\n" + bulk(value) + b"+PONG\r\n" + b":1\r\n" + b":2\r\n" + b"$-1\r\n" + b":2\r\n" +
           b"$0\r\n\r\n" + b"-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n" + bulk(b"hi"))
s = connect()
for i in range(len(pipeline)):
    s.sendall(pipeline[i:i + 1])
expect(s, replies, "a pipeline sent one byte at a time")
s.sendall(pipeline * 50)
expect(s, replies * 50, "50 copies of the pipeline in one write")
print(f"ok: a pipeline of 11 commands byte by byte, then 550 in one write ({len(pipeline) * 50} bytes)")

# 2. A protocol error gets an error reply, after the replies before it, and the connection closes.
s.sendall(cmd("PING") + b"*1\r\n$x\r\n")
expect(s, b"+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", "a malformed bulk length")
if s.recv(1) != b"":
    print("FAIL: the connection stayed open after a protocol error")
    sys.exit(1)
print("ok: a protocol error is answered, then the connection is closed")

# 3. Subscribe, receive, unsubscribe from one channel while another client publishes.
sub = connect()
sub.sendall(cmd("SUBSCRIBE", "raw:a", "raw:b"))
expect(sub, b"*3\r\n" + bulk(b"subscribe") + bulk(b"raw:a") + b":1\r\n" +
       b"*3\r\n" + bulk(b"subscribe") + bulk(b"raw:b") + b":2\r\n", "SUBSCRIBE raw:a raw:b")
n = publish("raw:a", "one")
expect(sub, b"*3\r\n" + bulk(b"message") + bulk(b"raw:a") + bulk(b"one"), "the message on raw:a")
if n != 1:
    print(f"FAIL: PUBLISH raw:a counted {n} subscribers, not 1")
    sys.exit(1)
sub.sendall(cmd("UNSUBSCRIBE", "raw:a") + cmd("PING") + cmd("GET", "raw:a"))
expect(sub, b"*3\r\n" + bulk(b"unsubscribe") + bulk(b"raw:a") + b":1\r\n" +
       b"*2\r\n" + bulk(b"pong") + bulk(b"") +
       b"-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
       b"are allowed in this context\r\n", "UNSUBSCRIBE raw:a, PING and GET in subscribe mode")
if publish("raw:a", "lost") != 0:
    print("FAIL: PUBLISH raw:a still reached the client that unsubscribed")
    sys.exit(1)
if publish("raw:b", "two") != 1:
    print("FAIL: PUBLISH raw:b did not count its subscriber")
    sys.exit(1)
expect(sub, b"*3\r\n" + bulk(b"message") + bulk(b"raw:b") + bulk(b"two"), "the message on raw:b")
sub.sendall(cmd("UNSUBSCRIBE") + cmd("SET", "raw:c", "back") + cmd("GET", "raw:c"))
expect(sub, b"*3\r\n" + bulk(b"unsubscribe") + bulk(b"raw:b") + b":0\r\n" + b"+OK\r\n" + bulk(b"back"),
       "UNSUBSCRIBE from everything, then ordinary commands again")
print("ok: SUBSCRIBE, messages, UNSUBSCRIBE one channel, PING and GET in subscribe mode, UNSUBSCRIBE all")

# 4. In one pipeline, the reply before a SUBSCRIBE, its confirmation, the error after it and a
#    message published then leave the connection in that order (they take two paths inside).
sub.sendall(cmd("ECHO", "first") + cmd("SUBSCRIBE", "raw:c") + cmd("ECHO", "last"))
expect(sub, bulk(b"first") + b"*3\r\n" + bulk(b"subscribe") + bulk(b"raw:c") + b":1\r\n",
       "a reply, then the subscription")
publish("raw:c", "after")
rest = b"-ERR Can't execute 'echo': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET " \
       b"are allowed in this context\r\n"
expect(sub, rest + b"*3\r\n" + bulk(b"message") + bulk(b"raw:c") + bulk(b"after"), "the error, then the message")
sub.sendall(cmd("QUIT"))
expect(sub, b"+OK\r\n", "QUIT")
if sub.recv(1) != b"":
    print("FAIL: the connection stayed open after QUIT")
    sys.exit(1)
print("ok: replies and messages leave in order; QUIT closes a subscribed connection")

# 5. Malformed RESP and inline commands with quotes, answered as redis-server 7.0 answers them
#    (each protocol error ends its connection).
def refused(data, error, what):
    c = connect()
    c.sendall(data)
    expect(c, b"-ERR Protocol error: " + error + b"\r\n", what)
    if c.recv(1) != b"":
        print(f"FAIL: the connection stayed open after {what}")
        sys.exit(1)


refused(b"*01\r\n$4\r\nPING\r\n", b"invalid multibulk length", "an argument count with a leading zero")
refused(b"*1\r\n$04\r\nPING\r\n", b"invalid bulk length", "a bulk length with a leading zero")
refused(b"*1\r\n$-0\r\n\r\n", b"invalid bulk length", "a bulk length of -0")
refused(b"*2\r\n$4\r\nECHO\r\n+hi\r\n", b"expected '$', got '+'", "a simple string as an argument")
refused(b"*1\r\n\r\n", b"expected '$', got ' '", "an empty line as an argument")
refused(b'ECHO "open\r\n', b"unbalanced quotes in request", "an unclosed double quote")
refused(b"ECHO 'a'b\r\n", b"unbalanced quotes in request", "a closing quote not followed by a space")
c = connect()
c.sendall(b'SET q "x y" EX 100\r\nGET q\r\nECHO "a\\x41\\n\\"q\\\\z"\r\n' + b"ECHO 'it\\'s' x\r\n" +
          b'ECHO\t""\t\r\nECHO a"b c"\r\n' + b"ECHO \\x41\r\n")
expect(c, b"+OK\r\n" + bulk(b"x y") + bulk(b'aA\n"q\\z') +
       b"-ERR wrong number of arguments for 'echo' command\r\n" + bulk(b"") + bulk(b"ab c") + bulk(b"\\x41"),
       "inline commands with quoted arguments")
print("ok: malformed RESP refused in Redis's words; inline quotes decoded as Redis does")

# 6. Clients that hang up in the middle of a long reply (half of them with a reset) or of a
#    command: the server drops them and goes on serving.
s = connect()
s.sendall(cmd("SET", "raw:big", b"v" * (1 << 20)))
expect(s, b"+OK\r\n", "SET of 1 MB")
for i in range(20):
    c = connect()
    c.sendall(cmd("GET", "raw:big") * 50 if i % 4 else cmd("SET", "raw:half", b"x" * 100000)[:5000])
    c.recv(1000) if i % 4 else None
    if i % 2:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")  # close sends RST
    c.close()
s.sendall(cmd("DEL", "raw:big") + cmd("PING"))
expect(s, b":1\r\n+PONG\r\n", "the server after 20 clients hung up mid-reply or mid-command")
print("ok: clients that hung up in the middle of a 50 MB reply or of a command")

# 7. Redis's order of checks: an unknown command, then the argument count, then subscribe mode;
#    header lines as Redis reads them (a line without CR waits, up to 64 KB); inline arguments
#    split at spaces, tabs, CR and LF only.
c = connect()
c.sendall(cmd("SUBSCRIBE", "raw:o") + cmd("DEL") + cmd("NOSUCH") + cmd("INCR", "k") + cmd("UNSUBSCRIBE"))
expect(c, b"*3\r\n" + bulk(b"subscribe") + bulk(b"raw:o") + b":1\r\n" +
       b"-ERR wrong number of arguments for 'del' command\r\n" +
       b"-ERR unknown command 'NOSUCH', with args beginning with: \r\n" +
       b"-ERR Can't execute 'incr': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
       b"are allowed in this context\r\n" + b"*3\r\n" + bulk(b"unsubscribe") + bulk(b"raw:o") + b":0\r\n",
       "an arity error and an unknown command while subscribed")
c.sendall(b"ECHO a\x0bb\r\nECHO \x0cc\r\n")
expect(c, bulk(b"a\x0bb") + bulk(b"c"), "inline arguments with a vertical tab and a form feed")
c.sendall(b"*2\n$4\nECHO\n$1\nx\n" + cmd("PING"))  # Redis waits for a CR: the PING's ends it
expect(c, b"-ERR Protocol error: invalid multibulk length\r\n", "a header line ended by LF alone")
refused(b"*" + b"1" * 70000, b"too big mbulk count string", "an argument count line of 70,000 bytes")
refused(b"*1\r\n$" + b"1" * 70000, b"too big bulk count string", "a bulk length line of 70,000 bytes")
c = connect()
c.sendall(b"*2000000\r\n" + cmd("ECHO", "x")[4:] + b"$1\r\n")  # two million arguments announced
c.settimeout(0.5)
try:
    early = c.recv(100)
except socket.timeout:
    early = b"(nothing)"
if early != b"(nothing)":
    print(f"FAIL: a command announcing two million arguments was answered early: {early!r}")
    sys.exit(1)
c.close()
print("ok: errors in Redis's order while subscribed; header lines and inline arguments split as Redis does")
