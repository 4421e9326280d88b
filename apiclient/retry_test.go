package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// A create that meets 503, then a dropped connection, then success is sent
// three times with the same token and byte-identical bodies.
func TestCreateRetriesWithSameTokenAndBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1:
			writeError(w, 503, "SERVICE_UNAVAILABLE", "try later")
		case 2:
			// Drop the connection without an answer: a transport error.
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		default:
			writeResult(w, "req-ok", CreateInstancesResult{InstanceIDs: []string{"i-1"}})
		}
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	resp, err := c.CreateInstances(context.Background(), region, sampleCreate())
	if err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d attempts, want 3", len(reqs))
	}
	nonces := map[string]bool{}
	for i, r := range reqs {
		if !bytes.Equal(r.Body, reqs[0].Body) {
			t.Errorf("attempt %d body differs:\n%s\n%s", i+1, r.Body, reqs[0].Body)
		}
		var sent CreateInstancesRequest
		if err := json.Unmarshal(r.Body, &sent); err != nil || sent.ClientToken != resp.ClientToken {
			t.Errorf("attempt %d token %q, want %q", i+1, sent.ClientToken, resp.ClientToken)
		}
		nonces[r.Verified.Nonce] = true
	}
	if len(nonces) != 3 {
		t.Errorf("nonces reused across attempts")
	}
	if waits := c.recordedWaits(); !slices.Equal(waits, []time.Duration{DefaultBaseDelay, 2 * DefaultBaseDelay}) {
		t.Errorf("waits %v", waits)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
	}{
		{400, StatusInvalidArg},
		{401, StatusAccessError},
		{404, StatusNotFound},
		{409, StatusConflict},
		{429, StatusQuotaExceeded},
	} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { writeError(w, tc.status, tc.code, "no") })
		c := newTestClient(t, Config{Endpoint: api.URL})
		if _, err := c.CreateInstances(context.Background(), region, sampleCreate()); err == nil {
			t.Fatalf("%d: no error", tc.status)
		}
		if n := len(api.requests()); n != 1 {
			t.Errorf("%d %s: %d attempts, want 1", tc.status, tc.code, n)
		}
		if w := c.recordedWaits(); len(w) != 0 {
			t.Errorf("%d: waited %v", tc.status, w)
		}
	}
}

func TestReadsRetryUpToMaxAttempts(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeError(w, 500, StatusInternal, "Internal server error")
	})
	c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{BaseDelay: time.Second, MaxDelay: 3 * time.Second}})
	_, err := c.DescribeInstanceStatus(context.Background(), region, []string{"i-1"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != StatusInternal {
		t.Fatalf("error %v", err)
	}
	if n := len(api.requests()); n != DefaultMaxAttempts {
		t.Errorf("%d attempts", n)
	}
	// Exponential ceilings, capped by MaxDelay (jitter is off in tests).
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}
	if w := c.recordedWaits(); !slices.Equal(w, want) {
		t.Errorf("waits %v, want %v", w, want)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter func() string
		min, max   time.Duration
	}{
		{"seconds", func() string { return "7" }, 7 * time.Second, 7 * time.Second},
		{"http date", func() string { return time.Now().Add(9 * time.Second).UTC().Format(http.TimeFormat) }, 7 * time.Second, 9 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", tc.retryAfter())
					writeError(w, 429, StatusHTTPRateLimit, "rate limit exceeded")
					return
				}
				writeResult(w, "r", DescribeKeypairsResult{Keypairs: []Keypair{{KeyName: "k"}}, TotalCount: 1})
			})
			c := newTestClient(t, Config{Endpoint: api.URL})
			if _, err := c.DescribeKeypairs(context.Background(), region); err != nil {
				t.Fatal(err)
			}
			w := c.recordedWaits()
			if len(w) != 1 || w[0] < tc.min || w[0] > tc.max {
				t.Errorf("waits %v, want one in [%s, %s]", w, tc.min, tc.max)
			}
		})
	}
}

func TestRetryAfterBeyondTheBudgetGivesUp(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "120")
		writeError(w, 429, StatusRateLimit, "slow down")
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	_, err := c.DescribeKeypairs(context.Background(), region)
	var ae *APIError
	if !errors.As(err, &ae) || ae.RetryAfter != 120*time.Second {
		t.Fatalf("error %+v", err)
	}
	if n, w := len(api.requests()), c.recordedWaits(); n != 1 || len(w) != 0 {
		t.Errorf("%d attempts, waits %v", n, w)
	}
}

func TestRetryStopsAtMaxElapsed(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { writeError(w, 503, "", "busy") })
	c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 10, BaseDelay: 4 * time.Second, MaxDelay: 100 * time.Second, MaxElapsed: 30 * time.Second}})
	// Waits 4, 8, 16 (28 s in all) fit; the next, 32, does not.
	c.DescribeKeypairs(context.Background(), region)
	if w := c.recordedWaits(); !slices.Equal(w, []time.Duration{4 * time.Second, 8 * time.Second, 16 * time.Second}) {
		t.Errorf("waits %v", w)
	}
}

func TestRetryBudgetCountsRealTime(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { writeError(w, 503, "", "busy") })
	c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 10, BaseDelay: time.Second, MaxElapsed: 30 * time.Second}})
	// A clock that jumps 20 s per reading: the budget runs out after one wait.
	now := time.Now()
	c.now = func() time.Time { now = now.Add(20 * time.Second); return now }
	c.DescribeKeypairs(context.Background(), region)
	if n := len(api.requests()); n > 2 {
		t.Errorf("%d attempts with the budget spent", n)
	}
}

func TestCancelStopsTheWaitAtOnce(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "30")
		writeError(w, 503, "", "busy")
	})
	cfg := Config{AccessKey: "AKTEST", SecretKey: "SKTEST", Endpoint: api.URL}
	c, err := New(cfg) // the real sleep
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.CreateInstances(ctx, region, sampleCreate())
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("cancel took %s", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if x := Explain(err); x.Chinese != "操作已取消。" {
		t.Errorf("%+v", x)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("%d attempts", n)
	}
}

func TestCancelStopsAnAttemptInFlight(t *testing.T) {
	entered := make(chan struct{}, 1)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		entered <- struct{}{}
		<-r.Context().Done()
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-entered; cancel() }()
	_, err := c.DescribeInstanceStatus(ctx, region, []string{"i-1"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("%d attempts after cancel", n)
	}
}

func TestTimeoutThenRetrySucceeds(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			<-r.Context().Done()
			return
		}
		writeResult(w, "r", CreateInstancesResult{InstanceIDs: []string{"i-1"}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL, Timeout: 50 * time.Millisecond})
	resp, err := c.CreateInstances(context.Background(), region, sampleCreate())
	if err != nil || len(resp.InstanceIDs) != 1 {
		t.Fatalf("%+v %v", resp, err)
	}
	reqs := api.requests()
	if len(reqs) != 2 || !bytes.Equal(reqs[0].Body, reqs[1].Body) {
		t.Errorf("%d attempts", len(reqs))
	}
}

func TestCreateErrorStillReturnsTheToken(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeError(w, 500, StatusUnknown, "Unknown server error")
	})
	c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 2}})
	resp, err := c.CreateInstances(context.Background(), region, sampleCreate())
	if err == nil || resp == nil || !strings.HasPrefix(resp.ClientToken, "cocvm-") {
		t.Fatalf("%+v %v", resp, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 12 ", 12 * time.Second, true},
		{"-3", 0, false},
		{"abc", 0, false},
		{"999999999", 24 * time.Hour, true},
		{"Wed, 01 Jan 2025 00:00:30 GMT", 30 * time.Second, true},
		{"Tue, 31 Dec 2024 23:59:00 GMT", 0, true},
	} {
		got, ok := ParseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %s, %t; want %s, %t", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFullJitterStaysBelowTheCeiling(t *testing.T) {
	for range 1000 {
		if d := fullJitter(time.Second); d < 0 || d >= time.Second {
			t.Fatalf("jitter %s", d)
		}
	}
	if fullJitter(0) != 0 {
		t.Error("jitter of 0")
	}
}
