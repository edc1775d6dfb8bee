// The Go peer of every runtime workload in bench/ (see bench/README.md). bench/run sets
// GOMAXPROCS=2. Prints one `RESULT key=value ...` line that bench/run reads.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

func arg(i int, def int) int {
	if len(os.Args) > i {
		v, err := strconv.Atoi(os.Args[i])
		if err != nil {
			panic(err)
		}
		return v
	}
	return def
}

func statusKB(field string) int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			f := strings.Fields(line[len(field):])
			v, _ := strconv.Atoi(f[0])
			return v
		}
	}
	return 0
}

// The same generator as bench/c/common.h and the Tokio peer: xorshift64*, seeded identically.
func delays(n int, maxMs uint64) []uint64 {
	x := uint64(0x9E3779B97F4A7C15)
	d := make([]uint64, n)
	for i := range d {
		x ^= x >> 12
		x ^= x << 25
		x ^= x >> 27
		d[i] = ((x * 0x2545F4914F6CDD1D) >> 33) % (maxMs + 1)
	}
	return d
}

func spawn(n int) {
	results := make([]int, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			results[i] = i + 1
			wg.Done()
		}(i)
	}
	wg.Wait()
	dt := time.Since(t0)
	sum := 0
	for _, r := range results {
		sum += r
	}
	fmt.Printf("RESULT ns_per_task=%.1f sum=%d n=%d\n", float64(dt.Nanoseconds())/float64(n), sum, n)
}

func sleepers(n int, ms int) {
	var wg sync.WaitGroup
	base := statusKB("VmRSS:")
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			wg.Done()
		}()
	}
	spawned := time.Since(t0)
	mid := statusKB("VmRSS:")
	wg.Wait()
	peak := statusKB("VmHWM:")
	fmt.Printf("RESULT bytes_per_task=%.1f base_kb=%d spawned_kb=%d peak_kb=%d spawn_s=%.3f total_s=%.3f\n",
		float64(peak-base)*1024/float64(n), base, mid, peak, spawned.Seconds(), time.Since(t0).Seconds())
}

func pingpong(n int) {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	t0 := time.Now()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	dt := time.Since(t0)
	close(ping)
	<-pong
	fmt.Printf("RESULT ns_per_roundtrip=%.1f sum=%d n=%d\n", float64(dt.Nanoseconds())/float64(n), sum, n)
}

func echo(port int, lifetime int) {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		panic(err)
	}
	fmt.Println("READY")
	// Bounded in time: the server stops by itself even if nobody stops it.
	time.AfterFunc(time.Duration(lifetime)*time.Second, func() { os.Exit(0) })
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func(c net.Conn) {
			defer c.Close()
			buf := make([]byte, 4096)
			for {
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				if _, err := c.Write(buf[:n]); err != nil {
					return
				}
			}
		}(c)
	}
}

func timers(n int, maxMs int) {
	d := delays(n, uint64(maxMs))
	type rec struct{ deadline, end time.Time }
	recs := make([]rec, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			start := time.Now()
			dur := time.Duration(d[i]) * time.Millisecond
			time.Sleep(dur)
			recs[i] = rec{start.Add(dur), time.Now()}
			wg.Done()
		}(i)
	}
	wg.Wait()
	lastDeadline, lastEnd := t0, t0
	var worst time.Duration
	for _, r := range recs {
		if r.deadline.After(lastDeadline) {
			lastDeadline = r.deadline
		}
		if r.end.After(lastEnd) {
			lastEnd = r.end
		}
		if l := r.end.Sub(r.deadline); l > worst {
			worst = l
		}
	}
	fmt.Printf("RESULT late_ms=%.3f worst_timer_late_ms=%.3f total_ms=%.1f\n",
		float64(lastEnd.Sub(lastDeadline).Nanoseconds())/1e6, float64(worst.Nanoseconds())/1e6,
		float64(lastEnd.Sub(t0).Nanoseconds())/1e6)
}

func files(dir string, n int) {
	sizes := make([]int, n)
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			f, err := os.Open(fmt.Sprintf("%s/f%d", dir, i))
			if err != nil {
				panic(err)
			}
			b, err := io.ReadAll(f)
			if err != nil {
				panic(err)
			}
			f.Close()
			sizes[i] = len(b)
			wg.Done()
		}(i)
	}
	wg.Wait()
	dt := time.Since(t0)
	bytes := 0
	for _, s := range sizes {
		bytes += s
	}
	fmt.Printf("RESULT files_per_s=%.0f bytes=%d n=%d\n", float64(n)/dt.Seconds(), bytes, n)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go-bench spawn|sleep|pingpong|echo|timers|files ...")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "spawn":
		spawn(arg(2, 1000000))
	case "sleep":
		sleepers(arg(2, 1000000), arg(3, 2000))
	case "pingpong":
		pingpong(arg(2, 1000000))
	case "echo":
		echo(arg(2, 7000), arg(3, 60))
	case "timers":
		timers(arg(2, 100000), arg(3, 100))
	case "files":
		files(os.Args[2], arg(3, 10000))
	default:
		fmt.Fprintln(os.Stderr, "unknown workload", os.Args[1])
		os.Exit(2)
	}
}
