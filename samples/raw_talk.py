"""samples/raw_talk.py: one exchange of raw bytes with a server on 127.0.0.1, for the samples'
differentials against the real servers (httpd/http_diff.py, miniredis/redis_diff.py): the same
bytes sent to both, and what each answered and whether it closed compared."""
import socket
import time


def talk(port, chunks, idle, half_close=False, nodelay=False):
    """Sends chunks (bytes, or a float: a pause in seconds) on a fresh connection, stopping at a
    send the server refuses; then, after a SHUT_WR if half_close, reads until the server closes
    or is idle for idle seconds. Returns (bytes received, True if it closed, "reset", or False)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    if nodelay:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    got, closed = b"", False
    for c in chunks:
        if isinstance(c, float):
            time.sleep(c)
            continue
        try:
            s.sendall(c)
        except (BrokenPipeError, ConnectionResetError):
            break
    if half_close:
        s.shutdown(socket.SHUT_WR)
    s.settimeout(2.0)  # the first byte may be slow on a loaded machine; then idle ends it
    try:
        while True:
            d = s.recv(1 << 20)
            s.settimeout(idle)
            if not d:
                closed = True
                break
            got += d
    except socket.timeout:
        pass
    except ConnectionResetError:
        closed = "reset"
    s.close()
    return got, closed
