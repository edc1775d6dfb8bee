#!/usr/bin/env python3
# check_guide.py: every rejected example in docs/guide.md (a ```c block followed by a ```text
# block holding `file.c:L:C: error: ...`) still gets exactly that first diagnostic from asyncc,
# and every warning example (`file.c:L:C: warning: ...`) that warning, with the output written.
# Usage: check_guide.py ASYNCC GUIDE.md
import os
import re
import subprocess
import sys
import tempfile

asyncc, guide = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```(\w+)\n(.*?)```", open(guide).read(), re.S)
checked = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for (lang, code), (next_lang, text) in zip(blocks, blocks[1:]):
        m = re.match(r"([\w.]+):\d+:\d+: (error|warning): ", text)
        if lang != "c" or next_lang != "text" or not m:
            continue  # not an example of a diagnostic (or one that needs other files)
        name, expected = m.group(1), text.splitlines()[0]
        with open(os.path.join(tmp, name), "w") as f:
            f.write(code)
        out = os.path.join(tmp, name + ".out.c")
        # -Wall as users build: it asks for -Wreturn-type, which asyncc gives for async functions
        r = subprocess.run([asyncc, "-Wall", name, "-o", out], cwd=tmp, capture_output=True, text=True)
        got = r.stderr.splitlines()[0] if r.stderr else ""
        checked += 1
        if m.group(2) == "warning":  # among the warnings, and the output written all the same
            if expected in r.stderr.splitlines():
                got = expected
            if r.returncode != 0 or got != expected or not os.path.exists(out):
                failed += 1
                print(f"FAIL {name}: exit {r.returncode}, output written: {os.path.exists(out)}\n"
                      f"  expected: {expected}\n  got:      {r.stderr}")
        elif r.returncode == 0 or got != expected or os.path.exists(out):
            failed += 1
            print(f"FAIL {name}: exit {r.returncode}, output written: {os.path.exists(out)}\n"
                  f"  expected: {expected}\n  got:      {got}")
print(f"{checked} examples checked, {failed} failed")
sys.exit(1 if failed or checked < 15 else 0)
