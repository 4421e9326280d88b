// Package apiclient is cocvm's JD Cloud OpenAPI client for COC-VM: the
// wire types, the JDCLOUD2-HMAC-SHA256 signer and its verifier, one Client
// method per call, the error envelope as *APIError with Explain for people,
// retries, credentials (environment and JD Cloud CLI profiles) and the
// built-in region catalogue.
//
// Retries never create twice: CreateInstances always sends a clientToken and
// re-sends the very same body bytes, and it is the token, not the client,
// that makes a re-sent create safe.
//
// The package imports nothing else of cocvm.
package apiclient
