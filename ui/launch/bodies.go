package launch

import (
	"io"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// WriteBodies writes every request body (wizard.Build of a draft, or a
// fleet's requests), the password masked unless show.
func WriteBodies(w io.Writer, reqs []apiclient.CreateInstancesRequest, show bool) error {
	for _, req := range reqs {
		if !show {
			req = wizard.Redact(req)
		}
		if _, err := w.Write(wizard.Marshal(req)); err != nil {
			return err
		}
	}
	return nil
}
