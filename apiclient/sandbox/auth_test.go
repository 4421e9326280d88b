package sandbox

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/google/uuid"
)

func wantAccessError(t *testing.T, resp *http.Response, env envelopeForTest, message string) {
	t.Helper()
	if resp.StatusCode != 401 || env.Error == nil || env.Error.Code != 401 || env.Error.Status != "ACCESS_ERROR" || env.Error.Message != message {
		t.Fatalf("got %d %+v, want 401 ACCESS_ERROR %q", resp.StatusCode, env.Error, message)
	}
	if id := resp.Header.Get("x-jdcloud-request-id"); id != env.RequestID || !requestIDPattern.MatchString(id) {
		t.Fatalf("request id header %q, envelope %q", id, env.RequestID)
	}
}

const statusPath = "/v1/regions/" + testRegion + "/instanceStatus"

func TestSignatureRejections(t *testing.T) {
	e := newEnv(t, Options{})
	now := e.clock.Now()

	t.Run("missing Authorization", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now, func(r *http.Request) { r.Header.Del("Authorization") })
		wantAccessError(t, resp, env, apiclient.MsgLackAuthorization)
	})
	t.Run("unknown access key", func(t *testing.T) {
		c, _ := apiclient.New(apiclient.Config{AccessKey: "NOTTHEKEY", SecretKey: "whatever", Endpoint: e.hs.URL, Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
		_, err := c.DescribeInstanceStatus(context.Background(), testRegion, nil)
		wantAPIError(t, err, 401, "ACCESS_ERROR", apiclient.MsgInvalidAccessKey)
	})
	t.Run("wrong secret key", func(t *testing.T) {
		ak, _ := e.srv.Credentials()
		c, _ := apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: "wrong-secret", Endpoint: e.hs.URL, Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
		_, err := c.DescribeInstanceStatus(context.Background(), testRegion, nil)
		wantAPIError(t, err, 401, "ACCESS_ERROR", apiclient.MsgSignMismatch)
	})
	t.Run("body changed after signing", func(t *testing.T) {
		body := []byte(`{"maxCount": 1}`)
		resp, env := e.rawCall(http.MethodPost, "/v1/regions/"+testRegion+"/instances", body, now, func(r *http.Request) {
			r.Body = ioNopCloser(bytes.NewReader([]byte(`{"maxCount": 2}`)))
		})
		wantAccessError(t, resp, env, apiclient.MsgSignMismatch)
	})
	t.Run("signed header changed", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now, func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") })
		wantAccessError(t, resp, env, apiclient.MsgSignMismatch)
	})
	t.Run("unsigned header added", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now, func(r *http.Request) { r.Header.Set("X-Trace", "abc") })
		if resp.StatusCode != 200 || env.Error != nil {
			t.Fatalf("an unsigned header broke the call: %d %+v", resp.StatusCode, env.Error)
		}
	})
	t.Run("date 16 minutes behind", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now.Add(-16*time.Minute), nil)
		wantAccessError(t, resp, env, apiclient.MsgDateSkew)
	})
	t.Run("date 16 minutes ahead", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now.Add(16*time.Minute), nil)
		wantAccessError(t, resp, env, apiclient.MsgDateSkew)
	})
	t.Run("date 14 minutes behind is fine", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now.Add(-14*time.Minute), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %+v", resp.StatusCode, env.Error)
		}
	})
	t.Run("missing date", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now, func(r *http.Request) { r.Header.Del(apiclient.HeaderDate) })
		wantAccessError(t, resp, env, apiclient.MsgLackDate)
	})
	t.Run("missing nonce", func(t *testing.T) {
		resp, env := e.rawCall(http.MethodGet, statusPath, nil, now, func(r *http.Request) { r.Header.Del(apiclient.HeaderNonce) })
		wantAccessError(t, resp, env, apiclient.MsgLackNonce)
	})
	t.Run("nonce replayed", func(t *testing.T) {
		req := e.signed(http.MethodGet, statusPath, nil, "cocvm", testRegion, uuid.NewString())
		replay := req.Clone(context.Background())
		if resp, env := e.send(req); resp.StatusCode != 200 {
			t.Fatalf("first use: %d %+v", resp.StatusCode, env.Error)
		}
		e.clock.Advance(10 * time.Minute)
		resp, env := e.send(replay)
		wantAccessError(t, resp, env, apiclient.MsgNonceReused)
	})
}

// TestAnyServiceAndRegionInScope: the scope's region and service are what
// the signature is checked with, whatever they are, like JD Cloud's single
// endpoint that tells services apart by the scope.
func TestAnyServiceAndRegionInScope(t *testing.T) {
	e := newEnv(t, Options{})
	for _, svc := range []string{"cocvm", "vm", "cocvpc", "some-future-service"} {
		req := e.signed(http.MethodGet, "/v1/regions/"+testRegion+"/vpcs/", nil, svc, "cn-north-1", uuid.NewString())
		if resp, env := e.send(req); resp.StatusCode != 200 {
			t.Fatalf("service %s: %d %+v", svc, resp.StatusCode, env.Error)
		}
	}
}

// signed builds a request signed with the given scope, including a custom
// header, at the sandbox's time.
func (e *testEnv) signed(method, path string, body []byte, service, region, nonce string) *http.Request {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.hs.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-My-Header", " spaced   value ")
	ak, sk := e.srv.Credentials()
	if err := apiclient.Sign(req, body, apiclient.Credentials{AccessKey: ak, SecretKey: sk}, region, service, e.clock.Now(), nonce); err != nil {
		e.t.Fatal(err)
	}
	return req
}

func TestGeneratedKeys(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(Options{})
	ak1, sk1 := a.Credentials()
	ak2, sk2 := b.Credentials()
	if len(ak1) != 32 || len(sk1) != 32 || ak1 == ak2 || sk1 == sk2 || ak1 == sk1 {
		t.Fatalf("generated keys %q/%q and %q/%q", ak1, sk1, ak2, sk2)
	}
	c, _ := New(Options{AccessKey: "MYAK", SecretKey: "MYSK"})
	if ak, sk := c.Credentials(); ak != "MYAK" || sk != "MYSK" {
		t.Fatalf("given keys not used: %s %s", ak, sk)
	}
}
