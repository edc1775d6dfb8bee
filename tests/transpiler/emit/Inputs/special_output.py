"""special_output.py ASYNCC SRC BAD TMPDIR: asyncc writes into a FIFO (as it would into /dev/null or
a device) in place, never renames a file over it, and never removes it when transpiling fails."""
import os
import stat
import subprocess
import sys
import threading

asyncc, src, bad, tmp = sys.argv[1:5]
os.makedirs(tmp, exist_ok=True)
fifo = os.path.join(tmp, "out.fifo")
if os.path.exists(fifo):
    os.unlink(fifo)
os.mkfifo(fifo)
got = []
reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
reader.start()
rc = subprocess.call([asyncc, src, "-o", fifo])
reader.join(timeout=30)
print("ok run:", rc == 0)
print("still a fifo:", stat.S_ISFIFO(os.stat(fifo).st_mode))
print("received the code:", bool(got) and b"ac__poll_" in got[0])
rc = subprocess.call([asyncc, bad, "-o", fifo], stderr=subprocess.DEVNULL)
print("failed run:", rc != 0)
print("fifo kept after failure:", os.path.exists(fifo) and stat.S_ISFIFO(os.stat(fifo).st_mode))
