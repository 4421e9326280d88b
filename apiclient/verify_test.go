package apiclient

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

var testSecrets = map[string]string{"AKTEST": "SKTEST", "AKOTHER": "SKOTHER"}

func lookupTestSecret(ak string) (string, bool) { s, ok := testSecrets[ak]; return s, ok }

var testNow = time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)

// signedRequest builds and signs a request like the Client does.
func signedRequest(t testing.TB, method, rawURL string, body []byte, extra http.Header) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Host", req.URL.Host)
	for k, vs := range extra {
		req.Header[k] = vs
	}
	if err := Sign(req, body, Credentials{"AKTEST", "SKTEST"}, "cn-hongkong-11", "cocvm", testNow, "nonce-1"); err != nil {
		t.Fatal(err)
	}
	// A server sees the host in req.Host, not in the header map.
	req.Host = req.URL.Host
	req.Header.Del("Host")
	return req
}

func wantAccessError(t *testing.T, err error, msg string) {
	t.Helper()
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an *APIError", err)
	}
	if ae.HTTPStatus != 401 || ae.Status != StatusAccessError || ae.Message != msg {
		t.Fatalf("got %d %s %q, want 401 ACCESS_ERROR %q", ae.HTTPStatus, ae.Status, ae.Message, msg)
	}
}

func TestVerifyAcceptsSignedRequest(t *testing.T) {
	body := []byte(`{"maxCount":1}`)
	req := signedRequest(t, http.MethodPost, "https://coc-vm.jdcloud-api.com/v1/regions/cn-hongkong-11/instances", body, nil)
	v, err := Verify(req, body, lookupTestSecret, testNow.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if v.AccessKey != "AKTEST" || v.Region != "cn-hongkong-11" || v.Service != "cocvm" || v.Nonce != "nonce-1" || !v.Date.Equal(testNow) {
		t.Errorf("verified %+v", v)
	}
	if got := strings.Join(v.SignedHeaders, ";"); got != "content-type;host;x-jdcloud-date;x-jdcloud-nonce" {
		t.Errorf("signed headers %s", got)
	}
}

func TestVerifyVectorA(t *testing.T) {
	req, body := vectorA(t)
	now := time.Date(2019, 2, 14, 10, 45, 14, 0, time.UTC)
	if err := Sign(req, body, Credentials{"TESTAK", "TESTSK"}, "cn-north-1", "test", now, "testnonce"); err != nil {
		t.Fatal(err)
	}
	v, err := Verify(req, body, func(ak string) (string, bool) { return "TESTSK", ak == "TESTAK" }, now)
	if err != nil {
		t.Fatal(err)
	}
	if v.Region != "cn-north-1" || v.Service != "test" {
		t.Errorf("verified %+v", v)
	}
}

func TestVerifyFailures(t *testing.T) {
	body := []byte(`{}`)
	const u = "https://coc-vm.jdcloud-api.com/v1/regions/cn-hongkong-11/instances"
	for _, tc := range []struct {
		name   string
		break_ func(r *http.Request)
		now    time.Time
		msg    string
	}{
		{"no authorization", func(r *http.Request) { r.Header.Del("Authorization") }, testNow, MsgLackAuthorization},
		{"other scheme", func(r *http.Request) { r.Header.Set("Authorization", "Bearer x") }, testNow, MsgBadAuthorization},
		{"short credential", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/jdcloud2_request", "", 1))
		}, testNow, MsgBadAuthorization},
		{"unknown access key", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AKTEST", "AKNOBODY", 1))
		}, testNow, MsgInvalidAccessKey},
		{"other key's secret", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AKTEST", "AKOTHER", 1))
		}, testNow, MsgSignMismatch},
		{"no date", func(r *http.Request) { r.Header.Del(HeaderDate) }, testNow, MsgLackDate},
		{"no nonce", func(r *http.Request) { r.Header.Del(HeaderNonce) }, testNow, MsgLackNonce},
		{"date not signed", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "x-jdcloud-date;", "", 1))
		}, testNow, MsgUnsignedDateNonce},
		{"garbled date", func(r *http.Request) { r.Header.Set(HeaderDate, "yesterday") }, testNow, MsgBadDate},
		{"too old", func(*http.Request) {}, testNow.Add(16 * time.Minute), MsgDateSkew},
		{"from the future", func(*http.Request) {}, testNow.Add(-16 * time.Minute), MsgDateSkew},
		{"signed header gone", func(r *http.Request) { r.Header.Del("Content-Type") }, testNow, "lack of header content-type"},
		{"wrong region in scope", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/cn-hongkong-11/", "/ap-thailand-11/", 1))
		}, testNow, MsgSignMismatch},
		{"signature tampered", func(r *http.Request) {
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:len(a)-1]+string("01"[a[len(a)-1]%2]))
		}, testNow, MsgSignMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := signedRequest(t, http.MethodPost, u, body, nil)
			tc.break_(req)
			_, err := Verify(req, body, lookupTestSecret, tc.now)
			wantAccessError(t, err, tc.msg)
		})
	}
}

func TestVerifyWithinSkewAllowed(t *testing.T) {
	req := signedRequest(t, http.MethodGet, "https://h/v1/regions/r/instances", nil, nil)
	for _, d := range []time.Duration{-15 * time.Minute, 15 * time.Minute} {
		if _, err := Verify(req, nil, lookupTestSecret, testNow.Add(d)); err != nil {
			t.Errorf("skew %s: %v", d, err)
		}
	}
}

func TestNonceCache(t *testing.T) {
	c := NewNonceCache(0)
	if err := c.Use("a", testNow); err != nil {
		t.Fatal(err)
	}
	wantAccessError(t, c.Use("a", testNow.Add(time.Minute)), MsgNonceReused)
	if err := c.Use("b", testNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	// Past the window the nonce is forgotten (its date would be refused anyway).
	if err := c.Use("a", testNow.Add(MaxClockSkew+time.Second)); err != nil {
		t.Fatal(err)
	}
	// Sweeping keeps the cache bounded.
	c.Use("z", testNow.Add(3*MaxClockSkew))
	if c.Len() != 1 {
		t.Errorf("cache holds %d nonces after the window, want 1", c.Len())
	}
}

// randomString draws from an alphabet that exercises encoding: reserved
// characters, spaces, "%", "+", "/" and non-ASCII.
func randomString(r *rand.Rand, min, max int) string {
	const alphabet = "abcXYZ019-._~ :/%+=&?#@!*'()[]$,;名字é"
	runes := []rune(alphabet)
	n := min + r.IntN(max-min+1)
	var b strings.Builder
	for range n {
		b.WriteRune(runes[r.IntN(len(runes))])
	}
	return b.String()
}

type randomCall struct {
	method string
	path   string
	query  query
	body   []byte
	header string
}

func newRandomCall(r *rand.Rand) randomCall {
	methods := []string{"GET", "POST", "PUT", "DELETE", "PATCH"}
	c := randomCall{method: methods[r.IntN(len(methods))], header: randomString(r, 1, 12)}
	c.path = "/v1"
	for range 1 + r.IntN(3) {
		c.path += "/" + randomString(r, 1, 10)
	}
	for range r.IntN(5) {
		c.query.add(randomString(r, 1, 6), randomString(r, 0, 8))
	}
	if r.IntN(3) > 0 {
		c.body = []byte(randomString(r, 1, 40))
	}
	return c
}

func (c randomCall) request(t testing.TB, base string) *http.Request {
	u, _ := url.Parse(base)
	u.Path = c.path
	u.RawQuery = c.query.encode()
	return signedRequest(t, c.method, u.String(), c.body, http.Header{"X-Extra": {c.header}})
}

// TestSignThenVerifyProperty: for random methods, paths, queries, headers
// and bodies a signed request verifies, and changing any signed part makes
// verification fail.
func TestSignThenVerifyProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	mutations := map[string]func(req *http.Request, body []byte) []byte{
		"method": func(req *http.Request, body []byte) []byte {
			req.Method = map[bool]string{true: "GET", false: "POST"}[req.Method != "GET"]
			return body
		},
		"path": func(req *http.Request, body []byte) []byte {
			req.URL.Path += "x"
			return body
		},
		"query added": func(req *http.Request, body []byte) []byte {
			req.URL.RawQuery += "&extra=1"
			return body
		},
		"query value": func(req *http.Request, body []byte) []byte {
			if req.URL.RawQuery == "" {
				req.URL.RawQuery = "a=b"
			} else {
				req.URL.RawQuery += "z"
			}
			return body
		},
		"signed header": func(req *http.Request, body []byte) []byte {
			req.Header.Set("X-Extra", req.Header.Get("X-Extra")+"!")
			return body
		},
		"host": func(req *http.Request, body []byte) []byte {
			req.Host = "evil.example.com"
			return body
		},
		"body": func(req *http.Request, body []byte) []byte { return append(bytes.Clone(body), '!') },
	}
	for i := range 300 {
		call := newRandomCall(r)
		req := call.request(t, "https://coc-vm.jdcloud-api.com")
		if _, err := Verify(req, call.body, lookupTestSecret, testNow); err != nil {
			t.Fatalf("case %d %+v: %v", i, call, err)
		}
		for name, mutate := range mutations {
			req := call.request(t, "https://coc-vm.jdcloud-api.com")
			body := mutate(req, call.body)
			_, err := Verify(req, body, lookupTestSecret, testNow)
			var ae *APIError
			if !errors.As(err, &ae) || ae.Message != MsgSignMismatch {
				t.Fatalf("case %d %+v, %s changed: got %v, want %q", i, call, name, err, MsgSignMismatch)
			}
		}
	}
}

// TestSignThenVerifyOverTheWire sends random signed requests through a real
// HTTP server, which sees the path decoded and the host in req.Host.
func TestSignThenVerifyOverTheWire(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if _, err := Verify(req, body, lookupTestSecret, testNow); err != nil {
			http.Error(w, err.Error()+" "+req.URL.RawPath+" "+req.URL.RawQuery, http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 100 {
		call := newRandomCall(r)
		req := call.request(t, srv.URL)
		req.RequestURI = ""
		req.Host = ""
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("case %d %+v: %d %s", i, call, resp.StatusCode, msg)
		}
	}
}

func FuzzVerifyAuthorization(f *testing.F) {
	req := signedRequest(f, http.MethodGet, "https://h/v1/regions/r/instances", nil, nil)
	f.Add(req.Header.Get("Authorization"))
	f.Add("JDCLOUD2-HMAC-SHA256 Credential=a/b/c/d/jdcloud2_request, SignedHeaders=;, Signature=")
	f.Add("JDCLOUD2-HMAC-SHA256 ,,,")
	f.Fuzz(func(t *testing.T, auth string) {
		r := req.Clone(req.Context())
		r.Header.Set("Authorization", auth)
		_, err := Verify(r, nil, lookupTestSecret, testNow)
		if err == nil {
			// Only a header carrying the genuine signature may pass.
			genuine := req.Header.Get("Authorization")
			sig := genuine[strings.LastIndex(genuine, "=")+1:]
			if !strings.Contains(strings.ToLower(auth), sig) {
				t.Fatalf("accepted %q", auth)
			}
			return
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.HTTPStatus != 401 {
			t.Fatalf("error %v", err)
		}
	})
}

func FuzzCanonicalQuery(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "o=%&u=u", "x=%zz", "a+b=c d", "=&=", "名=字"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := CanonicalQuery(raw)
		// The canonical form is a fixed point and only holds unreserved
		// characters, escapes, "=" and "&".
		if again := CanonicalQuery(c); again != c {
			t.Fatalf("CanonicalQuery(%q) = %q, then %q", raw, c, again)
		}
		for i := 0; i < len(c); i++ {
			if ch := c[i]; !unreserved(ch, false) && ch != '%' && ch != '=' && ch != '&' {
				t.Fatalf("CanonicalQuery(%q) = %q holds %q", raw, c, ch)
			}
		}
	})
}
