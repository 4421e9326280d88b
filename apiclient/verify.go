package apiclient

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// MaxClockSkew is how far x-jdcloud-date may be from the server's clock, and
// how long a NonceCache remembers a nonce.
const MaxClockSkew = 15 * time.Minute

// Gateway messages of 401 ACCESS_ERROR answers.
const (
	MsgLackAuthorization = "lack of header authorization"
	MsgBadAuthorization  = "invalid authorization header"
	MsgInvalidAccessKey  = "Invalid accessKey"
	MsgSignMismatch      = "sign result is not same"
	MsgLackDate          = "lack of header " + HeaderDate
	MsgLackNonce         = "lack of header " + HeaderNonce
	MsgBadDate           = "invalid " + HeaderDate
	MsgDateSkew          = HeaderDate + " is more than 15 minutes away from the server time"
	MsgNonceReused       = HeaderNonce + " has already been used"
	MsgUnsignedDateNonce = "signed headers must include " + HeaderDate + " and " + HeaderNonce
)

// VerifiedRequest is what a valid signature vouches for.
type VerifiedRequest struct {
	AccessKey     string
	Region        string
	Service       string
	Date          time.Time
	Nonce         string
	SignedHeaders []string
}

// Verify checks req's JDCLOUD2 signature as a JD Cloud gateway would. The
// region, service and signed headers come from the Authorization header,
// never assumed; x-jdcloud-date and x-jdcloud-nonce must be present and
// signed, and the date within MaxClockSkew of now. body is the request
// body as received. lookupSecret maps an access key to its secret key.
//
// Every failure is an *APIError 401 ACCESS_ERROR with one of the Msg*
// messages. Nonce replay is the caller's to check, with a NonceCache, because
// it needs state.
func Verify(req *http.Request, body []byte, lookupSecret func(ak string) (string, bool), now time.Time) (*VerifiedRequest, error) {
	auth := req.Header.Get("Authorization")
	if auth == "" {
		return nil, accessError(MsgLackAuthorization)
	}
	parsed, ok := parseAuthorization(auth)
	if !ok {
		return nil, accessError(MsgBadAuthorization)
	}
	dateValue := req.Header.Get(HeaderDate)
	if dateValue == "" {
		return nil, accessError(MsgLackDate)
	}
	nonce := req.Header.Get(HeaderNonce)
	if nonce == "" {
		return nil, accessError(MsgLackNonce)
	}
	if !slices.Contains(parsed.signed, HeaderDate) || !slices.Contains(parsed.signed, HeaderNonce) {
		return nil, accessError(MsgUnsignedDateNonce)
	}
	date, err := time.Parse(DateFormat, dateValue)
	if err != nil {
		return nil, accessError(MsgBadDate)
	}
	if d := now.Sub(date); d > MaxClockSkew || d < -MaxClockSkew {
		return nil, accessError(MsgDateSkew)
	}
	if parsed.day != dateValue[:8] {
		return nil, accessError(MsgSignMismatch)
	}
	for _, name := range parsed.signed {
		if name != "host" && len(req.Header.Values(name)) == 0 {
			return nil, accessError("lack of header " + name)
		}
	}
	secret, ok := lookupSecret(parsed.accessKey)
	if !ok {
		return nil, accessError(MsgInvalidAccessKey)
	}
	canonical := CanonicalRequest(req, body, parsed.signed)
	sts := StringToSign(dateValue, parsed.region, parsed.service, canonical)
	want := Signature(SigningKey(secret, parsed.day, parsed.region, parsed.service), sts)
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(parsed.signature))) {
		return nil, accessError(MsgSignMismatch)
	}
	return &VerifiedRequest{
		AccessKey:     parsed.accessKey,
		Region:        parsed.region,
		Service:       parsed.service,
		Date:          date,
		Nonce:         nonce,
		SignedHeaders: parsed.signed,
	}, nil
}

func accessError(msg string) *APIError {
	return &APIError{HTTPStatus: http.StatusUnauthorized, Status: StatusAccessError, Message: msg}
}

type authorization struct {
	accessKey, day, region, service string
	signed                          []string
	signature                       string
}

// parseAuthorization reads
// "JDCLOUD2-HMAC-SHA256 Credential=AK/day/region/service/jdcloud2_request,
// SignedHeaders=a;b, Signature=hex".
func parseAuthorization(v string) (authorization, bool) {
	var a authorization
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), Algorithm+" ")
	if !ok {
		return a, false
	}
	var credential, signedList string
	for part := range strings.SplitSeq(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch key {
		case "Credential":
			credential = value
		case "SignedHeaders":
			signedList = value
		case "Signature":
			a.signature = value
		default:
			return a, false
		}
	}
	scope := strings.Split(credential, "/")
	if len(scope) != 5 || scope[4] != scopeSuffix || signedList == "" || a.signature == "" {
		return a, false
	}
	for _, s := range scope[:4] {
		if s == "" {
			return a, false
		}
	}
	a.accessKey, a.day, a.region, a.service = scope[0], scope[1], scope[2], scope[3]
	for name := range strings.SplitSeq(signedList, ";") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			return a, false
		}
		a.signed = append(a.signed, name)
	}
	return a, true
}

// NonceCache remembers the nonces seen in the last window so a captured
// request cannot be replayed while its date is still acceptable. It is safe
// for concurrent use.
type NonceCache struct {
	mu        sync.Mutex
	window    time.Duration
	seen      map[string]time.Time
	lastSweep time.Time
}

// NewNonceCache returns a cache with the given window (MaxClockSkew when 0).
// The window should be at least the clock-skew allowance: a nonce forgotten
// earlier could be replayed.
func NewNonceCache(window time.Duration) *NonceCache {
	if window <= 0 {
		window = MaxClockSkew
	}
	return &NonceCache{window: window, seen: map[string]time.Time{}}
}

// Use records nonce as seen at now. It returns a 401 ACCESS_ERROR *APIError
// when the nonce was already used within the window.
func (c *NonceCache) Use(nonce string, now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.lastSweep) > c.window/4 {
		for n, t := range c.seen {
			if now.Sub(t) > c.window {
				delete(c.seen, n)
			}
		}
		c.lastSweep = now
	}
	if t, ok := c.seen[nonce]; ok && now.Sub(t) <= c.window {
		return accessError(MsgNonceReused)
	}
	c.seen[nonce] = now
	return nil
}

// Len is how many nonces the cache holds.
func (c *NonceCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}
