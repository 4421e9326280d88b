package apiclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Envelope is the JSON wrapper of every JD Cloud OpenAPI response: result on
// success, error on failure.
type Envelope struct {
	RequestID string          `json:"requestId"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *ErrorBody      `json:"error,omitempty"`
}

// ErrorBody is the error object of the envelope; Code repeats the HTTP
// status as a number.
type ErrorBody struct {
	Code    int    `json:"code"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Statuses (the envelope's error.status) the client treats specially.
const (
	StatusAccessError    = "ACCESS_ERROR"
	StatusRateLimit      = "RATE_LIMIT"
	StatusHTTPRateLimit  = "HTTP_RATE_LIMIT_EXCEEDED"
	StatusQuotaExceeded  = "QUOTA_EXCEEDED"
	StatusInvalidArg     = "INVALID_ARGUMENT"
	StatusFailedPrecond  = "FAILED_PRECONDITION"
	StatusOutOfRange     = "OUT_OF_RANGE"
	StatusConflict       = "CONFLICT"
	StatusNotFound       = "NOT_FOUND"
	StatusInternal       = "INTERNAL"
	StatusUnknown        = "UNKNOWN"
	maxNotJSONLineLength = 200
)

// APIError is a failure answered by the API (or something in front of it).
// Status and Message are the API's own words, verbatim.
type APIError struct {
	HTTPStatus int
	Status     string // the envelope's error.status, e.g. "INVALID_ARGUMENT"
	Message    string // the envelope's error.message, or the first line of a non-JSON body
	RequestID  string // from the envelope or the x-jdcloud-request-id header
	// NotJSON is set when the body was not the JD Cloud envelope (a proxy's
	// HTML page, say); Message then holds the body's first line of text.
	NotJSON bool
	// RetryAfter is the wait the server asked for (Retry-After), if any.
	RetryAfter time.Duration
}

// Error keeps the API's status and message verbatim.
func (e *APIError) Error() string { return e.Text().String() }

// Text is Error for a person: the API's status and message as they are,
// cocvm's own words in the person's language.
func (e *APIError) Text() Text {
	var t Text
	switch {
	case e.NotJSON && e.Message != "":
		t = T("HTTP %d with a body that is not a JD Cloud API response: %s", e.HTTPStatus, e.Message)
	case e.NotJSON:
		t = T("HTTP %d with a body that is not a JD Cloud API response", e.HTTPStatus)
	default:
		// Nothing but the API's words.
		var b strings.Builder
		fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
		if e.Status != "" {
			fmt.Fprintf(&b, " %s", e.Status)
		}
		if e.Message != "" {
			fmt.Fprintf(&b, ": %s", e.Message)
		}
		t = T("%s", b.String())
	}
	if e.RequestID != "" {
		t = T("%s (request id %s)", t, e.RequestID)
	}
	return t
}

// NewAPIError builds the error a server would answer, e.g. for the sandbox:
// NewAPIError(401, StatusAccessError, "Invalid accessKey").
func NewAPIError(httpStatus int, status, message string) *APIError {
	return &APIError{HTTPStatus: httpStatus, Status: status, Message: message}
}

// IsRateLimit reports whether e asks the caller to slow down (429 that is not
// a quota failure); such errors are retried.
func (e *APIError) IsRateLimit() bool {
	return e.HTTPStatus == http.StatusTooManyRequests && e.Status != StatusQuotaExceeded
}

// IsNotFound reports whether err is an APIError with HTTP status 404.
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.HTTPStatus == http.StatusNotFound
}

// nonceRefusalPattern matches a gateway's words for a nonce it has seen
// before: the sandbox's MsgNonceReused ("x-jdcloud-nonce has already been
// used") and the other wordings a gateway may use (replayed, repeated,
// duplicate). "lack of header x-jdcloud-nonce" is not one of them.
var nonceRefusalPattern = regexp.MustCompile(`(?i)nonce.*(already|used|replay|repeat|duplicat)|(duplicat|repeat|replay).*nonce`)

// isNonceRefusal reports whether e is the gateway refusing a delivery whose
// x-jdcloud-nonce it had seen: a 401 about the nonce, not about the
// credentials or the request. Signing again, with a new nonce, answers it.
func isNonceRefusal(e *APIError) bool {
	return e.HTTPStatus == http.StatusUnauthorized && nonceRefusalPattern.MatchString(e.Message)
}

// replayRefusal is the Err of a *TransportError for a call whose last
// attempt the gateway refused as a replayed nonce (see finalError). It
// keeps the gateway's answer for its words but deliberately does not
// unwrap to it: errors.As must not find an *APIError, which callers read
// as a definite refusal.
type replayRefusal struct{ answer *APIError }

func (e *replayRefusal) Error() string { return e.Text().String() }

// Text is Error for a person.
func (e *replayRefusal) Text() Text {
	return T("the gateway refused it as a replay of an earlier delivery although it was signed afresh: %v", e.answer)
}

// decodeResponse turns a response into the result bytes or an *APIError.
// header is the response header; data the whole body.
func decodeResponse(status int, header http.Header, data []byte) (json.RawMessage, string, error) {
	requestID := header.Get(HeaderRequestID)
	var env Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, requestID, &APIError{HTTPStatus: status, Message: firstLine(data), RequestID: requestID, NotJSON: true}
	}
	if env.RequestID != "" {
		requestID = env.RequestID
	}
	if env.Error != nil {
		return nil, requestID, &APIError{HTTPStatus: status, Status: env.Error.Status, Message: env.Error.Message, RequestID: requestID}
	}
	if status < 200 || status > 299 {
		// A JSON body without the error object: keep what HTTP says.
		return nil, requestID, &APIError{HTTPStatus: status, Message: http.StatusText(status), RequestID: requestID}
	}
	return env.Result, requestID, nil
}

var (
	tagPattern   = regexp.MustCompile(`<[^>]*>`)
	spacePattern = regexp.MustCompile(`\s+`)
)

// firstLine returns the first line of text of a body that is not JSON. An
// HTML page's first line is usually "<html>", so tags are dropped first and
// the first line with text in it wins ("502 Bad Gateway" for nginx).
func firstLine(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	text := tagPattern.ReplaceAllString(string(data), "\n")
	line := ""
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	if line == "" {
		// Nothing but markup: show the raw first line rather than nothing.
		raw, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		line = strings.TrimSpace(raw)
	}
	line = strings.ToValidUTF8(spacePattern.ReplaceAllString(line, " "), "?")
	if r := []rune(line); len(r) > maxNotJSONLineLength {
		line = string(r[:maxNotJSONLineLength]) + "…"
	}
	return line
}

// TransportError is a request that got no answer saying what became of
// it: the connection failed, the per-attempt timeout expired, or the
// gateway kept refusing the attempts as replays of a nonce it had seen
// (Error then quotes its answer). A create that ends so may have been
// carried out all the same; OutcomeUnknown says when.
type TransportError struct {
	Method   string
	URL      string
	Attempts int
	// Timeout is set when the last attempt ran out of time.
	Timeout time.Duration
	Err     error
}

// Error says where the request went and why it got no answer.
func (e *TransportError) Error() string { return e.Text().String() }

// Text is Error for a person: cocvm's words in the person's language, the
// network's own as they are.
func (e *TransportError) Text() Text {
	what := T("no answer")
	var rr *replayRefusal
	switch {
	case e.Timeout > 0:
		what = T("no answer within %s", e.Timeout)
	case errors.As(e.Err, &rr):
		what = T("no usable answer")
	}
	if e.Attempts > 1 {
		return T("%s %s: %s after %d attempts: %v", e.Method, e.URL, what, e.Attempts, e.Err)
	}
	return T("%s %s: %s: %v", e.Method, e.URL, what, e.Err)
}

// Unwrap exposes the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// EndpointError is a configuration the client refuses to use, such as a
// plain-HTTP endpoint that is not on this machine.
type EndpointError struct {
	URL    string
	Reason Text
}

// Error names the endpoint and the reason.
func (e *EndpointError) Error() string { return e.Text().String() }

// Text is Error for a person.
func (e *EndpointError) Text() Text { return T("endpoint %s: %s", e.URL, e.Reason) }
