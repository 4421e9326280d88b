package apiclient

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestOutcomeUnknown(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"refused", NewAPIError(400, StatusInvalidArg, "Invalid password"), false},
		{"rate limited", NewAPIError(429, StatusHTTPRateLimit, "too many"), false},
		{"quota", NewAPIError(429, StatusQuotaExceeded, "quota"), false},
		{"5xx", NewAPIError(500, StatusInternal, "boom"), true},
		{"nonce replayed", NewAPIError(401, StatusAccessError, MsgNonceReused), true},
		{"no answer", &TransportError{Attempts: 1, Err: errors.New("EOF")}, true},
		{"refused connection, one attempt", &TransportError{Attempts: 1, Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, false},
		{"refused connection after earlier attempts", &TransportError{Attempts: 3, Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, true},
		{"cancelled", context.Canceled, true},
		{"unreadable", &UnreadableResultError{RequestID: "r"}, true},
		{"refusal after a lost attempt", &earlierAttemptError{NewAPIError(429, StatusHTTPRateLimit, "x")}, true},
		{"before sending", errors.New("clientToken is 70 characters"), false},
	} {
		if got := OutcomeUnknown(tc.err); got != tc.want {
			t.Errorf("%s: OutcomeUnknown = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A create whose first answer is lost and whose retries are then refused
// (rate limited) may still have been carried out by the first delivery:
// the outcome is unknown, not a refusal.
func TestRefusalAfterALostAttemptIsUnknown(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"requestId":"r","error":{"code":429,"status":"HTTP_RATE_LIMIT_EXCEEDED","message":"too many requests"}}`))
	}))
	defer srv.Close()
	c, err := New(Config{AccessKey: "ak", SecretKey: "sk", Endpoint: srv.URL,
		Retry: RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateInstances(context.Background(), "cn-hongkong-11", CreateInstancesRequest{ClientToken: "tok"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 429 {
		t.Fatalf("err = %v, want the 429 kept", err)
	}
	if !OutcomeUnknown(err) {
		t.Errorf("a 429 after a lost attempt is a definite refusal: %v", err)
	}
	if n.Load() != 3 {
		t.Errorf("%d deliveries, want 3", n.Load())
	}
}

// The explanation of a refusal that answered a retry says that an earlier
// attempt got no answer: the refusal alone would read as if nothing could
// have been created.
func TestExplainRefusalAfterALostAttempt(t *testing.T) {
	x := Explain(&earlierAttemptError{NewAPIError(429, StatusQuotaExceeded, "Instance quota limit exceeded")})
	want := "An earlier attempt got no answer, and the API refused the retry: The instance quota of this region is used up."
	if got := x.Summary.String(); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if x.Chinese != "云主机配额不足。" || x.Next.IsZero() {
		t.Errorf("the refusal's own wording and next step are lost: %+v", x)
	}
}
