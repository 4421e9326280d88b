package apiclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

type countingPacer struct {
	waits     atomic.Int32
	throttled atomic.Int32
	after     atomic.Int64
}

func (p *countingPacer) Wait(ctx context.Context) error { p.waits.Add(1); return ctx.Err() }
func (p *countingPacer) Throttled(d time.Duration) {
	p.throttled.Add(1)
	p.after.Store(int64(d))
}

// Every attempt waits for the pacer, retries included, and a 429 tells it.
func TestPacerPacesEveryAttempt(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"requestId":"r","error":{"code":429,"status":"HTTP_RATE_LIMIT_EXCEEDED","message":"too many"}}`))
			return
		}
		_, _ = w.Write([]byte(`{"requestId":"r","result":{"instanceStatuses":[],"totalCount":0}}`))
	}))
	defer srv.Close()
	c, err := New(Config{AccessKey: "ak", SecretKey: "sk", Endpoint: srv.URL,
		Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	p := &countingPacer{}
	if _, err := c.DescribeInstanceStatus(WithPacer(context.Background(), p), "cn-hongkong-11", []string{"i-a"}); err != nil {
		t.Fatal(err)
	}
	if p.waits.Load() != 2 || p.throttled.Load() != 1 {
		t.Errorf("waits %d, throttled %d; want 2 and 1", p.waits.Load(), p.throttled.Load())
	}
}
