package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestIdempotentRetry: the same token with the same body returns the same
// ids and creates nothing more.
func TestIdempotentRetry(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.MaxCount = 3
	req.ClientToken = "cocvm-retry-1"
	first := e.mustCreate(req)
	again := e.mustCreate(req)
	if !slices.Equal(first, again) {
		t.Fatalf("retry answered %v, first answer %v", again, first)
	}
	if q := e.quota(); q.Used != 3 {
		t.Fatalf("retry created more: %+v", q)
	}
}

// TestIdempotentCanonicalBody: key order and layout do not make a body
// different.
func TestIdempotentCanonicalBody(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.ClientToken = "cocvm-canonical"
	body, _ := json.Marshal(req)
	var doc map[string]any
	json.Unmarshal(body, &doc)
	reordered, _ := json.MarshalIndent(doc, "", "    ") // sorted keys, other layout
	if string(reordered) == string(body) {
		t.Fatal("test bodies are identical")
	}
	path := "/v1/regions/" + testRegion + "/instances"
	_, a := e.rawCall(http.MethodPost, path, body, e.clock.Now(), nil)
	_, b := e.rawCall(http.MethodPost, path, reordered, e.clock.Now(), nil)
	if a.Error != nil || b.Error != nil || string(a.Result) != string(b.Result) {
		t.Fatalf("answers differ: %s %+v / %s %+v", a.Result, a.Error, b.Result, b.Error)
	}
	if a.RequestID == b.RequestID {
		t.Fatal("two calls share a request id")
	}
}

// TestTokenReuseWithDifferentBody is a clear 400 that creates nothing.
func TestTokenReuseWithDifferentBody(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.ClientToken = "cocvm-reused"
	e.mustCreate(req)
	req.MaxCount = 2
	_, err := e.create(req)
	wantAPIError(t, err, 400, "INVALID_ARGUMENT",
		"ClientToken 'cocvm-reused' was already used with a different request; a new request needs a new clientToken")
	if q := e.quota(); q.Used != 1 {
		t.Fatalf("quota %+v", q)
	}
}

// TestTokenNotKeptForFailures: a refused create does not claim its token,
// so the same token works once the request is fixed.
func TestTokenNotKeptForFailures(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.ClientToken = "cocvm-fixed-later"
	req.InstanceSpec.Password = "short"
	if _, err := e.create(req); err == nil || !strings.Contains(err.Error(), "Invalid password") {
		t.Fatalf("got %v", err)
	}
	req.InstanceSpec.Password = testPassword
	if ids := e.mustCreate(req); len(ids) != 1 {
		t.Fatalf("ids %v", ids)
	}
}

// TestRetryAfterQuotaFilled: an answered create is answered again from its
// token even when the quota has filled up since.
func TestRetryAfterQuotaFilled(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot, Quota: 2})
	req := e.validRequest()
	req.ClientToken = "cocvm-full"
	req.MaxCount = 2
	first := e.mustCreate(req)
	if again := e.mustCreate(req); !slices.Equal(first, again) {
		t.Fatalf("%v != %v", again, first)
	}
}
