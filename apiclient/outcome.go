package apiclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"syscall"
)

// UnreadableResultError is a createInstances call that the API accepted
// (HTTP 200) but whose answer did not say which instances it created: the
// result could not be decoded, or named no instance. The instances exist;
// sending the same request again with the same clientToken returns their
// ids without creating more.
type UnreadableResultError struct {
	RequestID string
	// Err is the decoder's own error, for --debug; it is not part of Error.
	Err error
}

// Error says what a person needs to know, without the decoder's words.
func (e *UnreadableResultError) Error() string { return e.Text().String() }

// Text is Error for a person.
func (e *UnreadableResultError) Text() Text {
	if e.RequestID == "" {
		return T("the API accepted the request (request id none) but the ids of the instances could not be read from its answer")
	}
	return T("the API accepted the request (request id %s) but the ids of the instances could not be read from its answer", e.RequestID)
}

// Unwrap gives the decoder's error.
func (e *UnreadableResultError) Unwrap() error { return e.Err }

// OutcomeUnknown reports whether a create that failed with err may still
// have been carried out, so that any later submit must reuse its
// clientToken: no answer at all (after any attempt), a 5xx, a nonce refused
// as replayed, an interrupted call, or an accepted answer that could not be
// read. A definite refusal (a 4xx, 429 included, answered to the only
// attempt that reached the server) and a failure before anything was sent
// are not unknown.
func OutcomeUnknown(err error) bool {
	if err == nil {
		return false
	}
	var ur *UnreadableResultError
	var ea *earlierAttemptError
	var ae *APIError
	var te *TransportError
	switch {
	case errors.As(err, &ur), errors.As(err, &ea):
		return true
	case errors.As(err, &ae):
		return ae.HTTPStatus >= 500 || ae.IsNonceReplay()
	case errors.As(err, &te):
		// The first attempt failing before any contact sent nothing; after
		// several attempts an earlier one may have reached the server.
		return te.Attempts > 1 || !neverConnected(te.Err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return true
	}
	return false
}

// IsNonceReplay reports whether the gateway refused the request because its
// x-jdcloud-nonce had been seen before: the request was not carried out,
// and a new signature (new nonce) may be sent.
func (e *APIError) IsNonceReplay() bool { return isNonceRefusal(e) }

// neverConnected reports whether a transport error happened before any
// byte could reach the server: the name did not resolve, nothing listened,
// or TLS failed to verify.
func neverConnected(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED) || tlsUnverified(err)
}

// tlsUnverified reports whether the server's certificate could not be
// verified (a proxy intercepting HTTPS, a wrong host).
func tlsUnverified(err error) bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	return errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr)
}

// earlierAttemptError is the last error of a call of which an earlier
// attempt got no definite answer: even if the last attempt was refused, the
// earlier one may have been carried out.
type earlierAttemptError struct{ err error }

func (e *earlierAttemptError) Error() string { return e.err.Error() }

// markEarlier wraps a definite-looking last error when an earlier attempt
// of the same call may have been carried out.
func markEarlier(err error, ambiguous bool) error {
	if !ambiguous || OutcomeUnknown(err) {
		return err
	}
	return &earlierAttemptError{err}
}
func (e *earlierAttemptError) Unwrap() error { return e.err }

// IsTokenReused reports whether the API refused a create because its
// clientToken was already used with a different body. The first request
// with that token was received, so whatever it created may exist: the
// outcome of that first request stays unknown, and only the same body (the
// same password included) gets its answer.
func IsTokenReused(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus < 400 || ae.HTTPStatus >= 500 {
		return false
	}
	m := strings.ToLower(ae.Message)
	return strings.Contains(m, "clienttoken") && (strings.Contains(m, "different") || strings.Contains(m, "already"))
}
