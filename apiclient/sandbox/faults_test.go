package sandbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// TestConcurrentCreatesRespectQuota: 50 creates of 3 at once against a
// quota of 50; the quota is never over-committed, every refusal is the
// quota's, and what was answered is exactly what exists.
func TestConcurrentCreatesRespectQuota(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, BootFailRate: 0})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var created []string
	refused := 0
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req := e.validRequest()
			req.MaxCount = 3
			req.ClientToken = fmt.Sprintf("cocvm-concurrent-%d", i)
			ids, err := e.create(req)
			mu.Lock()
			defer mu.Unlock()
			var ae *apiclient.APIError
			switch {
			case err == nil:
				created = append(created, ids...)
			case errors.As(err, &ae) && ae.Status == "QUOTA_EXCEEDED":
				refused++
			default:
				t.Errorf("create %d: %v", i, err)
			}
		}(i)
	}
	// Poll while the creates run, so reads race with writes under -race.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			if q := e.quota(); q.Used > q.Limit {
				t.Errorf("quota over-committed: %+v", q)
			}
		}
	}()
	wg.Wait()
	<-done
	if len(created) != 48 || refused != 34 {
		t.Fatalf("%d instances created, %d creates refused; want 48 (16 x 3) and 34", len(created), refused)
	}
	if q := e.quota(); q.Used != 48 {
		t.Fatalf("quota %+v", q)
	}
	slices.Sort(created)
	if len(slices.Compact(created)) != 48 {
		t.Fatal("an id was handed out twice")
	}
}

// TestDropRateRetries: with 30% of answers dropped after the work is done,
// 200 creates through the client's retry path leave exactly one set of
// instances per token: no duplicates, no lost ids.
func TestDropRateRetries(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, BootFailRate: 0, DropRate: 0.3, Quota: 1000})
	client := e.newClient(apiclient.RetryPolicy{MaxAttempts: 12, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond})
	answered := map[string][]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			req := e.validRequest()
			req.ClientToken = fmt.Sprintf("cocvm-drop-%03d", i)
			resp, err := client.CreateInstances(context.Background(), testRegion, req)
			if err != nil {
				t.Errorf("create %d: %v", i, err)
				return
			}
			mu.Lock()
			answered[req.ClientToken] = resp.InstanceIDs
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	e.srv.mu.Lock()
	defer e.srv.mu.Unlock()
	rs := e.srv.region(testRegion)
	if len(rs.byID) != 200 {
		t.Fatalf("%d instances exist for 200 tokens", len(rs.byID))
	}
	owner := map[string]string{}
	for tok, ids := range answered {
		rec := e.srv.tokens[tok]
		if rec == nil || !slices.Equal(rec.ids, ids) || len(ids) != 1 {
			t.Fatalf("token %s answered %v, server holds %+v", tok, ids, rec)
		}
		if rs.byID[ids[0]] == nil {
			t.Fatalf("answered id %s does not exist", ids[0])
		}
		if prev, dup := owner[ids[0]]; dup {
			t.Fatalf("id %s answered to %s and %s", ids[0], prev, tok)
		}
		owner[ids[0]] = tok
	}
	if len(answered) != 200 {
		t.Fatalf("%d of 200 creates answered", len(answered))
	}
}

// TestDropRateDropsAfterCreating: without retries, a dropped answer is a
// transport error while the instances exist, recoverable by the token.
func TestDropRateDropsAfterCreating(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, DropRate: 1})
	req := e.validRequest()
	req.ClientToken = "cocvm-lost-answer"
	_, err := e.create(req)
	var te *apiclient.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a transport error", err)
	}
	e.srv.mu.Lock()
	rec := e.srv.tokens[req.ClientToken]
	e.srv.mu.Unlock()
	if rec == nil || len(rec.ids) != 1 {
		t.Fatalf("nothing created behind the dropped answer: %+v", rec)
	}
}

// TestRateLimit: a token bucket of N per second answers 429 beyond it,
// with Retry-After, and lets calls through again as time passes.
func TestRateLimit(t *testing.T) {
	e := newEnv(t, Options{RateLimit: 2})
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := e.client.DescribeVpcs(ctx, testRegion); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err := e.client.DescribeVpcs(ctx, testRegion)
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 429 || ae.Status != "HTTP_RATE_LIMIT_EXCEEDED" || ae.RetryAfter != time.Second {
		t.Fatalf("third call: %v (%+v)", err, ae)
	}
	if !ae.IsRateLimit() {
		t.Fatal("the client does not read the answer as a rate limit")
	}
	e.clock.Advance(500 * time.Millisecond)
	if _, err := e.client.DescribeVpcs(ctx, testRegion); err != nil {
		t.Fatalf("after half a second: %v", err)
	}
}

// TestLatency delays answers.
func TestLatency(t *testing.T) {
	e := newEnv(t, Options{Latency: 60 * time.Millisecond})
	start := time.Now()
	if _, err := e.client.DescribeVpcs(context.Background(), testRegion); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 60*time.Millisecond {
		t.Fatalf("answered in %v", took)
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, o := range []Options{
		{ErrorRate: 1.5}, {DropRate: -0.1}, {RateLimit: -1}, {Latency: -time.Second},
		{BootMin: 5 * time.Second, BootMax: time.Second}, {BootMin: -time.Second}, {BootFailRate: 2},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
