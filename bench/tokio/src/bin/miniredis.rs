//! The Tokio peer of samples/miniredis for bench/run's miniredis workload: the same design in
//! Rust. One task per connection reads into a buffer, parses every complete RESP command in place,
//! executes it against a keyspace of 64 mutex-guarded shards and sends all the replies of what it
//! read with one write_all. GET, SET (EX/PX), DEL, INCR, PING, ECHO, CONFIG GET, COMMAND, QUIT;
//! no pub/sub (the benchmark does not use it). Multi-thread runtime, 2 workers, as every Tokio peer
//! in bench/. Usage: miniredis PORT; prints READY when it listens.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// samples/miniredis/db.c's hash: eight bytes at a time, multiply and fold.
#[derive(Default)]
struct FoldHasher(u64);

impl Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ (bytes.len() as u64).wrapping_mul(0x9e3779b97f4a7c15);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(0xff51afd7ed558ccd);
            h ^= h >> 32;
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        h = (h ^ u64::from_le_bytes(last)).wrapping_mul(0xc4ceb9fe1a85ec53);
        h ^= h >> 29;
        h = h.wrapping_mul(0xff51afd7ed558ccd);
        self.0 = h ^ (h >> 32);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

struct Entry {
    value: Vec<u8>,
    expires: Option<Instant>,
}

type Shard = Mutex<HashMap<Vec<u8>, Entry, BuildHasherDefault<FoldHasher>>>;

struct Db {
    shards: Vec<Shard>,
}

impl Db {
    fn shard(&self, key: &[u8]) -> &Shard {
        let mut h = FoldHasher(0x5eed);
        h.write(key);
        &self.shards[(h.finish() >> 58) as usize]
    }
}

fn live(e: &Entry) -> bool {
    e.expires.map_or(true, |t| t > Instant::now())
}

/// Appends n in decimal without allocating, as the C server does.
fn num(out: &mut Vec<u8>, n: i64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    let mut u = n.unsigned_abs();
    loop {
        i -= 1;
        tmp[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&tmp[i..]);
}

fn bulk(out: &mut Vec<u8>, v: &[u8]) {
    out.push(b'$');
    num(out, v.len() as i64);
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(v);
    out.extend_from_slice(b"\r\n");
}

fn int(out: &mut Vec<u8>, v: i64) {
    out.push(b':');
    num(out, v);
    out.extend_from_slice(b"\r\n");
}

/// Reads "N\r\n" at buf[at..]: Some((N, position after the line)), None when incomplete,
/// Err(()) when malformed.
fn number(buf: &[u8], at: usize) -> Result<Option<(i64, usize)>, ()> {
    let Some(rel) = buf[at..].iter().position(|&b| b == b'\r') else { return Ok(None) };
    if at + rel + 1 >= buf.len() {
        return Ok(None);
    }
    let text = std::str::from_utf8(&buf[at..at + rel]).map_err(|_| ())?;
    let n: i64 = text.parse().map_err(|_| ())?;
    Ok(Some((n, at + rel + 2)))
}

/// Parses one command at buf[..]: Ok(Some((args as ranges, bytes used))), Ok(None) when
/// incomplete, Err(()) on a protocol error.
fn parse(buf: &[u8], args: &mut Vec<(usize, usize)>) -> Result<Option<usize>, ()> {
    args.clear();
    if buf.is_empty() {
        return Ok(None);
    }
    if buf[0] != b'*' {
        let Some(nl) = buf.iter().position(|&b| b == b'\n') else { return Ok(None) };
        let end = if nl > 0 && buf[nl - 1] == b'\r' { nl - 1 } else { nl };
        let mut i = 0;
        while i < end {
            while i < end && buf[i] == b' ' {
                i += 1;
            }
            let s = i;
            while i < end && buf[i] != b' ' {
                i += 1;
            }
            if i > s {
                args.push((s, i));
            }
        }
        return Ok(Some(nl + 1));
    }
    let Some((n, mut at)) = number(buf, 1)? else { return Ok(None) };
    for _ in 0..n.max(0) {
        if at >= buf.len() {
            return Ok(None);
        }
        if buf[at] != b'$' {
            return Err(());
        }
        let Some((len, data)) = number(buf, at + 1)? else { return Ok(None) };
        let len = usize::try_from(len).map_err(|_| ())?;
        if buf.len() < data + len + 2 {
            return Ok(None);
        }
        args.push((data, data + len));
        at = data + len + 2;
    }
    Ok(Some(at))
}

fn eq(a: &[u8], lower: &[u8]) -> bool {
    a.eq_ignore_ascii_case(lower)
}

fn execute(db: &Db, buf: &[u8], args: &[(usize, usize)], out: &mut Vec<u8>) -> bool {
    let a = |i: usize| &buf[args[i].0..args[i].1];
    let name = a(0);
    if eq(name, b"get") && args.len() == 2 {
        let map = db.shard(a(1)).lock().unwrap();
        match map.get(a(1)) {
            Some(e) if live(e) => bulk(out, &e.value),
            _ => out.extend_from_slice(b"$-1\r\n"),
        }
    } else if eq(name, b"set") && args.len() >= 3 {
        let mut expires = None;
        let mut i = 3;
        while i + 1 < args.len() {
            let t: u64 = std::str::from_utf8(a(i + 1)).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
            let d = if eq(a(i), b"ex") { Duration::from_secs(t) } else { Duration::from_millis(t) };
            expires = Some(Instant::now() + d);
            i += 2;
        }
        let mut map = db.shard(a(1)).lock().unwrap();
        if let Some(e) = map.get_mut(a(1)) {
            e.value.clear();
            e.value.extend_from_slice(a(2));
            e.expires = expires;
        } else {
            map.insert(a(1).to_vec(), Entry { value: a(2).to_vec(), expires });
        }
        out.extend_from_slice(b"+OK\r\n");
    } else if eq(name, b"ping") {
        out.extend_from_slice(b"+PONG\r\n");
    } else if eq(name, b"del") {
        let mut n = 0;
        for i in 1..args.len() {
            let mut map = db.shard(a(i)).lock().unwrap();
            if let Some(e) = map.remove(a(i)) {
                n += live(&e) as i64;
            }
        }
        int(out, n);
    } else if eq(name, b"incr") && args.len() == 2 {
        let mut map = db.shard(a(1)).lock().unwrap();
        let e = map.entry(a(1).to_vec()).or_insert(Entry { value: b"0".to_vec(), expires: None });
        match std::str::from_utf8(&e.value).ok().and_then(|s| s.parse::<i64>().ok()).and_then(|v| v.checked_add(1)) {
            Some(v) => {
                e.value = v.to_string().into_bytes();
                int(out, v);
            }
            None => out.extend_from_slice(b"-ERR value is not an integer or out of range\r\n"),
        }
    } else if eq(name, b"echo") && args.len() == 2 {
        bulk(out, a(1));
    } else if eq(name, b"config") {
        out.extend_from_slice(b"*0\r\n");
    } else if eq(name, b"command") {
        out.extend_from_slice(b"*0\r\n");
    } else if eq(name, b"quit") {
        out.extend_from_slice(b"+OK\r\n");
        return true;
    } else {
        out.extend_from_slice(b"-ERR unknown command\r\n");
    }
    false
}

async fn serve(db: &'static Db, mut sock: TcpStream) {
    let _ = sock.set_nodelay(true);
    let mut buf = vec![0u8; 16 * 1024];
    let mut len = 0;
    let mut out = Vec::with_capacity(4096);
    let mut args = Vec::with_capacity(8);
    loop {
        if len == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = match sock.read(&mut buf[len..]).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        len += n;
        let mut at = 0;
        let mut quit = false;
        while !quit {
            match parse(&buf[at..len], &mut args) {
                Ok(Some(used)) => {
                    if !args.is_empty() {
                        for r in args.iter_mut() {
                            r.0 += at;
                            r.1 += at;
                        }
                        quit = execute(db, &buf[..len], &args, &mut out);
                    }
                    at += used;
                }
                Ok(None) => break,
                Err(()) => {
                    out.extend_from_slice(b"-ERR Protocol error\r\n");
                    quit = true;
                }
            }
        }
        buf.copy_within(at..len, 0);
        len -= at;
        if !out.is_empty() {
            if sock.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
        if quit {
            return;
        }
    }
}

fn main() {
    let port: u16 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(6379);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let db: &'static Db = Box::leak(Box::new(Db { shards: (0..64).map(|_| Mutex::new(HashMap::default())).collect() }));
    rt.block_on(async move {
        tokio::spawn(async move {
            let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
            println!("READY");
            loop {
                let (sock, _) = listener.accept().await.unwrap();
                tokio::spawn(serve(db, sock));
            }
        })
        .await
        .unwrap();
    });
}
