package sandbox

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// scopeTerminator ends every JDCLOUD2 credential scope.
const scopeTerminator = "jdcloud2_request"

// authenticate checks the credential scope against the call (region and
// service; "" skips that part, for an unknown API), then the JDCLOUD2
// signature with the client package's own verifier (one implementation of
// the algorithm for both sides), then the nonce against replay. A nonce is
// recorded only once its signature is good, so forged requests cannot burn
// nonces.
func (s *Server) authenticate(r *http.Request, body []byte, region, service string) *failure {
	if f := checkScope(r, region, service); f != nil {
		return f
	}
	now := s.now()
	vr, err := apiclient.Verify(r, body, s.lookupSecret, now)
	if err == nil {
		err = s.nonces.Use(vr.Nonce, now)
	}
	if err == nil {
		return nil
	}
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		return &failure{code: ae.HTTPStatus, status: ae.Status, message: ae.Message}
	}
	return fail(http.StatusUnauthorized, apiclient.StatusAccessError, "%s", err.Error())
}

// checkScope refuses a credential scope (day/region/service/jdcloud2_request)
// that JD Cloud's gateway would not accept for this call, saying which part
// is wrong and what it should be. A signature is only as good as its scope:
// without this, a request signed for another region or service would pass,
// since the verifier recomputes with whatever the scope names. The gateway
// tells services apart by the scope, so a call signed for another service
// is refused, not routed. An Authorization header that is missing or does
// not parse is left to apiclient.Verify, which words those failures.
func checkScope(r *http.Request, region, service string) *failure {
	parts, ok := credentialScope(r.Header.Get("Authorization"))
	if !ok {
		return nil
	}
	day, gotRegion, gotService, terminator := parts[0], parts[1], parts[2], parts[3]
	wrong := func(part, got, want, why string) *failure {
		return fail(http.StatusUnauthorized, apiclient.StatusAccessError,
			"invalid credential scope: %s '%s', expected '%s' (%s)", part, got, want, why)
	}
	// A missing or malformed date is Verify's to report.
	if date := r.Header.Get(apiclient.HeaderDate); len(date) >= 8 && day != date[:8] {
		return wrong("date", day, date[:8], "the day of "+apiclient.HeaderDate)
	}
	if region != "" && gotRegion != region {
		return wrong("region", gotRegion, region, "the region in the path")
	}
	if service != "" && gotService != service {
		return wrong("service", gotService, service, "the service this call belongs to")
	}
	if terminator != scopeTerminator {
		return wrong("terminator", terminator, scopeTerminator, "the last part of every scope")
	}
	return nil
}

// credentialScope reads day, region, service and terminator from an
// Authorization header's "Credential=AK/day/region/service/terminator".
func credentialScope(auth string) ([4]string, bool) {
	var parts [4]string
	rest, ok := strings.CutPrefix(strings.TrimSpace(auth), apiclient.Algorithm+" ")
	if !ok {
		return parts, false
	}
	for field := range strings.SplitSeq(rest, ",") {
		credential, ok := strings.CutPrefix(strings.TrimSpace(field), "Credential=")
		if !ok {
			continue
		}
		scope := strings.Split(credential, "/")
		if len(scope) != 5 {
			return parts, false
		}
		copy(parts[:], scope[1:])
		return parts, true
	}
	return parts, false
}

func (s *Server) lookupSecret(ak string) (string, bool) {
	if subtle.ConstantTimeCompare([]byte(ak), []byte(s.ak)) == 1 {
		return s.sk, true
	}
	return "", false
}
