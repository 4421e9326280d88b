package sandbox

import (
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/cocvm/cocvm/apiclient"
)

// authenticate checks the JDCLOUD2 signature with the client package's own
// verifier (one implementation of the algorithm for both sides), then the
// nonce against replay. Region and service come from the Credential scope,
// and any service name is accepted, as on JD Cloud's single-endpoint
// gateway. A nonce is recorded only once its signature is good, so forged
// requests cannot burn nonces.
func (s *Server) authenticate(r *http.Request, body []byte) *failure {
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

func (s *Server) lookupSecret(ak string) (string, bool) {
	if subtle.ConstantTimeCompare([]byte(ak), []byte(s.ak)) == 1 {
		return s.sk, true
	}
	return "", false
}
