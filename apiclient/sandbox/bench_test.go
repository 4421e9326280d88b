package sandbox

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// BenchmarkDescribeInstanceStatus: signed describeInstanceStatus round trips
// over loopback with the real client (sign, send, verify, answer, decode),
// polling 100 ids per call as the status panel does. Target: 2,000+ per
// second on 2 cores.
func BenchmarkDescribeInstanceStatus(b *testing.B) {
	e := newEnv(b, Options{BootMax: InstantBoot, Quota: 1000})
	req := e.validRequest()
	req.MaxCount = 100
	ids := e.mustCreate(req)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			st, err := e.client.DescribeInstanceStatus(ctx, testRegion, ids)
			if err != nil || len(st) != 100 {
				b.Errorf("%d statuses, %v", len(st), err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "calls/s")
}

// BenchmarkDescribeInstanceStatusSerial is the same, one call at a time:
// the latency one poller sees.
func BenchmarkDescribeInstanceStatusSerial(b *testing.B) {
	e := newEnv(b, Options{BootMax: InstantBoot})
	ids := e.mustCreate(e.validRequest())
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := e.client.DescribeInstanceStatus(ctx, testRegion, ids); err != nil {
			b.Fatal(err)
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
