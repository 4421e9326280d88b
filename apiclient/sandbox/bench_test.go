package sandbox

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// BenchmarkDescribeInstanceStatus: signed describeInstanceStatus round
// trips over loopback with the real client (sign, send, verify, answer,
// decode), from as many goroutines as cores, one id per call. Target:
// 2,000+ per second on 2 cores.
func BenchmarkDescribeInstanceStatus(b *testing.B) { benchmarkStatus(b, 1, true) }

// BenchmarkDescribeInstanceStatus100 polls 100 ids per call, as the status
// panel does for a large batch.
func BenchmarkDescribeInstanceStatus100(b *testing.B) { benchmarkStatus(b, 100, true) }

// BenchmarkDescribeInstanceStatusSerial is one call at a time: the latency
// a single poller sees.
func BenchmarkDescribeInstanceStatusSerial(b *testing.B) { benchmarkStatus(b, 1, false) }

func benchmarkStatus(b *testing.B, n int, parallel bool) {
	e := newEnv(b, Options{BootMax: InstantBoot, Quota: 1000})
	req := e.validRequest()
	req.MaxCount = n
	ids := e.mustCreate(req)
	ctx := context.Background()
	call := func() bool {
		st, err := e.client.DescribeInstanceStatus(ctx, testRegion, ids)
		if err != nil || len(st) != n {
			b.Errorf("%d statuses, %v", len(st), err)
			return false
		}
		return true
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	if parallel {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() && call() {
			}
		})
	} else {
		for i := 0; i < b.N && call(); i++ {
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "calls/s")
}

// BenchmarkMemoryPer10kInstances: heap held by 10,000 instances created as
// 100 batches of 100 (with elastic IPs off: the documentation ranges hold
// 762 addresses).
func BenchmarkMemoryPer10kInstances(b *testing.B) {
	for i := 0; i < b.N; i++ {
		srv, err := New(Options{BootMax: InstantBoot, BootFailRate: 0, Quota: 20000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		e := &testEnv{t: b, srv: srv, rc: srv.cat.regions[testRegion]}
		req := e.validRequest()
		req.MaxCount = 100
		raw := map[string]any{"instanceSpec": map[string]any{}}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for j := 0; j < 100; j++ {
			if _, _, f := srv.create(e.rc, req, raw, nil); f != nil {
				b.Fatal(f)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB/10k")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/10000, "B/instance")
		runtime.KeepAlive(srv)
	}
}
