#!/usr/bin/env python3
"""bench/report.py: turns the figures bench/run measured (results.tsv) into RESULTS.md.

Every number in the report comes from results.tsv, that is from a measurement of the same run;
the only constants here are the goals of issues 2 and 3."""
import argparse
import datetime
import os
import platform
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("results")
ap.add_argument("target")
for opt in ("mode", "reps", "echo-reps", "elapsed", "commit", "tokio", "go", "rustc", "cc", "liburing", "sizes",
            "load", "stat", "own-cpu", "run-ns", "sleep-ms"):
    ap.add_argument("--" + opt, default="")
args = ap.parse_args()

# rows[workload][peer] = dict of key=value, or {"_status": "MISSING"/"FAILED", "_why": text}
rows = {}
with open(args.results) as f:
    for line in f:
        line = line.rstrip("\n")
        if not line:
            continue
        workload, peer, text = line.split("\t", 2)
        status, _, rest = text.partition(" ")
        if status == "RESULT":
            kv = dict(p.split("=", 1) for p in rest.split() if "=" in p)
            if workload == "frames":
                rows.setdefault(workload, {}).setdefault(peer, {})[kv["name"]] = kv
                continue
            rows.setdefault(workload, {})[peer] = kv
        else:
            rows.setdefault(workload, {})[peer] = {"_status": status, "_why": rest}


def get(workload, peer, key):
    r = rows.get(workload, {}).get(peer)
    if not r or "_status" in r or key not in r:
        return None
    try:
        return float(r[key])
    except ValueError:
        return None


def status(workload, peer):
    r = rows.get(workload, {}).get(peer)
    if r is None:
        return "not run"
    if "_status" in r:
        return "not yet" if r["_status"] == "MISSING" else "failed"
    return None


def fmt(v, digits=1):
    if v is None:
        return "—"
    if abs(v) >= 10000:
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:,.{min(digits, 1)}f}" if digits else f"{v:,.0f}"
    return f"{v:.{max(digits, 2) if abs(v) < 10 else digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def rfmt(r):
    return "—" if r is None else f"{r:.2f}×"


def cell(workload, peer, key, digits=1):
    v = get(workload, peer, key)
    if v is not None:
        return fmt(v, digits)
    s = status(workload, peer)
    return s if s else "—"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


cpu = sh("lscpu | sed -n 's/^Model name: *//p' | head -1") or platform.processor()
mem = sh("free -g | awk '/^Mem:/ {print $2}'")
md = []
w = md.append
w("# asyncc benchmarks: results")
w("")
w("Written by `bench/run` (see bench/README.md for what each workload does and how it is "
  "measured). Every figure below was measured in this one run; ratios are the asyncc figure "
  "divided by the peer's.")
w("")
w(f"- machine: {sh('nproc')} cores (`nproc`), {cpu}, {mem} GiB, Linux {platform.release()}")
w(f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; run took {args.elapsed} s "
  f"({args.mode} mode, median of {args.reps} runs per figure unless noted)")
w(f"- asyncc: commit {args.commit}, Release build, 2 workers (`ASYNCC_WORKERS=2`)")
w(f"- peers: Tokio {args.tokio} (Debian's crates, multi-thread runtime, 2 workers, rustc {args.rustc}), "
  f"Go {args.go} (`GOMAXPROCS=2`), liburing {args.liburing}, {args.cc}")
w(f"- sizes: {args.sizes}")


def busy_seconds(stat_line):
    v = [int(x) for x in stat_line.split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return (sum(v[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(times_line):
    total = 0.0
    for t in times_line.split():
        m, _, sec = t.rstrip("s").partition("m")
        total += int(m) * 60 + float(sec)
    return total


try:
    s0, s1 = args.stat.split("|")
    busy = busy_seconds(s1) - busy_seconds(s0)
    c0, c1 = args.own_cpu.split("|")
    own = cpu_seconds(c1) - cpu_seconds(c0)
    wall = int(args.run_ns) / 1e9
    l0, l1 = args.load.split("|")
    others = max(0.0, busy - own)
    w(f"- load: load average {l0} when the workloads started, {l1} at the end; other programs used "
      f"about {others:.0f} CPU-seconds of the {2 * wall:.0f} the two cores had during the "
      f"{wall:.0f} s of measuring" + (" (**a busy machine: figures are noisy**)" if others > 0.1 * 2 * wall else ""))
except (ValueError, IndexError):
    pass
w("")

# ------------------------------------------------------------------------------------------
w("## The runtime (issue 3)")
w("")
w("| workload | figure | asyncc | Tokio | Go | liburing (C) | pthreads / plain C | asyncc ÷ Tokio | asyncc ÷ Go | asyncc ÷ liburing | goal | met |")
w("|---|---|---|---|---|---|---|---|---|---|---|---|")

missing = []


def note_missing(workload, label):
    r = rows.get(workload, {}).get("asyncc")
    if r and "_status" in r:
        missing.append(f"- **{label}**, asyncc column: {r['_why']}")
    for peer, r in rows.get(workload, {}).items():
        if peer != "asyncc" and r and "_status" in r and workload != "frames":
            missing.append(f"- **{label}**, {peer}: {r['_why']}")


def runtime_row(workload, label, figure, key, other_peer, goal_text, met_fn, digits=1):
    a = get(workload, "asyncc", key)
    t, g, u = get(workload, "tokio", key), get(workload, "go", key), get(workload, "liburing", key)
    rt, rg, ru = ratio(a, t), ratio(a, g), ratio(a, u)
    met = "—"
    if a is not None:
        m = met_fn(a, rt, ru)
        met = "—" if m is None else ("yes" if m else "**no**")
    w(f"| {label} | {figure} | {cell(workload, 'asyncc', key, digits)} | {cell(workload, 'tokio', key, digits)} "
      f"| {cell(workload, 'go', key, digits)} | {cell(workload, 'liburing', key, digits) if 'liburing' in rows.get(workload, {}) else 'n/a'} "
      f"| {cell(workload, other_peer, key, digits) if other_peer in rows.get(workload, {}) else 'n/a'} "
      f"| {rfmt(rt)} | {rfmt(rg)} | {rfmt(ru)} | {goal_text} | {met} |")
    note_missing(workload, label)


runtime_row("spawn", "spawn tiny tasks and join them", "ns per task ↓", "ns_per_task", "pthreads",
            "≤ 0.3× Tokio", lambda a, rt, ru: rt is not None and rt <= 0.3)

# Sleep: the goal is absolute and relative to what a task needs on paper.
hdr = get("sleep", "layout", "frame_offset")
root_frame = get("sleep", "asyncc", "frame")
sleep_frame = get("sleep", "asyncc", "sleep_frame")
paper = None
if hdr is not None and root_frame is not None:
    paper = hdr + root_frame


def sleep_met(a, rt, ru):
    if paper is None:
        return a <= 200
    return a <= 200 and a <= 1.5 * paper


runtime_row("sleep", "tasks each sleeping", "peak RSS growth per task, bytes ↓", "bytes_per_task", "none",
            "≤ 200 B and ≤ 1.5× header + frames"
            + (f" (= {1.5 * paper:.0f} B)" if paper is not None else ""), sleep_met, 0)
runtime_row("pingpong", "channel ping-pong between two tasks", "ns per round trip ↓", "ns_per_roundtrip",
            "pthreads", "≤ 0.7× Tokio", lambda a, rt, ru: rt is not None and rt <= 0.7)
runtime_row("echo", "TCP echo, 50 connections, 64 B", "requests/s ↑", "requests_per_s", "pthreads",
            "≥ 1.2× Tokio and ≥ 0.95× liburing",
            lambda a, rt, ru: rt is not None and ru is not None and rt >= 1.2 and ru >= 0.95, 0)
runtime_row("timers", "timers, random 0–100 ms", "ms beyond the last deadline ↓", "late_ms", "none",
            "≤ 0.5× Tokio", lambda a, rt, ru: rt is not None and rt <= 0.5, 2)
runtime_row("files", "read 4 KiB files concurrently", "files/s ↑", "files_per_s", "plain_c",
            "≥ 3× Tokio", lambda a, rt, ru: rt is not None and rt >= 3, 0)
w("")
# The same workloads by CPU time, which competing programs hardly change.
cpu_rows = [("spawn", "spawn tiny tasks and join them", "CPU ns per task ↓", 1e9),
            ("pingpong", "channel ping-pong", "CPU ns per round trip ↓", 1e9),
            ("echo", "TCP echo", "server CPU µs per request ↓", None),
            ("files", "read 4 KiB files", "CPU µs per file ↓", 1e6)]


def cpu_value(workload, peer):
    if workload == "echo":
        return get(workload, peer, "server_cpu_us_per_req")
    c, n = get(workload, peer, "cpu_s"), get(workload, peer, "n")
    if c is None or not n:
        return None
    return c * dict((r[0], r[3]) for r in cpu_rows)[workload] / n


if any(cpu_value(r[0], "asyncc") is not None or cpu_value(r[0], "tokio") is not None for r in cpu_rows):
    w("By CPU time (user + system of the whole process, all threads, start-up included; for echo, "
      "the server's CPU over the client's run divided by every request it answered, warm-up included), "
      "which other programs on the machine hardly change:")
    w("")
    w("| workload | figure | asyncc | Tokio | Go | liburing (C) | pthreads / plain C | asyncc ÷ Tokio | asyncc ÷ Go | asyncc ÷ liburing |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for workload, label, figure, _ in cpu_rows:
        vals = {p: cpu_value(workload, p) for p in ("asyncc", "tokio", "go", "liburing", "pthreads", "plain_c")}
        other = vals["pthreads"] if vals["pthreads"] is not None else vals["plain_c"]
        a = vals["asyncc"]
        w(f"| {label} | {figure} | {fmt(a, 1) if a is not None else status(workload, 'asyncc') or '—'} "
          f"| {fmt(vals['tokio'], 1)} | {fmt(vals['go'], 1)} | {fmt(vals['liburing'], 1) if workload in ('echo', 'files') else 'n/a'} "
          f"| {fmt(other, 1)} | {rfmt(ratio(a, vals['tokio']))} | {rfmt(ratio(a, vals['go']))} | {rfmt(ratio(a, vals['liburing']))} |")
    w("")
w("Echo: the load client (bench/c/echo_client.c) is one thread on io_uring with 50 connections to "
  "127.0.0.1, each with **one outstanding 64-byte request** (not pipelined); requests are counted "
  f"after 0.5 s of warm-up; each figure is the median of {args.echo_reps or args.reps} runs, since "
  "echo spreads most between runs. Timers: each task records its deadline (when it began to sleep + its "
  "delay) and when it woke; the figure is the last wake minus the last deadline. Files: each task "
  "reads a whole file into a new buffer: asyncc with `ac_read_file` (open, read and close linked in "
  "one io_uring submission) into `malloc`ed memory, Tokio with `fs::read`, Go with `os.Open` and "
  "`io.ReadAll`; liburing's program submits the same linked chain by hand, 128 files in flight.")
w("")
w("↓ lower is better, ↑ higher is better. \"pthreads / plain C\": threads for spawn "
  "(created and joined in batches of 1000, fewer of them), ping-pong (mutex + condition variables, "
  "fewer round trips) and echo (a thread per connection); one thread doing open/read/close in a "
  "loop for files. n/a: no such peer for that workload.")
w("")

# Details of the runtime rows.
w("### Details")
w("")
if hdr is not None:
    w(f"- **sleep, what one asyncc task needs on paper**: task header {hdr:.0f} B + root frame "
      f"{fmt(root_frame, 0)} B (the `ac_sleep_ms` frame, {fmt(sleep_frame, 0)} B, is embedded in it: "
      f"task.h promises its bound) = {fmt(paper, 0)} B, one block of the runtime's task allocator. "
      f"Measured: {cell('sleep', 'asyncc', 'bytes_per_task', 0)} B per task.")
for peer in ("asyncc", "tokio", "go"):
    s = get("sleep", peer, "spawn_s")
    if s is not None:
        late = ""
        if args.sleep_ms and s > int(args.sleep_ms) / 1000:
            late = (" **Spawning took longer than the sleep**: the first tasks had finished before the last "
                    "were spawned. asyncc and Tokio keep a finished task's memory until it is joined, so "
                    "their figure holds; a goroutine's stack is freed when it exits, so Go's undercounts.")
        w(f"- sleep, {peer}: spawning took {s:.2f} s, the run {get('sleep', peer, 'total_s'):.2f} s; "
          f"RSS {fmt(get('sleep', peer, 'base_kb'), 0)} kB before, "
          f"{fmt(get('sleep', peer, 'spawned_kb'), 0)} kB once spawned, peak {fmt(get('sleep', peer, 'peak_kb'), 0)} kB.{late}")
keys = {"spawn": ("ns_per_task", "ns per task"), "pingpong": ("ns_per_roundtrip", "ns per round trip"),
        "echo": ("requests_per_s", "requests/s"), "timers": ("late_ms", "ms beyond the last deadline"),
        "files": ("files_per_s", "files/s")}
peer_what = {"asyncc_1worker": "asyncc with one worker (`ASYNCC_WORKERS=1`)",
             "asyncc_epoll": "asyncc on the epoll backend (`ASYNCC_BACKEND=epoll`)",
             "epoll_c": "hand-written epoll C (one thread, level-triggered)",
             "liburing": "hand-written liburing C (one thread, DEFER_TASKRUN)"}
main_peers = {"asyncc", "tokio", "go", "liburing", "pthreads", "plain_c", "layout"}
for workload, (key, unit) in keys.items():
    for peer in rows.get(workload, {}):
        if peer in main_peers:
            continue
        v = get(workload, peer, key)
        if v is not None:
            what = peer_what.get(peer, peer)
            a = get(workload, "asyncc", key)
            w(f"- {workload}, {what}: {fmt(v, 2 if workload == 'timers' else 1)} {unit}"
              + (f" ({rfmt(ratio(v, a))} the "
                 f"{'io_uring' if peer == 'asyncc_epoll' else '2-worker'} figure)" if a else "") + ".")
for peer in ("asyncc", "asyncc_1worker", "tokio", "go"):
    v = get("timers", peer, "worst_timer_late_ms")
    if v is not None:
        w(f"- timers, {peer}: the latest single timer woke {v:.1f} ms after its own deadline; "
          f"all done {get('timers', peer, 'total_ms'):.0f} ms after the first spawn.")
w("")

def counters_table(workloads, peers):
    """Per-request counters of the servers (perf stat on the server process, when perf could trace
    syscalls in that run): they hardly change when other programs load the machine."""
    if not any(get(wl, p, "srv_syscalls_per_req") is not None for wl, _ in workloads for p in peers):
        return
    w("Per request, counted on the server process by `perf stat` over the client's run: syscalls, "
      "waits (`io_uring_enter` + `epoll_wait`/`epoll_pwait`/`epoll_pwait2`), futex calls and context switches.")
    w("")
    w("| peer | " + " | ".join(f"{label}: syscalls | waits | futex | switches" for _, label in workloads) + " |")
    w("|---|" + "---|---|---|---|" * len(workloads))
    for peer in peers:
        if not any(get(wl, peer, "srv_syscalls_per_req") is not None for wl, _ in workloads):
            continue
        cells = []
        for wl, _ in workloads:
            for key, digits in (("srv_syscalls_per_req", 2), ("srv_waits_per_req", 3),
                                ("srv_futex_per_req", 3), ("srv_cs_per_req", 3)):
                cells.append(fmt(get(wl, peer, key), digits))
        w(f"| {peer_what.get(peer, peer)} | " + " | ".join(cells) + " |")
    w("")


# ------------------------------------------------------------------------------------------
# Issue 11: echo by number of connections, both backends; a worker blocked in a task.
if any(rows.get(wl) for wl in ("echo1000", "echo10000", "blocked")):
    w("### Echo by connections, and a blocked worker (issue 11)")
    w("")
    w("| peer | 50 conns: req/s | CPU µs/req | 1,000: req/s | CPU µs/req | 10,000: req/s | CPU µs/req | 10,000 ÷ 50 (req/s) |")
    w("|---|---|---|---|---|---|---|---|")
    for peer in ("asyncc", "asyncc_1worker", "asyncc_epoll", "tokio", "go", "liburing", "epoll_c"):
        cells = []
        for wl in ("echo", "echo1000", "echo10000"):
            v = get(wl, peer, "requests_per_s")
            cells.append(fmt(v, 0) if v is not None else (status(wl, peer) or "—"))
            cells.append(fmt(get(wl, peer, "server_cpu_us_per_req"), 2))
        r = ratio(get("echo10000", peer, "requests_per_s"), get("echo", peer, "requests_per_s"))
        w(f"| {peer_what.get(peer, peer)} | " + " | ".join(cells) + f" | {rfmt(r)} |")
    w("")
    counters_table([("echo", "50"), ("echo1000", "1,000"), ("echo10000", "10,000")],
                   ("asyncc", "asyncc_1worker", "asyncc_epoll", "tokio", "go", "liburing", "epoll_c"))
    if any(get(wl, p, "machine_idle_pct") is not None for wl in ("echo", "echo1000", "echo10000")
           for p in ("asyncc", "tokio")):
        window = any(get(wl, p, "window_idle_pct") is not None for wl in ("echo", "echo1000", "echo10000")
                     for p in ("asyncc", "tokio"))
        w("Where the machine's two CPUs went (/proc/stat, the whole machine"
          + (", over the measured seconds only" if window else ", over the client's whole run, connecting included")
          + ": idle while every connection has a request in flight means client and server both waited; "
          "softirq is the loopback's TCP work, charged to no process), the load client's CPU per request"
          + (", and the TCP events that make requests wait: delayed ACKs per request (a side that took "
             "longer than the delayed-ACK timeout, 40 ms or more, to answer: its pure ACK is an extra packet), "
             "and packets dropped because a CPU's input backlog was full (a burst of delayed-ACK timers firing "
             "in one softirq; each drop waits for a tail loss probe)" if window else "") + ":")
        w("")
        cols = "idle % | softirq % | client µs/req" + (" | delayed ACKs/req | drops" if window else "")
        w("| peer | " + " | ".join(f"{c}: {cols}" for c in ("50", "1,000", "10,000")) + " |")
        w("|---|" + ("---|" * (5 if window else 3)) * 3)
        for peer in ("asyncc", "asyncc_epoll", "tokio", "go", "liburing", "epoll_c"):
            cells = []
            for wl in ("echo", "echo1000", "echo10000"):
                c, n = get(wl, peer, "client_cpu_s"), get(wl, peer, "total_requests")
                idle = get(wl, peer, "window_idle_pct" if window else "machine_idle_pct")
                soft = get(wl, peer, "window_softirq_pct" if window else "machine_softirq_pct")
                cells += [fmt(idle, 1), fmt(soft, 1), fmt(c * 1e6 / n if c is not None and n else None, 2)]
                if window:
                    d = get(wl, peer, "backlog_drops")
                    cells += [fmt(get(wl, peer, "tcp_delack_per_req"), 3), "—" if d is None else f"{d:,.0f}"]
            w(f"| {peer_what.get(peer, peer)} | " + " | ".join(cells) + " |")
        w("")
    for peer in ("asyncc", "asyncc_epoll"):
        v = get("blocked", peer, "p99_ms")
        if v is not None:
            w(f"- blocked worker, {peer_what.get(peer, peer)}: one task in `sleep()` for 2 s on one of 2 "
              f"workers, 50 connections ping-pong meanwhile: latency p99 {v:.1f} ms (goal < 50 ms), "
              f"p50 {get('blocked', peer, 'p50_ms'):.2f} ms, the longest wait of one connection "
              f"{get('blocked', peer, 'worst_wait_ms'):.0f} ms (2,000 without the takeover).")
    w("")

def services():
    """Issue 12's servers: samples/miniredis against redis-server and a Tokio server of its design."""
    if not any(w_ in rows for w_ in ("miniredis_p1", "miniredis_p16", "httpd")):
        return
    w("## Services (issue 12)")
    w("")
    if not any(w_ in rows for w_ in ("miniredis_p1", "miniredis_p16")):
        return
    w("### miniredis")
    w("")
    w("`redis-benchmark -t set,get -c 50`, 200,000 requests of each at -P 1 and 1,000,000 at -P 16 (one client "
      "thread: on 2 cores it is the limit of requests/s, so the servers are compared by **server CPU time per "
      "request**: `perf stat`'s task-clock of the server's threads over the benchmark's run, divided by its SET + "
      "GET requests; utime + stime from /proc/PID/stat, in 10 ms ticks, where perf cannot count). "
      "asyncc: samples/miniredis (2 workers; also with 1); Tokio: bench/tokio/src/bin/miniredis.rs, the same "
      "design (a task per connection, commands parsed in place, a pipeline's replies in one write, 64 "
      "mutex-guarded shards), 2 workers; redis-server: Debian's, `--save '' --appendonly no`.")
    w("")
    w("| depth | server | SET requests/s ↑ | GET requests/s ↑ | server CPU µs per request ↓ | asyncc ÷ this |")
    w("|---|---|---|---|---|---|")
    verdicts = []
    for depth in (1, 16):
        wl = f"miniredis_p{depth}"
        a = get(wl, "asyncc", "server_cpu_us_per_req")
        for peer, label in (("asyncc", "asyncc miniredis"), ("asyncc_1worker", "asyncc miniredis, 1 worker"),
                            ("asyncc_epoll", "asyncc miniredis, epoll backend"),
                            ("tokio", "Tokio"), ("redis_server", "redis-server")):
            if peer not in rows.get(wl, {}):
                continue
            v = get(wl, peer, "server_cpu_us_per_req")
            w(f"| -P {depth} | {label} | {cell(wl, peer, 'set_rps', 0)} | {cell(wl, peer, 'get_rps', 0)} "
              f"| {cell(wl, peer, 'server_cpu_us_per_req', 2)} | {'—' if peer == 'asyncc' else rfmt(ratio(a, v))} |")
        for peer, goal, label in (("redis_server", 0.67, "redis-server"), ("tokio", 0.8, "Tokio")):
            r = ratio(a, get(wl, peer, "server_cpu_us_per_req"))
            verdicts.append(f"-P {depth}: {rfmt(r)} {label}'s CPU per request (goal ≤ {goal}×: "
                            f"{'—' if r is None else ('met' if r <= goal else '**not met**')})")
        note_missing(wl, f"miniredis -P {depth}")
    w("")
    w("Goals: " + "; ".join(verdicts) + ".")
    w("")
    peer_what.update(asyncc_1worker="asyncc, 1 worker", asyncc_epoll="asyncc, epoll backend",
                     redis_server="redis-server", tokio="Tokio")
    counters_table([("miniredis_p1", "-P 1"), ("miniredis_p16", "-P 16")],
                   ("asyncc", "asyncc_1worker", "asyncc_epoll", "tokio", "redis_server"))


def httpd(wl, what):
    """Issue 12's static-file server against nginx."""
    if wl not in rows:
        return
    w(f"### {wl}")
    w("")
    w(f"`wrk -t1 -c50` on {what}, keep-alive: samples/httpd (2 workers; also with 1) against Debian's "
      "nginx with one worker process per core (2), `access_log off`, `sendfile on`, no limit on requests per "
      "connection. Server CPU: the process and its children (nginx's workers), over wrk's run.")
    w("")
    w("| server | requests/s ↑ | server CPU µs per request ↓ | asyncc ÷ this (CPU) |")
    w("|---|---|---|---|")
    a = get(wl, "asyncc", "server_cpu_us_per_req")
    for peer, label in (("asyncc", "asyncc httpd"), ("asyncc_1worker", "asyncc httpd, 1 worker"),
                        ("asyncc_epoll", "asyncc httpd, epoll backend"), ("nginx", "nginx")):
        if peer in rows[wl]:
            w(f"| {label} | {cell(wl, peer, 'requests_per_s', 0)} | {cell(wl, peer, 'server_cpu_us_per_req', 2)} "
              f"| {'—' if peer == 'asyncc' else rfmt(ratio(a, get(wl, peer, 'server_cpu_us_per_req')))} |")
    note_missing(wl, "httpd")
    w("")
    counters_table([(wl, "wrk")], ("asyncc", "asyncc_1worker", "asyncc_epoll", "nginx"))


services()
httpd("httpd", "a 2 KiB file")
httpd("httpd_large", "a 256 KiB file (sent with `ac_sendfile`)")

# ------------------------------------------------------------------------------------------
w("## The transpiler (issue 2)")
w("")
w("| measure | asyncc | reference | asyncc ÷ reference | goal | met |")
w("|---|---|---|---|---|---|")
ta, tc = get("transpile", "asyncc", "seconds"), get("transpile", "clang", "seconds")
rt = ratio(ta, tc)
lin, lout = get("transpile", "asyncc", "lines_in"), get("transpile", "asyncc", "lines_out")
if ta is not None:
    w(f"| transpile a generated file of {lin:,.0f} lines (wall time, median) | {ta:.3f} s | `clang -fsyntax-only`: {tc:.3f} s "
      f"| {rfmt(rt)} | ≤ 1.5× | {'yes' if rt is not None and rt <= 1.5 else '**no**'} |")
    cta, ctc = get("transpile", "asyncc", "cpu_seconds"), get("transpile", "clang", "cpu_seconds")
    if cta is not None:
        w(f"| same, CPU time (user + system, mean; less sensitive to load) | {cta:.3f} s | {ctc:.3f} s "
          f"| {rfmt(ratio(cta, ctc))} | — | — |")
    co, cp = get("transpile", "asyncc", "cc_O2_output_s"), get("transpile", "clang", "cc_O2_plain_s")
    si, so = get("transpile", "asyncc", "small_in"), get("transpile", "asyncc", "small_out")
    w(f"| output size | {lout:,.0f} lines | input: {lin:,.0f} lines | {rfmt(ratio(lout, lin))} | — | — |")
    w(f"| `cc -O2 -c` of the output (a {si:,.0f}-line file of the same kind, {so:,.0f} lines out) | {co:.2f} s | of the source as plain C: {cp:.2f} s "
      f"| {rfmt(ratio(co, cp))} | — | — |")
else:
    w(f"| transpile time | {cell('transpile', 'asyncc', 'seconds')} | — | — | ≤ 1.5× | — |")
    note_missing("transpile", "transpile time")

ca, cpl = get("chain", "asyncc", "ns_per_chain"), get("chain", "plain_c", "ns_per_chain")
cni = get("chain", "plain_c_noinline", "ns_per_chain")
ccpp, ccppni = get("chain", "cpp20", "ns_per_chain"), get("chain", "cpp20_noinline", "ns_per_chain")
cx = get("chain", "asyncc_xfile", "ns_per_chain")
cm, cmp = get("chain", "asyncc_maybe", "ns_per_chain"), get("chain", "plain_c_maybe", "ns_per_chain")
r1 = ratio(ca, cpl)
w(f"| await chain of depth 10, immediately ready (ns per chain) | {fmt(ca, 2)} | the same source as plain C, `-O2`: {fmt(cpl, 2)} "
  f"| {rfmt(r1)} | ≤ 2× | {'—' if r1 is None else ('yes' if r1 <= 2 else '**no**')} |")
can = get("chain", "asyncc_noinline", "ns_per_chain")
w(f"| same, both with every call kept (`-O2 -fno-inline`) | {fmt(can, 2)} | {fmt(cni, 2)} | {rfmt(ratio(can, cni))} | — | — |")
w(f"| same, C++20 coroutines, clang++-14 `-O2` | {fmt(ca, 2)} | {fmt(ccpp, 2)} | {rfmt(ratio(ca, ccpp))} | — | — |")
w(f"| same, C++20 coroutines, `-O2 -fno-inline` (no frame elision) | {fmt(ca, 2)} | {fmt(ccppni, 2)} | {rfmt(ratio(ca, ccppni))} | — | — |")
w(f"| same chain, but the leaf could suspend (never does): state machines, frames embedded | {fmt(cm, 2)} "
  f"| the same source as plain C, `-O2`: {fmt(cmp, 2)} | {rfmt(ratio(cm, cmp))} | — | — |")
w(f"| same chain with the leaf in another file (state machines, the leaf's frame from the arena) | {fmt(cx, 2)} "
  f"| leaf that could suspend, same file: {fmt(cm, 2)} | {rfmt(ratio(cx, cm))} | — | — |")
note_missing("chain", "await chain")
w("")
w("chain.c's functions never suspend, so asyncc lowers each same-file await of them to a direct call "
  "of a plain C twin of the callee (`ac__now_f`): the chain compiles to plain calls. `chain_maybe.c` "
  "differs only in its leaf, `if (x == -1) await(ac_yield());`, which is never taken but can suspend: "
  "no function of that chain can be proven never to suspend, so every await runs the callee's state "
  "machine (init, poll, frame embedded in the caller's). "
  "The C++ task type is the usual lazy task with symmetric transfer (cppcoro's shape). At `-O2` "
  "clang inlines the chain and elides every coroutine frame allocation (HALO); with `-fno-inline` "
  "each frame comes from `operator new`.")
w("")

cost = rows.get("transpile_cost", {})
if cost:
    w("### What the output costs a build, per program (issue 10: aim 3× the lines, 1.5× the compile time)")
    w("")
    w("CPU seconds (user + system), median of the runs. Lines out: all of asyncc's output, and in "
      "parentheses without its `#line` directives; bytes: all of it (asyncc writes the code it makes up "
      "around a function one line per definition, so bytes say how much more text gcc reads). Plain: the "
      "same source compiled as plain C (`async` vanishes, `await(e)` is `e`). csmithN: csmith's program of "
      "seed N made async by tests/differential/asyncify.py (every function async, every call awaited, "
      "yields after a third of the statements: dozens to a hundred awaits a function, unlike the samples). "
      "gen_large5: bench/transpiler/gen_large.py's file of 5 groups (40 small async functions). The "
      "totals add each group's lines and seconds.")
    w("")
    w("| program | lines in | lines out | ÷ | bytes ÷ | `gcc -O2 -c` output | plain | ÷ | asyncc | `clang -fsyntax-only` | ÷ |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    keys = ("lines_in", "lines_out", "code_lines_out", "bytes_in", "bytes_out", "cc_O2_output_cpu_s",
            "cc_O2_plain_cpu_s", "tx_cpu_s", "clang_cpu_s")
    totals = {}

    def cost_row(name, kv):
        g = lambda k: float(kv[k]) if k in kv else None  # noqa: E731
        w(f"| {name} | {g('lines_in'):,.0f} | {g('lines_out'):,.0f} ({g('code_lines_out'):,.0f}) "
          f"| {rfmt(ratio(g('lines_out'), g('lines_in')))} | {rfmt(ratio(g('bytes_out'), g('bytes_in')))} "
          f"| {g('cc_O2_output_cpu_s'):.3f} s | {g('cc_O2_plain_cpu_s'):.3f} s "
          f"| {rfmt(ratio(g('cc_O2_output_cpu_s'), g('cc_O2_plain_cpu_s')))} "
          f"| {g('tx_cpu_s'):.3f} s | {g('clang_cpu_s'):.3f} s | {rfmt(ratio(g('tx_cpu_s'), g('clang_cpu_s')))} |")

    for name, kv in sorted(cost.items()):
        if "_status" in kv:
            w(f"| {name} | {kv['_status'].lower()}: {kv['_why']} | | | | | | | | | |")
            continue
        cost_row(name, kv)
        group = "csmith" if name.startswith("csmith") else "generated" if name.startswith("gen_large") else "samples"
        t = totals.setdefault(group, {"_n": 0})
        for k in keys:  # a key some row lacks (an older results file) gets no total
            if k in kv and (t["_n"] == 0 or k in t):
                t[k] = t.get(k, 0.0) + float(kv[k])
            else:
                t.pop(k, None)
        t["_n"] += 1
    for group in ("samples", "csmith"):
        if group in totals:
            cost_row(f"**all {group}**", totals[group])
    w("")

fr = rows.get("frames", {})
fa, fc = fr.get("ac", {}), fr.get("frames", {})
if fa or fc:
    w("### Frame sizes (bytes)")
    w("")
    w("| function (bench/transpiler/frames.c) | asyncc frame (embeds same-file callees) | C++20 own frame | C++20 peak live frames (own + callees) | asyncc ÷ C++ peak |")
    w("|---|---|---|---|---|")
    desc = {"leaf": "leaf: `return x + 1` (yields if x == -1, never)", "mid": "mid: awaits leaf once", "loop": "loop: awaits leaf in a loop",
            "buffer": "buffer: 256-byte array across an await", "two": "two: awaits mid, then loop",
            "c10": "c10: top of a depth-10 chain (its leaf as leaf's)"}
    for name in ("leaf", "mid", "loop", "buffer", "two", "c10"):
        a = float(fa[name]["size"]) if name in fa else None
        own = float(fc[name]["size"]) if name in fc else None
        peak = float(fc[name]["peak"]) if name in fc else None
        w(f"| {desc[name]} | {fmt(a, 0)} | {fmt(own, 0)} | {fmt(peak, 0)} | {rfmt(ratio(a, peak))} |")
    w("")
    w("asyncc's sizes are `ac__type_NAME.frame_size` from the generated code; clang's are the sizes "
      "its coroutine frames ask of the promise's `operator new` (built with `-fno-inline`, so none is elided).")
    w("")

al = rows.get("allocs", {})
if al:
    w("### Heap allocations per await")
    w("")
    w("| case | allocations per operation |")
    w("|---|---|")
    labels = {"chain_asyncc": "asyncc, await of a same-file async function (per await)",
              "chain_asyncc_xfile": "asyncc, chain whose leaf is in another file (per await; 1 in 10 is cross-file)",
              "yield_asyncc": "asyncc, await of the runtime's `ac_yield()` (another file: arena frame; per await)",
              "chain_cpp20": "C++20 coroutines, `-O2` (per co_await)",
              "chain_cpp20_noinline": "C++20 coroutines, `-O2 -fno-inline` (per co_await)",
              "spawn_asyncc": "asyncc, per spawned task (spawn + join)",
              "sleep0_asyncc": "asyncc, per spawned task that awaits `ac_sleep_ms(0)` (its first arena frame)",
              "spawn_tokio": "Tokio, per spawned task (spawn + join)"}
    for k, label in labels.items():
        v = get("allocs", k, "per_op")
        w(f"| {label} | {fmt(v, 4) if v is not None else status('allocs', k) or '—'} |")
    w("")
    w("Counted by an LD_PRELOAD shim over malloc/calloc/realloc/memalign: the difference between "
      "a run of 0 iterations and a run of many, divided by the operations in between.")
    w("")

# ------------------------------------------------------------------------------------------
if missing:
    w("## Missing or failed")
    w("")
    md.extend(missing)
    w("")

w("## Raw figures")
w("")
w("Each workload's `RESULT` line as the programs printed it (the median run).")
w("")
w("```")
with open(args.results) as f:
    for line in f:
        w(line.rstrip("\n").replace("\t", "  "))
w("```")

os.makedirs(os.path.dirname(os.path.abspath(args.target)), exist_ok=True)
with open(args.target, "w") as f:
    f.write("\n".join(md) + "\n")
print("\n".join(md[: md.index("## Raw figures")]))
