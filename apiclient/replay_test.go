package apiclient

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// dropAnswer closes the connection after the request was read, as a lost
// answer looks to the client.
func dropAnswer(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
}

// A GET whose kept-alive connection dies before the answer must not be
// resent by net/http's Transport with the headers it was signed with: the
// gateway would refuse the second delivery as a replayed nonce. The only
// resend is the client's own attempt, signed afresh.
func TestDroppedAnswerOnKeptAliveConnectionIsSignedAgainNotReplayed(t *testing.T) {
	var mu sync.Mutex
	var conns []string // remote address of each request, in order
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		conns = append(conns, r.RemoteAddr)
		mu.Unlock()
		if n == 2 {
			dropAnswer(w)
			return
		}
		writeResult(w, "req-ok", DescribeKeypairsResult{Keypairs: []Keypair{{KeyName: "k"}}})
	})
	c := newTestClient(t, Config{Endpoint: api.URL, HTTPClient: &http.Client{Transport: &http.Transport{}}})
	for i := range 2 {
		if _, err := c.DescribeKeypairs(context.Background(), region); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests reached the server, want 3 (ok, dropped, its retry)", len(reqs))
	}
	if conns[1] != conns[0] {
		t.Fatalf("the dropped request did not go on the kept-alive connection (%s then %s): the test proves nothing", conns[0], conns[1])
	}
	seenNonce := map[string]int{}
	for i, r := range reqs {
		if first, dup := seenNonce[r.Verified.Nonce]; dup {
			t.Errorf("request %d repeats the nonce of request %d: it was replayed below the client with its old signature", i+1, first+1)
		}
		seenNonce[r.Verified.Nonce] = i
	}
	if w := c.recordedWaits(); len(w) != 1 {
		t.Errorf("waits %v: the retry should be the client's own, after one backoff", w)
	}
}

// A 401 "nonce already used" is answered to a delivery the gateway had seen
// before; the request itself was not refused. The next attempt signs again
// (new nonce, new date) and goes through, for reads and creates alike.
func TestNonceRefusalIsRetriedWithAFreshSignature(t *testing.T) {
	for _, call := range []struct {
		name string
		do   func(*testClient) error
	}{
		{"describeKeypairs", func(c *testClient) error { _, err := c.DescribeKeypairs(context.Background(), region); return err }},
		{"createInstances", func(c *testClient) error {
			_, err := c.CreateInstances(context.Background(), region, sampleCreate())
			return err
		}},
	} {
		t.Run(call.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					writeError(w, http.StatusUnauthorized, StatusAccessError, MsgNonceReused)
					return
				}
				if r.Method == http.MethodPost {
					writeResult(w, "req-ok", CreateInstancesResult{InstanceIDs: []string{"i-1"}})
					return
				}
				writeResult(w, "req-ok", DescribeKeypairsResult{})
			})
			c := newTestClient(t, Config{Endpoint: api.URL})
			if err := call.do(c); err != nil {
				t.Fatalf("a refused nonce was not retried: %v", err)
			}
			reqs := api.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d attempts, want 2", len(reqs))
			}
			if reqs[0].Verified.Nonce == reqs[1].Verified.Nonce {
				t.Errorf("the retry repeated the refused nonce %s", reqs[0].Verified.Nonce)
			}
			if reqs[0].Header.Get("Authorization") == reqs[1].Header.Get("Authorization") {
				t.Errorf("the retry repeated the refused signature")
			}
			if w := c.recordedWaits(); !slices.Equal(w, []time.Duration{DefaultBaseDelay}) {
				t.Errorf("waits %v, want one backoff", w)
			}
		})
	}
}

// A gateway that refuses every attempt as a replay does not get retried
// forever, and what comes back is not a refusal: a create refused this way
// may have been carried out by a delivery the client never heard about, so
// its outcome is unknown (no *APIError for callers to read as a definite
// 4xx), and a status poll refused this way may simply be asked again.
func TestNonceRefusedEveryTimeIsAnUnknownOutcomeNotARefusal(t *testing.T) {
	for _, call := range []struct {
		name, method string
		do           func(*testClient) error
	}{
		{"createInstances", http.MethodPost, func(c *testClient) error {
			_, err := c.CreateInstances(context.Background(), region, sampleCreate())
			return err
		}},
		{"describeInstanceStatus", http.MethodGet, func(c *testClient) error {
			_, err := c.DescribeInstanceStatus(context.Background(), region, []string{"i-1"})
			return err
		}},
	} {
		t.Run(call.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set(HeaderRequestID, "req-replay-"+strconv.Itoa(n))
				writeError(w, http.StatusUnauthorized, StatusAccessError, MsgNonceReused)
			})
			c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 3}})
			err := call.do(c)
			if err == nil {
				t.Fatal("no error")
			}
			reqs := api.requests()
			if len(reqs) != 3 {
				t.Fatalf("%d attempts, want the budget of 3", len(reqs))
			}
			nonces := map[string]bool{}
			for _, r := range reqs {
				nonces[r.Verified.Nonce] = true
			}
			if len(nonces) != 3 {
				t.Errorf("%d distinct nonces over 3 attempts", len(nonces))
			}
			var ae *APIError
			if errors.As(err, &ae) {
				t.Errorf("a nonce refusal came back as the API's answer (%v): callers would read it as a definite refusal", err)
			}
			if !OutcomeUnknown(err) {
				t.Errorf("OutcomeUnknown(%v) is false", err)
			}
			var te *TransportError
			if !errors.As(err, &te) || te.Attempts != 3 || te.Method != call.method {
				t.Fatalf("error %#v, want a *TransportError of 3 attempts", err)
			}
			// The API's words stay verbatim, with the last request id.
			for _, s := range []string{"401", StatusAccessError, MsgNonceReused, "req-err", "3 attempts"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
			x := Explain(err)
			if x.Chinese != "请求重复（随机数已使用）。" || !strings.Contains(x.Next.String(), "clientToken") || !strings.Contains(x.Summary.String(), "replay") {
				t.Errorf("explanation %+v", x)
			}
		})
	}
}

// Only a refused nonce is a reason to sign again: every other 401 is about
// the credentials or the clock and is returned at once, as the API's answer.
func TestOnly401NonceRefusalsAreRetried(t *testing.T) {
	for _, tc := range []struct {
		message string
		retried bool
	}{
		{MsgNonceReused, true},
		{"x-jdcloud-nonce is replayed", true},
		{"duplicate nonce", true},
		{"Nonce repeated", true},
		{MsgLackNonce, false},
		{MsgUnsignedDateNonce, false},
		{MsgSignMismatch, false},
		{MsgInvalidAccessKey, false},
		{MsgDateSkew, false},
	} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			writeError(w, http.StatusUnauthorized, StatusAccessError, tc.message)
		})
		c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 2}})
		_, err := c.DescribeKeypairs(context.Background(), region)
		want := 1
		if tc.retried {
			want = 2
		}
		if n := len(api.requests()); n != want {
			t.Errorf("%q: %d attempts, want %d", tc.message, n, want)
		}
		var ae *APIError
		if !tc.retried && (!errors.As(err, &ae) || ae.Message != tc.message) {
			t.Errorf("%q: error %v, want the API's answer", tc.message, err)
		}
	}
	// The same words with another status are not the gateway's replay check.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeError(w, http.StatusBadRequest, StatusInvalidArg, MsgNonceReused)
	})
	c := newTestClient(t, Config{Endpoint: api.URL, Retry: RetryPolicy{MaxAttempts: 2}})
	if _, err := c.DescribeKeypairs(context.Background(), region); err == nil || len(api.requests()) != 1 {
		t.Errorf("a 400 naming the nonce was retried (%d attempts, %v)", len(api.requests()), err)
	}
}

// rawRequest is one request as it came off the wire: the header block and
// whatever followed it before the client waited for the answer.
type rawRequest struct {
	head string
	body []byte
}

// rawServer answers every request 200 with an empty success envelope and
// keeps the bytes each request arrived as. It reads the body by the
// Content-Length header only, so a chunked body would show up in the next
// request's head (and fail the test that reads it).
func rawServer(t *testing.T) (string, func() []rawRequest) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []rawRequest
	var conns []net.Conn
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			wg.Go(func() {
				serveRaw(conn, func(r rawRequest) {
					mu.Lock()
					got = append(got, r)
					mu.Unlock()
				})
			})
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return "http://" + ln.Addr().String(), func() []rawRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]rawRequest(nil), got...)
	}
}

// serveRaw reads requests off conn one after the other until it closes.
func serveRaw(conn net.Conn, keep func(rawRequest)) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		var head strings.Builder
		for {
			line, err := br.ReadString('\n')
			head.WriteString(line)
			if err != nil {
				return
			}
			if line == "\r\n" {
				break
			}
		}
		r := rawRequest{head: head.String()}
		const field = "\r\ncontent-length: "
		if m := strings.Index(strings.ToLower(r.head), field); m >= 0 {
			v, _, _ := strings.Cut(r.head[m+len(field):], "\r\n")
			n, _ := strconv.Atoi(v)
			r.body = make([]byte, n)
			if _, err := io.ReadFull(br, r.body); err != nil {
				return
			}
		}
		keep(r)
		const answer = `{"requestId":"req-raw","result":{"instanceIds":["i-1"],"keypairs":[]}}`
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "+strconv.Itoa(len(answer))+"\r\n\r\n"+answer)
	}
}

// Making signed requests unreplayable must not change what is sent: a GET
// still goes out with no body, no Content-Length and no chunked encoding,
// and a create with its Content-Length and exactly its bytes.
func TestSignedRequestsGoOutAsPlainRequests(t *testing.T) {
	url, got := rawServer(t)
	c := newTestClient(t, Config{Endpoint: url, HTTPClient: &http.Client{Transport: &http.Transport{}}, Retry: RetryPolicy{MaxAttempts: 1}})
	for range 3 { // the second and third on the kept-alive connection
		if _, err := c.DescribeKeypairs(context.Background(), region); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.CreateInstances(context.Background(), region, sampleCreate()); err != nil {
		t.Fatal(err)
	}
	reqs := got()
	if len(reqs) != 4 {
		t.Fatalf("%d requests read, want 4: a body the reader did not expect was taken for a request", len(reqs))
	}
	for i, r := range reqs[:3] {
		head := strings.ToLower(r.head)
		if !strings.HasPrefix(r.head, "GET /v1/regions/"+region+"/keypairs") {
			t.Errorf("GET %d: head %q", i+1, r.head)
		}
		for _, h := range []string{"content-length:", "transfer-encoding:"} {
			if strings.Contains(head, "\r\n"+h) {
				t.Errorf("GET %d carries %s:\n%s", i+1, h, r.head)
			}
		}
	}
	post := reqs[3]
	if !strings.HasPrefix(post.head, "POST ") || strings.Contains(strings.ToLower(post.head), "transfer-encoding") {
		t.Fatalf("create head %q", post.head)
	}
	if len(post.body) == 0 || !strings.Contains(string(post.body), `"clientToken":"cocvm-`) {
		t.Errorf("create body %q", post.body)
	}
}
