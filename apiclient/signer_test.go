package apiclient

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Test vector A: JD Cloud's documented worked example (reference section 3).
func vectorA(t testing.TB) (*http.Request, []byte) {
	t.Helper()
	body := []byte("body data")
	req, err := http.NewRequest(http.MethodPost, "http://test.jdcloud-api.com/v1/resource:action?p1=p1&p0=p0&o=%&u=u", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-my-header", "test")
	req.Header.Set("x-my-header_blank", " blank")
	return req, body
}

func TestSignVectorA(t *testing.T) {
	req, body := vectorA(t)
	now := time.Date(2019, 2, 14, 10, 45, 14, 0, time.UTC)
	if err := Sign(req, body, Credentials{"TESTAK", "TESTSK"}, "cn-north-1", "test", now, "testnonce"); err != nil {
		t.Fatal(err)
	}
	signed := SignedHeaderNames(req)
	wantCanonical := "POST\n" +
		"/v1/resource%3Aaction\n" +
		"o=%25&p0=p0&p1=p1&u=u\n" +
		"x-jdcloud-date:20190214T104514Z\n" +
		"x-jdcloud-nonce:testnonce\n" +
		"x-my-header:test\n" +
		"x-my-header_blank:blank\n" +
		"\n" +
		"x-jdcloud-date;x-jdcloud-nonce;x-my-header;x-my-header_blank\n" +
		"e51832a118eeff7ad976d635b7d04538e362e4c21bd0f6253580b0a83a209074"
	canonical := CanonicalRequest(req, body, signed)
	if canonical != wantCanonical {
		t.Errorf("canonical request:\n%q\nwant\n%q", canonical, wantCanonical)
	}
	wantSTS := "JDCLOUD2-HMAC-SHA256\n20190214T104514Z\n20190214/cn-north-1/test/jdcloud2_request\n" +
		"fb2e317056269590681d091f8eb22272967c0b922b2deda887312215ea4eed4c"
	if sts := StringToSign("20190214T104514Z", "cn-north-1", "test", canonical); sts != wantSTS {
		t.Errorf("string to sign:\n%q\nwant\n%q", sts, wantSTS)
	}
	if key := hex.EncodeToString(SigningKey("TESTSK", "20190214", "cn-north-1", "test")); key != "a4e50bcb6001be0008696b173c30172b5ce22a77db00d21c6a9d69de2ba33b7d" {
		t.Errorf("signing key %s", key)
	}
	wantAuth := "JDCLOUD2-HMAC-SHA256 Credential=TESTAK/20190214/cn-north-1/test/jdcloud2_request, " +
		"SignedHeaders=x-jdcloud-date;x-jdcloud-nonce;x-my-header;x-my-header_blank, " +
		"Signature=2a98f83c074e7bee260bfc8ef64f009c07595bd93f7f0c3f4e156bf6479ed9bf"
	if got := req.Header.Get("Authorization"); got != wantAuth {
		t.Errorf("Authorization:\n%s\nwant\n%s", got, wantAuth)
	}
}

// Test vector C: the official Rust signer's tests; host is not signed.
func TestSignVectorC(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://www.jdcloud-api.com/v1/regions/cn-north-1/instances?pageNumber=2&pageSize=10", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("content-type", "application/json")
	now := time.Date(2018, 4, 5, 1, 2, 3, 0, time.UTC)
	if err := Sign(req, nil, Credentials{"ak", "sk"}, "cn-north-1", "service_name", now, "55f3919e-3a7d-4174-b117-f150ff25e274"); err != nil {
		t.Fatal(err)
	}
	wantCanonical := "GET\n" +
		"/v1/regions/cn-north-1/instances\n" +
		"pageNumber=2&pageSize=10\n" +
		"content-type:application/json\n" +
		"x-jdcloud-date:20180405T010203Z\n" +
		"x-jdcloud-nonce:55f3919e-3a7d-4174-b117-f150ff25e274\n" +
		"\n" +
		"content-type;x-jdcloud-date;x-jdcloud-nonce\n" +
		emptyBodyHash
	canonical := CanonicalRequest(req, nil, SignedHeaderNames(req))
	if canonical != wantCanonical {
		t.Errorf("canonical request:\n%q\nwant\n%q", canonical, wantCanonical)
	}
	sts := StringToSign("20180405T010203Z", "cn-north-1", "service_name", canonical)
	if !strings.HasPrefix(sts, "JDCLOUD2-HMAC-SHA256\n20180405T010203Z\n20180405/cn-north-1/service_name/jdcloud2_request\n") {
		t.Errorf("string to sign %q", sts)
	}
	key := SigningKey("sk", "20180405", "cn-north-1", "service_name")
	if got := hex.EncodeToString(key); got != "b302aa05734bcaf60be65a4be7c971669ac55444769681c19113d80460e31a33" {
		t.Errorf("signing key %s", got)
	}
	wantSig := "cea138630c57ba3de51933926e3b1657c34b4d1b6f86d360511bf40a09f63729"
	if got := Signature(key, sts); got != wantSig {
		t.Errorf("signature %s, want %s", got, wantSig)
	}
	wantAuth := "JDCLOUD2-HMAC-SHA256 Credential=ak/20180405/cn-north-1/service_name/jdcloud2_request, " +
		"SignedHeaders=content-type;x-jdcloud-date;x-jdcloud-nonce, Signature=" + wantSig
	if got := req.Header.Get("Authorization"); got != wantAuth {
		t.Errorf("Authorization:\n%s\nwant\n%s", got, wantAuth)
	}
}

func TestCanonicalPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "/",
		"/":                                   "/",
		"/v1/regions/r/quota:describeUsage":   "/v1/regions/r/quota%3AdescribeUsage",
		"/a b/c~d_e.f-g":                      "/a%20b/c~d_e.f-g",
		"/名字":                                 "/%E5%90%8D%E5%AD%97",
		"/x+y=z&%":                            "/x%2By%3Dz%26%25",
		"/v1/regions/cn-hongkong-11/vpcs/":    "/v1/regions/cn-hongkong-11/vpcs/",
		"/v1/regions/cn-north-1/instances/*!": "/v1/regions/cn-north-1/instances/%2A%21",
	} {
		if got := CanonicalPath(in); got != want {
			t.Errorf("CanonicalPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                                   "",
		"b=2&a=1":                            "a=1&b=2",
		"a=2&a=1":                            "a=1&a=2",
		"a-b=1&a=2":                          "a=2&a-b=1",
		"name=a%20b":                         "name=a%20b",
		"name=a+b":                           "name=a%2Bb",
		"path=/x/y":                          "path=%2Fx%2Fy",
		"flag":                               "flag=",
		"o=%&u=u":                            "o=%25&u=u",
		"filters.1.values.1=i-a&&":           "filters.1.values.1=i-a",
		"k=%e5%90%8d":                        "k=%E5%90%8D",
		"quota%3Ax=1":                        "quota%3Ax=1",
		"filters.10.name=x&filters.2.name=y": "filters.10.name=x&filters.2.name=y",
	} {
		if got := CanonicalQuery(in); got != want {
			t.Errorf("CanonicalQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalHeadersTrimAndCollapse(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	req.Header.Set("X-A", "  one   two \t three  ")
	req.Header.Add("X-B", "1")
	req.Header.Add("X-B", "2")
	got := CanonicalRequest(req, nil, []string{"X-B", "x-a"})
	want := "GET\n/\n\nx-a:one two three\nx-b:1,2\n\nx-a;x-b\n" + emptyBodyHash
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestSignSkipsUnsignedHeaders(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://coc-vm.jdcloud-api.com/v1/regions/r/instances", nil)
	req.Header.Set("User-Agent", "cocvm/1")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Host", req.URL.Host)
	req.Header.Set("Authorization", "stale")
	if err := Sign(req, nil, Credentials{"ak", "sk"}, "r", "cocvm", time.Now(), "n"); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(SignedHeaderNames(req), ";")
	if got != "content-type;host;x-jdcloud-date;x-jdcloud-nonce" {
		t.Errorf("signed headers %s", got)
	}
	if !strings.Contains(req.Header.Get("Authorization"), "SignedHeaders="+got+",") {
		t.Errorf("Authorization %s", req.Header.Get("Authorization"))
	}
}

func TestSignRefusesIncompleteInput(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://h/", nil)
	for name, f := range map[string]func() error{
		"no secret":  func() error { return Sign(req, nil, Credentials{AccessKey: "ak"}, "r", "s", time.Now(), "n") },
		"no region":  func() error { return Sign(req, nil, Credentials{"ak", "sk"}, "", "s", time.Now(), "n") },
		"no service": func() error { return Sign(req, nil, Credentials{"ak", "sk"}, "r", "", time.Now(), "n") },
		"no nonce":   func() error { return Sign(req, nil, Credentials{"ak", "sk"}, "r", "s", time.Now(), "") },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
