package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
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

// signScope signs req as apiclient.Sign does, but with any credential
// scope: the signature is right for the scope it names, so a refusal can
// only be the scope's.
func (e *testEnv) signScope(req *http.Request, body []byte, day, region, service, terminator, nonce string) {
	e.t.Helper()
	ak, sk := e.srv.Credentials()
	date := e.clock.Now().UTC().Format(apiclient.DateFormat)
	req.Header.Set(apiclient.HeaderDate, date)
	req.Header.Set(apiclient.HeaderNonce, nonce)
	signed := apiclient.SignedHeaderNames(req)
	scope := day + "/" + region + "/" + service + "/" + terminator
	sum := sha256.Sum256([]byte(apiclient.CanonicalRequest(req, body, signed)))
	sts := apiclient.Algorithm + "\n" + date + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := []byte("JDCLOUD2" + sk)
	for _, part := range []string{day, region, service, terminator} {
		key = hmacSum(key, part)
	}
	req.Header.Set("Authorization", apiclient.Algorithm+" Credential="+ak+"/"+scope+
		", SignedHeaders="+strings.Join(signed, ";")+", Signature="+hex.EncodeToString(hmacSum(key, sts)))
}

func hmacSum(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// TestScopeMustNameTheCall: the gateway accepts a signature only for the
// scope of the call it signs: the day of x-jdcloud-date, the region in the
// path, the service the path belongs to and the jdcloud2_request
// terminator. Each wrong part is named with the value expected.
func TestScopeMustNameTheCall(t *testing.T) {
	e := newEnv(t, Options{})
	today := e.clock.Now().UTC().Format("20060102")
	yesterday := e.clock.Now().UTC().Add(-24 * time.Hour).Format("20060102")
	vmPath := "/v1/regions/" + testRegion + "/instanceStatus"
	vpcPath := "/v1/regions/" + testRegion + "/vpcs/"
	quotaPath := "/v1/regions/" + testRegion + "/quota:describeUsage?serviceCode=cocvm&resourceType=vm"
	tests := []struct {
		name                             string
		path                             string
		day, region, service, terminator string
		message                          string // "" when the call is answered
	}{
		{"right scope", vmPath, today, testRegion, "cocvm", "jdcloud2_request", ""},
		{"vpc call signed for cocvpc", vpcPath, today, testRegion, "cocvpc", "jdcloud2_request", ""},
		{"quota call signed for cocquota", quotaPath, today, testRegion, "cocquota", "jdcloud2_request", ""},
		{"date", vmPath, yesterday, testRegion, "cocvm", "jdcloud2_request",
			"invalid credential scope: date '" + yesterday + "', expected '" + today + "' (the day of x-jdcloud-date)"},
		{"region", vmPath, today, "cn-north-1", "cocvm", "jdcloud2_request",
			"invalid credential scope: region 'cn-north-1', expected '" + testRegion + "' (the region in the path)"},
		{"service of another product", vmPath, today, testRegion, "vm", "jdcloud2_request",
			"invalid credential scope: service 'vm', expected 'cocvm' (the service this call belongs to)"},
		{"vpc call signed for cocvm", vpcPath, today, testRegion, "cocvm", "jdcloud2_request",
			"invalid credential scope: service 'cocvm', expected 'cocvpc' (the service this call belongs to)"},
		{"quota call signed for cocvm", quotaPath, today, testRegion, "cocvm", "jdcloud2_request",
			"invalid credential scope: service 'cocvm', expected 'cocquota' (the service this call belongs to)"},
		{"terminator", vmPath, today, testRegion, "cocvm", "jdcloud_request",
			"invalid credential scope: terminator 'jdcloud_request', expected 'jdcloud2_request' (the last part of every scope)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, e.hs.URL+tt.path, nil)
			req.Header.Set("Content-Type", "application/json")
			e.signScope(req, nil, tt.day, tt.region, tt.service, tt.terminator, uuid.NewString())
			resp, env := e.send(req)
			if tt.message == "" {
				if resp.StatusCode != 200 || env.Error != nil {
					t.Fatalf("%d %+v", resp.StatusCode, env.Error)
				}
				return
			}
			wantAccessError(t, resp, env, tt.message)
		})
	}
}

// TestSignScopeMatchesSign anchors signScope to the client's signer: with
// the right scope it writes the same Authorization header.
func TestSignScopeMatchesSign(t *testing.T) {
	e := newEnv(t, Options{})
	a := e.signed(http.MethodGet, statusPath, nil, "cocvm", testRegion, "nonce-1")
	b, _ := http.NewRequest(http.MethodGet, e.hs.URL+statusPath, nil)
	b.Header.Set("Content-Type", "application/json")
	b.Header.Set("X-My-Header", " spaced   value ")
	e.signScope(b, nil, e.clock.Now().UTC().Format("20060102"), testRegion, "cocvm", "jdcloud2_request", "nonce-1")
	if got, want := b.Header.Get("Authorization"), a.Header.Get("Authorization"); got != want {
		t.Fatalf("signScope wrote\n%s\nSign wrote\n%s", got, want)
	}
}

// TestUnknownAPIIsNotFoundWhateverTheService: an API the sandbox does not
// serve has no service to compare with, so it stays a 404 (the client's
// disk-type fallback relies on it).
func TestUnknownAPIIsNotFoundWhateverTheService(t *testing.T) {
	e := newEnv(t, Options{})
	for _, svc := range []string{"cocvm", "disk", "some-future-service"} {
		req := e.signed(http.MethodGet, "/v1/regions/"+testRegion+"/volumes", nil, svc, testRegion, uuid.NewString())
		if resp, env := e.send(req); resp.StatusCode != 404 || env.Error == nil || env.Error.Status != "NOT_FOUND" {
			t.Fatalf("service %s: %d %+v", svc, resp.StatusCode, env.Error)
		}
	}
}

// TestConfiguredServiceNames: when the client is configured to sign with
// other service names, the sandbox configured alike accepts every call, and
// one left at the defaults says which name it expects.
func TestConfiguredServiceNames(t *testing.T) {
	names := apiclient.ServiceNames{VM: "vm", Quota: "quota", VPC: "vpc"}
	e := newEnv(t, Options{Services: names})
	ak, sk := e.srv.Credentials()
	c, err := apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: sk, Endpoint: e.hs.URL, Services: names, Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.DescribeInstanceStatus(ctx, testRegion, nil); err != nil {
		t.Errorf("vm call: %v", err)
	}
	if _, err := c.DescribeQuota(ctx, testRegion); err != nil {
		t.Errorf("quota call: %v", err)
	}
	if _, err := c.DescribeVpcs(ctx, testRegion); err != nil {
		t.Errorf("vpc call: %v", err)
	}

	defaults := newEnv(t, Options{})
	ak, sk = defaults.srv.Credentials()
	c, _ = apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: sk, Endpoint: defaults.hs.URL, Services: names, Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
	_, err = c.DescribeVpcs(ctx, testRegion)
	wantAPIError(t, err, 401, "ACCESS_ERROR", "invalid credential scope: service 'vpc', expected 'cocvpc' (the service this call belongs to)")
}

// asClient sends a request signed as the real client signs it: the region
// in the path, and the service of the path's product (quota for the quota
// call, VPC for vpcs, subnets and security groups, COC-VM for the rest).
func (e *testEnv) asClient(method, path string) (*http.Response, envelopeForTest) {
	e.t.Helper()
	region, _, _ := strings.Cut(strings.TrimPrefix(path, "/v1/regions/"), "/")
	service := apiclient.DefaultVMService
	switch resource := strings.TrimPrefix(path, "/v1/regions/"+region+"/"); {
	case strings.HasPrefix(resource, "quota"):
		service = apiclient.DefaultQuotaService
	case strings.HasPrefix(resource, "vpcs"), strings.HasPrefix(resource, "subnets"), strings.HasPrefix(resource, "networkSecurityGroups"):
		service = apiclient.DefaultVPCService
	}
	return e.send(e.signed(method, path, nil, service, region, uuid.NewString()))
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
