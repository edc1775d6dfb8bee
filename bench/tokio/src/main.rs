//! The Tokio peer of every runtime workload in bench/ (see bench/README.md).
//! Multi-thread runtime with 2 workers; each workload runs inside a spawned task, as asyncc's
//! async main runs on a worker. Prints one `RESULT key=value ...` line that bench/run reads.

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

fn status_kb(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    for line in s.lines() {
        if let Some(rest) = line.strip_prefix(field) {
            let v: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
            return v.parse().unwrap();
        }
    }
    0
}

fn arg(args: &[String], i: usize, default: u64) -> u64 {
    args.get(i).map(|s| s.parse().unwrap()).unwrap_or(default)
}

/// The same generator as bench/c/common.h and bench/go: xorshift64*, seeded identically.
fn delays(n: usize, max_ms: u64) -> Vec<u64> {
    let mut x: u64 = 0x9E3779B97F4A7C15;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545F4914F6CDD1D) >> 33) % (max_ms + 1)
        })
        .collect()
}

async fn tiny(x: u64) -> u64 {
    x + 1
}

async fn spawn_join(n: usize) {
    let mut handles = Vec::with_capacity(n);
    let t0 = Instant::now();
    for i in 0..n {
        handles.push(tokio::spawn(tiny(i as u64)));
    }
    let mut sum = 0u64;
    for h in handles {
        sum += h.await.unwrap();
    }
    let dt = t0.elapsed();
    println!("RESULT ns_per_task={:.1} sum={} n={}", dt.as_nanos() as f64 / n as f64, sum, n);
}

async fn sleepers(n: usize, ms: u64) {
    // The handles' array is made and touched before the baseline, as in the other peers.
    let mut handles: Vec<Option<JoinHandle<()>>> = (0..n).map(|_| None).collect();
    let base = status_kb("VmRSS:");
    let t0 = Instant::now();
    for h in handles.iter_mut() {
        *h = Some(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }));
    }
    let spawned = t0.elapsed();
    let mid = status_kb("VmRSS:");
    for h in handles.iter_mut() {
        h.take().unwrap().await.unwrap();
    }
    let peak = status_kb("VmHWM:");
    println!(
        "RESULT bytes_per_task={:.1} base_kb={} spawned_kb={} peak_kb={} spawn_s={:.3} total_s={:.3}",
        (peak - base) as f64 * 1024.0 / n as f64,
        base,
        mid,
        peak,
        spawned.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
}

async fn pingpong(n: u64) {
    let (tx1, mut rx1) = mpsc::channel::<u64>(1);
    let (tx2, mut rx2) = mpsc::channel::<u64>(1);
    let echo = tokio::spawn(async move {
        while let Some(v) = rx1.recv().await {
            if tx2.send(v).await.is_err() {
                break;
            }
        }
    });
    let t0 = Instant::now();
    let mut sum = 0u64;
    for i in 0..n {
        tx1.send(i).await.unwrap();
        sum += rx2.recv().await.unwrap();
    }
    let dt = t0.elapsed();
    drop(tx1);
    echo.await.unwrap();
    println!("RESULT ns_per_roundtrip={:.1} sum={} n={}", dt.as_nanos() as f64 / n as f64, sum, n);
}

async fn echo_server(port: u16, lifetime_s: u64) {
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    println!("READY");
    let serve = async move {
        loop {
            let (mut s, _) = listener.accept().await.unwrap();
            s.set_nodelay(true).unwrap();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                loop {
                    let n = match s.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    if s.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            });
        }
    };
    // Bounded in time: the server stops by itself even if nobody stops it.
    let _ = tokio::time::timeout(Duration::from_secs(lifetime_s), serve).await;
}

async fn timers(n: usize, max_ms: u64) {
    let d = delays(n, max_ms);
    let t0 = Instant::now();
    let mut handles = Vec::with_capacity(n);
    for &ms in &d {
        handles.push(tokio::spawn(async move {
            let start = Instant::now();
            tokio::time::sleep(Duration::from_millis(ms)).await;
            let end = Instant::now();
            let deadline = start + Duration::from_millis(ms);
            (deadline, end)
        }));
    }
    let mut last_deadline = t0;
    let mut last_end = t0;
    let mut worst = Duration::ZERO;
    for h in handles {
        let (deadline, end) = h.await.unwrap();
        last_deadline = last_deadline.max(deadline);
        last_end = last_end.max(end);
        worst = worst.max(end.saturating_duration_since(deadline));
    }
    println!(
        "RESULT late_ms={:.3} worst_timer_late_ms={:.3} total_ms={:.1}",
        last_end.saturating_duration_since(last_deadline).as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        last_end.duration_since(t0).as_secs_f64() * 1e3
    );
}

async fn files(dir: String, n: usize) {
    let t0 = Instant::now();
    let mut handles = Vec::with_capacity(n);
    for i in 0..n {
        let path = format!("{}/f{}", dir, i);
        handles.push(tokio::spawn(async move { tokio::fs::read(path).await.unwrap().len() }));
    }
    let mut bytes = 0usize;
    for h in handles {
        bytes += h.await.unwrap();
    }
    let dt = t0.elapsed();
    println!("RESULT files_per_s={:.0} bytes={} n={}", n as f64 / dt.as_secs_f64(), bytes, n);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let a = args.clone();
        let body = async move {
            let which = a.get(1).cloned().unwrap_or_default();
            match which.as_str() {
                "spawn" => spawn_join(arg(&a, 2, 1_000_000) as usize).await,
                "sleep" => sleepers(arg(&a, 2, 1_000_000) as usize, arg(&a, 3, 2000)).await,
                "pingpong" => pingpong(arg(&a, 2, 1_000_000)).await,
                "echo" => echo_server(arg(&a, 2, 7000) as u16, arg(&a, 3, 60)).await,
                "timers" => timers(arg(&a, 2, 100_000) as usize, arg(&a, 3, 100)).await,
                "files" => files(a[2].clone(), arg(&a, 3, 10_000) as usize).await,
                _ => {
                    eprintln!("usage: tokio-bench spawn|sleep|pingpong|echo|timers|files ...");
                    std::process::exit(2);
                }
            }
        };
        tokio::spawn(body).await.unwrap();
    });
}
