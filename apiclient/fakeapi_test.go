package apiclient

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// seen is one request as a fake API received it, after its signature was
// verified.
type seen struct {
	Method    string
	Path      string // decoded
	RawQuery  string
	Query     url.Values
	Body      []byte
	Header    http.Header
	Verified  *VerifiedRequest
	UserAgent string
}

// fakeAPI is an httptest server that verifies every signature (with the real
// clock) and hands the request to answer, numbered from 1.
type fakeAPI struct {
	*httptest.Server
	t      *testing.T
	answer func(w http.ResponseWriter, r *http.Request, n int)

	mu   sync.Mutex
	seen []seen
}

func newFakeAPI(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	v, err := Verify(r, body, lookupTestSecret, time.Now())
	if err != nil {
		ae := err.(*APIError)
		writeEnvelope(w, ae.HTTPStatus, Envelope{RequestID: "req-unauthorised",
			Error: &ErrorBody{Code: ae.HTTPStatus, Status: ae.Status, Message: ae.Message}})
		return
	}
	f.mu.Lock()
	f.seen = append(f.seen, seen{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Query: r.URL.Query(),
		Body: body, Header: r.Header.Clone(), Verified: v, UserAgent: r.UserAgent(),
	})
	n := len(f.seen)
	f.mu.Unlock()
	f.answer(w, r, n)
}

func (f *fakeAPI) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.seen...)
}

func writeEnvelope(w http.ResponseWriter, status int, env Envelope) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(env)
}

// writeResult answers 200 with result in the success envelope.
func writeResult(w http.ResponseWriter, requestID string, result any) {
	data, _ := json.Marshal(result)
	writeEnvelope(w, http.StatusOK, Envelope{RequestID: requestID, Result: data})
}

// writeError answers the error envelope.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeEnvelope(w, status, Envelope{RequestID: "req-err", Error: &ErrorBody{Code: status, Status: code, Message: message}})
}

// testClient talks to base with the test credentials; waits between
// attempts are recorded, not slept, and jitter is off (the full ceiling).
type testClient struct {
	*Client
	mu    sync.Mutex
	waits []time.Duration
}

func newTestClient(t *testing.T, cfg Config) *testClient {
	t.Helper()
	cfg.AccessKey, cfg.SecretKey = "AKTEST", "SKTEST"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tc := &testClient{Client: c}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		tc.mu.Lock()
		tc.waits = append(tc.waits, d)
		tc.mu.Unlock()
		return ctx.Err()
	}
	c.jitter = func(d time.Duration) time.Duration { return d }
	return tc
}

func (tc *testClient) recordedWaits() []time.Duration {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	return append([]time.Duration(nil), tc.waits...)
}
