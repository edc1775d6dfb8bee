#!/usr/bin/env python3
# load_client.py: opens N connections to an echo server on 127.0.0.1 at once, holds them all open,
# sends a distinct line on each and checks each gets its own line back. Usage: PORT [N] [ROUNDS]
import asyncio
import resource
import sys
import time


async def main(port, n, rounds):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    t0 = time.monotonic()
    conns = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(n)))
    connected = time.monotonic() - t0

    async def exchange(i, reader, writer):
        for r in range(rounds):
            line = f"connection {i} round {r} {'x' * (i % 97)}\n".encode()
            writer.write(line)
            await writer.drain()
            got = await reader.readline()
            if got != line:
                raise AssertionError(f"connection {i}: sent {line!r}, got {got!r}")
        return 1

    ok = sum(await asyncio.gather(*(exchange(i, r, w) for i, (r, w) in enumerate(conns))))
    for _, w in conns:
        w.close()
    await asyncio.gather(*(w.wait_closed() for _, w in conns), return_exceptions=True)
    total = time.monotonic() - t0
    print(f"{ok} of {n} concurrent connections echoed {rounds} lines each "
          f"(connected in {connected:.2f} s, done in {total:.2f} s)")
    return ok == n


if __name__ == "__main__":
    port = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    sys.exit(0 if asyncio.run(asyncio.wait_for(main(port, n, rounds), 60)) else 1)
