package apiclient

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how often and how long a call is retried. The zero value
// means the defaults: 5 attempts, 500 ms base delay, 10 s cap per wait, 60 s
// in all.
//
// Only failures that may pass are retried: no answer at all (connection
// failed, attempt timed out), HTTP 5xx, 429 rate limiting (a 429
// QUOTA_EXCEEDED is not retried: waiting does not raise a quota), and a 401
// refusing the nonce as already used (the gateway saw that delivery before;
// every attempt is signed again, with a new nonce and date). Every other
// 4xx is returned at once.
//
// Retrying CreateInstances is safe only because every attempt carries the
// same clientToken and the same body bytes: a create that reached the server
// but whose answer was lost is answered again from the token instead of
// creating a second batch.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too; 1 disables retries.
	MaxAttempts int
	// BaseDelay is the first backoff ceiling; it doubles per attempt, and
	// each wait is drawn uniformly from [0, ceiling) ("full jitter").
	BaseDelay time.Duration
	// MaxDelay caps the backoff ceiling (not a server's Retry-After).
	MaxDelay time.Duration
	// MaxElapsed bounds the whole call, waits included: no retry starts
	// (and no Retry-After is waited for) beyond it.
	MaxElapsed time.Duration
}

// Defaults of RetryPolicy.
const (
	DefaultMaxAttempts = 5
	DefaultBaseDelay   = 500 * time.Millisecond
	DefaultMaxDelay    = 10 * time.Second
	DefaultMaxElapsed  = 60 * time.Second
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = DefaultMaxElapsed
	}
	return p
}

// backoffCeiling is BaseDelay * 2^(attempt-1), capped at MaxDelay; attempt
// is the number of the attempt that just failed (1-based).
func (p RetryPolicy) backoffCeiling(attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// fullJitter draws a wait uniformly from [0, ceiling).
func fullJitter(ceiling time.Duration) time.Duration {
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling)
}

// retryable reports whether a failed attempt may be tried again.
func retryable(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatus >= 500 || ae.IsRateLimit() || isNonceRefusal(ae)
	}
	return false
}

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date
// (relative to now). ok is false when the value is absent or unreadable; a
// date in the past gives 0.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// SleepContext waits d or until ctx is done, whichever comes first, and
// returns ctx's error when it ended first: the one wait of the client's
// retries and of every caller that polls.
func SleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
