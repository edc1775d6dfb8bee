"""samples/miniredis/resp_cmd.py: a command as a RESP array of bulk strings, the encoding the
miniredis scripts (raw_client.py, redis_diff.py) send."""


def cmd(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out
