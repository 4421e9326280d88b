package apiclient

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type seedRow struct {
	httpStatus      int
	status, message string
	chinese         string
}

func seedErrorRows(t *testing.T) []seedRow {
	t.Helper()
	f, err := os.Open("testdata/seed_errors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []seedRow
	s := bufio.NewScanner(f)
	for s.Scan() {
		if strings.HasPrefix(s.Text(), "#") {
			continue
		}
		cols := strings.Split(s.Text(), "\t")
		code, _ := strconv.Atoi(cols[0])
		rows = append(rows, seedRow{code, cols[1], cols[2], cols[3]})
	}
	if len(rows) != 16 {
		t.Fatalf("%d seed rows, want 16", len(rows))
	}
	return rows
}

// Every row of the seed's error table decodes to an *APIError with the
// API's words verbatim, and is explained with the seed's own Chinese.
func TestSeedErrorTable(t *testing.T) {
	for _, row := range seedErrorRows(t) {
		t.Run(row.status+" "+row.message, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set(HeaderRequestID, "req-header")
				writeEnvelope(w, row.httpStatus, Envelope{RequestID: "req-body", Error: &ErrorBody{Code: row.httpStatus, Status: row.status, Message: row.message}})
			})
			c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 1}})
			_, err := c.CreateInstances(context.Background(), region, sampleCreate())
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v", err)
			}
			if ae.HTTPStatus != row.httpStatus || ae.Status != row.status || ae.Message != row.message || ae.RequestID != "req-body" || ae.NotJSON {
				t.Errorf("decoded %+v", ae)
			}
			x := Explain(err)
			if x.Chinese != row.chinese {
				t.Errorf("Chinese %q, want the seed's %q", x.Chinese, row.chinese)
			}
			if x.Summary.String() == "" || x.Next.String() == "" {
				t.Errorf("explanation %+v", x)
			}
			if !strings.Contains(x.Detail, row.status) || !strings.Contains(x.Detail, row.message) || !strings.Contains(x.Detail, "req-body") {
				t.Errorf("detail %q does not keep the API's words", x.Detail)
			}
		})
	}
}

func TestExplainNamesWhatTheMessageNames(t *testing.T) {
	for _, tc := range []struct {
		err      *APIError
		contains []string
	}{
		{NewAPIError(400, StatusFailedPrecond, "Disk type 'ssd.io1' is out of stock"), []string{"ssd.io1", "“ssd.io1”类型云硬盘已售罄。"}},
		{NewAPIError(400, StatusFailedPrecond, "Image constraints. Doesn't support instanceType 'g.n2.large'"), []string{"g.n2.large", "所选镜像不支持当前配置的实例规格'g.n2.large'。"}},
		{NewAPIError(404, StatusNotFound, "KeyPair 'ops' not found"), []string{"Key pair ops", "密钥不存在。", "region"}},
		{NewAPIError(400, StatusInvalidArg, "Parameter InstanceSpec.Name missing"), []string{"InstanceSpec.Name", "参数Name不可为空。"}},
		{NewAPIError(429, StatusQuotaExceeded, "Instance quota limit exceeded"), []string{"Lower the count", TicketURL}},
		{NewAPIError(429, StatusQuotaExceeded, "Volume quota limit exceeded"), []string{"cloud disk quota", "云硬盘配额不足。", TicketURL}},
		{NewAPIError(429, StatusQuotaExceeded, "Volume size quota limit exceeded"), []string{"capacity quota", "云硬盘容量配额不足。"}},
		{NewAPIError(429, StatusQuotaExceeded, "ElasticIp quota limit exceeded"), []string{"elastic IP quota", "弹性公网IP配额不足。", "without an elastic IP"}},
		{NewAPIError(400, StatusOutOfRange, "InstanceSpec.DataDisks[0].CloudDiskSpec.DiskSizeGB out of range"), []string{"数据盘容量超出允许范围。", "20 to 32000"}},
	} {
		x := Explain(tc.err)
		all := x.Summary.String() + " " + x.Chinese + " " + x.Next.String()
		for _, s := range tc.contains {
			if !strings.Contains(all, s) {
				t.Errorf("%s: explanation %+v lacks %q", tc.err.Message, x, s)
			}
		}
	}
}

func TestGatewayErrorsExplained(t *testing.T) {
	for _, tc := range []struct {
		err     *APIError
		chinese string
	}{
		{NewAPIError(401, StatusAccessError, MsgInvalidAccessKey), "AccessKey无效。"},
		{NewAPIError(401, StatusAccessError, MsgSignMismatch), "签名校验失败。"},
		{NewAPIError(401, StatusAccessError, MsgLackDate), "缺少必要的请求头。"},
		{NewAPIError(401, StatusAccessError, MsgLackNonce), "缺少必要的请求头。"},
		{NewAPIError(401, StatusAccessError, MsgDateSkew), "请求时间与服务器时间相差过大。"},
		{NewAPIError(401, StatusAccessError, MsgNonceReused), "请求重复（随机数已使用）。"},
		{NewAPIError(401, StatusAccessError, "something new"), "鉴权失败。"},
		{NewAPIError(401, "", "Unauthorized"), "鉴权失败。"},
		{NewAPIError(429, StatusRateLimit, "rate limit"), "请求过于频繁，已被限流。"},
		{NewAPIError(429, StatusHTTPRateLimit, "too many"), "请求过于频繁，已被限流。"},
		{NewAPIError(429, "", ""), "请求过于频繁，已被限流。"},
		{NewAPIError(403, "FORBIDDEN", "no"), "没有操作权限。"},
		{NewAPIError(503, "", "Service Unavailable"), "服务端错误，请稍后重试。"},
		{NewAPIError(400, StatusInvalidArg, "Invalid instanceType"), "参数错误。"},
	} {
		x := Explain(tc.err)
		if x.Chinese != tc.chinese || x.Summary.String() == "" || x.Next.String() == "" {
			t.Errorf("%d %s %q: %+v, want Chinese %q", tc.err.HTTPStatus, tc.err.Status, tc.err.Message, x, tc.chinese)
		}
	}
}

func TestNonJSONBody(t *testing.T) {
	const nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{502, nginx, "502 Bad Gateway"},
		{200, "<!DOCTYPE html><html><body>\n  Please   log in to the Wi-Fi  \n</body></html>", "Please log in to the Wi-Fi"},
		{403, "Forbidden by proxy\nsecond line", "Forbidden by proxy"},
		{500, strings.Repeat("x", 5000), strings.Repeat("x", maxNotJSONLineLength) + "…"},
		{502, "", ""},
	} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set(HeaderRequestID, "req-proxy")
			w.WriteHeader(tc.status)
			w.Write([]byte(tc.body))
		})
		c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 1}})
		_, err := c.DescribeKeypairs(context.Background(), region)
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("error %v", err)
		}
		if !ae.NotJSON || ae.HTTPStatus != tc.status || ae.Message != tc.want || ae.RequestID != "req-proxy" {
			t.Errorf("got %+v, want status %d message %q", ae, tc.status, tc.want)
		}
		if !strings.Contains(err.Error(), fmt.Sprint("HTTP ", tc.status)) {
			t.Errorf("error text %q", err)
		}
		if x := Explain(err); x.Chinese != "返回内容不是京东云API响应。" || !strings.Contains(x.Summary.String(), strconv.Itoa(tc.status)) {
			t.Errorf("explanation %+v", x)
		}
	}
}

func TestRequestIDFromHeaderWhenBodyHasNone(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set(HeaderRequestID, "req-from-header")
		writeEnvelope(w, 400, Envelope{Error: &ErrorBody{Code: 400, Status: StatusInvalidArg, Message: "Invalid password"}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	_, err := c.CreateInstances(context.Background(), region, sampleCreate())
	var ae *APIError
	if !errors.As(err, &ae) || ae.RequestID != "req-from-header" {
		t.Errorf("%+v", err)
	}
}

func TestErrorEnvelopeWithStatus200IsAnError(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeEnvelope(w, 200, Envelope{RequestID: "r", Error: &ErrorBody{Code: 400, Status: StatusInvalidArg, Message: "odd"}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	if _, err := c.DescribeKeypairs(context.Background(), region); err == nil || !strings.Contains(err.Error(), "odd") {
		t.Errorf("error %v", err)
	}
}

func TestSuccessWithoutResult(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeEnvelope(w, 200, Envelope{RequestID: "req-empty"})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	if _, err := c.DescribeInstanceTypes(context.Background(), region, ""); err == nil || !strings.Contains(err.Error(), "req-empty") {
		t.Errorf("error %v", err)
	}
}

func TestExplainTransportFailures(t *testing.T) {
	// Nothing listens on a closed server's port.
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := newTestClient(t, Config{Endpoint: url, Retry: RetryPolicy{MaxAttempts: 2}})
	_, err := c.DescribeKeypairs(context.Background(), region)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 2 {
		t.Fatalf("error %v", err)
	}
	if x := Explain(err); x.Chinese != "连接被拒绝。" || x.Kind != KindRefused {
		t.Errorf("refused: %+v", x)
	}

	dns := &TransportError{Method: "GET", URL: "https://coc-vm.jdcloud-api.com/v1/x", Attempts: 1, Err: &net.DNSError{Err: "no such host", Name: "coc-vm.jdcloud-api.com", IsNotFound: true}}
	if x := Explain(dns); x.Chinese != "域名解析失败。" || !strings.Contains(x.Summary.String(), "coc-vm.jdcloud-api.com") {
		t.Errorf("dns: %+v", x)
	}
	other := &TransportError{Method: "GET", URL: "https://h/x", Attempts: 5, Err: errors.New("connection reset by peer")}
	if x := Explain(other); x.Chinese != "网络连接失败。" || !strings.Contains(x.Next.String(), "clientToken") {
		t.Errorf("other: %+v", x)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newTestClient(t, Config{Endpoint: api.URL, Timeout: 50 * time.Millisecond, Retry: RetryPolicy{MaxAttempts: 1}})
	start := time.Now()
	_, err := c.DescribeKeypairs(context.Background(), region)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %s", took)
	}
	var te *TransportError
	if !errors.As(err, &te) || te.Timeout != 50*time.Millisecond {
		t.Fatalf("error %v", err)
	}
	if x := Explain(err); x.Chinese != "请求超时。" || !strings.Contains(x.Summary.String(), "in time") {
		t.Errorf("%+v", x)
	}
	if !strings.Contains(err.Error(), "within 50ms") {
		t.Errorf("error text %q", err)
	}
}

func TestExplainOtherErrors(t *testing.T) {
	if x := Explain(context.Canceled); x.Chinese != "操作已取消。" {
		t.Errorf("cancel %+v", x)
	}
	if x := Explain(fmt.Errorf("GET x: %w", context.DeadlineExceeded)); x.Chinese != "请求超时。" {
		t.Errorf("deadline %+v", x)
	}
	_, err := New(Config{AccessKey: "a", SecretKey: "s", Endpoint: "http://example.com"})
	if x := Explain(err); x.Chinese != "接入地址不可用。" || x.Kind != KindEndpoint {
		t.Errorf("endpoint %+v", x)
	}
	if x := Explain(errors.New("plain")); x.Summary.String() != "plain" || x.Detail != "plain" {
		t.Errorf("plain %+v", x)
	}
	if x := Explain(nil); !x.Summary.IsZero() || !x.Next.IsZero() || x.Detail != "" {
		t.Errorf("nil %+v", x)
	}
}

func FuzzDecodeResponse(f *testing.F) {
	f.Add(500, []byte(`{"requestId":"r","error":{"code":500,"status":"INTERNAL","message":"Internal server error"}}`))
	f.Add(200, []byte(`{"requestId":"r","result":{"instanceIds":["i-1"]}}`))
	f.Add(502, []byte("<html><title>502</title>"))
	f.Add(200, []byte("\xff\xfe<b>\xc3</b>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		result, _, err := decodeResponse(status, http.Header{}, body)
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("status %d decoded as success", status)
			}
			_ = result
			return
		}
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("error %T", err)
		}
		if ae.NotJSON {
			if !utf8.ValidString(ae.Message) || utf8.RuneCountInString(ae.Message) > maxNotJSONLineLength+1 || strings.ContainsAny(ae.Message, "\r\n") {
				t.Fatalf("first line %q", ae.Message)
			}
		}
		_ = Explain(err)
	})
}
