package watch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
)

// BenchmarkTimeToKnow measures how soon a create --yes style run (creates
// paced by the budget, then Plain) ends after the sandbox's last instance
// became running, by the sandbox's own timeline, and the most calls any
// one-second window saw. It runs in real time (the boot time is real), so
// run it on its own:
//
//	go test ./ui/watch -run '^$' -bench TimeToKnow -benchtime 5x
//
// Targets (issue "fleets and time-to-know"): 1 and 100 instances end
// within 1.0 s of the last running, 1,000 within 2.5 s (medians), and no
// second has more calls than the budget (5).
func BenchmarkTimeToKnow(b *testing.B) {
	for _, boot := range []time.Duration{7 * time.Second, 4 * time.Second} {
		for _, n := range []int{1, 100, 1000} {
			b.Run(fmt.Sprintf("boot=%s/n=%d", boot, n), func(b *testing.B) {
				var lags []float64
				worst := 0
				for range b.N {
					lag, calls := timeToKnowRun(b, n, boot)
					lags = append(lags, lag.Seconds())
					worst = max(worst, calls)
				}
				slices.Sort(lags)
				b.ReportMetric(lags[len(lags)/2], "s-after-last-running(median)")
				b.ReportMetric(lags[len(lags)-1], "s-after-last-running(max)")
				b.ReportMetric(float64(worst), "max-calls/s")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

func timeToKnowRun(b *testing.B, n int, boot time.Duration) (lag time.Duration, maxCalls int) {
	b.Helper()
	sb, err := sandbox.New(sandbox.Options{AccessKey: "AK", SecretKey: "SK", BootMin: boot, BootMax: boot, BootFailRate: 0, Quota: 5000})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	var mu sync.Mutex
	var calls []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls = append(calls, time.Now())
		mu.Unlock()
		sb.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := apiclient.New(apiclient.Config{AccessKey: "AK", SecretKey: "SK", Endpoint: srv.URL})
	if err != nil {
		b.Fatal(err)
	}
	budget := NewBudget(DefaultCallsPerSecond, Clock{})
	ctx := apiclient.WithPacer(context.Background(), budget)
	var ids []string
	for left := n; left > 0; left -= 100 {
		req := benchRequest(min(left, 100))
		resp, err := c.CreateInstances(ctx, "cn-hongkong-11", req)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, resp.InstanceIDs...)
	}
	sum, err := Plain(context.Background(), io.Discard, c, "cn-hongkong-11", ids, Meta{Budget: budget}, Clock{})
	end := time.Now()
	if err != nil || sum.Running != n {
		b.Fatalf("%d of %d running: %v", sum.Running, n, err)
	}
	var last time.Time
	for _, tr := range sb.Timeline("cn-hongkong-11") {
		if tr.Status == apiclient.StatusRunning && tr.At.After(last) {
			last = tr.At
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return end.Sub(last), busiestSecond(calls)
}

func benchRequest(count int) apiclient.CreateInstancesRequest {
	return apiclient.CreateInstancesRequest{
		MaxCount:    count,
		ClientToken: apiclient.NewClientToken(),
		InstanceSpec: apiclient.InstanceSpec{
			Az: "cn-hongkong-11a", InstanceType: "g.n2.large", ImageID: "img-vf7zs2s9l0", Name: "bench",
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{VpcID: "vpc-ubyo4gybak", SubnetID: "subnet-tcj8hjycl7",
				SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: "sg-4limh7c6e0"}}},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
		},
	}
}
