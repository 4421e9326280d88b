package apiclient

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// One line per HTTP exchange, with method, URL, status, duration, request
// id and attempt, and never the Authorization header, the secret key or the
// password.
func TestDebugLogOneLinePerExchange(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set(HeaderRequestID, "req-busy")
			writeError(w, 503, "", "busy")
			return
		}
		writeResult(w, "req-created", CreateInstancesResult{InstanceIDs: []string{"i-1"}})
	})
	var log bytes.Buffer
	c := newTestClient(t, Config{Endpoint: api.URL, Debug: &log})
	req := sampleCreate()
	if _, err := c.CreateInstances(context.Background(), region, req); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), log.String())
	}
	url := regexp.QuoteMeta(api.URL + "/v1/regions/cn-hongkong-11/instances")
	for i, want := range []string{
		`^http: POST ` + url + ` -> 503 in \d+ms request-id=req-err attempt=1/5$`,
		`^http: POST ` + url + ` -> 200 in \d+ms request-id=req-created attempt=2/5$`,
	} {
		if !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Errorf("line %d %q does not match %s", i+1, lines[i], want)
		}
	}
	for _, secret := range []string{"SKTEST", req.InstanceSpec.Password, "Authorization", "JDCLOUD2", "Signature"} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("debug output contains %q", secret)
		}
	}
}

func TestDebugLogTransportErrorAndQuery(t *testing.T) {
	var log bytes.Buffer
	c := newTestClient(t, Config{Endpoint: "http://127.0.0.1:1", Debug: &log, Retry: RetryPolicy{MaxAttempts: 1}})
	c.DescribeImages(context.Background(), region, "public", "Windows Server")
	line := log.String()
	if !strings.Contains(line, "GET http://127.0.0.1:1/v1/regions/cn-hongkong-11/images?imageSource=public&platform=Windows%20Server&pageNumber=1&pageSize=100 -> error: ") ||
		!strings.Contains(line, "request-id=- attempt=1/1") || strings.Count(line, "\n") != 1 {
		t.Errorf("%q", line)
	}
}
