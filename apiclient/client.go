package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/google/uuid"
)

// DefaultTimeout bounds one HTTP attempt.
const DefaultTimeout = 20 * time.Second

// DefaultUserAgent is sent when Config.UserAgent is empty.
const DefaultUserAgent = "cocvm"

// maxResponseBytes bounds what is read of one response.
const maxResponseBytes = 16 << 20

// Config configures a Client. Only AccessKey and SecretKey are required.
type Config struct {
	AccessKey string
	SecretKey string
	// Endpoint sends every service to one base URL, as JD Cloud's CLI does
	// (e.g. "https://www.jdcloud-api.com", or the sandbox's
	// "http://127.0.0.1:8089"); services are then told apart by the service
	// name in the signature. A bare host means https.
	Endpoint string
	// Hosts overrides the base URL per service (wins over Endpoint).
	Hosts ServiceHosts
	// Services overrides the signed service names.
	Services ServiceNames
	// Insecure allows plain http:// to hosts other than this machine.
	Insecure bool
	// Timeout bounds each attempt (DefaultTimeout when 0).
	Timeout time.Duration
	// HTTPClient sends the requests; nil means a client that does not
	// follow redirects (a redirected signed request cannot verify).
	HTTPClient *http.Client
	// Debug, when set, receives one line per HTTP exchange: method, URL,
	// status, duration, request id, attempt. Never headers or bodies.
	Debug io.Writer
	// UserAgent is sent as User-Agent, e.g. "cocvm/1.2.0" (not signed).
	UserAgent string
	// Retry bounds retries; the zero value means the defaults.
	Retry RetryPolicy
}

// String describes the configuration with the secret key masked.
func (c Config) String() string {
	return fmt.Sprintf("{Credentials:%v Endpoint:%q Hosts:%+v Services:%+v Insecure:%t Timeout:%s UserAgent:%q Retry:%+v}",
		Credentials{c.AccessKey, c.SecretKey}, c.Endpoint, c.Hosts, c.Services, c.Insecure, c.Timeout, c.UserAgent, c.Retry)
}

// GoString masks the secret key for %#v too.
func (c Config) GoString() string { return "apiclient.Config" + c.String() }

// Client calls the COC-VM, quota and VPC APIs. It is safe for concurrent use.
type Client struct {
	cred      Credentials
	vm        endpoint
	quota     endpoint
	vpc       endpoint
	http      *http.Client
	timeout   time.Duration
	debug     io.Writer
	userAgent string
	retry     RetryPolicy

	// Seams for tests: the clock, the wait between attempts and the jitter.
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
	jitter func(time.Duration) time.Duration
}

// New checks cfg and builds a Client. Plain-HTTP endpoints that are not
// loopback are refused with an *EndpointError unless cfg.Insecure.
func New(cfg Config) (*Client, error) {
	cred := Credentials{AccessKey: cfg.AccessKey, SecretKey: cfg.SecretKey}
	if !cred.Complete() {
		return nil, Errorf("apiclient: access key and secret key are both required")
	}
	c := &Client{
		cred:      cred,
		http:      cfg.HTTPClient,
		timeout:   cfg.Timeout,
		debug:     cfg.Debug,
		userAgent: cfg.UserAgent,
		retry:     cfg.Retry.withDefaults(),
		now:       time.Now,
		sleep:     SleepContext,
		jitter:    fullJitter,
	}
	var err error
	if c.vm, err = resolveEndpoint(cfg.Hosts.VM, cfg.Endpoint, DefaultVMHost, cfg.Services.VM, DefaultVMService, cfg.Insecure); err != nil {
		return nil, err
	}
	if c.quota, err = resolveEndpoint(cfg.Hosts.Quota, cfg.Endpoint, DefaultQuotaHost, cfg.Services.Quota, DefaultQuotaService, cfg.Insecure); err != nil {
		return nil, err
	}
	if c.vpc, err = resolveEndpoint(cfg.Hosts.VPC, cfg.Endpoint, DefaultVPCHost, cfg.Services.VPC, DefaultVPCService, cfg.Insecure); err != nil {
		return nil, err
	}
	if c.http == nil {
		c.http = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	return c, nil
}

// request is one API call before it is sent.
type request struct {
	api    endpoint
	method string
	region string
	path   string // after /v1/regions/{region}
	query  query
	body   []byte // marshalled once; every attempt sends these bytes
}

// response is a successful call.
type response struct {
	result    json.RawMessage
	requestID string
}

var regionPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// do sends r, retrying under the policy, and returns the result of the
// success envelope or the last error.
func (c *Client) do(ctx context.Context, r request) (response, error) {
	if !regionPattern.MatchString(r.region) {
		return response{}, Errorf("invalid region id %q: expected lower-case letters, digits and '-', e.g. cn-hongkong-11", r.region)
	}
	u := r.api.url(r.region, r.path, r.query)
	start := c.now()
	var last error
	// ambiguous: an earlier attempt may have been carried out (no answer,
	// or a 5xx). A later refusal then does not say that nothing happened.
	ambiguous := false
	pacer := pacerFrom(ctx)
	for attempt := 1; ; attempt++ {
		if pacer != nil {
			if err := pacer.Wait(ctx); err != nil {
				return response{}, Errorf("%s %s: %v", r.method, u, err)
			}
		}
		resp, err := c.attempt(ctx, r, u.String(), attempt)
		if err == nil {
			return resp, nil
		}
		last = err
		var limited *APIError
		if t, ok := pacer.(Throttler); ok && errors.As(err, &limited) && limited.IsRateLimit() {
			t.Throttled(limited.RetryAfter)
		}
		if ctx.Err() != nil {
			return response{}, Errorf("%s %s: %v", r.method, u, ctx.Err())
		}
		if !retryable(err) || attempt >= c.retry.MaxAttempts {
			return response{}, markEarlier(finalError(last, r.method, u.String(), attempt), ambiguous)
		}
		ambiguous = ambiguous || OutcomeUnknown(err)
		wait := c.jitter(c.retry.backoffCeiling(attempt))
		var ae *APIError
		if errors.As(err, &ae) && ae.RetryAfter > 0 {
			wait = ae.RetryAfter
		}
		if c.now().Sub(start)+wait > c.retry.MaxElapsed {
			return response{}, markEarlier(finalError(last, r.method, u.String(), attempt), ambiguous)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return response{}, Errorf("%s %s: %v", r.method, u, err)
		}
	}
}

// attempt sends one signed HTTP request with its own timeout and nonce.
func (c *Client) attempt(ctx context.Context, r request, rawURL string, attempt int) (response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(actx, r.method, rawURL, nil)
	if err != nil {
		return response{}, Errorf("build request: %v", err)
	}
	req.Body, req.ContentLength = unreplayableBody(r.method, r.body)
	req.GetBody = nil // a GetBody would let the Transport rewind and resend
	req.Header.Set("Content-Type", "application/json")
	// Present only so the signer signs the host (net/http never writes it).
	req.Header.Set("Host", req.URL.Host)
	if err := Sign(req, r.body, c.cred, r.region, r.api.service, c.now(), uuid.NewString()); err != nil {
		return response{}, err
	}
	req.Header.Set("User-Agent", c.userAgent)

	began := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		te := &TransportError{Method: r.method, URL: rawURL, Attempts: attempt, Err: unwrapURLError(err)}
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			te.Timeout = c.timeout
		}
		c.logExchange(r.method, rawURL, "error: "+te.Err.Error(), time.Since(began), "", attempt)
		return response{}, te
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		te := &TransportError{Method: r.method, URL: rawURL, Attempts: attempt, Err: Errorf("reading the response: %v", err)}
		if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			te.Timeout = c.timeout
		}
		c.logExchange(r.method, rawURL, fmt.Sprintf("%d, body cut short", resp.StatusCode), time.Since(began), resp.Header.Get(HeaderRequestID), attempt)
		return response{}, te
	}
	result, requestID, err := decodeResponse(resp.StatusCode, resp.Header, data)
	c.logExchange(r.method, rawURL, fmt.Sprint(resp.StatusCode), time.Since(began), requestID, attempt)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), c.now()); ok {
				ae.RetryAfter = d
			}
		}
		return response{}, err
	}
	return response{result: result, requestID: requestID}, nil
}

// unreplayableBody returns the body of a signed request and its length, in
// a form net/http's Transport never resends by itself.
//
// The Transport resends a request below this client, on a new connection,
// when a kept-alive one dies before the answer (Transport.roundTrip,
// persistConn.shouldRetryRequest): a GET, HEAD, OPTIONS or TRACE whose Body
// is nil or http.NoBody or has a GetBody (Request.isReplayable), and any
// request of which not a byte was written, if its body is empty or has a
// GetBody. It resends the same headers, so the same x-jdcloud-date and x-jdcloud-nonce,
// and a gateway that saw the first delivery refuses the second as a replay
// (issue 9). With a Body that is neither nil nor http.NoBody and no GetBody,
// the Transport resends, over HTTP/1 and HTTP/2 alike, only what never left
// this machine; every other resend is an attempt of Client.do, signed
// afresh. The cost is an attempt of the budget (and a backoff) where the
// Transport would have resent at once.
//
// What goes on the wire does not change. A body-less GET gets an empty
// reader with ContentLength 0 ("unknown"): the Transport reads it once,
// finds it empty, and sends no body, no Content-Length and no chunked
// encoding, as for http.NoBody (transferWriter.probeRequestBody). (Only if
// that read took over 200 ms would it fall back to an empty chunked body;
// over HTTP/2 the empty body is an empty final DATA frame. Neither changes
// the body or the signature.) A POST keeps its exact bytes and
// Content-Length. A body-less POST, which this client does not send, keeps
// http.NoBody, which would otherwise turn into a chunked body: the
// Transport never resends a POST that reached the wire.
func unreplayableBody(method string, body []byte) (io.ReadCloser, int64) {
	switch {
	case len(body) > 0:
		return io.NopCloser(bytes.NewReader(body)), int64(len(body))
	case method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions:
		// The methods the Transport both resends and probes (TRACE, which
		// it resends but would send chunked, is never signed here).
		return emptyBody{}, 0
	}
	return http.NoBody, 0
}

// emptyBody is a body without bytes that is not http.NoBody: see
// unreplayableBody.
type emptyBody struct{}

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (emptyBody) Close() error             { return nil }

// finalError is what do returns when it stops after err on attempt n. A
// 401 for a nonce already used (retried like a 5xx while the budget lasts,
// each attempt signed afresh) is the gateway refusing a delivery it had
// seen, not the API's answer to the request: returned as an *APIError it
// would read as a definite refusal, while the create it refused may have
// been carried out by an earlier delivery. It becomes a *TransportError,
// whose outcome is unknown, with the gateway's words kept.
func finalError(err error, method, rawURL string, n int) error {
	var ae *APIError
	if errors.As(err, &ae) && isNonceRefusal(ae) {
		return &TransportError{Method: method, URL: rawURL, Attempts: n, Err: &replayRefusal{answer: ae}}
	}
	return err
}

// unwrapURLError drops *url.Error's "Get \"https://...\":" prefix: the
// TransportError already names the method and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// logExchange writes the one debug line of an HTTP exchange. It never sees
// headers or bodies, so it cannot print Authorization, keys or passwords.
func (c *Client) logExchange(method, rawURL, status string, took time.Duration, requestID string, attempt int) {
	if c.debug == nil {
		return
	}
	if requestID == "" {
		requestID = "-"
	}
	fmt.Fprintf(c.debug, "http: %s %s -> %s in %dms request-id=%s attempt=%d/%d\n",
		method, rawURL, status, took.Milliseconds(), requestID, attempt, c.retry.MaxAttempts)
}

// decodeResult unmarshals the result object of a success envelope.
func decodeResult(resp response, into any) error {
	if len(resp.result) == 0 || string(resp.result) == "null" {
		return Errorf("response without a result (request id %s)", resp.requestID)
	}
	if err := json.Unmarshal(resp.result, into); err != nil {
		return Errorf("decode result (request id %s): %v", resp.requestID, err)
	}
	return nil
}
