"""special_output.py ASYNCC SRC BAD TMPDIR: asyncc writes into a FIFO (as it would into /dev/null or
a device) in place, never renames a file over it, and never removes it when transpiling fails; an
output path that is a symbolic link (as /dev/stdout is) is written through and stays a link."""
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

target = os.path.join(tmp, "target.c")
link = os.path.join(tmp, "link.c")
for p in (target, link):
    if os.path.lexists(p):
        os.unlink(p)
open(target, "w").write("stale\n")
os.symlink(target, link)
rc = subprocess.call([asyncc, src, "-o", link])
print("ok run through a link:", rc == 0)
print("still a link:", os.path.islink(link) and os.readlink(link) == target)
print("target received the code:", b"ac__poll_" in open(target, "rb").read())
rc = subprocess.call([asyncc, bad, "-o", link], stderr=subprocess.DEVNULL)
print("failed run through a link:", rc != 0)
print("link kept after failure:", os.path.islink(link))
print("stale code gone from the target:", os.path.getsize(target) == 0)
