package apiclient

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// JD Cloud signature version 2 (JDCLOUD2-HMAC-SHA256), as described in
// section 3 of reference/jdcloud-api.md and implemented by JD Cloud's SDKs.

// Names used by the signature.
const (
	// Algorithm is the scheme name that opens the Authorization header.
	Algorithm = "JDCLOUD2-HMAC-SHA256"
	// HeaderDate carries the signing time, UTC, in DateFormat.
	HeaderDate = "x-jdcloud-date"
	// HeaderNonce carries a fresh UUID v4 per request.
	HeaderNonce = "x-jdcloud-nonce"
	// HeaderRequestID is the response header holding the request id.
	HeaderRequestID = "x-jdcloud-request-id"
	// DateFormat is the layout of x-jdcloud-date.
	DateFormat = "20060102T150405Z"

	dayFormat   = "20060102"
	scopeSuffix = "jdcloud2_request"
	keyPrefix   = "JDCLOUD2"
)

// emptyBodyHash is the SHA-256 of nothing, the last canonical line of every GET.
const emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// unsignedHeaders are never part of a signature: Authorization carries it,
// and proxies are free to rewrite User-Agent. The official Go SDK skips the
// same three.
var unsignedHeaders = map[string]bool{
	"authorization":        true,
	"user-agent":           true,
	"x-jdcloud-request-id": true,
}

// Sign signs req in place: it sets x-jdcloud-date (from now) and
// x-jdcloud-nonce, then the Authorization header. Every header present in
// req.Header is signed except Authorization, User-Agent and
// x-jdcloud-request-id; "host" is signed when req.Header has a Host entry
// (net/http never writes that entry, so setting it only asks for the host to
// be signed; the value signed is the host actually sent). body must be the
// exact bytes that will be sent.
func Sign(req *http.Request, body []byte, cred Credentials, region, service string, now time.Time, nonce string) error {
	if cred.AccessKey == "" || cred.SecretKey == "" {
		return Errorf("apiclient: cannot sign: access key or secret key is empty")
	}
	if region == "" || service == "" {
		return Errorf("apiclient: cannot sign: region and service are required")
	}
	if nonce == "" {
		return Errorf("apiclient: cannot sign: empty nonce")
	}
	date := now.UTC().Format(DateFormat)
	req.Header.Set(HeaderDate, date)
	req.Header.Set(HeaderNonce, nonce)
	req.Header.Del("Authorization")

	signed := SignedHeaderNames(req)
	canonical := CanonicalRequest(req, body, signed)
	sts := StringToSign(date, region, service, canonical)
	key := SigningKey(cred.SecretKey, date[:8], region, service)
	req.Header.Set("Authorization", AuthorizationHeader(cred.AccessKey, date[:8], region, service, signed, Signature(key, sts)))
	return nil
}

// SignedHeaderNames lists, lower case and sorted, the headers Sign signs for
// req.
func SignedHeaderNames(req *http.Request) []string {
	names := make([]string, 0, len(req.Header))
	for name := range req.Header {
		lower := strings.ToLower(name)
		if !unsignedHeaders[lower] {
			names = append(names, lower)
		}
	}
	sort.Strings(names)
	return names
}

// CanonicalRequest builds the six-line canonical request of section 3 for
// the given signed header names (any case, any order).
func CanonicalRequest(req *http.Request, body []byte, signedHeaders []string) string {
	names := normaliseNames(signedHeaders)
	var b strings.Builder
	b.WriteString(strings.ToUpper(req.Method))
	b.WriteByte('\n')
	b.WriteString(CanonicalPath(req.URL.Path))
	b.WriteByte('\n')
	b.WriteString(CanonicalQuery(req.URL.RawQuery))
	b.WriteByte('\n')
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(canonicalHeaderValue(headerValue(req, name)))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(names, ";"))
	b.WriteByte('\n')
	b.WriteString(hashHex(body))
	return b.String()
}

// StringToSign builds the string to sign from the full x-jdcloud-date value
// and the canonical request.
func StringToSign(date, region, service, canonicalRequest string) string {
	day := date
	if len(day) > 8 {
		day = day[:8]
	}
	return Algorithm + "\n" + date + "\n" + scope(day, region, service) + "\n" + hashHex([]byte(canonicalRequest))
}

// SigningKey derives the binary signing key for one day (yyyymmdd), region
// and service.
func SigningKey(secret, day, region, service string) []byte {
	k := hmacSHA256([]byte(keyPrefix+secret), day)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, scopeSuffix)
}

// Signature is the lower-case hex HMAC of the string to sign.
func Signature(signingKey []byte, stringToSign string) string {
	return hex.EncodeToString(hmacSHA256(signingKey, stringToSign))
}

// AuthorizationHeader formats the Authorization header value.
func AuthorizationHeader(accessKey, day, region, service string, signedHeaders []string, signature string) string {
	return Algorithm + " Credential=" + accessKey + "/" + scope(day, region, service) +
		", SignedHeaders=" + strings.Join(normaliseNames(signedHeaders), ";") +
		", Signature=" + signature
}

// CanonicalPath percent-encodes a decoded URL path per RFC 3986, keeping
// "/"; the empty path is "/".
func CanonicalPath(path string) string {
	if path == "" {
		return "/"
	}
	return escape(path, true)
}

// CanonicalQuery sorts a raw query by name then value and re-encodes both
// per RFC 3986 ("/" as %2F, space as %20). Escapes that do not decode (a
// bare "%") are taken literally, so "o=%" becomes "o=%25". "+" is a literal
// plus: the client never sends form-encoded spaces.
func CanonicalQuery(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	type pair struct{ name, value string }
	pairs := make([]pair, 0, strings.Count(rawQuery, "&")+1)
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		pairs = append(pairs, pair{escape(unescapeLenient(name), false), escape(unescapeLenient(value), false)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].name != pairs[j].name {
			return pairs[i].name < pairs[j].name
		}
		return pairs[i].value < pairs[j].value
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
	return b.String()
}

func scope(day, region, service string) string {
	return day + "/" + region + "/" + service + "/" + scopeSuffix
}

func normaliseNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(strings.TrimSpace(n))
	}
	sort.Strings(out)
	return out
}

// headerValue returns what the server will see for a header: the host is
// not in req.Header on either side of the wire, so it comes from the request.
func headerValue(req *http.Request, name string) string {
	if name == "host" {
		if req.Host != "" {
			return req.Host
		}
		return req.URL.Host
	}
	return strings.Join(req.Header.Values(name), ",")
}

// canonicalHeaderValue trims a value and collapses inner runs of spaces.
func canonicalHeaderValue(v string) string {
	v = strings.TrimSpace(v)
	if !strings.Contains(v, "  ") {
		return v
	}
	return strings.Join(strings.Fields(v), " ")
}

func unescapeLenient(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

const upperHex = "0123456789ABCDEF"

func unreserved(c byte, keepSlash bool) bool {
	switch {
	case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return true
	case c == '-', c == '.', c == '_', c == '~':
		return true
	case c == '/':
		return keepSlash
	}
	return false
}

func escape(s string, keepSlash bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i], keepSlash) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c, keepSlash) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&15])
	}
	return string(b)
}

func hashHex(b []byte) string {
	if len(b) == 0 {
		return emptyBodyHash
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}
